package org.mailwire.smtp.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailwire.smtp.EnhancedStatusCode;
import org.mailwire.smtp.SmtpReply;

class SmtpReplyDecoderTest {

    private static final SmtpDecoderConfig DEFAULTS = SmtpDecoderConfig.defaults();

    private static List<Object> decode(String input, SmtpDecoderConfig config) {
        return ReplyFeed.whole(input.getBytes(StandardCharsets.UTF_8), config);
    }

    private static List<Object> decode(String input) {
        return decode(input, DEFAULTS);
    }

    @Test
    void singleAndMultiLineReplies() {
        assertEquals(List.of(SmtpReply.of(220, null, "mx.example.com ESMTP ready")),
                decode("220 mx.example.com ESMTP ready\r\n"));
        String ehlo = "250-mx.example.com\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-STARTTLS\r\n"
                + "250-AUTH PLAIN LOGIN\r\n250-ENHANCEDSTATUSCODES\r\n250-8BITMIME\r\n250-DSN\r\n250 CHUNKING\r\n";
        SmtpReply reply = (SmtpReply) decode(ehlo).get(0);
        assertEquals(250, reply.code());
        assertEquals(Optional.empty(), reply.status());
        assertEquals(9, reply.lines().size());
        assertEquals("CHUNKING", reply.lines().get(8));
        assertEquals(List.of(SmtpReply.of(250, null, "")), decode("250\r\n"));
        assertEquals(List.of(SmtpReply.of(250, null, "", "")), decode("250-\r\n250 \r\n"));
    }

    @Test
    void enhancedStatusCodesAreParsedAndStripped() {
        assertEquals(List.of(SmtpReply.of(250, "2.1.0", "Sender OK")), decode("250 2.1.0 Sender OK\r\n"));
        assertEquals(List.of(SmtpReply.of(550, "5.7.1", "Rejected", "See policy")),
                decode("550-5.7.1 Rejected\r\n550 5.7.1 See policy\r\n"));
        // Class must match the code's first digit, else it is text.
        assertEquals(List.of(SmtpReply.of(250, null, "5.1.1 odd")), decode("250 5.1.1 odd\r\n"));
        // Lines that do not carry the first line's code keep their text.
        assertEquals(List.of(SmtpReply.of(451, "4.3.0", "a", "4.4.1 b", "c")),
                decode("451-4.3.0 a\r\n451-4.4.1 b\r\n451 c\r\n"));
        assertEquals(List.of(SmtpReply.of(250, "2.0.0", "")), decode("250 2.0.0\r\n"));
        assertEquals(Optional.of(new EnhancedStatusCode(5, 5, 2)),
                ((SmtpReply) decode("500 5.05.002 x\r\n").get(0)).status());
        assertEquals(List.of(SmtpReply.of(250, null, "2.0.0x")), decode("250 2.0.0x\r\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"25 short\r\n", "2500 x\r\n", "650 x\r\n", "150 x\r\n", "abc x\r\n", "25a x\r\n", "250x\r\n",
            "\r\n", "099 x\r\n"})
    void malformedCodes(String input) {
        assertEquals(List.of(ReplyViolation.Kind.MALFORMED_CODE), decode(input));
    }

    @Test
    void mixedCodesNulBareLfBareCr() {
        assertEquals(List.of(ReplyViolation.Kind.MIXED_CODES), decode("250-a\r\n251 b\r\n"));
        assertEquals(List.of(ReplyViolation.Kind.NUL), decode("250 a\0b\r\n"));
        assertEquals(List.of(ReplyViolation.Kind.BARE_LF), decode("250 a\n250 b\r\n"));
        assertEquals(List.of(ReplyViolation.Kind.BARE_CR), decode("250 a\rb\r\n"));
    }

    @Test
    void everyViolationIsFatalAndTheRestIsDiscarded() {
        SmtpReplyDecoder decoder = new SmtpReplyDecoder(DEFAULTS);
        List<Object> events = new java.util.ArrayList<>();
        SmtpReplySink sink = new SmtpReplySink() {
            @Override
            public boolean reply(SmtpReply reply) {
                events.add(reply);
                return true;
            }

            @Override
            public boolean invalidReply(ReplyViolation violation) {
                assertTrue(violation.fatal());
                events.add(violation.kind());
                return true;
            }
        };
        ByteBuffer in = ByteBuffer.wrap("xyz\r\n250 ok\r\n".getBytes(StandardCharsets.US_ASCII));
        decoder.decode(in, sink);
        assertEquals(0, in.remaining());
        decoder.decode(ByteBuffer.wrap("250 ok\r\n".getBytes(StandardCharsets.US_ASCII)), sink);
        assertEquals(List.of(ReplyViolation.Kind.MALFORMED_CODE), events);
        assertTrue(decoder.failed());
        decoder.reset();
        decoder.decode(ByteBuffer.wrap("250 ok\r\n".getBytes(StandardCharsets.US_ASCII)), sink);
        assertEquals(SmtpReply.of(250, null, "ok"), events.get(1));
    }

    @Test
    void lineLengthLimitBothSides() {
        SmtpDecoderConfig config = SmtpDecoderConfig.builder().maxReplyLineLength(20).build();
        String ok = "250 " + "x".repeat(14);
        assertEquals(List.of(SmtpReply.of(250, null, "x".repeat(14))), decode(ok + "\r\n", config));
        assertEquals(List.of(ReplyViolation.Kind.LINE_TOO_LONG), decode(ok + "x\r\n", config));
        String defaultOk = "250 " + "y".repeat(16 * 1024 - 6);
        assertEquals(1, decode(defaultOk + "\r\n").size());
        assertTrue(decode(defaultOk + "\r\n").get(0) instanceof SmtpReply);
        assertEquals(List.of(ReplyViolation.Kind.LINE_TOO_LONG), decode(defaultOk + "y\r\n"));
    }

    @Test
    void lineCountLimitBothSides() {
        SmtpDecoderConfig config = SmtpDecoderConfig.builder().maxReplyLines(3).build();
        assertTrue(decode("250-a\r\n250-b\r\n250 c\r\n", config).get(0) instanceof SmtpReply);
        assertEquals(List.of(ReplyViolation.Kind.TOO_MANY_LINES), decode("250-a\r\n250-b\r\n250-c\r\n250 d\r\n", config));
        String many = "250-x\r\n".repeat(499) + "250 y\r\n";
        assertTrue(decode(many).get(0) instanceof SmtpReply);
        assertEquals(List.of(ReplyViolation.Kind.TOO_MANY_LINES), decode("250-x\r\n" + many));
    }

    @Test
    void replySizeLimitBothSides() {
        SmtpDecoderConfig config = SmtpDecoderConfig.builder().maxReplySize(21).build();
        assertTrue(decode("250-abcdefg\r\n250 ab\r\n", config).get(0) instanceof SmtpReply);
        assertEquals(List.of(ReplyViolation.Kind.REPLY_TOO_LARGE), decode("250-abcdefgh\r\n250 ab\r\n", config));
    }

    @Test
    void utf8TextAndControlsInText() {
        assertEquals(List.of(SmtpReply.of(250, null, "Grüße")), decode("250 Grüße\r\n"));
        byte[] withEscape = "250 a\u001Bb\r\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(List.of(SmtpReply.of(250, null, "a\uFFFDb")), ReplyFeed.whole(withEscape, DEFAULTS));
        byte[] badUtf8 = {'2', '5', '0', ' ', (byte) 0xC3, '\r', '\n'};
        assertEquals(List.of(SmtpReply.of(250, null, "\uFFFD")), ReplyFeed.whole(badUtf8, DEFAULTS));
    }

    @Test
    void pipelinedRepliesArriveInOrder() {
        assertEquals(List.of(SmtpReply.of(250, "2.1.0", "Ok"), SmtpReply.of(250, "2.1.5", "Ok"),
                SmtpReply.of(554, "5.5.1", "Error: no valid recipients"), SmtpReply.of(354, null, "End data with <CR><LF>.<CR><LF>")),
                decode("250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n554 5.5.1 Error: no valid recipients\r\n"
                        + "354 End data with <CR><LF>.<CR><LF>\r\n"));
    }
}
