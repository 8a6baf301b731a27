package org.mailwire.smtp.client;

import java.util.List;

/**
 * The outcome of one transaction: every recipient of the envelope, in envelope order. A transaction
 * that returns a result delivered to at least one recipient; the others say why not.
 */
public record SendResult(List<RecipientResult> recipients) {
    public SendResult {
        recipients = List.copyOf(recipients);
    }

    public List<RecipientResult> delivered() {
        return recipients.stream().filter(RecipientResult::delivered).toList();
    }

    /** Recipients refused at RCPT, or (in LMTP) after the body. */
    public List<RecipientResult> failed() {
        return recipients.stream().filter(r -> !r.delivered()).toList();
    }

    public boolean allDelivered() {
        return recipients.stream().allMatch(RecipientResult::delivered);
    }
}
