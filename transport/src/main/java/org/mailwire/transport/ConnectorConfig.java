package org.mailwire.transport;

import java.time.Duration;
import java.util.Objects;
import org.mailwire.tls.ClientTls;

/**
 * How a {@link Connector} opens client connections, immutable. Build with {@link #builder()}.
 *
 * @param tlsMode cleartext, cleartext upgraded by the protocol's STARTTLS, or implicit TLS
 * @param clientTls trust, host-name check and policy; required unless {@code tlsMode} is PLAIN
 * @param connectTimeout how long a TCP connect (and, for implicit TLS, the handshake) may take
 * @param readTimeout a connection that receives nothing for this long is handed to
 *     {@link ConnectionHandler#onIdle}; whole seconds, at least one
 * @param ioProcessors selector threads shared by this connector's connections
 */
public record ConnectorConfig(
        TlsMode tlsMode,
        ClientTls clientTls,
        Duration connectTimeout,
        Duration readTimeout,
        int ioProcessors) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** RFC 5321 §4.5.3.2 asks clients for minutes, not seconds, for the slowest replies. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMinutes(5);
    public static final int DEFAULT_IO_PROCESSORS = 1;

    public ConnectorConfig {
        Objects.requireNonNull(tlsMode, "tlsMode");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (tlsMode != TlsMode.PLAIN && clientTls == null) {
            throw new IllegalArgumentException(tlsMode + " needs a ClientTls");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive: " + connectTimeout);
        }
        if (readTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("readTimeout must be at least one second: " + readTimeout);
        }
        if (ioProcessors < 1) {
            throw new IllegalArgumentException("ioProcessors must be positive: " + ioProcessors);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private TlsMode tlsMode = TlsMode.PLAIN;
        private ClientTls clientTls;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private int ioProcessors = DEFAULT_IO_PROCESSORS;

        private Builder() {
        }

        public Builder plain() {
            return tls(TlsMode.PLAIN, null);
        }

        public Builder startTls(ClientTls clientTls) {
            return tls(TlsMode.STARTTLS, clientTls);
        }

        public Builder implicitTls(ClientTls clientTls) {
            return tls(TlsMode.IMPLICIT_TLS, clientTls);
        }

        public Builder tls(TlsMode tlsMode, ClientTls clientTls) {
            this.tlsMode = tlsMode;
            this.clientTls = clientTls;
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

        public Builder ioProcessors(int ioProcessors) {
            this.ioProcessors = ioProcessors;
            return this;
        }

        public ConnectorConfig build() {
            return new ConnectorConfig(tlsMode, clientTls, connectTimeout, readTimeout, ioProcessors);
        }
    }
}
