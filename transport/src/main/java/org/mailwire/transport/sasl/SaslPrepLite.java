package org.mailwire.transport.sasl;

import java.text.Normalizer;

/**
 * The password preparation SCRAM hashes with (RFC 5802 §2.2 "Normalize"), a subset of SASLprep
 * (RFC 4013). Exactly, in this order:
 * <ol>
 * <li>RFC 4013 §2.1 mapping: the "commonly mapped to nothing" characters of RFC 3454 table B.1
 *     are removed; the non-ASCII spaces of table C.1.2 become U+0020. U+200B is in both tables
 *     and is removed, as in other SASLprep implementations.</li>
 * <li>RFC 4013 §2.2: Unicode normalisation form KC.</li>
 * </ol>
 * Not done: the prohibited-output check (§2.3), the bidirectional check (§2.4) and the
 * unassigned-code-point rule (§2.5). A password those would refuse is hashed as mapped instead;
 * both sides of an exchange use this class, and for ASCII-only passwords (the common case, and
 * all interop partners agree on it) every step is the identity.
 */
final class SaslPrepLite {

    private SaslPrepLite() {
    }

    static String prepare(String password) {
        StringBuilder mapped = null;
        for (int i = 0; i < password.length(); i++) {
            char c = password.charAt(i);
            if (c < 0x80) {
                if (mapped != null) {
                    mapped.append(c);
                }
                continue;
            }
            if (mapped == null) {
                mapped = new StringBuilder(password.length()).append(password, 0, i);
            }
            if (mappedToNothing(c)) {
                continue;
            }
            mapped.append(nonAsciiSpace(c) ? ' ' : c);
        }
        if (mapped == null) {
            return password;
        }
        return Normalizer.normalize(mapped, Normalizer.Form.NFKC);
    }

    /** RFC 3454 table B.1. All entries are in the BMP, so a char test suffices. */
    private static boolean mappedToNothing(char c) {
        return c == 0x00AD || c == 0x034F || c == 0x1806 || (c >= 0x180B && c <= 0x180D)
                || (c >= 0x200B && c <= 0x200D) || c == 0x2060 || (c >= 0xFE00 && c <= 0xFE0F)
                || c == 0xFEFF;
    }

    /** RFC 3454 table C.1.2. */
    private static boolean nonAsciiSpace(char c) {
        return c == 0x00A0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200B) || c == 0x202F
                || c == 0x205F || c == 0x3000;
    }
}
