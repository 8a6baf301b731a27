package org.mailwire.imap.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailwire.imap.Flag;
import org.mailwire.imap.ImapCommand;
import org.mailwire.imap.ImapDateTime;
import org.mailwire.imap.MailboxName;
import org.mailwire.imap.Tag;

/** MULTIAPPEND (RFC 3502), CATENATE (RFC 4469) and UTF8 APPEND (RFC 6855) on the server side. */
class ImapAppendExtensionsTest {

    private static final Tag A1 = Tag.of("A1");
    private static final MailboxName SENT = MailboxName.of("Sent");
    private static final ImapDecoderConfig DEFAULTS = ImapDecoderConfig.defaults();

    private static List<String> events(ImapDecoderConfig config, String wire) {
        return ImapCommandDecoderTest.events(config, wire);
    }

    private static List<String> events(String wire) {
        return events(DEFAULTS, wire);
    }

    private static String append(ImapCommand.Append a, boolean sync) {
        return "append " + a + " sync=" + sync;
    }

    private static ImapCommand.Append message(long size) {
        return new ImapCommand.Append(A1, SENT, List.of(), null, size, false);
    }

    private static String data(String s) {
        return "data " + HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------ MULTIAPPEND

    @Test
    void multiappendStreamsEachMessageUnderOneTag() {
        ImapDateTime date = new ImapDateTime(OffsetDateTime.of(2024, 7, 1, 9, 5, 0, 0, ZoneOffset.ofHours(2)));
        ImapCommand.Append second = new ImapCommand.Append(A1, SENT, List.of(Flag.SEEN, Flag.DRAFT), date, 3, false);
        assertEquals(List.of(append(message(5), true), "+ 5", data("hello"), append(second, true), "+ 3", data("abc"),
                append(message(0), false), "appendEnd A1", "command Noop[tag=A2]"),
                events("A1 APPEND Sent {5}\r\nhello (\\Seen \\Draft) \" 1-Jul-2024 09:05:00 +0200\" {3}\r\nabc {0+}\r\n"
                        + "\r\nA2 NOOP\r\n"));
    }

    @Test
    void multiappendWithLiteralMailboxBinaryAndEmptyMessages() {
        ImapCommand.Append bin = new ImapCommand.Append(A1, SENT, List.of(), null, 2, true);
        assertEquals(List.of("+ 4", append(message(0), true), "+ 0", append(bin, false), "data 0001", "appendEnd A1"),
                events("A1 APPEND {4}\r\nSent {0}\r\n ~{2+}\r\n\0\1\r\n"));
    }

    @Test
    void multiappendRefusals() {
        String syntax = "invalid A1 BAD Syntax error in command";
        // After a message: CRLF or SP append-message, nothing else.
        List<String> e = events("A1 APPEND Sent {1+}\r\nx  {1}\r\n");
        assertEquals(List.of(append(message(1), false), data("x"), syntax), e);
        assertEquals(syntax, last(events("A1 APPEND Sent {1+}\r\nx (\\Seen)\r\n")));
        assertEquals(syntax, last(events("A1 APPEND Sent {1+}\r\nx \"bad date\" {1}\r\n")));
        // A non-synchronising literal after a refused prefix is on its way: fatal.
        assertEquals(syntax + " fatal", last(events("A1 APPEND Sent {1+}\r\nx y {1+}\r\n")));
        // NUL in a message that is not a literal8 ends the command at the next line or header.
        assertEquals("invalid A1 BAD NUL octet not allowed", last(events("A1 APPEND Sent {1+}\r\n\0 {1}\r\n")));
        assertEquals("invalid A1 BAD NUL octet not allowed fatal", last(events("A1 APPEND Sent {1+}\r\n\0 {1+}\r\n")));
        // The literal limit applies to every message, checked at its header.
        ImapDecoderConfig small = DEFAULTS.toBuilder().maxLiteralBeforeAuth(4).build();
        assertEquals(List.of(append(message(4), false), data("abcd"), "invalid A1 BAD [TOOBIG] Literal too big"),
                events(small, "A1 APPEND Sent {4+}\r\nabcd {5}\r\n"));
    }

    @Test
    void messagesPerAppendAreCapped() {
        ImapDecoderConfig two = DEFAULTS.toBuilder().maxAppendMessages(2).build();
        String twoMessages = "A1 APPEND Sent {1+}\r\na {1+}\r\nb\r\n";
        assertEquals("appendEnd A1", last(events(two, twoMessages)));
        // The third message is refused at its header: before any of its octets or a "+".
        assertEquals(List.of(append(message(1), false), data("a"), append(message(1), false), data("b"),
                "invalid A1 BAD Too many messages in APPEND"), events(two, "A1 APPEND Sent {1+}\r\na {1+}\r\nb {9}\r\n"));
        assertEquals(ImapDecoderConfig.DEFAULT_MAX_APPEND_MESSAGES, DEFAULTS.maxAppendMessages());
    }

    @Test
    void lineLimitCountsTheWholeMultiappend() {
        ImapDecoderConfig c = DEFAULTS.toBuilder().maxLineBeforeAuth(40).build();
        // 22 + 7 + 7 + 2 text octets: fits; one more message does not.
        assertEquals("appendEnd A1", last(events(c, "A1 APPEND Sent {1+}\r\na {1+}\r\nb {1+}\r\nc\r\n")));
        // The fourth line crosses the limit; it ends in a non-synchronising literal: fatal.
        assertTrue(events(c, "A1 APPEND Sent {1+}\r\na {1+}\r\nb {1+}\r\nc {1+}\r\nd {1+}\r\ne\r\n")
                .contains("invalid A1 BAD Command line too long fatal"));
    }

    // ------------------------------------------------------------ CATENATE

    @Test
    void catenateUrlsAndTextParts() {
        ImapCommand.Catenate cat = new ImapCommand.Catenate(A1, SENT, List.of(Flag.SEEN), null);
        assertEquals(List.of("catenate " + cat, "url A1 /Drafts;UIDVALIDITY=385759045/;UID=20/;section=HEADER",
                "text A1 42 sync=true", "+ 42", data("\r\n--------------030308070208000400050907\r\n"),
                // The URL literal is asked for first: URL parts are delivered at the next TEXT part.
                "+ 25", "url A1 /Drafts;UIDVALIDITY=385759045/;UID=20/;section=1.MIME", "url A1 /Drafts;UID=20/;section=1",
                "text A1 0 sync=false", "appendEnd A1"),
                events("A1 APPEND Sent (\\Seen) CATENATE (URL \"/Drafts;UIDVALIDITY=385759045/;UID=20/;section=HEADER\" "
                        + "TEXT {42}\r\n\r\n--------------030308070208000400050907\r\n "
                        + "URL /Drafts;UIDVALIDITY=385759045/;UID=20/;section=1.MIME URL {25}\r\n"
                        + "/Drafts;UID=20/;section=1 TEXT {0+}\r\n)\r\n"));
    }

    @Test
    void catenateOfUrlsOnlyIsOneLine() {
        ImapCommand.Catenate cat = new ImapCommand.Catenate(A1, SENT, List.of(), null);
        assertEquals(List.of("catenate " + cat, "url A1 /a;UID=1", "url A1 /b;UID=2", "appendEnd A1", "command Noop[tag=A2]"),
                events("A1 APPEND Sent CATENATE (URL /a;UID=1 URL \"/b;UID=2\")\r\nA2 NOOP\r\n"));
    }

    @Test
    void catenateMixedWithLiteralMessagesAndUtf8() {
        ImapCommand.Catenate cat = new ImapCommand.Catenate(A1, SENT, List.of(), null);
        ImapCommand.Append utf8 = new ImapCommand.Append(A1, SENT, List.of(), null, 3, true, true);
        assertEquals(List.of(append(message(1), false), data("x"), "catenate " + cat, "text A1 2 utf8 sync=false",
                "data c3a4", "url A1 u", append(utf8, false), "data 610062", "appendEnd A1"),
                events("A1 APPEND Sent {1+}\r\nx CATENATE (UTF8 (~{2+}\r\n\u00e4) URL u) UTF8 (~{3+}\r\na\0b)\r\n"));
    }

    @Test
    void catenateRefusals() {
        String syntax = "invalid A1 BAD Syntax error in command";
        for (String bad : new String[] {"CATENATE ()", "CATENATE (URL)", "CATENATE (FOO x)", "CATENATE URL x",
            "CATENATE (URL x", "CATENATE (URL x))", "CATENATE (URL x) junk", "CATENATE (URL x)(URL y)",
            "CATENATE ( URL x)"}) {
            assertEquals(List.of(syntax), events("A1 APPEND Sent " + bad + "\r\n"), bad);
        }
        assertEquals(List.of("invalid A1 BAD Binary literal not allowed here"),
                events("A1 APPEND Sent CATENATE (TEXT ~{1}\r\n"));
        assertEquals(List.of(syntax), events("A1 APPEND Sent CATENATE (UTF8 ({1}\r\n"));
        assertEquals(List.of(syntax), events("A1 APPEND Sent CATENATE (UTF8 ~{1}\r\n"));
        // After a TEXT part: SP part or ")".
        assertEquals(syntax, last(events("A1 APPEND Sent CATENATE (TEXT {1+}\r\nx\r\n")));
        assertEquals(syntax, last(events("A1 APPEND Sent CATENATE (UTF8 (~{1+}\r\nx URL y)\r\n")));
        assertEquals("invalid A1 BAD NUL octet not allowed", last(events("A1 APPEND Sent CATENATE (TEXT {1+}\r\n\0)\r\n")));
    }

    @Test
    void partsPerCatenateAreCapped() {
        ImapDecoderConfig two = DEFAULTS.toBuilder().maxCatenateParts(2).build();
        assertEquals("appendEnd A1", last(events(two, "A1 APPEND Sent CATENATE (URL a URL b) CATENATE (URL c URL d)\r\n")));
        assertEquals(List.of("invalid A1 BAD Too many CATENATE parts"),
                events(two, "A1 APPEND Sent CATENATE (URL a URL b URL c)\r\n"));
        // Refused at the TEXT header, before "+".
        List<String> e = events(two, "A1 APPEND Sent CATENATE (URL a TEXT {1+}\r\nb TEXT {5}\r\n");
        assertEquals("invalid A1 BAD Too many CATENATE parts", last(e));
        assertFalse(e.contains("+ 5"));
        assertEquals(ImapDecoderConfig.DEFAULT_MAX_CATENATE_PARTS, DEFAULTS.maxCatenateParts());
    }

    // ------------------------------------------------------------ UTF8

    @Test
    void utf8Append() {
        ImapCommand.Append utf8 = new ImapCommand.Append(A1, MailboxName.of("\u00e4"), List.of(Flag.SEEN), null, 4,
                true, true);
        assertEquals(List.of(append(utf8, true), "+ 4", "data 00c3a40a", "appendEnd A1"),
                events("A1 APPEND \"\u00e4\" (\\Seen) UTF8 (~{4}\r\n\0\u00e4\n)\r\n"));
        String syntax = "invalid A1 BAD Syntax error in command";
        assertEquals(List.of(syntax), events("A1 APPEND x UTF8 ({4}\r\n"));
        assertEquals(List.of(syntax), events("A1 APPEND x UTF8 ~{4}\r\n"));
        assertEquals(syntax, last(events("A1 APPEND x UTF8 (~{1+}\r\na\r\n")));
        assertEquals(syntax, last(events("A1 APPEND x UTF8 (~{1+}\r\na))\r\n")));
    }

    // ------------------------------------------------------------ pausing and refusing

    @Test
    void pausedEventsWaitForTheNextDecodeCall() {
        ImapCommandDecoder d = new ImapCommandDecoder(DEFAULTS);
        ServerFeed.Recorder r = new ServerFeed.Recorder(d, true, false);
        byte[] wire = "A1 APPEND Sent CATENATE (URL a URL b)\r\n".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer in = ByteBuffer.wrap(wire);
        d.decode(in, r);
        assertFalse(in.hasRemaining());
        assertEquals(1, r.events.size());
        assertTrue(d.hasPendingEvents());
        int bounded = 0;
        while (d.hasPendingEvents() && bounded++ < 10) {
            d.decode(ByteBuffer.allocate(0), r);
        }
        assertEquals(4, r.events.size(), r.events.toString());
        assertEquals("appendEnd A1", last(r.events));
    }

    @Test
    void refusedMessageLiteralDropsTheWholeMultiappend() {
        ImapCommandDecoder d = new ImapCommandDecoder(DEFAULTS);
        ServerFeed.Recorder r = new ServerFeed.Recorder(d, false, true);
        d.decode(ByteBuffer.wrap("A1 APPEND Sent {1+}\r\na {3}\r\nA2 NOOP\r\n".getBytes(StandardCharsets.US_ASCII)), r);
        assertTrue(d.awaitingContinuation());
        d.refuseLiteral();
        ByteBuffer rest = ByteBuffer.wrap("A2 NOOP\r\n".getBytes(StandardCharsets.US_ASCII));
        d.decode(rest, r);
        assertEquals("command Noop[tag=A2]", last(r.events));
    }

    @Test
    void everyFragmentSizeGivesTheSameEvents() {
        byte[] input = ("A1 APPEND {4}\r\nSent (\\Seen) {5}\r\nhello CATENATE (URL {3}\r\n/a; TEXT {2+}\r\nxy URL b) "
                + "UTF8 (~{2}\r\n\0\1)\r\nA2 APPEND Sent CATENATE (URL u)\r\nA3 ID (\"a\" {1}\r\nb)\r\n")
                .getBytes(StandardCharsets.UTF_8);
        List<String> whole = ServerFeed.whole(input, DEFAULTS).events();
        assertEquals("command " + new ImapCommand.Id(A1.value().equals("A3") ? A1 : Tag.of("A3"),
                java.util.Map.of("a", "b")), last(whole));
        for (int size = 1; size <= input.length; size++) {
            for (boolean later : new boolean[] {false, true}) {
                ServerFeed.Outcome o = ServerFeed.feed(input, new int[] {size}, DEFAULTS, size % 2 == 0, later);
                assertEquals(whole, o.events(), "fragment size " + size);
            }
        }
    }

    private static String last(List<String> events) {
        return events.get(events.size() - 1);
    }
}
