package org.mailwire.imap.codec;

/**
 * The literal header at the end of a line: {@code {n}}, {@code {n+}}, {@code ~{n}} or
 * {@code ~{n+}} (RFC 3501 §4.3, RFC 7888, RFC 3516). The count is read without overflow: a number
 * longer than 18 digits is reported as {@link #TOO_BIG}, so {@code {99999999999999999999}} cannot
 * wrap to a small value.
 *
 * @param start   index of '{' (or of '~' for a literal8) in the line
 * @param size    the octet count, {@link #TOO_BIG} when it does not fit, or -1 when malformed
 * @param nonSync true for {@code {n+}}
 * @param binary  true for a literal8
 */
record LiteralHeader(int start, long size, boolean nonSync, boolean binary) {

    static final long TOO_BIG = Long.MAX_VALUE;

    boolean malformed() {
        return size < 0;
    }

    /**
     * The header ending {@code line[0..len)}, or null when the line does not end in one. A line
     * ending in "}" whose last "{" has no space after it is a literal attempt: {@code {}},
     * {@code {-1}} and {@code {1a}} come back malformed.
     */
    static LiteralHeader at(byte[] line, int len) {
        return at(line, 0, len);
    }

    /** As {@link #at(byte[], int)} for the line {@code line[from..len)}; {@code start} is an index in {@code line}. */
    static LiteralHeader at(byte[] line, int from, int len) {
        if (len - from < 2 || line[len - 1] != '}') {
            return null;
        }
        int open = -1;
        for (int i = len - 2; i >= from; i--) {
            if (line[i] == '{') {
                open = i;
                break;
            }
            if (line[i] == ' ') {
                return null;
            }
        }
        if (open < 0) {
            return null;
        }
        int end = len - 1;
        boolean nonSync = end > open + 1 && line[end - 1] == '+';
        if (nonSync) {
            end--;
        }
        boolean binary = open > from && line[open - 1] == '~';
        int start = binary ? open - 1 : open;
        if (end == open + 1) {
            return new LiteralHeader(start, -1, nonSync, binary);
        }
        long v = 0;
        for (int i = open + 1; i < end; i++) {
            byte b = line[i];
            if (b < '0' || b > '9') {
                return new LiteralHeader(start, -1, nonSync, binary);
            }
            if (i - open > 18) {
                v = TOO_BIG;
            } else {
                v = v * 10 + (b - '0');
            }
        }
        return new LiteralHeader(start, v, nonSync, binary);
    }
}
