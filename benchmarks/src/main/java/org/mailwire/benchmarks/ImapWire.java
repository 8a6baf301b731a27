package org.mailwire.benchmarks;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of server responses as they are written: atoms and punctuation, and strings in the
 * form a server picks for each (RFC 3501 §4.3). A string with 8-bit octets, CR or LF goes as a
 * literal, as Dovecot sends them; anything else quoted, with {@code "} and {@code \} escaped.
 */
final class ImapWire {
    private final ByteArrayOutputStream out;

    ImapWire(int expectedBytes) {
        out = new ByteArrayOutputStream(expectedBytes);
    }

    /** Protocol text: atoms, numbers, spaces, parentheses, CRLF. Never user data. */
    ImapWire text(String ascii) {
        out.writeBytes(ascii.getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    ImapWire number(long n) {
        return text(Long.toString(n));
    }

    /** nstring: NIL for null, else {@link #string}. */
    ImapWire nstring(String s) {
        return s == null ? text("NIL") : string(s);
    }

    /** string: quoted when it can be, a literal when it must be. */
    ImapWire string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        for (byte x : b) {
            if (x < 0x20) { // 8-bit (negative as a byte), CR, LF and other controls
                return literal(b);
            }
        }
        out.write('"');
        for (byte x : b) {
            if (x == '"' || x == '\\') {
                out.write('\\');
            }
            out.write(x);
        }
        out.write('"');
        return this;
    }

    /** A literal even for a string that could be quoted: some servers send all names this way. */
    ImapWire literal(String s) {
        return literal(s.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code {n}CRLF} then the octets; the line goes on right after them. */
    ImapWire literal(byte[] octets) {
        text("{" + octets.length + "}\r\n");
        out.writeBytes(octets);
        return this;
    }

    int size() {
        return out.size();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
