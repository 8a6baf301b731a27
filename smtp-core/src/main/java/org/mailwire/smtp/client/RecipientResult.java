package org.mailwire.smtp.client;

import java.util.Objects;
import java.util.Optional;
import org.mailwire.smtp.Recipient;
import org.mailwire.smtp.SmtpReply;

/**
 * What became of one recipient of a transaction.
 *
 * @param recipient as the envelope gave it
 * @param rcptReply the reply to its RCPT command
 * @param deliveryReply the reply that took (or refused) responsibility for the message for this
 *     recipient: in SMTP the one reply to the end of the data, shared by every accepted recipient;
 *     in LMTP (RFC 2033 §4.2) this recipient's own reply; null when RCPT was refused
 */
public record RecipientResult(Recipient recipient, SmtpReply rcptReply, SmtpReply deliveryReply) {
    public RecipientResult {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(rcptReply, "rcptReply");
    }

    /** RCPT was answered 2xx. */
    public boolean accepted() {
        return rcptReply.isPositive();
    }

    /** The server took responsibility for delivering the message to this recipient. */
    public boolean delivered() {
        return accepted() && deliveryReply != null && deliveryReply.isPositive();
    }

    public Optional<SmtpReply> delivery() {
        return Optional.ofNullable(deliveryReply);
    }
}
