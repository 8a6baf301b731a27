package org.mailwire.smtp.server;

import java.time.Duration;
import java.util.Objects;

/**
 * Server-side timeouts (RFC 5321 §4.5.3.2). A client that exceeds one is told {@code 421 4.4.2}
 * and disconnected.
 *
 * @param command waiting for the next command (§4.5.3.2.7: at least 5 minutes)
 * @param dataBlock waiting for the next part of a DATA or BDAT body; re-armed as bytes arrive, so a
 *     trickle of one byte per minute does not hold a connection for hours (§4.5.3.2.5: 3 minutes on
 *     the client side)
 * @param hook how long an asynchronous hook or body sink may take before the client gets a
 *     temporary failure
 */
public record SmtpTimeouts(Duration command, Duration dataBlock, Duration hook) {
    public static final SmtpTimeouts DEFAULTS =
            new SmtpTimeouts(Duration.ofMinutes(5), Duration.ofMinutes(3), Duration.ofMinutes(2));

    public SmtpTimeouts {
        requirePositive("command", command);
        requirePositive("dataBlock", dataBlock);
        requirePositive("hook", hook);
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
