package org.mailwire.imap.client.internal;

import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;

/**
 * RFC 7889 APPENDLIMIT: the server-wide limit a capability announces ({@code "APPENDLIMIT" ["="
 * append-limit]}, {@code append-limit = number}), and the size of an APPEND item checked against
 * it before anything is sent. A bare {@code APPENDLIMIT} announces no server-wide number: each
 * mailbox has its own, read with STATUS.
 */
final class AppendLimits {
    private static final String PREFIX = "APPENDLIMIT=";

    /** A number in a capability longer than this is not one we believe (Long.MAX_VALUE has 19 digits). */
    private static final int MAX_DIGITS = 18;

    private AppendLimits() {
    }

    /**
     * The limit from {@code capabilities} (upper-cased); empty when none holds a number. A malformed
     * value is ignored rather than guessed at: the server still refuses what is too large (TOOBIG).
     */
    static OptionalLong serverWide(Collection<String> capabilities) {
        for (String c : capabilities) {
            if (c.startsWith(PREFIX)) {
                String digits = c.substring(PREFIX.length());
                if (!digits.isEmpty() && digits.length() <= MAX_DIGITS && digits.chars().allMatch(d -> d >= '0' && d <= '9')) {
                    return OptionalLong.of(Long.parseLong(digits));
                }
            }
        }
        return OptionalLong.empty();
    }

    /**
     * The octets {@code item} is known to hold: a whole message's size, or the sum of a CATENATE
     * message's TEXT parts (URL parts are copied by the server, their size is not known here, so
     * this is a lower bound). Saturates instead of overflowing.
     */
    static long knownSize(AppendItem item) {
        if (item instanceof AppendItem.Whole w) {
            return w.message().size();
        }
        long sum = 0;
        List<AppendItem.Part> parts = ((AppendItem.Catenated) item).parts();
        for (AppendItem.Part p : parts) {
            if (p instanceof AppendItem.Text t) {
                sum = sum > Long.MAX_VALUE - t.text().size() ? Long.MAX_VALUE : sum + t.text().size();
            }
        }
        return sum;
    }
}
