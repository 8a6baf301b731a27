package org.mailwire.pop3.server;

import java.time.Duration;
import java.util.Objects;
import org.mailwire.pop3.codec.Pop3DecoderConfig;
import org.mailwire.transport.ListenerConfig;
import org.mailwire.transport.TlsMode;
import org.mailwire.transport.sasl.Authenticator;

/**
 * Everything a {@link Pop3Server} needs, immutable; made by {@link Pop3Server.Builder}.
 *
 * @param hostname the name in the greeting, the APOP timestamp and the CRAM-MD5 challenge
 * @param listener address, port, TLS mode and connection caps
 * @param limits codec limits: command and SASL line lengths
 * @param authenticator the user store for USER/PASS, APOP and AUTH
 * @param allowCleartextAuth allow USER/PASS and AUTH PLAIN/LOGIN (and bearer tokens) on
 *     unencrypted connections (loopback development only: SECURITY.md row 14)
 * @param authFailureDelay how long a failed login waits before its {@code -ERR}, to slow guessing
 * @param maxAuthFailures failed logins before the connection is closed
 * @param maxBadCommands unknown or malformed commands before the connection is closed
 * @param timeouts idle, command, login and hook timeouts
 * @param hooks the typed hooks
 * @param maildropStore where the maildrops are
 * @param expirePolicy the CAPA EXPIRE argument (RFC 2449 §6.7): {@code NEVER}, or a number of days
 *     the store keeps retrieved messages; advisory, the store enforces it
 * @param loginDelay the CAPA LOGIN-DELAY argument (RFC 2449 §6.5) in whole seconds; advisory, an
 *     {@link Pop3Hooks#onLogin} hook enforces it with {@code -ERR [LOGIN-DELAY]}
 */
public record Pop3ServerConfig(
        String hostname,
        ListenerConfig listener,
        Pop3DecoderConfig limits,
        Authenticator authenticator,
        boolean allowCleartextAuth,
        Duration authFailureDelay,
        int maxAuthFailures,
        int maxBadCommands,
        Pop3Timeouts timeouts,
        Pop3Hooks hooks,
        MaildropStore maildropStore,
        String expirePolicy,
        Duration loginDelay) {

    public static final int DEFAULT_MAX_AUTH_FAILURES = 3;
    public static final int DEFAULT_MAX_BAD_COMMANDS = 20;
    public static final Duration DEFAULT_AUTH_FAILURE_DELAY = Duration.ofSeconds(2);

    public Pop3ServerConfig {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(authenticator, "authenticator (POP3 has no anonymous access)");
        Objects.requireNonNull(authFailureDelay, "authFailureDelay");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(hooks, "hooks");
        Objects.requireNonNull(maildropStore, "maildropStore");
        Objects.requireNonNull(expirePolicy, "expirePolicy");
        Objects.requireNonNull(loginDelay, "loginDelay");
        if (hostname.isBlank() || hostname.chars().anyMatch(c -> c <= ' ' || c >= 127 || c == '<' || c == '>' || c == '@')) {
            throw new IllegalArgumentException("hostname must be a domain name");
        }
        if (!expirePolicy.equals("NEVER") && !expirePolicy.matches("[0-9]{1,5}")) {
            throw new IllegalArgumentException("expirePolicy must be NEVER or a number of days");
        }
        if (loginDelay.isNegative() || authFailureDelay.isNegative()) {
            throw new IllegalArgumentException("loginDelay and authFailureDelay must not be negative");
        }
        if (maxAuthFailures < 1 || maxBadCommands < 1) {
            throw new IllegalArgumentException("maxAuthFailures and maxBadCommands must be positive");
        }
    }

    /** Whether the listener can upgrade connections with STLS. */
    public boolean offersStls() {
        return listener.tlsMode() == TlsMode.STARTTLS;
    }
}
