package org.mailwire.smtp;

import java.util.List;
import java.util.Objects;

/**
 * What an SMTP transaction carries besides the message: the reverse path with its MAIL parameters
 * and the accepted recipients with theirs (RFC 5321 §2.3.1). The server hands it to hooks and the
 * body sink; the client sends it.
 */
public record Envelope(ReversePath from, MailParameters mailParameters, List<Recipient> recipients) {
    public Envelope {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(mailParameters, "mailParameters");
        recipients = List.copyOf(recipients);
    }

    /** An envelope with no ESMTP parameters. */
    public static Envelope of(ReversePath from, List<ForwardPath> to) {
        return new Envelope(from, MailParameters.NONE, to.stream().map(Recipient::of).toList());
    }
}
