package org.mailwire.imap;

/**
 * SORT keys: RFC 5256 §3, plus DISPLAYFROM and DISPLAYTO from RFC 5957 (sort by display name).
 */
public enum SortKey {
    ARRIVAL, CC, DATE, FROM, SIZE, SUBJECT, TO, DISPLAYFROM, DISPLAYTO
}
