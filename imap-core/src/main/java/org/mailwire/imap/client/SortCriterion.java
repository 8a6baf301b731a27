package org.mailwire.imap.client;

import java.util.Objects;

/**
 * One SORT criterion (RFC 5256 §3, RFC 5957 DISPLAYFROM/DISPLAYTO), optionally reversed, as the
 * client takes it; {@link #toModel()} is the command model's
 * {@link org.mailwire.imap.SortCriterion}.
 *
 * @param key     what to sort by
 * @param reverse {@code REVERSE}: descending
 */
public record SortCriterion(Key key, boolean reverse) {

    /** The sort keys. */
    public enum Key {
        ARRIVAL, CC, DATE, FROM, SIZE, SUBJECT, TO,
        /** RFC 5957; needs SORT=DISPLAY. */
        DISPLAYFROM,
        /** RFC 5957; needs SORT=DISPLAY. */
        DISPLAYTO;

        public String wire() {
            return name();
        }
    }

    public SortCriterion {
        Objects.requireNonNull(key, "key");
    }

    public static SortCriterion ascending(Key key) {
        return new SortCriterion(key, false);
    }

    public static SortCriterion descending(Key key) {
        return new SortCriterion(key, true);
    }

    /** The command model's criterion. */
    public org.mailwire.imap.SortCriterion toModel() {
        return new org.mailwire.imap.SortCriterion(org.mailwire.imap.SortKey.valueOf(key.name()), reverse);
    }
}
