package org.mailwire.smtp.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mailwire.transport.line.DotStuffer;

class DotStufferTest {

    static String stuff(String body, int chunk) {
        DotStuffer stuffer = new DotStuffer();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < bytes.length; i += chunk) {
            stuffer.write(ByteBuffer.wrap(bytes, i, Math.min(chunk, bytes.length - i)), b -> {
                byte[] copy = new byte[b.remaining()];
                b.get(copy);
                out.writeBytes(copy);
            });
        }
        stuffer.finish(b -> {
            byte[] copy = new byte[b.remaining()];
            b.get(copy);
            out.writeBytes(copy);
        });
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("", ".\r\n"),
                Arguments.of("a", "a\r\n.\r\n"),
                Arguments.of("a\r\n", "a\r\n.\r\n"),
                Arguments.of(".", "..\r\n.\r\n"),
                Arguments.of(".a\r\n.\r\n", "..a\r\n..\r\n.\r\n"),
                // Smuggling payloads: every bare CR and LF becomes CRLF and the dot after it is doubled.
                Arguments.of("a\n.\nb", "a\r\n..\r\nb\r\n.\r\n"),
                Arguments.of("a\n.\r\nb", "a\r\n..\r\nb\r\n.\r\n"),
                Arguments.of("a\r.\rb", "a\r\n..\r\nb\r\n.\r\n"),
                Arguments.of("a\r\n.\nb", "a\r\n..\r\nb\r\n.\r\n"),
                Arguments.of("a\r", "a\r\n.\r\n"),
                Arguments.of("\r\r\n", "\r\n\r\n.\r\n"),
                Arguments.of("\n\n", "\r\n\r\n.\r\n"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void stuffsAndCanonicalises(String body, String expected) {
        for (int chunk = 1; chunk <= Math.max(1, body.length()); chunk++) {
            assertEquals(expected, stuff(body, chunk), "chunk " + chunk);
        }
    }

    @Test
    void largeBodiesComeOutInBoundedChunks() {
        DotStuffer stuffer = new DotStuffer();
        int[] total = new int[1];
        stuffer.write(ByteBuffer.wrap(new byte[100_000]), b -> {
            if (b.remaining() > DotStuffer.CHUNK_SIZE) {
                throw new AssertionError("chunk too large");
            }
            total[0] += b.remaining();
        });
        assertEquals(100_000, total[0]);
    }
}
