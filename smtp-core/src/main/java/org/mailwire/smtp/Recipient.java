package org.mailwire.smtp;

import java.util.Objects;

/** One RCPT TO: the forward path and its parameters (DSN NOTIFY and ORCPT, RFC 3461). */
public record Recipient(ForwardPath path, RcptParameters parameters) {
    public Recipient {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(parameters, "parameters");
    }

    public static Recipient of(ForwardPath path) {
        return new Recipient(path, RcptParameters.NONE);
    }
}
