package org.mailwire.smtp;

import java.util.Objects;
import java.util.Optional;

/**
 * The argument of MAIL FROM (RFC 5321 §4.1.2 Reverse-path): a mailbox, or the null path
 * {@code <>} used for bounces so that they never bounce back (RFC 5321 §4.5.5). A source route
 * sent before the mailbox is discarded when decoding (RFC 5321 §4.1.2 and Appendix C).
 */
public record ReversePath(Optional<Mailbox> mailbox) {

    /** The null reverse-path {@code <>}. */
    public static final ReversePath NULL = new ReversePath(Optional.empty());

    public ReversePath {
        Objects.requireNonNull(mailbox, "mailbox");
        mailbox.ifPresent(m -> {
            if (m.isDomainlessPostmaster()) {
                throw new IllegalArgumentException("a reverse-path needs a domain");
            }
        });
    }

    public static ReversePath of(Mailbox mailbox) {
        return new ReversePath(Optional.of(mailbox));
    }

    public boolean isNull() {
        return mailbox.isEmpty();
    }

    /** The path with its angle brackets, e.g. {@code <a@example.com>} or {@code <>}. */
    public String toWire() {
        return mailbox.map(m -> "<" + m.toWire() + ">").orElse("<>");
    }
}
