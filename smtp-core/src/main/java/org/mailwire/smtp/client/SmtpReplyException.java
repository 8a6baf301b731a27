package org.mailwire.smtp.client;

import java.util.Objects;
import org.mailwire.smtp.SmtpReply;
import org.mailwire.smtp.client.internal.Replies;

/**
 * The server answered a command (or greeted) with a reply the client cannot go on from: a 554
 * greeting, a refused EHLO or MAIL, a refused DATA. A 4xx reply means the same attempt may
 * succeed later ({@link #isTransient()}).
 */
public sealed class SmtpReplyException extends SmtpClientException permits MessageRejectedException {
    private static final long serialVersionUID = 1L;

    private final String command;
    private final transient SmtpReply reply;

    public SmtpReplyException(String command, SmtpReply reply) {
        this(command, reply, command + " refused: " + Replies.describe(reply));
    }

    SmtpReplyException(String command, SmtpReply reply, String message) {
        super(message);
        this.command = Objects.requireNonNull(command, "command");
        this.reply = Objects.requireNonNull(reply, "reply");
    }

    /** The verb the reply answered ({@code MAIL}, {@code DATA}, ...), or {@code greeting}. */
    public String command() {
        return command;
    }

    public SmtpReply reply() {
        return reply;
    }

    /** A 4xx reply: the same request may succeed later (RFC 5321 §4.2.1). */
    public boolean isTransient() {
        return reply.code() / 100 == 4;
    }
}
