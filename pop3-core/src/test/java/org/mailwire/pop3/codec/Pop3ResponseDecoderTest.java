package org.mailwire.pop3.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mailwire.pop3.codec.ResponseShape.AUTH_STEP;
import static org.mailwire.pop3.codec.ResponseShape.LISTING_IF_OK;
import static org.mailwire.pop3.codec.ResponseShape.MULTI_LINE_IF_OK;
import static org.mailwire.pop3.codec.ResponseShape.SINGLE_LINE;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailwire.pop3.ResponseCode;
import org.mailwire.pop3.ScanListing;
import org.mailwire.pop3.StatusLine;
import org.mailwire.pop3.UniqueId;
import org.mailwire.pop3.codec.ClientEvent.Body;
import org.mailwire.pop3.codec.ClientEvent.Continuation;
import org.mailwire.pop3.codec.ClientEvent.End;
import org.mailwire.pop3.codec.ClientEvent.Status;
import org.mailwire.pop3.codec.ClientEvent.Violation;
import org.mailwire.pop3.codec.Pop3ResponseViolation.Kind;

class Pop3ResponseDecoderTest {

    static final Pop3DecoderConfig STRICT = Pop3DecoderConfig.defaults();

    static List<ClientEvent> events(String input, ResponseShape... shapes) {
        return ResponseFeed.whole(input, List.of(shapes), STRICT).events();
    }

    static Status ok(String text) {
        return new Status(StatusLine.ok(text));
    }

    static Status err(String text) {
        return new Status(StatusLine.err(text));
    }

    static Violation violation(Kind kind) {
        return new Violation(kind);
    }

    // ------------------------------------------------------------ status lines

    @Test
    void greeting() {
        assertEquals(List.of(ok("POP3 server ready <1896.697170952@dbc.mtview.ca.us>")),
                events("+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\r\n", SINGLE_LINE));
    }

    @Test
    void okAndErrWithAndWithoutText() {
        assertEquals(List.of(ok(""), ok(""), err(""), err(""), ok("2 320"), err("no such message")),
                events("+OK\r\n+OK \r\n-ERR\r\n-ERR \r\n+OK 2 320\r\n-ERR no such message\r\n",
                        SINGLE_LINE, SINGLE_LINE, SINGLE_LINE, SINGLE_LINE, SINGLE_LINE, SINGLE_LINE));
    }

    @Test
    void textKeepsInnerAndTrailingSpaces() {
        assertEquals(List.of(ok(" two  spaces "), err("\ttab")), events("+OK  two  spaces \r\n-ERR \ttab\r\n",
                SINGLE_LINE, SINGLE_LINE));
    }

    @Test
    void responseCodes() {
        assertEquals(List.of(new Status(StatusLine.err(ResponseCode.IN_USE, "Do you have another POP session running?")),
                        new Status(StatusLine.err(ResponseCode.SYS_TEMP, "")),
                        new Status(StatusLine.err(new ResponseCode("SYS/PERM/DISK"), "quota")),
                        new Status(StatusLine.ok(ResponseCode.LOGIN_DELAY, "wait")),
                        new Status(StatusLine.err(ResponseCode.AUTH, "bad password"))),
                events("-ERR [IN-USE] Do you have another POP session running?\r\n-ERR [SYS/TEMP]\r\n"
                                + "-ERR [SYS/PERM/DISK] quota\r\n+OK [LOGIN-DELAY] wait\r\n-ERR [AUTH] bad password\r\n",
                        SINGLE_LINE, SINGLE_LINE, SINGLE_LINE, SINGLE_LINE, SINGLE_LINE));
    }

    @Test
    void nestedCodesAreUnderTheirParents() {
        StatusLine line = ((Status) events("-ERR [SYS/TEMP] try later\r\n", SINGLE_LINE).get(0)).line();
        assertTrue(line.hasCode(ResponseCode.SYS));
        assertTrue(line.hasCode(ResponseCode.SYS_TEMP));
        assertFalse(line.hasCode(ResponseCode.SYS_PERM));
        assertFalse(line.hasCode(ResponseCode.IN_USE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[IN-USE", "[]", "[IN USE] x", "[a//b] x", "[/a] x", "[a/] x", "[IN-USE]x", "x [IN-USE]"})
    void malformedCodesStayText(String text) {
        assertEquals(List.of(err(text)), events("-ERR " + text + "\r\n", SINGLE_LINE));
    }

    @Test
    void utf8TextAndControlCharactersReplaced() {
        assertEquals(List.of(ok("Bienvenue \u00e0 bord"), ok("a\uFFFDb\uFFFDc")),
                ResponseFeed.whole(new byte[] {'+', 'O', 'K', ' ', 'B', 'i', 'e', 'n', 'v', 'e', 'n', 'u', 'e', ' ',
                        (byte) 0xC3, (byte) 0xA0, ' ', 'b', 'o', 'r', 'd', '\r', '\n',
                        '+', 'O', 'K', ' ', 'a', 0x1B, 'b', (byte) 0xFF, 'c', '\r', '\n'},
                        List.of(SINGLE_LINE, SINGLE_LINE), STRICT).events());
    }

    @ParameterizedTest
    @ValueSource(strings = {"+ok fine", "OK", "+OKAY", "-ERROR", "+OK\tx", "-err x", "", "* OK", "+ ", "250 OK"})
    void malformedStatus(String line) {
        assertEquals(List.of(violation(Kind.MALFORMED_STATUS)), events(line + "\r\n", SINGLE_LINE));
    }

    @Test
    void statusLineLengthBothSidesOf512() {
        String at = "+OK " + "x".repeat(512 - 2 - 4);
        assertEquals(List.of(ok("x".repeat(506))), events(at + "\r\n", SINGLE_LINE));
        assertEquals(List.of(violation(Kind.STATUS_LINE_TOO_LONG)), events(at + "x\r\n+OK\r\n", SINGLE_LINE, SINGLE_LINE));
    }

    @Test
    void bareLfNulAndBareCrInAStatusLineAreFatal() {
        assertEquals(List.of(violation(Kind.BARE_LF)), events("+OK a\nb\r\n+OK\r\n", SINGLE_LINE, SINGLE_LINE));
        assertEquals(List.of(violation(Kind.BARE_LF)), events("+OK\n+OK\r\n", SINGLE_LINE, SINGLE_LINE));
        assertEquals(List.of(violation(Kind.BARE_CR)), events("+OK a\rb\r\n", SINGLE_LINE));
        assertEquals(List.of(violation(Kind.NUL)), events("+OK a\0b\r\n", SINGLE_LINE));
    }

    @Test
    void aResponseWhenNoneIsExpectedIsFatal() {
        assertEquals(List.of(violation(Kind.UNEXPECTED_RESPONSE)), events("+OK\r\n"));
        assertEquals(List.of(ok("hi"), violation(Kind.UNEXPECTED_RESPONSE)), events("+OK hi\r\n+OK extra\r\n", SINGLE_LINE));
        // Even one byte.
        assertEquals(List.of(ok(""), violation(Kind.UNEXPECTED_RESPONSE)), events("+OK\r\n\r", SINGLE_LINE));
    }

    @Test
    void afterAViolationEverythingIsDiscardedUntilReset() {
        Pop3ResponseDecoder decoder = new Pop3ResponseDecoder(STRICT);
        RecordingResponseSink sink = new RecordingResponseSink(decoder, false, false);
        decoder.expect(SINGLE_LINE);
        decoder.expect(SINGLE_LINE);
        ByteBuffer in = ByteBuffer.wrap("garbage\r\n+OK\r\n".getBytes(StandardCharsets.US_ASCII));
        decoder.decode(in, sink);
        assertFalse(in.hasRemaining());
        assertTrue(decoder.failed());
        assertEquals(0, decoder.pendingResponses());
        decoder.decode(ByteBuffer.wrap("+OK\r\n".getBytes(StandardCharsets.US_ASCII)), sink);
        assertEquals(List.of(violation(Kind.MALFORMED_STATUS)), sink.events());
        decoder.reset();
        assertFalse(decoder.failed());
        decoder.expect(SINGLE_LINE);
        decoder.decode(ByteBuffer.wrap("+OK again\r\n".getBytes(StandardCharsets.US_ASCII)), sink);
        assertEquals(List.of(violation(Kind.MALFORMED_STATUS), ok("again")), sink.events());
    }

    @Test
    void resetForgetsAPartialLineAndExpectations() {
        // STLS: nothing the server sent before the handshake is read after it.
        Pop3ResponseDecoder decoder = new Pop3ResponseDecoder(STRICT);
        RecordingResponseSink sink = new RecordingResponseSink(decoder, false, false);
        decoder.expect(SINGLE_LINE);
        decoder.expect(SINGLE_LINE);
        decoder.decode(ByteBuffer.wrap("+OK begin TLS\r\n+OK inj".getBytes(StandardCharsets.US_ASCII)), sink);
        decoder.reset();
        assertEquals(0, decoder.pendingResponses());
        decoder.expect(SINGLE_LINE);
        decoder.decode(ByteBuffer.wrap("ected\r\n".getBytes(StandardCharsets.US_ASCII)), sink);
        assertEquals(List.of(ok("begin TLS"), violation(Kind.MALFORMED_STATUS)), sink.events());
    }

    // ------------------------------------------------------------ multi-line

    @Test
    void retrWithDotStuffedLines() {
        String wire = "+OK 120 octets\r\nSubject: hi\r\n\r\n..leading dot\r\n...\r\n.x\r\nlast\r\n.\r\n+OK\r\n";
        assertEquals(List.of(ok("120 octets"), new Body("Subject: hi\r\n\r\n.leading dot\r\n..\r\nx\r\nlast\r\n"),
                new End(), ok("")), events(wire, MULTI_LINE_IF_OK, SINGLE_LINE));
    }

    @Test
    void emptyBody() {
        assertEquals(List.of(ok(""), new End(), ok("bye")), events("+OK\r\n.\r\n+OK bye\r\n", MULTI_LINE_IF_OK, SINGLE_LINE));
    }

    @Test
    void bodyWithOnlyAnEmptyLine() {
        assertEquals(List.of(ok(""), new Body("\r\n"), new End()), events("+OK\r\n\r\n.\r\n", MULTI_LINE_IF_OK));
    }

    @Test
    void errForAMultiLineCommandHasNoBody() {
        assertEquals(List.of(err("no such message"), ok("")),
                events("-ERR no such message\r\n+OK\r\n", MULTI_LINE_IF_OK, SINGLE_LINE));
    }

    @Test
    void onlyCrLfDotCrLfEndsABody() {
        // LF.LF, LF.CRLF, CR.CR and .CR-x are content (the smuggling shapes of SECURITY.md row 1).
        String body = "a\n.\nb\n.\r\nc\r.\rd\r\n.\re\r\n";
        assertEquals(List.of(ok(""), new Body("a\n.\nb\n.\r\nc\r.\rd\r\n\re\r\n"), new End()),
                events("+OK\r\n" + body + ".\r\n", MULTI_LINE_IF_OK));
    }

    @Test
    void bodyLinesMayBeLongerThanAnyLimit() {
        String line = "y".repeat(100_000);
        assertEquals(List.of(ok(""), new Body(line + "\r\n"), new End()),
                events("+OK\r\n" + line + "\r\n.\r\n", MULTI_LINE_IF_OK));
    }

    @Test
    void nulInABodyIsFatalAfterWhatCameBefore() {
        assertEquals(List.of(ok(""), new Body("abc"), violation(Kind.NUL)),
                events("+OK\r\nabc\0def\r\n.\r\n+OK\r\n", MULTI_LINE_IF_OK, SINGLE_LINE));
    }

    @Test
    void bodyChunksAreViewsAndTheBodyIsNotBuffered() {
        Pop3ResponseDecoder decoder = new Pop3ResponseDecoder(STRICT);
        RecordingResponseSink sink = new RecordingResponseSink(decoder, false, false);
        decoder.expect(MULTI_LINE_IF_OK);
        decoder.decode(ByteBuffer.wrap("+OK\r\nhello ".getBytes(StandardCharsets.US_ASCII)), sink);
        // The first half came out before the rest of the line arrived.
        assertEquals(List.of(ok(""), new Body("hello ")), sink.events());
        decoder.decode(ByteBuffer.wrap("world\r\n.\r\n".getBytes(StandardCharsets.US_ASCII)), sink);
        assertEquals(List.of(ok(""), new Body("hello world\r\n"), new End()), sink.events());
    }

    @Test
    void topListingAndUidl() {
        String wire = "+OK\r\nFrom: a@example.com\r\n\r\nfirst line\r\n.\r\n"
                + "+OK 2 messages\r\n1 120\r\n2 200 extra\r\n.\r\n"
                + "+OK\r\n1 whqtswO00WBw418f9t5JxYwZ\r\n2 QhdPYR:00WBw1Ph7x7\r\n.\r\n";
        ResponseFeed.Outcome out = ResponseFeed.whole(wire, List.of(MULTI_LINE_IF_OK, LISTING_IF_OK, LISTING_IF_OK),
                STRICT);
        assertEquals(List.of(ok(""), new Body("From: a@example.com\r\n\r\nfirst line\r\n"), new End(),
                ok("2 messages"), new Body("1 120\r\n2 200 extra\r\n"), new End(),
                ok(""), new Body("1 whqtswO00WBw418f9t5JxYwZ\r\n2 QhdPYR:00WBw1Ph7x7\r\n"), new End()), out.events());
        // Listing chunks are whole lines.
        List<String> chunks = out.chunks();
        assertEquals(new ScanListing(1, 120), ScanListing.parse(chunks.get(1).strip()));
        assertEquals(new ScanListing(2, 200), ScanListing.parse(chunks.get(2).strip()));
        assertEquals(new UniqueId(2, "QhdPYR:00WBw1Ph7x7"), UniqueId.parse(chunks.get(4).strip()));
    }

    @Test
    void capaListingWithStuffedDot() {
        String wire = "+OK Capability list follows\r\nTOP\r\nUSER\r\nSASL PLAIN SCRAM-SHA-256\r\nRESP-CODES\r\n"
                + "..dotted\r\n.\r\n";
        ResponseFeed.Outcome out = ResponseFeed.whole(wire, List.of(LISTING_IF_OK), STRICT);
        assertEquals(List.of("TOP\r\n", "USER\r\n", "SASL PLAIN SCRAM-SHA-256\r\n", "RESP-CODES\r\n", ".dotted\r\n"),
                out.chunks());
    }

    @Test
    void listingLineLengthAndSize() {
        String at = "1 " + "9".repeat(16 * 1024 - 2 - 2);
        assertEquals(List.of(ok(""), new Body(at + "\r\n"), new End()), events("+OK\r\n" + at + "\r\n.\r\n", LISTING_IF_OK));
        assertEquals(List.of(ok(""), violation(Kind.LISTING_LINE_TOO_LONG)),
                events("+OK\r\n" + at + "9\r\n.\r\n", LISTING_IF_OK));
        // The same line in a streamed body is fine.
        assertEquals(List.of(ok(""), new Body(at + "9\r\n"), new End()),
                events("+OK\r\n" + at + "9\r\n.\r\n", MULTI_LINE_IF_OK));
        // 256 KiB in total: 16 lines of 16 KiB fill it exactly, one more line is too much.
        String line = "x".repeat(16 * 1024 - 2) + "\r\n";
        String full = line.repeat(16);
        assertEquals(List.of(ok(""), new Body(full), new End()), events("+OK\r\n" + full + ".\r\n", LISTING_IF_OK));
        assertEquals(List.of(ok(""), new Body(full), violation(Kind.LISTING_TOO_LARGE)),
                events("+OK\r\n" + full + "\r\n.\r\n", LISTING_IF_OK));
    }

    @Test
    void listingDefectsAreFatal() {
        assertEquals(List.of(ok(""), new Body("1 2\r\n"), violation(Kind.BARE_LF)),
                events("+OK\r\n1 2\r\n3\n4\r\n.\r\n", LISTING_IF_OK));
        assertEquals(List.of(ok(""), violation(Kind.BARE_CR)), events("+OK\r\n1\r2\r\n.\r\n", LISTING_IF_OK));
        assertEquals(List.of(ok(""), violation(Kind.NUL)), events("+OK\r\n1\0\r\n.\r\n", LISTING_IF_OK));
    }

    // ------------------------------------------------------------ AUTH

    @Test
    void authContinuations() {
        // The recording client expects one more AUTH step after each continuation.
        assertEquals(List.of(new Continuation(""), new Continuation("cj1mYWtlLHM9c2FsdCxpPTQwOTY="),
                        new Continuation("dj1zaWduYXR1cmU="), ok("logged in")),
                events("+ \r\n+ cj1mYWtlLHM9c2FsdCxpPTQwOTY=\r\n+ dj1zaWduYXR1cmU=\r\n+OK logged in\r\n", AUTH_STEP));
        assertEquals(List.of(new Status(StatusLine.err(ResponseCode.AUTH, "no"))), events("-ERR [AUTH] no\r\n", AUTH_STEP));
    }

    @Test
    void authWithoutMechanismListsThemAsAListing() {
        assertEquals(List.of(ok(""), new Body("PLAIN\r\nSCRAM-SHA-256\r\n"), new End()),
                events("+OK\r\nPLAIN\r\nSCRAM-SHA-256\r\n.\r\n", LISTING_IF_OK));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+", "+ not base64!", "+  AAAA", "+ A===", "+ =AAA"})
    void malformedContinuations(String line) {
        assertEquals(List.of(violation(Kind.MALFORMED_CONTINUATION)), events(line + "\r\n", AUTH_STEP));
    }

    @Test
    void aContinuationOutsideAuthIsMalformed() {
        assertEquals(List.of(violation(Kind.MALFORMED_STATUS)), events("+ AAAA\r\n", SINGLE_LINE));
    }

    @Test
    void authLineLimits() {
        String at = "+ " + "A".repeat(12288 - 2 - 2);
        assertEquals(List.of(new Continuation("A".repeat(12284)), violation(Kind.AUTH_LINE_TOO_LONG)),
                events(at + "\r\n" + at + "A\r\n", AUTH_STEP));
        // A status line in an AUTH step still obeys maxStatusLine.
        assertEquals(List.of(violation(Kind.STATUS_LINE_TOO_LONG)), events("+OK " + "x".repeat(507) + "\r\n", AUTH_STEP));
    }

    // ------------------------------------------------------------ pipelining

    @Test
    void pipelinedResponsesOfMixedShapes() {
        String wire = "+OK 2 320\r\n"                       // STAT
                + "+OK\r\n1 120\r\n2 200\r\n.\r\n"          // LIST
                + "-ERR [SYS/TEMP] busy\r\n"                  // RETR 1
                + "+OK\r\nbody\r\n.\r\n"                     // RETR 2
                + "+OK\r\n"                                   // DELE 2
                + "+OK dewey POP3 server signing off\r\n";  // QUIT
        assertEquals(List.of(ok("2 320"), ok(""), new Body("1 120\r\n2 200\r\n"), new End(),
                        new Status(StatusLine.err(ResponseCode.SYS_TEMP, "busy")),
                        ok(""), new Body("body\r\n"), new End(), ok(""), ok("dewey POP3 server signing off")),
                events(wire, SINGLE_LINE, LISTING_IF_OK, MULTI_LINE_IF_OK, MULTI_LINE_IF_OK, SINGLE_LINE, SINGLE_LINE));
    }

    @Test
    void pendingResponsesCountsTheOneInProgress() {
        Pop3ResponseDecoder decoder = new Pop3ResponseDecoder(STRICT);
        RecordingResponseSink sink = new RecordingResponseSink(decoder, false, false);
        decoder.expect(MULTI_LINE_IF_OK);
        decoder.expect(SINGLE_LINE);
        assertEquals(2, decoder.pendingResponses());
        decoder.decode(ByteBuffer.wrap("+OK\r\nabc".getBytes(StandardCharsets.US_ASCII)), sink);
        assertEquals(2, decoder.pendingResponses());
        decoder.decode(ByteBuffer.wrap("\r\n.\r\n".getBytes(StandardCharsets.US_ASCII)), sink);
        assertEquals(1, decoder.pendingResponses());
    }

    @Test
    void pausingStopsRightAfterTheEvent() {
        Pop3ResponseDecoder decoder = new Pop3ResponseDecoder(STRICT);
        RecordingResponseSink sink = new RecordingResponseSink(decoder, false, true);
        decoder.expect(SINGLE_LINE);
        decoder.expect(SINGLE_LINE);
        ByteBuffer in = ByteBuffer.wrap("+OK a\r\n+OK b\r\n".getBytes(StandardCharsets.US_ASCII));
        decoder.decode(in, sink);
        assertEquals(7, in.position());
        assertEquals(List.of(ok("a")), sink.events());
        decoder.decode(in, sink);
        assertFalse(in.hasRemaining());
        assertEquals(List.of(ok("a"), ok("b")), sink.events());
    }

    @Test
    void codeAbsentMeansEmptyOptional() {
        assertEquals(Optional.empty(), ((Status) events("-ERR x\r\n", SINGLE_LINE).get(0)).line().code());
    }
}
