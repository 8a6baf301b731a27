package org.mailwire.samples;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How to run an {@link SmtpSink}.
 *
 * @param bindAddress        where to listen
 * @param port               the port, 0 for any free one
 * @param hostname           the name in the greeting and the EHLO reply
 * @param stateDirectory     where the self-signed certificate is kept across restarts
 * @param certificate        a PEM certificate chain to serve instead of the self-signed one
 * @param privateKey         the PEM private key of {@code certificate} (both or neither)
 * @param users              AUTH users by name; none turns AUTH off
 * @param allowCleartextAuth offer AUTH before STARTTLS, which a loopback address alone may do
 * @param maxMessageSize     the SIZE limit (RFC 1870); empty for the codec's default
 */
public record SmtpSinkOptions(
        InetAddress bindAddress,
        int port,
        String hostname,
        Path stateDirectory,
        Optional<Path> certificate,
        Optional<Path> privateKey,
        Map<String, String> users,
        boolean allowCleartextAuth,
        OptionalLong maxMessageSize) {

    public static final int DEFAULT_PORT = 2525;
    public static final String DEFAULT_STATE_DIRECTORY = "mailwire-state";

    public SmtpSinkOptions {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(stateDirectory, "stateDirectory");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(maxMessageSize, "maxMessageSize");
        users = Map.copyOf(users);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        if (certificate.isPresent() != privateKey.isPresent()) {
            throw new IllegalArgumentException("a certificate needs its private key, and a key its certificate");
        }
        if (allowCleartextAuth && !bindAddress.isLoopbackAddress()) {
            // Passwords in clear text are acceptable only where no one else can listen.
            throw new IllegalArgumentException("cleartext AUTH is allowed on a loopback address only, not "
                    + bindAddress.getHostAddress());
        }
        if (maxMessageSize.isPresent() && maxMessageSize.getAsLong() < 0) {
            throw new IllegalArgumentException("maxMessageSize must not be negative");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts from the command line's defaults. */
    public static final class Builder {
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int port = DEFAULT_PORT;
        private String hostname = "localhost";
        private Path stateDirectory = Path.of(DEFAULT_STATE_DIRECTORY);
        private Path certificate;
        private Path privateKey;
        private final Map<String, String> users = new LinkedHashMap<>();
        private boolean allowCleartextAuth;
        private OptionalLong maxMessageSize = OptionalLong.empty();

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

        public Builder hostname(String hostname) {
            this.hostname = hostname;
            return this;
        }

        public Builder stateDirectory(Path stateDirectory) {
            this.stateDirectory = stateDirectory;
            return this;
        }

        public Builder pem(Path certificate, Path privateKey) {
            this.certificate = certificate;
            this.privateKey = privateKey;
            return this;
        }

        public Builder user(String name, String password) {
            users.put(name, password);
            return this;
        }

        public Builder allowCleartextAuth(boolean allow) {
            this.allowCleartextAuth = allow;
            return this;
        }

        public Builder maxMessageSize(long bytes) {
            this.maxMessageSize = OptionalLong.of(bytes);
            return this;
        }

        public SmtpSinkOptions build() {
            return new SmtpSinkOptions(bindAddress, port, hostname, stateDirectory, Optional.ofNullable(certificate),
                    Optional.ofNullable(privateKey), users, allowCleartextAuth, maxMessageSize);
        }
    }
}
