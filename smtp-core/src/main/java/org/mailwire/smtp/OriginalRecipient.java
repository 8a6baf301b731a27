package org.mailwire.smtp;

import java.util.Objects;

/**
 * The RCPT TO ORCPT parameter of RFC 3461 §4.2: {@code ORCPT=addr-type ";" xtext}, held decoded.
 * For the "utf-8" address type the value uses RFC 6533 §3's utf-8-addr-xtext (or unitext under
 * SMTPUTF8) instead of plain xtext; {@link #address()} is then the Unicode address.
 *
 * @param addressType the RFC 3461 addr-type atom as sent, e.g. "rfc822" (compared ignoring case)
 * @param address     the decoded address: printable US-ASCII, or any text for "utf-8"
 */
public record OriginalRecipient(String addressType, String address) {

    /** The RFC 6533 address type of internationalised addresses. */
    public static final String UTF8_TYPE = "utf-8";

    public OriginalRecipient {
        Objects.requireNonNull(addressType, "addressType");
        Objects.requireNonNull(address, "address");
        if (!isAtom(addressType)) {
            throw new IllegalArgumentException("address type is not an atom");
        }
        if (address.isEmpty() || !SmtpSyntax.isText(address) || address.indexOf('\t') >= 0) {
            throw new IllegalArgumentException("address is empty or holds a control character");
        }
        if (!isUtf8Type(addressType) && !SmtpSyntax.isAscii(address)) {
            throw new IllegalArgumentException("only the utf-8 address type may hold non-ASCII text");
        }
    }

    public boolean isUtf8Type() {
        return isUtf8Type(addressType);
    }

    static boolean isUtf8Type(String addressType) {
        return UTF8_TYPE.equalsIgnoreCase(addressType);
    }

    /** RFC 5322 atom (ASCII atext), which RFC 3461 §4.2 uses for addr-type. */
    static boolean isAtom(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!SmtpSyntax.isAtext(s.charAt(i), false)) {
                return false;
            }
        }
        return true;
    }
}
