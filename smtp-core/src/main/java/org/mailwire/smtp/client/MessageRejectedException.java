package org.mailwire.smtp.client;

import java.util.List;
import org.mailwire.smtp.SmtpReply;
import org.mailwire.smtp.client.internal.Replies;

/**
 * Recipients were accepted but the message was not delivered to any of them: the reply to the end of
 * the data (or to a BDAT chunk) was negative, or, in LMTP, every recipient's reply was.
 */
public final class MessageRejectedException extends SmtpReplyException {
    private static final long serialVersionUID = 1L;

    private final transient SendResult result;

    public MessageRejectedException(String command, SmtpReply reply, SendResult result) {
        super(command, reply, "message refused after " + command + ": " + Replies.describe(reply));
        this.result = result;
    }

    /** Every recipient, with its RCPT reply and, where the body was answered per recipient, that reply. */
    public SendResult result() {
        return result;
    }

    public List<RecipientResult> recipients() {
        return result.recipients();
    }
}
