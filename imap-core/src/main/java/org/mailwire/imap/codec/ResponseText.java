package org.mailwire.imap.codec;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The lines of one server response (CRLF removed), end to end in one buffer that is kept from
 * response to response: a line costs no array of its own, and a parse reads the octets where the
 * decoder put them. Line {@code i} is {@code octets()[start(i)..end(i))}; the line being read
 * follows the last complete one.
 *
 * <p>The decoder checks every limit before it appends, so the buffer grows no further than
 * {@code maxResponse} and one result line allow; after a response that made it larger than
 * {@link #KEPT}, it goes back to its first size, so a single large answer does not stay on the
 * heap for the connection's life.
 */
final class ResponseText {

    private static final int INITIAL = 1024;
    /**
     * The largest buffer kept for the next response: as much as the line buffer it replaces could
     * keep ({@link ImapResponseDecoderConfig#DEFAULT_MAX_LINE}).
     */
    static final int KEPT = 16 * 1024;

    private byte[] octets = new byte[INITIAL];
    private int length;
    /** ends[i]: the end of complete line i. */
    private int[] ends = new int[8];
    private int lines;

    /** The buffer; valid until the next append. */
    byte[] octets() {
        return octets;
    }

    /** Complete lines. */
    int lines() {
        return lines;
    }

    int start(int line) {
        return line == 0 ? 0 : ends[line - 1];
    }

    int end(int line) {
        return ends[line];
    }

    /** Where the line being read starts. */
    int current() {
        return start(lines);
    }

    /** Octets of the line being read. */
    int currentLength() {
        return length - start(lines);
    }

    void append(byte b) {
        room(1);
        octets[length++] = b;
    }

    /** Appends {@code in[index..index+n)}, leaving {@code in}'s position alone. */
    void append(ByteBuffer in, int index, int n) {
        room(n);
        in.get(index, octets, length, n);
        length += n;
    }

    /** The line being read is complete. */
    void endLine() {
        if (lines == ends.length) {
            ends = Arrays.copyOf(ends, lines * 2);
        }
        ends[lines++] = length;
    }

    /** Forgets the response. */
    void clear() {
        length = 0;
        lines = 0;
        if (octets.length > KEPT) {
            octets = new byte[INITIAL];
        }
    }

    private void room(int n) {
        if (length + n > octets.length) {
            octets = Arrays.copyOf(octets, (int) Math.min(Integer.MAX_VALUE - 8,
                    Math.max(octets.length * 2L, (long) length + n)));
        }
    }
}
