package org.mailwire.imap.codec;

import java.util.List;

/**
 * Case-insensitive matching of protocol keywords (NIL, FETCH item names, list markers) against
 * the octets where they lie, so that recognising one costs no String (RFC 9051 §9 note 3: they
 * are case-insensitive). Only ASCII letters fold: an octet of 0x80 or more matches nothing, as
 * it does after {@code toUpperCase(Locale.ROOT)} of a US-ASCII atom.
 */
final class AsciiKeywords {

    private AsciiKeywords() {
    }

    /** True when {@code octets[from..to)} is {@code upper} (upper-case ASCII) in any case. */
    static boolean matches(byte[] octets, int from, int to, String upper) {
        if (to - from != upper.length()) {
            return false;
        }
        for (int i = 0; i < upper.length(); i++) {
            int c = octets[from + i];
            int want = upper.charAt(i);
            if (c != want && !(want >= 'A' && want <= 'Z' && c == want + ('a' - 'A'))) {
                return false;
            }
        }
        return true;
    }

    /** The one of {@code uppers} that {@code octets[from..to)} is, or null. */
    static String find(byte[] octets, int from, int to, List<String> uppers) {
        for (int i = 0; i < uppers.size(); i++) { // indexed: no iterator on the parse path
            if (matches(octets, from, to, uppers.get(i))) {
                return uppers.get(i);
            }
        }
        return null;
    }
}
