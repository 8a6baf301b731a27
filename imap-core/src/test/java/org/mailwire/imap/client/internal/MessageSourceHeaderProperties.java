package org.mailwire.imap.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Whether a message's header holds 8-bit octets, the test behind APPEND's automatic UTF8 form (RFC 6855 §4). */
class MessageSourceHeaderProperties {

    /** The plain definition: 8-bit octets before the first empty line (CRLF CRLF, or LF LF). */
    private static boolean reference(byte[] m) {
        int lineLength = 0;
        for (byte value : m) {
            int b = value & 0xff;
            if (b >= 0x80) {
                return true;
            }
            if (b == '\n') {
                if (lineLength == 0) {
                    return false;
                }
                lineLength = 0;
            } else if (b != '\r') {
                lineLength++;
            }
        }
        return false;
    }

    @Provide
    Arbitrary<byte[]> messages() {
        // few distinct octets, so that empty lines and 8-bit octets are both common
        return Arbitraries.of((byte) 'a', (byte) '\r', (byte) '\n', (byte) 0xc3, (byte) ':')
                .array(byte[].class).ofMaxSize(40);
    }

    @Property
    void arraysAnswerAsTheDefinitionSays(@ForAll("messages") byte[] message) throws IOException {
        assertEquals(reference(message), MessageSource.of(message).hasEightBitHeader());
    }

    @Property(tries = 30)
    void aFileAnswersAsItsBytesWhereverTheBlocksEnd(@ForAll("messages") byte[] tail,
            @ForAll @IntRange(min = 0, max = 3) int shift) throws IOException {
        // a header line longer than a read block puts the answer past the first block
        byte[] message = new byte[MessageSource.CHUNK - 1 - shift + tail.length];
        java.util.Arrays.fill(message, 0, MessageSource.CHUNK - 1 - shift, (byte) 'h');
        System.arraycopy(tail, 0, message, MessageSource.CHUNK - 1 - shift, tail.length);
        Path file = Files.createTempFile("mw-header", ".eml");
        try {
            Files.write(file, message);
            assertEquals(reference(message), MessageSource.of(file).hasEightBitHeader());
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void onlyTheHeaderCounts() throws IOException {
        assertTrue(MessageSource.of("Subject: caf\u00e9\r\n\r\nbody\r\n".getBytes(StandardCharsets.UTF_8))
                .hasEightBitHeader());
        assertFalse(MessageSource.of("Subject: cafe\r\n\r\nbod\u00e9\r\n".getBytes(StandardCharsets.UTF_8))
                .hasEightBitHeader());
        assertFalse(MessageSource.of("Subject: cafe\n\nbod\u00e9\n".getBytes(StandardCharsets.UTF_8))
                .hasEightBitHeader());
        // a stream cannot be read ahead: never counted as internationalised
        byte[] eightBit = "Subject: caf\u00e9\r\n\r\n".getBytes(StandardCharsets.UTF_8);
        assertFalse(MessageSource.of(new ByteArrayInputStream(eightBit), eightBit.length).hasEightBitHeader());
    }
}
