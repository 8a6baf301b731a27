package org.mailwire.smtp.codec;

import java.util.Objects;

/** A malformed or oversized server reply. Every kind is fatal for the client (see {@link SmtpReplySink}). */
public record ReplyViolation(Kind kind) {

    public enum Kind {
        /** Not three digits with a first digit of 2 to 5, followed by SP, "-" or the line end (RFC 5321 §4.2). */
        MALFORMED_CODE,
        /** The lines of one multi-line reply carry different codes (RFC 5321 §4.2.1). */
        MIXED_CODES,
        /** A line longer than {@code maxReplyLineLength} (SECURITY.md row 5). */
        LINE_TOO_LONG,
        /** More than {@code maxReplyLines} lines in one reply. */
        TOO_MANY_LINES,
        /** More than {@code maxReplySize} octets in one reply. */
        REPLY_TOO_LARGE,
        /** An LF without CR (RFC 5321 §2.3.8). */
        BARE_LF,
        /** A CR without LF (RFC 5321 §2.3.8). */
        BARE_CR,
        /** A NUL octet. */
        NUL
    }

    public ReplyViolation {
        Objects.requireNonNull(kind, "kind");
    }

    /** Always true: a client cannot resynchronise after a bad reply. */
    public boolean fatal() {
        return true;
    }
}
