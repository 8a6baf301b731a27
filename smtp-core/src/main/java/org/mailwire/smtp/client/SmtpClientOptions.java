package org.mailwire.smtp.client;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.mailwire.smtp.codec.SmtpDecoderConfig;
import org.mailwire.tls.ClientTls;
import org.mailwire.transport.sasl.SaslMechanism;

/**
 * How an {@link SmtpClient} connects and talks, immutable. Build with {@link #builder()}; derive a
 * variant with {@link #mutate()}.
 *
 * @param ehloName the name sent with EHLO/LHLO/HELO; null to use the local host name when it is a
 *     fully qualified domain, else the connection's local address as an address literal
 *     (RFC 5321 §4.1.4)
 * @param startTlsPolicy whether a cleartext connection is upgraded; always {@link StartTlsPolicy#REQUIRED}
 *     when credentials are set and TLS is not implicit
 * @param implicitTls TLS from the first byte (port 465, RFC 8314)
 * @param clientTls trust and host name check for the server's certificate; null when TLS is never used
 * @param credentials what AUTH sends; null for no authentication
 * @param mechanisms SASL mechanisms to try, most preferred first; only those the server advertises and
 *     that fit the credentials are used
 * @param useBdat send bodies with BDAT when the server offers CHUNKING (RFC 3030)
 * @param lmtp speak LMTP (RFC 2033): LHLO, and one reply per recipient after the body
 * @param connectTimeout bounds the TCP connect and, with implicit TLS, the handshake
 * @param readTimeout bounds each wait for a reply or for a write to drain (RFC 5321 §4.5.3.2 asks for
 *     minutes)
 * @param decoderConfig limits on replies (line length, total size of a multi-line reply)
 * @param chunkSize bytes read from a body at a time, and the size of a BDAT chunk
 * @param maxPipelinedCommands how many commands may wait for replies at once (the pending queue
 *     bound); envelopes with more recipients are pipelined in groups of this size
 */
public record SmtpClientOptions(
        String ehloName,
        StartTlsPolicy startTlsPolicy,
        boolean implicitTls,
        ClientTls clientTls,
        SmtpCredentials credentials,
        List<SaslMechanism> mechanisms,
        boolean useBdat,
        boolean lmtp,
        Duration connectTimeout,
        Duration readTimeout,
        SmtpDecoderConfig decoderConfig,
        int chunkSize,
        int maxPipelinedCommands) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** RFC 5321 §4.5.3.2: the shortest of the recommended client timeouts is 2 minutes (DATA initiation). */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMinutes(5);
    public static final int DEFAULT_CHUNK_SIZE = 64 * 1024;
    /** RFC 5321 §4.5.3.1.8: a server must accept at least 100 recipients, so one group fits them all. */
    public static final int DEFAULT_MAX_PIPELINED_COMMANDS = 128;
    /** Strongest first: SCRAM proves the password without revealing it and authenticates the server too. */
    public static final List<SaslMechanism> DEFAULT_MECHANISMS = List.of(
            SaslMechanism.SCRAM_SHA_256, SaslMechanism.CRAM_MD5, SaslMechanism.PLAIN, SaslMechanism.LOGIN,
            SaslMechanism.OAUTHBEARER, SaslMechanism.XOAUTH2);

    public SmtpClientOptions {
        Objects.requireNonNull(startTlsPolicy, "startTlsPolicy");
        mechanisms = List.copyOf(mechanisms);
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(decoderConfig, "decoderConfig");
        if (ehloName != null && (ehloName.isEmpty() || ehloName.chars().anyMatch(c -> c <= ' ' || c >= 0x7f))) {
            // RFC 5321 §4.1.1.1: a domain or an address literal, nothing that could end the command line
            throw new IllegalArgumentException("ehloName must be a domain or an address literal: " + ehloName);
        }
        if ((implicitTls || startTlsPolicy != StartTlsPolicy.DISABLED) && clientTls == null) {
            throw new IllegalArgumentException("TLS is possible (implicit or STARTTLS " + startTlsPolicy
                    + ") but no ClientTls is set");
        }
        if (credentials != null && !implicitTls && startTlsPolicy != StartTlsPolicy.REQUIRED) {
            // credentials must never cross the network in cleartext, whatever the server offers
            throw new IllegalArgumentException("credentials need implicit TLS or StartTlsPolicy.REQUIRED, not "
                    + startTlsPolicy);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive: " + connectTimeout);
        }
        if (readTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("readTimeout must be at least one second: " + readTimeout);
        }
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be positive: " + chunkSize);
        }
        if (maxPipelinedCommands < 3) {
            // MAIL, one RCPT and DATA must fit in one group
            throw new IllegalArgumentException("maxPipelinedCommands must be at least 3: " + maxPipelinedCommands);
        }
    }

    /** The default options: cleartext upgraded by STARTTLS when offered, trusting the system's CAs. */
    public static SmtpClientOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options, to change some of them. */
    public Builder mutate() {
        Builder b = new Builder();
        b.ehloName = ehloName;
        b.startTlsPolicy = startTlsPolicy;
        b.implicitTls = implicitTls;
        b.clientTls = clientTls;
        b.credentials = credentials;
        b.mechanisms = mechanisms;
        b.useBdat = useBdat;
        b.lmtp = lmtp;
        b.connectTimeout = connectTimeout;
        b.readTimeout = readTimeout;
        b.decoderConfig = decoderConfig;
        b.chunkSize = chunkSize;
        b.maxPipelinedCommands = maxPipelinedCommands;
        return b;
    }

    @Override
    public String toString() {
        // credentials print masked (SmtpCredentials.toString); the rest is configuration
        return "SmtpClientOptions[ehloName=" + ehloName + ", startTlsPolicy=" + startTlsPolicy + ", implicitTls="
                + implicitTls + ", clientTls=" + clientTls + ", credentials=" + credentials + ", mechanisms=" + mechanisms
                + ", useBdat=" + useBdat + ", lmtp=" + lmtp + ", connectTimeout=" + connectTimeout + ", readTimeout="
                + readTimeout + ", decoderConfig=" + decoderConfig + ", chunkSize=" + chunkSize
                + ", maxPipelinedCommands=" + maxPipelinedCommands + "]";
    }

    public static final class Builder {
        private String ehloName;
        /** Null until set: the default depends on whether credentials are set. */
        private StartTlsPolicy startTlsPolicy;
        private boolean implicitTls;
        private ClientTls clientTls;
        private SmtpCredentials credentials;
        private List<SaslMechanism> mechanisms = DEFAULT_MECHANISMS;
        private boolean useBdat = true;
        private boolean lmtp;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private SmtpDecoderConfig decoderConfig = SmtpDecoderConfig.defaults();
        private int chunkSize = DEFAULT_CHUNK_SIZE;
        private int maxPipelinedCommands = DEFAULT_MAX_PIPELINED_COMMANDS;

        private Builder() {
        }

        public Builder ehloName(String ehloName) {
            this.ehloName = ehloName;
            return this;
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

        public Builder credentials(SmtpCredentials credentials) {
            this.credentials = credentials;
            return this;
        }

        public Builder password(String user, String password) {
            return credentials(SmtpCredentials.password(user, password));
        }

        public Builder oauthToken(String user, String accessToken) {
            return credentials(SmtpCredentials.oauthToken(user, accessToken));
        }

        /** Mechanisms to try, most preferred first; default {@link #DEFAULT_MECHANISMS}. */
        public Builder mechanisms(List<SaslMechanism> mechanisms) {
            this.mechanisms = List.copyOf(mechanisms);
            return this;
        }

        /** Default true: BDAT when the server offers CHUNKING. */
        public Builder useBdat(boolean useBdat) {
            this.useBdat = useBdat;
            return this;
        }

        public Builder lmtp(boolean lmtp) {
            this.lmtp = lmtp;
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

        public Builder decoderConfig(SmtpDecoderConfig decoderConfig) {
            this.decoderConfig = decoderConfig;
            return this;
        }

        public Builder chunkSize(int chunkSize) {
            this.chunkSize = chunkSize;
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
        public SmtpClientOptions build() {
            StartTlsPolicy policy = startTlsPolicy != null ? startTlsPolicy : StartTlsPolicy.OPTIONAL;
            if (credentials != null && policy == StartTlsPolicy.OPTIONAL) {
                // a server that merely omits STARTTLS must not get the password in cleartext
                policy = StartTlsPolicy.REQUIRED;
            }
            ClientTls tls = clientTls;
            if (tls == null && (implicitTls || policy != StartTlsPolicy.DISABLED)) {
                tls = ClientTls.builder().trustSystemDefault().build();
            }
            return new SmtpClientOptions(ehloName, policy, implicitTls, tls, credentials, mechanisms, useBdat, lmtp,
                    connectTimeout, readTimeout, decoderConfig, chunkSize, maxPipelinedCommands);
        }
    }
}
