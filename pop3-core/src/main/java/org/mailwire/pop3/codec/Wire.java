package org.mailwire.pop3.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Turns an encoder's text into octets, refusing any CR, LF or NUL that is not a line end. */
final class Wire {

    private Wire() {
    }

    /**
     * UTF-8 octets of {@code text}, whose lines each end with CRLF. A CR, LF or NUL anywhere else
     * would let a value start a second command or response (SECURITY.md row 11); the model refuses
     * them at construction, and this is the second line of defence. The message never echoes the
     * value.
     */
    static ByteBuffer encode(CharSequence text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            boolean lineEnd = c == '\r' ? i + 1 < n && text.charAt(i + 1) == '\n'
                    : c == '\n' && i > 0 && text.charAt(i - 1) == '\r';
            if ((c == '\r' || c == '\n' || c == 0) && !lineEnd) {
                throw new IllegalArgumentException("CR, LF or NUL inside a value");
            }
        }
        return ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Throws unless {@code value} is free of CR, LF and NUL; never echoes it. */
    static void requireNoLineBreak(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("CR, LF or NUL inside a value");
            }
        }
    }
}
