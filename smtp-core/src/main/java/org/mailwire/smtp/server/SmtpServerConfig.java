package org.mailwire.smtp.server;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.mailwire.smtp.codec.SmtpDecoderConfig;
import org.mailwire.transport.ListenerConfig;
import org.mailwire.transport.TlsMode;
import org.mailwire.transport.sasl.Authenticator;

/**
 * Everything an {@link SmtpServer} needs, immutable; made by {@link SmtpServer.Builder}.
 *
 * @param hostname the name in the greeting and EHLO reply
 * @param mode MX, submission (AUTH required) or LMTP
 * @param listener address, port, TLS mode and connection caps
 * @param limits codec limits: line lengths, message size, recipients
 * @param authenticator the user store for AUTH, if any
 * @param allowCleartextAuth offer PLAIN and LOGIN on unencrypted connections (loopback development
 *     only: SECURITY.md row 14)
 * @param authFailureDelay how long a failed AUTH waits before its 535, to slow guessing
 * @param maxAuthFailures failed AUTH attempts before the connection is closed
 * @param maxBadCommands unknown or malformed commands before the connection is closed
 * @param vrfyPolicy how VRFY and EXPN are answered
 * @param timeouts RFC 5321 §4.5.3.2 timeouts
 * @param hooks the typed hooks
 * @param messageSink where bodies go
 */
public record SmtpServerConfig(
        String hostname,
        SmtpMode mode,
        ListenerConfig listener,
        SmtpDecoderConfig limits,
        Optional<Authenticator> authenticator,
        boolean allowCleartextAuth,
        Duration authFailureDelay,
        int maxAuthFailures,
        int maxBadCommands,
        VrfyPolicy vrfyPolicy,
        SmtpTimeouts timeouts,
        SmtpHooks hooks,
        MessageSink messageSink) {

    public static final int DEFAULT_MAX_AUTH_FAILURES = 3;
    public static final int DEFAULT_MAX_BAD_COMMANDS = 20;
    public static final Duration DEFAULT_AUTH_FAILURE_DELAY = Duration.ofSeconds(2);

    public SmtpServerConfig {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(authenticator, "authenticator");
        Objects.requireNonNull(authFailureDelay, "authFailureDelay");
        Objects.requireNonNull(vrfyPolicy, "vrfyPolicy");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(hooks, "hooks");
        Objects.requireNonNull(messageSink, "messageSink (set onMessage or messageSink)");
        if (hostname.isBlank() || hostname.chars().anyMatch(c -> c <= ' ' || c >= 127)) {
            throw new IllegalArgumentException("hostname must be a domain name");
        }
        if (mode == SmtpMode.SUBMISSION && authenticator.isEmpty()) {
            throw new IllegalArgumentException("submission (RFC 6409) requires AUTH: set an authenticator");
        }
        if (authFailureDelay.isNegative()) {
            throw new IllegalArgumentException("authFailureDelay must not be negative");
        }
        if (maxAuthFailures < 1 || maxBadCommands < 1) {
            throw new IllegalArgumentException("maxAuthFailures and maxBadCommands must be positive");
        }
    }

    /** Whether the listener can upgrade connections with STARTTLS. */
    public boolean offersStartTls() {
        return listener.tlsMode() == TlsMode.STARTTLS;
    }
}
