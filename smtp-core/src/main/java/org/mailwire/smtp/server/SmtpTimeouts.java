package org.mailwire.smtp.server;

import java.time.Duration;
import java.util.Objects;

/**
 * Server-side timeouts (RFC 5321 §4.5.3.2) and the slow-client limits of SECURITY.md row 6. A client
 * that exceeds one is told {@code 421 4.4.2} and disconnected.
 *
 * @param command waiting for the next command (§4.5.3.2.7: at least 5 minutes)
 * @param dataBlock the longest silence inside a DATA or BDAT body (§4.5.3.2.5: 3 minutes on the
 *     client side), and the grace period before {@code minDataRate} applies
 * @param hook how long an asynchronous hook or body sink may take before the client gets a
 *     temporary failure
 * @param login how long a whole AUTH exchange may take, however many continuation lines it has
 * @param minDataRate octets per second a body must average once {@code dataBlock} has passed, so a
 *     client trickling one byte a minute cannot hold a connection for hours (slowloris)
 */
public record SmtpTimeouts(Duration command, Duration dataBlock, Duration hook, Duration login, long minDataRate) {
    public static final Duration DEFAULT_LOGIN = Duration.ofMinutes(2);
    /** Postfix's {@code smtpd_min_data_rate} default. */
    public static final long DEFAULT_MIN_DATA_RATE = 500;
    public static final SmtpTimeouts DEFAULTS = new SmtpTimeouts(Duration.ofMinutes(5), Duration.ofMinutes(3),
            Duration.ofMinutes(2), DEFAULT_LOGIN, DEFAULT_MIN_DATA_RATE);

    public SmtpTimeouts {
        requirePositive("command", command);
        requirePositive("dataBlock", dataBlock);
        requirePositive("hook", hook);
        requirePositive("login", login);
        if (minDataRate < 1) {
            throw new IllegalArgumentException("minDataRate must be positive: " + minDataRate);
        }
    }

    /** The RFC 5321 timeouts, with the default login limit and minimum data rate. */
    public SmtpTimeouts(Duration command, Duration dataBlock, Duration hook) {
        this(command, dataBlock, hook, DEFAULT_LOGIN, DEFAULT_MIN_DATA_RATE);
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
