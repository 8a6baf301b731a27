package org.mailwire.smtp.server;

import org.mailwire.smtp.SmtpReply;

/** Thrown by a {@link MessageHandler} to refuse a message with a reply of its choosing. */
public class SmtpRejectException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient SmtpReply reply;

    public SmtpRejectException(SmtpReply reply) {
        super(reply.code() + " " + reply.text());
        if (reply.code() < 400) {
            throw new IllegalArgumentException("a rejection needs a 4xx or 5xx reply: " + reply.code());
        }
        this.reply = reply;
    }

    public SmtpReply reply() {
        return reply;
    }
}
