package org.mailwire.smtp;

import java.util.Objects;

/**
 * An RFC 5321 §4.1.2 Mailbox: {@code Local-part "@" ( Domain / address-literal )}.
 *
 * <p>The local part is held decoded: {@code "john doe"@example.com} is local part
 * {@code john doe}; {@link #toWire()} quotes it again when it is not a Dot-string. The domain is
 * held as sent (case kept): a dot-atom domain, possibly with RFC 6531 U-labels, or an address
 * literal such as {@code [192.0.2.1]} or {@code [IPv6:2001:db8::1]}.
 *
 * <p>The one mailbox without a domain is RFC 5321 §4.5.1's {@code <Postmaster>}: a local part
 * equal to "postmaster" ignoring case and an empty domain, used only in a {@link ForwardPath}.
 *
 * <p>Invalid values are refused at construction, so a Mailbox can always be written back to the
 * wire without injecting anything (SECURITY.md row 11). Limits (RFC 5321 §4.5.3.1): the local
 * part as written on the wire at most 64 octets, the domain at most 255, the whole path with its
 * angle brackets at most 256.
 */
public record Mailbox(String localPart, String domain) {

    public Mailbox {
        Objects.requireNonNull(localPart, "localPart");
        Objects.requireNonNull(domain, "domain");
        if (!SmtpSyntax.isLocalPart(localPart, true)) {
            throw new IllegalArgumentException("local part holds a character that cannot be sent");
        }
        if (domain.isEmpty()) {
            if (!localPart.equalsIgnoreCase("postmaster")) {
                throw new IllegalArgumentException("only Postmaster may go without a domain");
            }
        } else if (!SmtpSyntax.isDomainOrAddressLiteral(domain, true)) {
            throw new IllegalArgumentException("domain is neither a domain name nor an address literal");
        }
        String wireLocal = wireLocalPart(localPart);
        if (SmtpSyntax.octets(wireLocal) > SmtpSyntax.MAX_LOCAL_PART_OCTETS) {
            throw new IllegalArgumentException("local part longer than "
                    + SmtpSyntax.MAX_LOCAL_PART_OCTETS + " octets");
        }
        int pathOctets = SmtpSyntax.octets(wireLocal) + SmtpSyntax.octets(domain)
                + (domain.isEmpty() ? 0 : 1) + 2;
        if (pathOctets > SmtpSyntax.MAX_PATH_OCTETS) {
            throw new IllegalArgumentException("path longer than " + SmtpSyntax.MAX_PATH_OCTETS + " octets");
        }
    }

    /** The mailbox as it appears between the angle brackets of a path. */
    public String toWire() {
        String wireLocal = wireLocalPart(localPart);
        return domain.isEmpty() ? wireLocal : wireLocal + "@" + domain;
    }

    /** Whether both parts are US-ASCII, i.e. the mailbox can be sent without SMTPUTF8. */
    public boolean isAscii() {
        return SmtpSyntax.isAscii(localPart) && SmtpSyntax.isAscii(domain);
    }

    /** Whether this is the domainless {@code <Postmaster>} of RFC 5321 §4.5.1. */
    public boolean isDomainlessPostmaster() {
        return domain.isEmpty();
    }

    @Override
    public String toString() {
        return toWire();
    }

    /** A Dot-string as is, anything else as a Quoted-string (RFC 5321 §4.1.2). */
    static String wireLocalPart(String localPart) {
        if (SmtpSyntax.isDotString(localPart, true)) {
            return localPart;
        }
        StringBuilder quoted = new StringBuilder(localPart.length() + 2).append('"');
        for (int i = 0; i < localPart.length(); i++) {
            char c = localPart.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }
}
