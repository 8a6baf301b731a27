package org.mailwire.smtp.codec;

import org.mailwire.smtp.SmtpReply;

/**
 * The events of a {@link SmtpReplyDecoder}; return {@code false} to pause right after the event.
 */
public interface SmtpReplySink {

    /** A complete reply, multi-line ones assembled. */
    boolean reply(SmtpReply reply);

    /**
     * A reply the client cannot trust. Always fatal: the client closes the connection, since it can
     * no longer tell which reply answers which command. The decoder discards everything after it
     * (until {@link SmtpReplyDecoder#reset()}).
     */
    boolean invalidReply(ReplyViolation violation);
}
