package org.mailwire.imap.codec;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The bytes a client writes before streaming one APPEND literal (a message or a CATENATE TEXT
 * part) of known size, as {@link ImapCommandEncoder} returns them.
 *
 * <p>Write {@code segments} in order; after every segment but the last, wait for the server's
 * continuation request ({@code +}), since each ends in a synchronising literal header (a
 * mailbox or URL sent as a literal). After the last segment, wait for {@code +} only when
 * {@code awaitContinuation}; then write exactly the literal's octets, then {@code afterData}.
 * A tagged NO or BAD instead of {@code +} ends the command: write nothing more of it.
 *
 * @param segments          one or more byte runs; the last ends with the literal header, if any
 * @param awaitContinuation true when the last segment ends in a synchronising literal header
 * @param afterData         written right after the literal's octets: ")" closing RFC 6855
 *                          {@code UTF8 (}, else empty
 */
public record AppendHead(List<byte[]> segments, boolean awaitContinuation, byte[] afterData) {

    public AppendHead {
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("at least one segment");
        }
        afterData = Objects.requireNonNull(afterData, "afterData").clone();
    }

    @Override
    public byte[] afterData() {
        return afterData.clone();
    }

    /** All segments as one array (for tests and for servers known to send {@code +} at once). */
    public byte[] joined() {
        int n = 0;
        for (byte[] s : segments) {
            n += s.length;
        }
        byte[] all = new byte[n];
        int p = 0;
        for (byte[] s : segments) {
            System.arraycopy(s, 0, all, p, s.length);
            p += s.length;
        }
        return all;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AppendHead h) || h.awaitContinuation != awaitContinuation
                || h.segments.size() != segments.size() || !Arrays.equals(h.afterData, afterData)) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            if (!Arrays.equals(h.segments.get(i), segments.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = Boolean.hashCode(awaitContinuation) * 31 + Arrays.hashCode(afterData);
        for (byte[] s : segments) {
            h = h * 31 + Arrays.hashCode(s);
        }
        return h;
    }

    @Override
    public String toString() {
        return "AppendHead[segments=" + segments.size() + ", awaitContinuation=" + awaitContinuation + "]";
    }
}
