package org.mailwire.samples;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.mailwire.smtp.codec.SmtpDecoderConfig;
import org.mailwire.smtp.server.SmtpServer;
import org.mailwire.tls.ServerIdentity;
import org.mailwire.tls.ServerTls;
import org.mailwire.transport.sasl.InMemoryUsers;

/**
 * An SMTP server that accepts every message, counts it and throws it away: a target for load
 * tests and for clients under development. It offers STARTTLS, and AUTH when users are given.
 *
 * <pre>{@code
 * try (SmtpSink sink = SmtpSink.start(SmtpSinkOptions.builder().port(0).build())) {
 *     send(sink.port());
 *     System.out.println(sink.counters().line());
 * }
 * }</pre>
 */
public final class SmtpSink implements AutoCloseable {
    private final SmtpServer server;
    private final CountingMessageSink messages;
    private final ServerIdentity identity;
    private final Path certificateFile;

    private SmtpSink(SmtpServer server, CountingMessageSink messages, ServerIdentity identity, Path certificateFile) {
        this.server = server;
        this.messages = messages;
        this.identity = identity;
        this.certificateFile = certificateFile;
    }

    /**
     * Loads or creates the TLS identity and starts listening.
     *
     * @throws IOException when the identity cannot be read or written
     */
    public static SmtpSink start(SmtpSinkOptions options) throws IOException {
        ServerIdentity identity;
        Path certificateFile;
        if (options.certificate().isPresent()) {
            certificateFile = options.certificate().get();
            identity = ServerIdentity.fromPem(certificateFile, options.privateKey().orElseThrow(), null);
        } else {
            certificateFile = options.stateDirectory().resolve(DevelopmentIdentity.CERTIFICATE_FILE);
            identity = DevelopmentIdentity.loadOrCreate(options.stateDirectory(), List.of(options.hostname()));
        }

        SmtpDecoderConfig.Builder limits = SmtpDecoderConfig.defaults().toBuilder();
        options.maxMessageSize().ifPresent(limits::maxMessageSize);

        CountingMessageSink messages = new CountingMessageSink();
        SmtpServer.Builder builder = SmtpServer.builder()
                .hostname(options.hostname())
                .bindAddress(options.bindAddress())
                .port(options.port())
                .startTls(ServerTls.create(identity))
                .limits(limits.build())
                .messageSink(messages);
        if (!options.users().isEmpty()) {
            InMemoryUsers users = new InMemoryUsers();
            options.users().forEach(users::add);
            builder.authenticator(users).allowCleartextAuth(options.allowCleartextAuth());
        }
        return new SmtpSink(builder.start(), messages, identity, certificateFile);
    }

    public int port() {
        return server.port();
    }

    public InetSocketAddress localAddress() {
        return server.localAddress();
    }

    /** The certificate offered with STARTTLS. */
    public X509Certificate certificate() {
        return identity.leaf();
    }

    /** The PEM file the certificate was read from, for clients to trust. */
    public Path certificateFile() {
        return certificateFile;
    }

    /** The SHA-256 of the certificate, as colon-separated hex: what a client pins. */
    public String certificateFingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.leaf().getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint the certificate", e);
        }
    }

    public SinkCounters counters() {
        return new SinkCounters(messages.messages(), messages.bytes(), server.counters().totalConnections());
    }

    /** Stops accepting and gives transactions in progress {@code grace} to finish. */
    public boolean shutdown(Duration grace) {
        return server.shutdown(grace);
    }

    @Override
    public void close() {
        server.close();
    }
}
