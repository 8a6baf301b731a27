package org.mailwire.smtp.codec;

import java.util.EnumSet;
import java.util.Set;

/**
 * How a DATA transfer went, reported with the {@code <CRLF>.<CRLF>} that ends it.
 *
 * @param size       the octets of the message after dot-unstuffing, counted to the real end even
 *                   past the limit (the chunks stop at the limit)
 * @param violations what was wrong; the session refuses a message that is not {@link #clean()}
 *                   (550/500 after the end, SECURITY.md row 1), or 552 for TOO_LARGE
 */
public record DataOutcome(long size, Set<DataViolation> violations) {

    public enum DataViolation {
        /** More than the limit given to {@code expectData}: RFC 1870 §6.3 / RFC 5321 "552". */
        TOO_LARGE,
        /** An LF without CR (delivered as is, unless normalised by a leniency). */
        BARE_LF,
        /** A CR without LF (delivered as is). */
        BARE_CR,
        /** A line longer than {@code maxTextLine} (RFC 5321 §4.5.3.1.6); delivered in full. */
        LINE_TOO_LONG,
        /** NUL (RFC 5321 §4.5.2 / §2.3.8: only BDAT may carry it); delivered as is. */
        NUL
    }

    public DataOutcome {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
        violations = violations.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(violations));
    }

    /** No violation at all. */
    public boolean clean() {
        return violations.isEmpty();
    }
}
