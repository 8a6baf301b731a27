package org.mailwire.smtp.client;

import java.util.Optional;
import org.mailwire.smtp.SmtpReply;
import org.mailwire.smtp.client.internal.Replies;

/**
 * Authentication failed: the server refused it (535 and the like), the SASL exchange broke down, or
 * the server failed to prove itself (a SCRAM server signature that does not verify).
 */
public final class SmtpAuthenticationException extends SmtpClientException {
    private static final long serialVersionUID = 1L;

    private final transient SmtpReply reply;

    public SmtpAuthenticationException(String message, SmtpReply reply) {
        super(reply == null ? message : message + ": " + Replies.describe(reply));
        this.reply = reply;
    }

    public SmtpAuthenticationException(String message, Throwable cause) {
        super(message, cause);
        this.reply = null;
    }

    /** The server's reply, when the server refused; empty when the client gave up. */
    public Optional<SmtpReply> reply() {
        return Optional.ofNullable(reply);
    }
}
