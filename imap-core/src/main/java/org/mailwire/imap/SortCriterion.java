package org.mailwire.imap;

import java.util.Objects;

/**
 * One SORT criterion (RFC 5256 §3 {@code sort-criterion}): a key, optionally {@code REVERSE}.
 */
public record SortCriterion(SortKey key, boolean reverse) {

    public SortCriterion {
        Objects.requireNonNull(key, "key");
    }

    public static SortCriterion of(SortKey key) {
        return new SortCriterion(key, false);
    }

    public static SortCriterion reverse(SortKey key) {
        return new SortCriterion(key, true);
    }

    /** As written on the wire, e.g. {@code REVERSE DATE}. */
    @Override
    public String toString() {
        return (reverse ? "REVERSE " : "") + key.name();
    }
}
