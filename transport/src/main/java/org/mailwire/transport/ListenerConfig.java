package org.mailwire.transport;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import org.mailwire.tls.ServerTls;

/**
 * Everything a {@link Listener} needs, immutable. Build with {@link #builder()}.
 *
 * @param bindAddress where to listen; the default is the loopback address, so that nothing is
 *     exposed to the network unless asked for
 * @param port the TCP port, 0 for an ephemeral one ({@link Listener#port()} tells which)
 * @param tlsMode cleartext, STARTTLS-capable or implicit TLS
 * @param serverTls the identity and policy, required unless {@code tlsMode} is PLAIN
 * @param ioProcessors selector threads; connections are spread over them
 * @param maxConnections connections served at once; further ones are refused
 * @param maxConnectionsPerAddress connections from one remote IP address served at once
 * @param idleTimeout a connection that sends nothing for this long is handed to
 *     {@link ConnectionHandler#onIdle}; whole seconds, at least one
 * @param handshakeTimeout how long a TLS handshake (implicit, or after STARTTLS) may take
 * @param refusalLine the protocol's line for a refused connection (e.g. SMTP's {@code 421}, RFC 5321
 *     §3.8), without CRLF; an empty line closes silently. Written on cleartext listeners only, since
 *     on implicit TLS it would first cost the handshake the cap is there to save
 */
public record ListenerConfig(
        InetAddress bindAddress,
        int port,
        TlsMode tlsMode,
        ServerTls serverTls,
        int ioProcessors,
        int maxConnections,
        int maxConnectionsPerAddress,
        Duration idleTimeout,
        Duration handshakeTimeout,
        Function<Refusal, String> refusalLine) {

    public static final int DEFAULT_IO_PROCESSORS = Runtime.getRuntime().availableProcessors();
    public static final int DEFAULT_MAX_CONNECTIONS = 1000;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 20;
    /** RFC 5321 §4.5.3.2.7: a server should wait at least 5 minutes for the next command. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);

    public ListenerConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(tlsMode, "tlsMode");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("handshakeTimeout must be positive: " + handshakeTimeout);
        }
        Objects.requireNonNull(refusalLine, "refusalLine");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        if (tlsMode != TlsMode.PLAIN && serverTls == null) {
            throw new IllegalArgumentException(tlsMode + " needs a ServerTls");
        }
        requirePositive("ioProcessors", ioProcessors);
        requirePositive("maxConnections", maxConnections);
        requirePositive("maxConnectionsPerAddress", maxConnectionsPerAddress);
        if (idleTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("idleTimeout must be at least one second: " + idleTimeout);
        }
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    /** The refusal line as wire bytes with CRLF, or nothing when the protocol gave an empty line. */
    byte[] refusalBytes(Refusal refusal) {
        String line = refusalLine.apply(refusal);
        if (line.isEmpty()) {
            return new byte[0];
        }
        if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("refusal line contains CR or LF");
        }
        return (line + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .bindAddress(bindAddress)
                .port(port)
                .tls(tlsMode, serverTls)
                .ioProcessors(ioProcessors)
                .maxConnections(maxConnections)
                .maxConnectionsPerAddress(maxConnectionsPerAddress)
                .idleTimeout(idleTimeout)
                .handshakeTimeout(handshakeTimeout)
                .refusalLine(refusalLine);
    }

    public static final class Builder {
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int port;
        private TlsMode tlsMode = TlsMode.PLAIN;
        private ServerTls serverTls;
        private int ioProcessors = DEFAULT_IO_PROCESSORS;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int maxConnectionsPerAddress = DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
        private Function<Refusal, String> refusalLine = refusal -> "";

        private Builder() {
        }

        public Builder bindAddress(InetAddress bindAddress) {
            this.bindAddress = bindAddress;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder plain() {
            return tls(TlsMode.PLAIN, null);
        }

        public Builder startTls(ServerTls serverTls) {
            return tls(TlsMode.STARTTLS, serverTls);
        }

        public Builder implicitTls(ServerTls serverTls) {
            return tls(TlsMode.IMPLICIT_TLS, serverTls);
        }

        public Builder tls(TlsMode tlsMode, ServerTls serverTls) {
            this.tlsMode = tlsMode;
            this.serverTls = serverTls;
            return this;
        }

        public Builder ioProcessors(int ioProcessors) {
            this.ioProcessors = ioProcessors;
            return this;
        }

        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        public Builder maxConnectionsPerAddress(int maxConnectionsPerAddress) {
            this.maxConnectionsPerAddress = maxConnectionsPerAddress;
            return this;
        }

        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        public Builder handshakeTimeout(Duration handshakeTimeout) {
            this.handshakeTimeout = handshakeTimeout;
            return this;
        }

        public Builder refusalLine(Function<Refusal, String> refusalLine) {
            this.refusalLine = refusalLine;
            return this;
        }

        public ListenerConfig build() {
            return new ListenerConfig(bindAddress, port, tlsMode, serverTls, ioProcessors,
                    maxConnections, maxConnectionsPerAddress, idleTimeout, handshakeTimeout, refusalLine);
        }
    }
}
