package org.mailwire.pop3.server;

import java.time.Duration;
import java.util.Objects;

/**
 * Server-side timeouts (SECURITY.md row 6). A client that exceeds one is disconnected; no deletion
 * is applied (RFC 1939 §6: only QUIT enters the UPDATE state).
 *
 * @param idle waiting for the next command: RFC 1939 §3's inactivity autologout timer, which must be
 *     at least 10 minutes in production
 * @param command finishing a command line once its first octet arrived, and taking each chunk of a
 *     RETR or TOP response: a trickle of octets (slowloris) or a client that stops reading does not
 *     hold a connection for long
 * @param login the whole AUTHORIZATION state, from the greeting to an open maildrop
 * @param hook how long a hook or a store operation may take before the client gets
 *     {@code -ERR [SYS/TEMP]}
 */
public record Pop3Timeouts(Duration idle, Duration command, Duration login, Duration hook) {
    public static final Pop3Timeouts DEFAULTS = new Pop3Timeouts(Duration.ofMinutes(10), Duration.ofMinutes(2),
            Duration.ofMinutes(3), Duration.ofMinutes(2));

    public Pop3Timeouts {
        requirePositive("idle", idle);
        requirePositive("command", command);
        requirePositive("login", login);
        requirePositive("hook", hook);
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
