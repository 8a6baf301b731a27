package org.mailwire.smtp.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mailwire.transport.line.DotStuffer;

/** The sizes a body held in memory declares are those of the octets each path then sends. */
class SmtpClientBodySourceTest {
    private static final byte[] ALPHABET = {'\r', '\n', '.', 'a'};

    /**
     * Over random bodies rich in CR, LF and dots: the DATA size is what the DotStuffer writes, less
     * the stuffed dots and the final {@code .CRLF} (RFC 1870 §3); the BDAT size is the body itself.
     */
    @Test
    void sizesMatchWhatEachPathSends() {
        Random random = new Random(1870);
        for (int round = 0; round < 5_000; round++) {
            byte[] body = new byte[random.nextInt(12)];
            for (int i = 0; i < body.length; i++) {
                body[i] = ALPHABET[random.nextInt(ALPHABET.length)];
            }
            BodySource source = BodySource.of(ByteBuffer.wrap(body));

            assertEquals(body.length, source.octets().orElseThrow(), () -> describe(body));
            assertEquals(dataSizeOnTheWire(body), source.dataSize().orElseThrow(), () -> describe(body));
        }
    }

    @Test
    void emptyBodyIsEmptyOnBothPaths() {
        BodySource source = BodySource.of(ByteBuffer.allocate(0));
        assertEquals(0, source.octets().orElseThrow());
        assertEquals(0, source.dataSize().orElseThrow());
    }

    /** Stuffs the body, then takes off the final dot line and the dot stuffed at the start of each line. */
    private static long dataSizeOnTheWire(byte[] body) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        DotStuffer stuffer = new DotStuffer();
        stuffer.write(ByteBuffer.wrap(body), b -> {
            byte[] copy = new byte[b.remaining()];
            b.get(copy);
            wire.writeBytes(copy);
        });
        stuffer.finish(b -> {
            byte[] copy = new byte[b.remaining()];
            b.get(copy);
            wire.writeBytes(copy);
        });
        byte[] sent = wire.toByteArray();
        long size = sent.length - 3;
        boolean lineStart = true;
        for (int i = 0; i < sent.length - 3; i++) {
            if (lineStart && sent[i] == '.') {
                size--;
            }
            lineStart = i > 0 && sent[i - 1] == '\r' && sent[i] == '\n';
        }
        return size;
    }

    private static String describe(byte[] body) {
        return new String(body, java.nio.charset.StandardCharsets.US_ASCII).replace("\r", "\\r").replace("\n", "\\n");
    }
}
