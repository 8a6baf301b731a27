package org.mailwire.imap.client;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.mailwire.imap.Syntax;
import org.mailwire.imap.codec.ImapResponseDecoderConfig;
import org.mailwire.tls.ClientTls;

/**
 * How an {@link ImapClient} connects and talks, immutable. Build with {@link #builder()}; derive a
 * variant with {@link #mutate()}.
 *
 * @param startTlsPolicy whether a cleartext connection is upgraded with STARTTLS; always
 *     {@link StartTlsPolicy#REQUIRED} when credentials are set and TLS is not implicit
 * @param implicitTls TLS from the first byte (port 993, RFC 8314)
 * @param clientTls trust and host name check for the server's certificate; null when TLS is never used
 * @param credentials what the client logs in with; null to stay in the not-authenticated state
 *     (unless the server greets with PREAUTH)
 * @param loginMethods the ways to log in, most preferred first; only those the server offers and
 *     that fit the credentials are used, and only the first of them is tried
 * @param saslInitialResponse send the first SASL message with AUTHENTICATE when the server lists
 *     SASL-IR (RFC 4959), saving a round trip
 * @param enable capabilities to ENABLE (RFC 5161) right after the login, when the server lists
 *     them (e.g. {@code QRESYNC}, {@code UTF8=ACCEPT}); the ones it does not list are left out
 * @param connectTimeout bounds the TCP connect and, with implicit TLS, the handshake
 * @param readTimeout bounds each wait for a response, re-armed whenever bytes arrive
 * @param idleTimeout bounds silence while IDLE runs, instead of {@code readTimeout}: a server may
 *     stay quiet for as long as the client idles (RFC 2177 asks clients to re-issue IDLE at least
 *     every 29 minutes)
 * @param decoderConfig limits on server responses (line, response, literal sizes; SECURITY.md rows 4, 5, 12)
 * @param maxPipelinedCommands how many tagged commands may wait for their completion at once;
 *     later ones wait their turn (RFC 3501 §5.5 may hold them back further)
 */
public record ImapClientOptions(
        StartTlsPolicy startTlsPolicy,
        boolean implicitTls,
        ClientTls clientTls,
        ImapCredentials credentials,
        List<ImapLoginMethod> loginMethods,
        boolean saslInitialResponse,
        List<String> enable,
        Duration connectTimeout,
        Duration readTimeout,
        Duration idleTimeout,
        ImapResponseDecoderConfig decoderConfig,
        int maxPipelinedCommands) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** RFC 3501 §5.4 gives servers an autologout timer of at least 30 minutes; 5 for one response is patient enough. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMinutes(5);
    /** The 29 minutes of RFC 2177 §3 plus slack: a client that re-issues IDLE in time never hits it. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(31);
    public static final int DEFAULT_MAX_PIPELINED_COMMANDS = 16;
    /**
     * Strongest first: SCRAM proves the password without revealing it and authenticates the server
     * too; PLAIN and LOGIN send it (inside TLS).
     */
    public static final List<ImapLoginMethod> DEFAULT_LOGIN_METHODS = List.of(ImapLoginMethod.SCRAM_SHA_256,
            ImapLoginMethod.PLAIN, ImapLoginMethod.LOGIN, ImapLoginMethod.OAUTHBEARER, ImapLoginMethod.XOAUTH2);

    public ImapClientOptions {
        Objects.requireNonNull(startTlsPolicy, "startTlsPolicy");
        loginMethods = List.copyOf(loginMethods);
        enable = enable.stream().map(c -> c.toUpperCase(Locale.ROOT)).toList();
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(decoderConfig, "decoderConfig");
        if ((implicitTls || startTlsPolicy != StartTlsPolicy.DISABLED) && clientTls == null) {
            throw new IllegalArgumentException("TLS is possible (implicit or STARTTLS " + startTlsPolicy
                    + ") but no ClientTls is set");
        }
        if (credentials != null && !implicitTls && startTlsPolicy != StartTlsPolicy.REQUIRED) {
            // credentials must never cross the network in cleartext, whatever the server offers
            throw new IllegalArgumentException("credentials need implicit TLS or StartTlsPolicy.REQUIRED, not "
                    + startTlsPolicy);
        }
        if (loginMethods.isEmpty()) {
            throw new IllegalArgumentException("loginMethods must not be empty");
        }
        for (String c : enable) {
            if (!Syntax.isAtom(c)) {
                throw new IllegalArgumentException("a capability to enable is an atom: " + c);
            }
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive: " + connectTimeout);
        }
        if (readTimeout.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("readTimeout must be at least 100 ms: " + readTimeout);
        }
        if (idleTimeout.compareTo(readTimeout) < 0) {
            throw new IllegalArgumentException("idleTimeout must not be shorter than readTimeout: " + idleTimeout);
        }
        if (maxPipelinedCommands < 1) {
            throw new IllegalArgumentException("maxPipelinedCommands must be positive: " + maxPipelinedCommands);
        }
    }

    /** The default options: cleartext upgraded by STARTTLS when offered, trusting the system's CAs. */
    public static ImapClientOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options, to change some of them. */
    public Builder mutate() {
        Builder b = new Builder();
        b.startTlsPolicy = startTlsPolicy;
        b.implicitTls = implicitTls;
        b.clientTls = clientTls;
        b.credentials = credentials;
        b.loginMethods = loginMethods;
        b.saslInitialResponse = saslInitialResponse;
        b.enable = enable;
        b.connectTimeout = connectTimeout;
        b.readTimeout = readTimeout;
        b.idleTimeout = idleTimeout;
        b.decoderConfig = decoderConfig;
        b.maxPipelinedCommands = maxPipelinedCommands;
        return b;
    }

    @Override
    public String toString() {
        // credentials print masked (ImapCredentials.toString); the rest is configuration
        return "ImapClientOptions[startTlsPolicy=" + startTlsPolicy + ", implicitTls=" + implicitTls
                + ", clientTls=" + clientTls + ", credentials=" + credentials + ", loginMethods=" + loginMethods
                + ", saslInitialResponse=" + saslInitialResponse + ", enable=" + enable + ", connectTimeout="
                + connectTimeout + ", readTimeout=" + readTimeout + ", idleTimeout=" + idleTimeout
                + ", decoderConfig=" + decoderConfig + ", maxPipelinedCommands=" + maxPipelinedCommands + "]";
    }

    public static final class Builder {
        /** Null until set: the default depends on whether credentials are set. */
        private StartTlsPolicy startTlsPolicy;
        private boolean implicitTls;
        private ClientTls clientTls;
        private ImapCredentials credentials;
        private List<ImapLoginMethod> loginMethods = DEFAULT_LOGIN_METHODS;
        private boolean saslInitialResponse = true;
        private List<String> enable = List.of();
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private ImapResponseDecoderConfig decoderConfig = ImapResponseDecoderConfig.defaults();
        private int maxPipelinedCommands = DEFAULT_MAX_PIPELINED_COMMANDS;

        private Builder() {
        }

        /**
         * Default {@link StartTlsPolicy#OPTIONAL}. With credentials, OPTIONAL becomes
         * {@link StartTlsPolicy#REQUIRED}, and DISABLED is refused unless TLS is implicit.
         */
        public Builder startTlsPolicy(StartTlsPolicy startTlsPolicy) {
            this.startTlsPolicy = Objects.requireNonNull(startTlsPolicy, "startTlsPolicy");
            return this;
        }

        public Builder implicitTls(boolean implicitTls) {
            this.implicitTls = implicitTls;
            return this;
        }

        /** Default: the system's trusted CAs with host name checks, built when first needed. */
        public Builder clientTls(ClientTls clientTls) {
            this.clientTls = clientTls;
            return this;
        }

        public Builder credentials(ImapCredentials credentials) {
            this.credentials = credentials;
            return this;
        }

        public Builder password(String user, String password) {
            return credentials(ImapCredentials.password(user, password));
        }

        public Builder oauthToken(String user, String accessToken) {
            return credentials(ImapCredentials.oauthToken(user, accessToken));
        }

        /** Login methods to consider, most preferred first; default {@link #DEFAULT_LOGIN_METHODS}. */
        public Builder loginMethods(List<ImapLoginMethod> loginMethods) {
            this.loginMethods = List.copyOf(loginMethods);
            return this;
        }

        /** Default true: use SASL-IR (RFC 4959) when the server lists it. */
        public Builder saslInitialResponse(boolean saslInitialResponse) {
            this.saslInitialResponse = saslInitialResponse;
            return this;
        }

        /** Capabilities to ENABLE after the login when offered; default none. */
        public Builder enable(List<String> enable) {
            this.enable = List.copyOf(enable);
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
            return this;
        }

        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        public Builder decoderConfig(ImapResponseDecoderConfig decoderConfig) {
            this.decoderConfig = decoderConfig;
            return this;
        }

        public Builder maxPipelinedCommands(int maxPipelinedCommands) {
            this.maxPipelinedCommands = maxPipelinedCommands;
            return this;
        }

        /**
         * @throws IllegalArgumentException when credentials are combined with a policy that allows
         *     cleartext, or a value is out of range
         */
        public ImapClientOptions build() {
            StartTlsPolicy policy = startTlsPolicy != null ? startTlsPolicy : StartTlsPolicy.OPTIONAL;
            if (credentials != null && policy == StartTlsPolicy.OPTIONAL) {
                // a server that merely omits STARTTLS must not get the password in cleartext
                policy = StartTlsPolicy.REQUIRED;
            }
            ClientTls tls = clientTls;
            if (tls == null && (implicitTls || policy != StartTlsPolicy.DISABLED)) {
                tls = ClientTls.builder().trustSystemDefault().build();
            }
            Duration idle = idleTimeout;
            if (idle.compareTo(readTimeout) < 0) {
                // a short read timeout (tests, impatient callers) drags the idle bound along
                idle = readTimeout;
            }
            return new ImapClientOptions(policy, implicitTls, tls, credentials, loginMethods, saslInitialResponse,
                    enable, connectTimeout, readTimeout, idle, decoderConfig, maxPipelinedCommands);
        }
    }
}
