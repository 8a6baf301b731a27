package org.mailwire.pop3;

import java.util.Objects;

/**
 * A scan listing (RFC 1939 §5, LIST: {@code 2 1873}) or a drop listing (STAT: {@code 2 3200},
 * where {@code message} is the count of messages and may be 0).
 *
 * @param message the message number, or STAT's message count; 0..{@link Integer#MAX_VALUE}
 * @param size    the size in octets, 0 or more
 */
public record ScanListing(int message, long size) {

    public ScanListing {
        if (message < 0) {
            throw new IllegalArgumentException("message number must not be negative");
        }
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
    }

    /**
     * Parses {@code number SP size}, optionally followed by SP and anything (RFC 1939 §5 lets
     * servers add information after the size), from a listing line without its CRLF or the
     * text of {@code +OK 2 1873}.
     *
     * @throws IllegalArgumentException if it is not one; the message never repeats the input
     */
    public static ScanListing parse(String line) {
        Objects.requireNonNull(line, "line");
        int sp = line.indexOf(' ');
        if (sp > 0) {
            int end = line.indexOf(' ', sp + 1);
            long message = Pop3Syntax.number(line.subSequence(0, sp), Integer.MAX_VALUE);
            long size = Pop3Syntax.number(line.subSequence(sp + 1, end < 0 ? line.length() : end), Long.MAX_VALUE);
            if (message >= 0 && size >= 0) {
                return new ScanListing((int) message, size);
            }
        }
        throw new IllegalArgumentException("not a scan listing");
    }

    /** {@code number SP size}, the listing line without CRLF. */
    public String toLine() {
        return message + " " + size;
    }
}
