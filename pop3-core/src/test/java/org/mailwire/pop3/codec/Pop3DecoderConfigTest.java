package org.mailwire.pop3.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mailwire.pop3.codec.ResponseShape.AUTH_STEP;
import static org.mailwire.pop3.codec.ResponseShape.LISTING_IF_OK;
import static org.mailwire.pop3.codec.ResponseShape.MULTI_LINE_IF_OK;
import static org.mailwire.pop3.codec.ResponseShape.SINGLE_LINE;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mailwire.pop3.Pop3Command;
import org.mailwire.pop3.StatusLine;
import org.mailwire.pop3.codec.ClientEvent.Body;
import org.mailwire.pop3.codec.ClientEvent.Continuation;
import org.mailwire.pop3.codec.ClientEvent.End;
import org.mailwire.pop3.codec.ClientEvent.Status;
import org.mailwire.pop3.codec.ClientEvent.Violation;

/** Every limit and every leniency, on both sides of its boundary, and the record's validation. */
class Pop3DecoderConfigTest {

    private static List<ServerEvent> server(String input, Pop3DecoderConfig config) {
        return ServerFeed.whole(input, config, true).events();
    }

    private static List<ClientEvent> client(String input, Pop3DecoderConfig config, ResponseShape... shapes) {
        return ResponseFeed.whole(input, List.of(shapes), config).events();
    }

    private static ServerEvent.Command cmd(Pop3Command c) {
        return new ServerEvent.Command(c);
    }

    private static ServerEvent.Invalid invalid(Pop3CommandViolation.Kind kind) {
        return new ServerEvent.Invalid(kind);
    }

    // ------------------------------------------------------------ the record

    @Test
    void defaultsAreTheRfcValuesAndStrict() {
        Pop3DecoderConfig d = Pop3DecoderConfig.defaults();
        assertEquals(255, d.maxCommandLine());
        assertEquals(12288, d.maxAuthLine());
        assertEquals(512, d.maxStatusLine());
        assertEquals(16 * 1024, d.maxMultiLineLine());
        assertEquals(256 * 1024, d.maxListingSize());
        assertEquals(Set.of(), d.leniencies());
        assertEquals(d, Pop3DecoderConfig.builder().build());
    }

    @Test
    void toBuilderKeepsEverything() {
        Pop3DecoderConfig c = Pop3DecoderConfig.builder().maxCommandLine(100).maxAuthLine(200).maxStatusLine(300)
                .maxMultiLineLine(400).maxListingSize(500).allow(Pop3Leniency.BARE_LF_ENDS_LINE).build();
        assertEquals(c, c.toBuilder().build());
        assertTrue(c.allows(Pop3Leniency.BARE_LF_ENDS_LINE));
        assertFalse(c.allows(Pop3Leniency.CONTINUATION_WITHOUT_SPACE));
        assertEquals(Set.of(), c.toBuilder().leniencies(Set.of()).build().leniencies());
    }

    @Test
    void leniencySetIsCopied() {
        EnumSet<Pop3Leniency> set = EnumSet.of(Pop3Leniency.BARE_LF_ENDS_LINE);
        Pop3DecoderConfig c = Pop3DecoderConfig.builder().leniencies(set).build();
        set.add(Pop3Leniency.CONTINUATION_WITHOUT_SPACE);
        assertEquals(Set.of(Pop3Leniency.BARE_LF_ENDS_LINE), c.leniencies());
        assertThrows(UnsupportedOperationException.class, () -> c.leniencies().clear());
    }

    @Test
    void everyLimitIsValidated() {
        int min = Pop3DecoderConfig.MIN_LINE_LIMIT;
        int max = Pop3DecoderConfig.MAX_LINE_LIMIT;
        Pop3DecoderConfig.builder().maxCommandLine(min).maxAuthLine(min).maxStatusLine(min).maxMultiLineLine(min)
                .maxListingSize(min).build();
        Pop3DecoderConfig.builder().maxCommandLine(max).maxAuthLine(max).maxStatusLine(max).maxMultiLineLine(max)
                .maxListingSize(Integer.MAX_VALUE).build();
        assertThrows(IllegalArgumentException.class, () -> Pop3DecoderConfig.builder().maxCommandLine(min - 1).build());
        assertThrows(IllegalArgumentException.class, () -> Pop3DecoderConfig.builder().maxCommandLine(max + 1).build());
        assertThrows(IllegalArgumentException.class, () -> Pop3DecoderConfig.builder().maxAuthLine(min - 1).build());
        assertThrows(IllegalArgumentException.class, () -> Pop3DecoderConfig.builder().maxAuthLine(max + 1).build());
        assertThrows(IllegalArgumentException.class, () -> Pop3DecoderConfig.builder().maxStatusLine(min - 1).build());
        assertThrows(IllegalArgumentException.class, () -> Pop3DecoderConfig.builder().maxStatusLine(max + 1).build());
        assertThrows(IllegalArgumentException.class, () -> Pop3DecoderConfig.builder().maxMultiLineLine(min - 1).build());
        assertThrows(IllegalArgumentException.class, () -> Pop3DecoderConfig.builder().maxMultiLineLine(max + 1).build());
        assertThrows(IllegalArgumentException.class, () -> Pop3DecoderConfig.builder().maxListingSize(min - 1).build());
        assertThrows(NullPointerException.class, () -> new Pop3DecoderConfig(255, 255, 255, 255, 255, null));
    }

    // ------------------------------------------------------------ limits, both sides

    @Test
    void maxCommandLine() {
        Pop3DecoderConfig c = Pop3DecoderConfig.builder().maxCommandLine(20).build();
        String at = "USER " + "u".repeat(13); // 18 + CRLF = 20
        assertEquals(List.of(cmd(new Pop3Command.User("u".repeat(13)))), server(at + "\r\n", c));
        assertEquals(List.of(invalid(Pop3CommandViolation.Kind.LINE_TOO_LONG)), server(at + "u\r\n", c));
    }

    @Test
    void maxAuthLine() {
        Pop3DecoderConfig c = Pop3DecoderConfig.builder().maxAuthLine(32).build();
        String at = "A".repeat(30);
        assertEquals(List.of(cmd(new Pop3Command.Auth("PLAIN")), new ServerEvent.AuthLine(at)),
                server("AUTH PLAIN\r\n" + at + "\r\n", c));
        assertEquals(List.of(cmd(new Pop3Command.Auth("PLAIN")), invalid(Pop3CommandViolation.Kind.AUTH_LINE_TOO_LONG),
                        cmd(new Pop3Command.Noop())),
                server("AUTH PLAIN\r\n" + at + "A\r\nNOOP\r\n", c));
        // Client side: a challenge line.
        Pop3DecoderConfig client = Pop3DecoderConfig.builder().maxAuthLine(32).maxStatusLine(16).build();
        String challenge = "+ " + "A".repeat(28);
        assertEquals(List.of(new Continuation("A".repeat(28))), client(challenge + "\r\n", client, AUTH_STEP));
        assertEquals(List.of(new Violation(Pop3ResponseViolation.Kind.AUTH_LINE_TOO_LONG)),
                client(challenge + "A\r\n", client, AUTH_STEP));
    }

    @Test
    void maxStatusLine() {
        Pop3DecoderConfig c = Pop3DecoderConfig.builder().maxStatusLine(20).build();
        String at = "-ERR " + "e".repeat(13);
        assertEquals(List.of(new Status(StatusLine.err("e".repeat(13)))), client(at + "\r\n", c, SINGLE_LINE));
        assertEquals(List.of(new Violation(Pop3ResponseViolation.Kind.STATUS_LINE_TOO_LONG)),
                client(at + "e\r\n", c, SINGLE_LINE));
        // In an AUTH step too, though its scanner holds longer lines.
        assertEquals(List.of(new Status(StatusLine.err("e".repeat(13)))), client(at + "\r\n", c, AUTH_STEP));
        assertEquals(List.of(new Violation(Pop3ResponseViolation.Kind.STATUS_LINE_TOO_LONG)),
                client(at + "e\r\n", c, AUTH_STEP));
    }

    @Test
    void maxMultiLineLine() {
        Pop3DecoderConfig c = Pop3DecoderConfig.builder().maxMultiLineLine(20).build();
        String at = "1 " + "u".repeat(16);
        assertEquals(List.of(new Status(StatusLine.ok("")), new Body(at + "\r\n"), new End()),
                client("+OK\r\n" + at + "\r\n.\r\n", c, LISTING_IF_OK));
        assertEquals(List.of(new Status(StatusLine.ok("")), new Violation(Pop3ResponseViolation.Kind.LISTING_LINE_TOO_LONG)),
                client("+OK\r\n" + at + "u\r\n.\r\n", c, LISTING_IF_OK));
        // A stuffed dot counts: it is on the wire.
        assertEquals(List.of(new Status(StatusLine.ok("")), new Violation(Pop3ResponseViolation.Kind.LISTING_LINE_TOO_LONG)),
                client("+OK\r\n." + at + "\r\n.\r\n", c, LISTING_IF_OK));
    }

    @Test
    void maxListingSize() {
        Pop3DecoderConfig c = Pop3DecoderConfig.builder().maxListingSize(20).build();
        String lines = "1 100\r\n2 200\r\n3 3\r\n"; // 7 + 7 + 5 = 19
        assertEquals(List.of(new Status(StatusLine.ok("")), new Body(lines), new End()),
                client("+OK\r\n" + lines + ".\r\n", c, LISTING_IF_OK));
        String more = "1 100\r\n2 200\r\n3 33\r\n"; // 20
        assertEquals(List.of(new Status(StatusLine.ok("")), new Body(more), new End()),
                client("+OK\r\n" + more + ".\r\n", c, LISTING_IF_OK));
        assertEquals(List.of(new Status(StatusLine.ok("")), new Body("1 100\r\n2 200\r\n"),
                        new Violation(Pop3ResponseViolation.Kind.LISTING_TOO_LARGE)),
                client("+OK\r\n1 100\r\n2 200\r\n3 333\r\n.\r\n", c, LISTING_IF_OK));
        // A streamed body is not a listing: no limit.
        assertEquals(List.of(new Status(StatusLine.ok("")), new Body("1 100\r\n2 200\r\n3 333\r\n"), new End()),
                client("+OK\r\n1 100\r\n2 200\r\n3 333\r\n.\r\n", c, MULTI_LINE_IF_OK));
    }

    // ------------------------------------------------------------ leniencies, on and off

    @Test
    void bareLfEndsLineOnTheServer() {
        Pop3DecoderConfig strict = Pop3DecoderConfig.defaults();
        Pop3DecoderConfig lenient = Pop3DecoderConfig.builder().allow(Pop3Leniency.BARE_LF_ENDS_LINE).build();
        String input = "USER a\nPASS b c\nAUTH PLAIN\nAGFiAGM=\nQUIT\r\n";
        assertEquals(List.of(invalid(Pop3CommandViolation.Kind.BARE_LF)), server(input, strict));
        assertEquals(List.of(cmd(new Pop3Command.User("a")), cmd(new Pop3Command.Pass("b c")),
                cmd(new Pop3Command.Auth("PLAIN")), new ServerEvent.AuthLine("AGFiAGM="), cmd(new Pop3Command.Quit())),
                server(input, lenient));
        // A bare CR is never a line end.
        assertEquals(List.of(invalid(Pop3CommandViolation.Kind.BARE_CR)), server("QUIT\rNOOP\n", lenient));
    }

    @Test
    void bareLfEndsLineOnTheClient() {
        Pop3DecoderConfig strict = Pop3DecoderConfig.defaults();
        Pop3DecoderConfig lenient = Pop3DecoderConfig.builder().allow(Pop3Leniency.BARE_LF_ENDS_LINE).build();
        String input = "+OK hi\n+OK\n..a\nb\n.\n+OK\nTOP\n.\n+ AAAA\n+OK\n";
        // Strict, the bare LFs end nothing: the first line runs to the CRLF and is refused.
        assertEquals(List.of(new Violation(Pop3ResponseViolation.Kind.BARE_LF)),
                client(input + "\r\n", strict, SINGLE_LINE, MULTI_LINE_IF_OK, LISTING_IF_OK, AUTH_STEP));
        assertEquals(List.of(new Status(StatusLine.ok("hi")), new Status(StatusLine.ok("")), new Body(".a\nb\n"), new End(),
                        new Status(StatusLine.ok("")), new Body("TOP\r\n"), new End(), new Continuation("AAAA"),
                        new Status(StatusLine.ok(""))),
                client(input, lenient, SINGLE_LINE, MULTI_LINE_IF_OK, LISTING_IF_OK, AUTH_STEP));
        // Strict: LF.LF inside a body is content, the body goes on to the CRLF.CRLF.
        assertEquals(List.of(new Status(StatusLine.ok("")), new Body("a\n.\nb\r\n"), new End()),
                client("+OK\r\na\n.\nb\r\n.\r\n", strict, MULTI_LINE_IF_OK));
        assertEquals(List.of(new Status(StatusLine.ok("")), new Body("a\n"), new End(),
                        new Violation(Pop3ResponseViolation.Kind.UNEXPECTED_RESPONSE)),
                client("+OK\r\na\n.\nb\r\n.\r\n", lenient, MULTI_LINE_IF_OK));
    }

    @Test
    void continuationWithoutSpace() {
        Pop3DecoderConfig lenient = Pop3DecoderConfig.builder().allow(Pop3Leniency.CONTINUATION_WITHOUT_SPACE).build();
        assertEquals(List.of(new Violation(Pop3ResponseViolation.Kind.MALFORMED_CONTINUATION)),
                client("+\r\n", Pop3DecoderConfig.defaults(), AUTH_STEP));
        assertEquals(List.of(new Continuation(""), new Status(StatusLine.ok(""))), client("+\r\n+OK\r\n", lenient, AUTH_STEP));
        // Only "+" alone: "+AAAA" is still malformed.
        assertEquals(List.of(new Violation(Pop3ResponseViolation.Kind.MALFORMED_STATUS)),
                client("+AAAA\r\n", lenient, AUTH_STEP));
    }
}
