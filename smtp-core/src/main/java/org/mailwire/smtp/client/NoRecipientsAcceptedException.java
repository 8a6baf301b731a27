package org.mailwire.smtp.client;

import java.util.List;
import org.mailwire.smtp.client.internal.Replies;

/** The server refused every recipient, so no body was sent (or the pipelined DATA was refused). */
public final class NoRecipientsAcceptedException extends SmtpClientException {
    private static final long serialVersionUID = 1L;

    private final transient List<RecipientResult> recipients;

    public NoRecipientsAcceptedException(List<RecipientResult> recipients) {
        super("every recipient was refused: " + recipients.stream()
                .map(r -> r.recipient().path() + " " + Replies.describe(r.rcptReply()))
                .toList());
        this.recipients = List.copyOf(recipients);
    }

    public List<RecipientResult> recipients() {
        return recipients;
    }
}
