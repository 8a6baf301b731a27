package org.mailwire.pop3.client;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.mailwire.pop3.codec.Pop3DecoderConfig;
import org.mailwire.tls.ClientTls;

/**
 * How a {@link Pop3Client} connects and talks, immutable. Build with {@link #builder()}; derive a
 * variant with {@link #mutate()}.
 *
 * @param startTlsPolicy whether a cleartext connection is upgraded with STLS; always
 *     {@link StartTlsPolicy#REQUIRED} when credentials are set and TLS is not implicit
 * @param implicitTls TLS from the first byte (port 995, RFC 8314)
 * @param clientTls trust and host name check for the server's certificate; null when TLS is never used
 * @param credentials what the client logs in with; null to stay in the AUTHORIZATION state
 * @param loginMethods the ways to log in, most preferred first; only those the server offers and that
 *     fit the credentials are used, and only the first of them is tried
 * @param allowApop whether {@link Pop3LoginMethod#APOP} may be used when the greeting carries a
 *     timestamp: off by default, since APOP rests on MD5 and on the server keeping the secret in
 *     the clear (RFC 1939 §7)
 * @param connectTimeout bounds the TCP connect and, with implicit TLS, the handshake
 * @param readTimeout bounds each wait for a response, re-armed as a long response makes progress
 * @param decoderConfig limits on responses (status line length, listing line length and total size)
 * @param pipelining send commands without waiting for earlier responses when CAPA lists
 *     PIPELINING (RFC 2449 §6.6); false to wait always
 * @param maxPipelinedCommands how many commands may wait for responses at once; later ones wait
 *     their turn
 * @param utf8 send UTF8 (RFC 6856 §2) during the opening, after CAPA and STLS and before the login,
 *     when the server lists UTF8; needed for a user name or password that is not ASCII with USER/PASS
 *     or APOP. Off by default
 */
public record Pop3ClientOptions(
        StartTlsPolicy startTlsPolicy,
        boolean implicitTls,
        ClientTls clientTls,
        Pop3Credentials credentials,
        List<Pop3LoginMethod> loginMethods,
        boolean allowApop,
        Duration connectTimeout,
        Duration readTimeout,
        Pop3DecoderConfig decoderConfig,
        boolean pipelining,
        int maxPipelinedCommands,
        boolean utf8) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** RFC 1939 §3 gives servers an idle timer of at least 10 minutes; a client waiting 5 for one response is patient enough. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMinutes(5);
    public static final int DEFAULT_MAX_PIPELINED_COMMANDS = 64;
    /**
     * Strongest first: SCRAM proves the password without revealing it and authenticates the server
     * too; CRAM-MD5 and APOP keep the password off the wire; PLAIN and USER/PASS send it (inside TLS).
     */
    public static final List<Pop3LoginMethod> DEFAULT_LOGIN_METHODS = List.of(
            Pop3LoginMethod.SCRAM_SHA_256, Pop3LoginMethod.CRAM_MD5, Pop3LoginMethod.APOP, Pop3LoginMethod.PLAIN,
            Pop3LoginMethod.USER_PASS, Pop3LoginMethod.OAUTHBEARER, Pop3LoginMethod.XOAUTH2);

    public Pop3ClientOptions {
        Objects.requireNonNull(startTlsPolicy, "startTlsPolicy");
        loginMethods = List.copyOf(loginMethods);
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(decoderConfig, "decoderConfig");
        if ((implicitTls || startTlsPolicy != StartTlsPolicy.DISABLED) && clientTls == null) {
            throw new IllegalArgumentException("TLS is possible (implicit or STLS " + startTlsPolicy
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
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive: " + connectTimeout);
        }
        if (readTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("readTimeout must be at least one second: " + readTimeout);
        }
        if (maxPipelinedCommands < 1) {
            throw new IllegalArgumentException("maxPipelinedCommands must be positive: " + maxPipelinedCommands);
        }
    }

    /** The default options: cleartext upgraded by STLS when offered, trusting the system's CAs. */
    public static Pop3ClientOptions defaults() {
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
        b.allowApop = allowApop;
        b.connectTimeout = connectTimeout;
        b.readTimeout = readTimeout;
        b.decoderConfig = decoderConfig;
        b.pipelining = pipelining;
        b.maxPipelinedCommands = maxPipelinedCommands;
        b.utf8 = utf8;
        return b;
    }

    @Override
    public String toString() {
        // credentials print masked (Pop3Credentials.toString); the rest is configuration
        return "Pop3ClientOptions[startTlsPolicy=" + startTlsPolicy + ", implicitTls=" + implicitTls
                + ", clientTls=" + clientTls + ", credentials=" + credentials + ", loginMethods=" + loginMethods
                + ", allowApop=" + allowApop + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", decoderConfig=" + decoderConfig + ", pipelining=" + pipelining + ", maxPipelinedCommands="
                + maxPipelinedCommands + ", utf8=" + utf8 + "]";
    }

    public static final class Builder {
        /** Null until set: the default depends on whether credentials are set. */
        private StartTlsPolicy startTlsPolicy;
        private boolean implicitTls;
        private ClientTls clientTls;
        private Pop3Credentials credentials;
        private List<Pop3LoginMethod> loginMethods = DEFAULT_LOGIN_METHODS;
        private boolean allowApop;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private Pop3DecoderConfig decoderConfig = Pop3DecoderConfig.defaults();
        private boolean pipelining = true;
        private int maxPipelinedCommands = DEFAULT_MAX_PIPELINED_COMMANDS;
        private boolean utf8;

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

        public Builder credentials(Pop3Credentials credentials) {
            this.credentials = credentials;
            return this;
        }

        public Builder password(String user, String password) {
            return credentials(Pop3Credentials.password(user, password));
        }

        public Builder oauthToken(String user, String accessToken) {
            return credentials(Pop3Credentials.oauthToken(user, accessToken));
        }

        /** Login methods to consider, most preferred first; default {@link #DEFAULT_LOGIN_METHODS}. */
        public Builder loginMethods(List<Pop3LoginMethod> loginMethods) {
            this.loginMethods = List.copyOf(loginMethods);
            return this;
        }

        /** Default false: see {@link Pop3ClientOptions#allowApop()}. */
        public Builder allowApop(boolean allowApop) {
            this.allowApop = allowApop;
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

        public Builder decoderConfig(Pop3DecoderConfig decoderConfig) {
            this.decoderConfig = decoderConfig;
            return this;
        }

        /** Default true: pipeline when the server lists PIPELINING. */
        public Builder pipelining(boolean pipelining) {
            this.pipelining = pipelining;
            return this;
        }

        public Builder maxPipelinedCommands(int maxPipelinedCommands) {
            this.maxPipelinedCommands = maxPipelinedCommands;
            return this;
        }

        /**
         * Default false. True: when the server lists UTF8 (RFC 6856 §2), the opening sends UTF8 after
         * CAPA and STLS and before the login, so that a user name or password that is not ASCII can
         * go out with USER/PASS or APOP (which also need the server's {@code UTF8 USER}). A server
         * that does not list UTF8, or refuses it, leaves the session in ASCII; credentials that are
         * not ASCII then fail the login before USER/PASS or APOP is sent. See {@link Pop3ClientOptions#utf8()}.
         */
        public Builder utf8(boolean utf8) {
            this.utf8 = utf8;
            return this;
        }

        /**
         * @throws IllegalArgumentException when credentials are combined with a policy that allows
         *     cleartext, or a value is out of range
         */
        public Pop3ClientOptions build() {
            StartTlsPolicy policy = startTlsPolicy != null ? startTlsPolicy : StartTlsPolicy.OPTIONAL;
            if (credentials != null && policy == StartTlsPolicy.OPTIONAL) {
                // a server that merely omits STLS must not get the password in cleartext
                policy = StartTlsPolicy.REQUIRED;
            }
            ClientTls tls = clientTls;
            if (tls == null && (implicitTls || policy != StartTlsPolicy.DISABLED)) {
                tls = ClientTls.builder().trustSystemDefault().build();
            }
            return new Pop3ClientOptions(policy, implicitTls, tls, credentials, loginMethods, allowApop,
                    connectTimeout, readTimeout, decoderConfig, pipelining, maxPipelinedCommands, utf8);
        }
    }
}
