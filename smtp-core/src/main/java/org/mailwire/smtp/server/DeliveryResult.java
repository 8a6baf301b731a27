package org.mailwire.smtp.server;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.mailwire.smtp.SmtpReply;

/** How a body sink disposed of a message. */
public sealed interface DeliveryResult {

    /** Stored: the server replies its 250, or this reply. */
    record Delivered(Optional<SmtpReply> reply) implements DeliveryResult {
        public Delivered {
            Objects.requireNonNull(reply, "reply");
        }
    }

    /** Not stored: the server replies this 4xx or 5xx. */
    record Rejected(SmtpReply reply) implements DeliveryResult {
        public Rejected {
            if (reply.code() < 400) {
                throw new IllegalArgumentException("a rejection needs a 4xx or 5xx reply: " + reply.code());
            }
        }
    }

    /**
     * LMTP (RFC 2033 §4.2): one reply per accepted recipient, in RCPT order. An SMTP session
     * answers with the first failure, or 250 if all were delivered.
     */
    record PerRecipient(List<SmtpReply> replies) implements DeliveryResult {
        public PerRecipient {
            replies = List.copyOf(replies);
        }
    }

    static DeliveryResult delivered() {
        return new Delivered(Optional.empty());
    }
}
