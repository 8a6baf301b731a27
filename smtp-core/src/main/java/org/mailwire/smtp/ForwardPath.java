package org.mailwire.smtp;

import java.util.Objects;

/**
 * The argument of RCPT TO (RFC 5321 §4.1.2 Forward-path). {@code postmaster} is true exactly for
 * the domainless {@code <Postmaster>} (matched ignoring case) that RFC 5321 §4.5.1 requires every
 * server to accept; its mailbox then has the local part as sent and an empty domain. A source
 * route sent before the mailbox is discarded when decoding (RFC 5321 §4.1.2 and Appendix C).
 */
public record ForwardPath(Mailbox mailbox, boolean postmaster) {

    /** {@code <Postmaster>}. */
    public static final ForwardPath POSTMASTER = new ForwardPath(new Mailbox("Postmaster", ""), true);

    public ForwardPath {
        Objects.requireNonNull(mailbox, "mailbox");
        if (postmaster != mailbox.isDomainlessPostmaster()) {
            throw new IllegalArgumentException("postmaster must be set exactly for the domainless <Postmaster>");
        }
    }

    public static ForwardPath of(Mailbox mailbox) {
        return new ForwardPath(mailbox, mailbox.isDomainlessPostmaster());
    }

    /** The path with its angle brackets. */
    public String toWire() {
        return "<" + mailbox.toWire() + ">";
    }
}
