package org.mailwire.smtp;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The parameters of RCPT TO that Mailwire knows, decoded (RFC 3461 §4.1, §4.2).
 *
 * @param notifyOn NOTIFY values; empty when the parameter was not given. NEVER stands alone. (Not
 *                 named {@code notify}: a record component may not shadow {@code Object.notify()}.)
 * @param orcpt  ORCPT
 */
public record RcptParameters(Set<DsnNotify> notifyOn, Optional<OriginalRecipient> orcpt) {

    /** No parameters. */
    public static final RcptParameters NONE = new RcptParameters(Set.of(), Optional.empty());

    public RcptParameters {
        Objects.requireNonNull(orcpt, "orcpt");
        notifyOn = Set.copyOf(notifyOn);
        if (notifyOn.contains(DsnNotify.NEVER) && notifyOn.size() > 1) {
            throw new IllegalArgumentException("NOTIFY=NEVER cannot be combined with other values");
        }
    }

    /** NOTIFY values in declaration order, the order the encoder writes them. */
    public Set<DsnNotify> notifyInOrder() {
        return notifyOn.isEmpty() ? EnumSet.noneOf(DsnNotify.class) : EnumSet.copyOf(notifyOn);
    }
}
