package org.mailwire.pop3.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** TOP's cut (RFC 1939 §7): headers, the blank line, then n body lines, whatever the chunking. */
class TopCutTest {
    private static final String MESSAGE = "A: 1\r\nB: 2\r\n\r\none\r\ntwo\r\nthree\r\n";

    private static String top(String message, int lines, int chunk) {
        byte[] bytes = message.getBytes(StandardCharsets.ISO_8859_1);
        TopCut cut = new TopCut(lines);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < bytes.length && !cut.done(); i += chunk) {
            ByteBuffer piece = ByteBuffer.wrap(bytes, i, Math.min(chunk, bytes.length - i));
            cut.cut(piece);
            out.write(piece.array(), piece.position(), piece.remaining());
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void cuts() {
        assertEquals("A: 1\r\nB: 2\r\n\r\n", top(MESSAGE, 0, 1000));
        assertEquals("A: 1\r\nB: 2\r\n\r\none\r\n", top(MESSAGE, 1, 1000));
        assertEquals(MESSAGE, top(MESSAGE, 3, 1000));
        assertEquals(MESSAGE, top(MESSAGE, 30, 1000));
        assertEquals("A: 1\nB: 2\n\none\n", top("A: 1\nB: 2\n\none\ntwo\n", 1, 1000));
        assertEquals("A: 1\rB: 2\r\r", top("A: 1\rB: 2\r\rone\r", 0, 1000));
        assertEquals("A: 1\r\nno blank line", top("A: 1\r\nno blank line", 0, 1000));
    }

    @Property
    void chunkingDoesNotMatter(@ForAll @StringLength(max = 200) String text, @ForAll @IntRange(min = 0, max = 5) int lines,
            @ForAll @IntRange(min = 1, max = 50) int chunk) {
        String message = text.chars().mapToObj(c -> String.valueOf("ab\r\n:"
                .charAt(c % 5))).reduce("", String::concat);
        assertEquals(top(message, lines, message.length() + 1), top(message, lines, chunk));
    }
}
