package org.mailwire.imap.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 text from octets where they lie, for one parser. Nearly every string a server sends
 * (atoms, addresses, MIME names, most subjects) is ASCII: those are copied straight into a String,
 * since an ASCII octet means the same character in ISO-8859-1 and UTF-8, and the JDK stores such a
 * String as the octets themselves. Only a string with an octet of 0x80 or more goes through a
 * real decoder, one kept for the parser's life (a decoder resets itself at each whole-input
 * {@link CharsetDecoder#decode(ByteBuffer)}), which refuses what the RFC 3629 grammar refuses:
 * overlong forms, surrogates, truncated sequences.
 *
 * <p>Not thread-safe, like the parser owning it.
 */
final class Utf8Text {

    private CharsetDecoder decoder;

    /** The text of {@code octets[off..off+len)}, or null when they are not UTF-8. */
    String decode(byte[] octets, int off, int len) {
        int end = off + len;
        for (int i = off; i < end; i++) {
            if (octets[i] < 0) {
                return strict(octets, off, len);
            }
        }
        return new String(octets, off, len, StandardCharsets.ISO_8859_1);
    }

    private String strict(byte[] octets, int off, int len) {
        if (decoder == null) {
            decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }
        try {
            return decoder.decode(ByteBuffer.wrap(octets, off, len)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
