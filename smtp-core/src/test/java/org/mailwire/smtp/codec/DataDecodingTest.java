package org.mailwire.smtp.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailwire.smtp.SmtpCommand;
import org.mailwire.smtp.codec.DataOutcome.DataViolation;

/** DATA: the terminator, dot-unstuffing, SMTP smuggling (SECURITY.md row 1) and the size limit. */
class DataDecodingTest {

    private static final SmtpDecoderConfig STRICT = SmtpDecoderConfig.defaults();
    private static final SmtpDecoderConfig NORMALISING = SmtpDecoderConfig.builder()
            .allow(SmtpLeniency.BARE_LF_IN_DATA_NORMALISED).build();

    /** Events after "DATA\r\n" (the DATA command itself dropped). */
    private static List<ServerEvent> data(String body, SmtpDecoderConfig config) {
        List<ServerEvent> events = ServerFeed.whole(("DATA\r\n" + body).getBytes(StandardCharsets.ISO_8859_1), config,
                true).events();
        assertEquals(new ServerEvent.Command(new SmtpCommand.Data()), events.get(0));
        return events.subList(1, events.size());
    }

    private static List<ServerEvent> message(String delivered, long size, DataViolation... violations) {
        return delivered.isEmpty()
                ? List.of(new ServerEvent.DataEnd(new DataOutcome(size, Set.of(violations))))
                : List.of(new ServerEvent.Data(delivered), new ServerEvent.DataEnd(new DataOutcome(size, Set.of(violations))));
    }

    @Test
    void emptyMessage() {
        assertEquals(message("", 0), data(".\r\n", STRICT));
    }

    @Test
    void theFinalCrlfBelongsToTheBody() {
        assertEquals(message("a\r\n", 3), data("a\r\n.\r\n", STRICT));
    }

    @Test
    void dotUnstuffing() {
        assertEquals(message(".\r\n..\r\n.x\r\nx.\r\n", 15), data("..\r\n...\r\n..x\r\nx.\r\n.\r\n", STRICT));
        // A single leading dot with more on the line is dropped too (RFC 5321 §4.5.2).
        assertEquals(message("x\r\n", 3), data(".x\r\n.\r\n", STRICT));
    }

    @Test
    void commandsAfterTheEndAreCommandsAgain() {
        List<ServerEvent> events = data("a\r\n.\r\nQUIT\r\n", STRICT);
        assertEquals(new ServerEvent.Command(new SmtpCommand.Quit()), events.get(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n.\n", "\n.\r\n", "\r.\r", "\r\n.\n", "\r\n.\r", "\n.\r"})
    void smugglingSequencesDoNotEndDataAndAreReported(String attempt) {
        String body = "a" + attempt + "MAIL FROM:<evil@example.com>\r\n.\r\n";
        List<ServerEvent> events = data(body, STRICT);
        assertEquals(2, events.size(), events::toString);
        DataOutcome outcome = ((ServerEvent.DataEnd) events.get(1)).outcome();
        boolean hasLf = attempt.replace("\r\n", "").contains("\n");
        boolean hasCr = attempt.replace("\r\n", "").contains("\r");
        assertEquals(hasLf, outcome.violations().contains(DataViolation.BARE_LF), outcome::toString);
        assertEquals(hasCr, outcome.violations().contains(DataViolation.BARE_CR), outcome::toString);
        String delivered = ((ServerEvent.Data) events.get(0)).bytes();
        assertEquals(true, delivered.endsWith("MAIL FROM:<evil@example.com>\r\n"), delivered);
    }

    @Test
    void bareBytesAreDeliveredAsIsByDefault() {
        assertEquals(message("a\nb\rc\r\n", 7, DataViolation.BARE_LF, DataViolation.BARE_CR), data("a\nb\rc\r\n.\r\n", STRICT));
        // <LF>.<LF>: the dot after a bare LF is content, not stuffing.
        assertEquals(message("a\n.\nb\r\n", 7, DataViolation.BARE_LF), data("a\n.\nb\r\n.\r\n", STRICT));
        // <CRLF>.<CR>x: the dot was stuffing, the CR stays as a bare CR.
        assertEquals(message("a\r\n\rx\r\n", 7, DataViolation.BARE_CR), data("a\r\n.\rx\r\n.\r\n", STRICT));
    }

    @Test
    void nulIsAViolationInData() {
        assertEquals(message("a\0b\r\n", 5, DataViolation.NUL), data("a\0b\r\n.\r\n", STRICT));
    }

    @Test
    void bareLfNormalisedLeniencyNeverEndsTheMessage() {
        assertEquals(message("a\r\nb\r\n", 6), data("a\nb\r\n.\r\n", NORMALISING));
        // <LF>.<LF> and <LF>.<CRLF> become CRLF . CRLF inside the body; only the real terminator ends it.
        assertEquals(message("a\r\n.\r\nb\r\n", 9), data("a\n.\nb\r\n.\r\n", NORMALISING));
        assertEquals(message("a\r\n.\r\nb\r\n", 9), data("a\n.\r\nb\r\n.\r\n", NORMALISING));
        // A bare CR stays a violation under this leniency.
        assertEquals(message("a\rb\r\n", 5, DataViolation.BARE_CR), data("a\rb\r\n.\r\n", NORMALISING));
    }

    @Test
    void textLineLimitBothSides() {
        SmtpDecoderConfig config = SmtpDecoderConfig.builder().maxTextLine(20).build();
        String ok = "x".repeat(18);
        assertEquals(message(ok + "\r\n", 20), data(ok + "\r\n.\r\n", config));
        assertEquals(message(ok + "x\r\n", 21, DataViolation.LINE_TOO_LONG), data(ok + "x\r\n.\r\n", config));
        // The stuffing dot counts: the limit is on the wire line (RFC 5321 §4.5.3.1.6).
        assertEquals(message("." + "x".repeat(17) + "\r\n", 20, DataViolation.LINE_TOO_LONG),
                data(".." + "x".repeat(17) + "\r\n.\r\n", config));
        String defaultOk = "y".repeat(998);
        assertEquals(message(defaultOk + "\r\n", 1000), data(defaultOk + "\r\n.\r\n", STRICT));
        assertEquals(message(defaultOk + "y\r\n", 1001, DataViolation.LINE_TOO_LONG),
                data(defaultOk + "y\r\n.\r\n", STRICT));
    }

    @Test
    void sizeLimitBothSidesAndReadingGoesOnToTheRealEnd() {
        String body = "0123456789\r\n";
        assertEquals(List.of(new ServerEvent.Command(new SmtpCommand.Data()), new ServerEvent.Data(body),
                new ServerEvent.DataEnd(new DataOutcome(12, Set.of()))), withLimit(body, 12));
        assertEquals(List.of(new ServerEvent.Command(new SmtpCommand.Data()), new ServerEvent.Data(body.substring(0, 11)),
                new ServerEvent.DataEnd(new DataOutcome(12, Set.of(DataViolation.TOO_LARGE)))), withLimit(body, 11));
        assertEquals(List.of(new ServerEvent.Command(new SmtpCommand.Data()),
                new ServerEvent.DataEnd(new DataOutcome(24, Set.of(DataViolation.TOO_LARGE)))), withLimit(body + body, 0));
    }

    private static List<ServerEvent> withLimit(String body, long limit) {
        SmtpCommandDecoder decoder = new SmtpCommandDecoder(STRICT);
        RecordingServerSink sink = new RecordingServerSink(decoder, true, false, limit);
        for (byte b : ("DATA\r\n" + body + ".\r\n").getBytes(StandardCharsets.US_ASCII)) {
            decoder.decode(java.nio.ByteBuffer.wrap(new byte[] {b}), sink);
        }
        return sink.events();
    }

    @Test
    void defaultMaxMessageSizeIsTheConfigs() {
        SmtpDecoderConfig config = SmtpDecoderConfig.builder().maxMessageSize(3).build();
        SmtpCommandDecoder decoder = new SmtpCommandDecoder(config);
        RecordingServerSink sink = new RecordingServerSink(decoder, false, false, 0);
        decoder.expectData();
        decoder.decode(java.nio.ByteBuffer.wrap("abc\r\n.\r\n".getBytes(StandardCharsets.US_ASCII)), sink);
        assertEquals(List.of(new ServerEvent.Data("abc"),
                new ServerEvent.DataEnd(new DataOutcome(5, Set.of(DataViolation.TOO_LARGE)))), sink.events());
    }
}
