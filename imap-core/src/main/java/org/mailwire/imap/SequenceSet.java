package org.mailwire.imap;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A sequence set (RFC 3501 §9 {@code sequence-set}, RFC 5182 {@code $}), kept as the ranges the
 * client wrote and never expanded: {@code 1:4294967295} is two numbers (SECURITY.md row 9).
 *
 * <p>{@link #STAR} stands for {@code *} (the largest number in use), distinct from every number.
 * A range is stored with its smaller end first ({@code *:4} is {@code 4:*}, RFC 3501 §9 says they
 * are the same), so {@link #toString()} is canonical and {@code parse(toString())} is the identity.
 * {@link #SAVED} is the SEARCHRES {@code $}, which only the session can resolve.
 *
 * @param ranges the ranges in the client's order; empty only for {@link #SAVED}
 * @param saved  true for {@code $}
 */
public record SequenceSet(List<Range> ranges, boolean saved) {

    /** {@code *}: greater than every number. */
    public static final long STAR = Long.MAX_VALUE;

    /** The largest seq-number or uniqueid: 2^32-1. */
    public static final long MAX_NUMBER = 4294967295L;

    /** SEARCHRES's {@code $}. */
    public static final SequenceSet SAVED = new SequenceSet(List.of(), true);

    /** One range; {@code from <= to}, both in 1..MAX_NUMBER or {@link #STAR}. */
    public record Range(long from, long to) {
        public Range {
            check(from);
            check(to);
            if (from > to) {
                long t = from;
                from = to;
                to = t;
            }
        }

        public static Range of(long n) {
            return new Range(n, n);
        }

        private static void check(long n) {
            if (n != STAR && (n < 1 || n > MAX_NUMBER)) {
                throw new IllegalArgumentException("a sequence number is 1..4294967295 or *");
            }
        }

        /** With {@code *} standing for {@code max} (RFC 3501 §6.4.8: {@code 5:*} with max 3 is 3:5). */
        public boolean contains(long n, long max) {
            long a = from == STAR ? max : from;
            long b = to == STAR ? max : to;
            return n >= Math.min(a, b) && n <= Math.max(a, b);
        }

        @Override
        public String toString() {
            return from == to ? text(from) : text(from) + ":" + text(to);
        }

        private static String text(long n) {
            return n == STAR ? "*" : Long.toString(n);
        }
    }

    public SequenceSet {
        Objects.requireNonNull(ranges, "ranges");
        ranges = List.copyOf(ranges);
        if (saved != ranges.isEmpty()) {
            throw new IllegalArgumentException(saved ? "$ has no ranges" : "a sequence set needs a range");
        }
    }

    public static SequenceSet of(Range... ranges) {
        return new SequenceSet(List.of(ranges), false);
    }

    /**
     * Parses {@code sequence-set} or {@code $}. Numbers are digit-nz *DIGIT up to 2^32-1, read
     * without overflow; a bound on the number of ranges is the caller's (the line limit).
     *
     * @throws IllegalArgumentException on anything else
     */
    public static SequenceSet parse(CharSequence s) {
        if (s.length() == 1 && s.charAt(0) == '$') {
            return SAVED;
        }
        List<Range> ranges = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (true) {
            long[] a = number(s, i);
            i = (int) a[1];
            long to = a[0];
            if (i < n && s.charAt(i) == ':') {
                long[] b = number(s, i + 1);
                i = (int) b[1];
                to = b[0];
            }
            ranges.add(new Range(a[0], to));
            if (i == n) {
                break;
            }
            if (s.charAt(i) != ',') {
                throw new IllegalArgumentException("malformed sequence set");
            }
            i++;
        }
        return new SequenceSet(ranges, false);
    }

    private static long[] number(CharSequence s, int i) {
        if (i < s.length() && s.charAt(i) == '*') {
            return new long[] {STAR, i + 1};
        }
        int start = i;
        long v = 0;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            if (i - start >= 10) {
                throw new IllegalArgumentException("sequence number too large");
            }
            v = v * 10 + (s.charAt(i) - '0');
            i++;
        }
        if (i == start || s.charAt(start) == '0' || v > MAX_NUMBER) {
            throw new IllegalArgumentException("malformed sequence number");
        }
        return new long[] {v, i};
    }

    /**
     * True when {@code n} is in the set, {@code *} standing for {@code max}.
     *
     * @throws IllegalStateException for {@code $}, which the session resolves
     */
    public boolean contains(long n, long max) {
        if (saved) {
            throw new IllegalStateException("$ refers to a saved search result");
        }
        for (Range r : ranges) {
            if (r.contains(n, max)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        if (saved) {
            return "$";
        }
        StringBuilder b = new StringBuilder();
        for (Range r : ranges) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(r);
        }
        return b.toString();
    }
}
