package org.mailwire.smtp.client;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.mailwire.smtp.Envelope;
import org.mailwire.smtp.SmtpCapabilities;
import org.mailwire.smtp.SmtpCommand;
import org.mailwire.smtp.SmtpReply;
import org.mailwire.smtp.client.internal.BodySource;
import org.mailwire.smtp.client.internal.ClientSession;
import org.mailwire.smtp.client.internal.ReplyChannel;
import org.mailwire.transport.Connector;
import org.mailwire.transport.ConnectorConfig;
import org.mailwire.transport.TlsDetails;
import org.mailwire.transport.TlsMode;
import org.mailwire.tls.ClientTls;

/**
 * An asynchronous SMTP (or LMTP) client on one connection. {@link #connect} opens it: greeting,
 * EHLO, STARTTLS and AUTH as the {@link SmtpClientOptions} say; then any number of
 * {@link #send transactions}; then {@link #quit()}. {@link #blocking()} is the same connection seen
 * through methods that wait.
 *
 * <p>Operations may be called from any thread and run one after another, in the order called; each
 * returns a stage that fails with an {@link SmtpClientException}. Stages complete in the
 * connection's callback context (usually its I/O thread; sometimes the thread whose call found the
 * connection idle and ran its callbacks), never under a lock of the client's: a dependent action
 * must not block (use the {@code *Async} variants to do blocking work, or the
 * {@link BlockingSmtpClient} from a thread of your own).
 *
 * <p>A failed transaction leaves the connection usable (the client sends RSET where needed) unless
 * the connection itself failed ({@link SmtpConnectionException}), after which every operation fails.
 */
public final class SmtpClient implements AutoCloseable {
    /**
     * Reads streamed bodies for every client (a stream may block, and the I/O threads must not): a
     * thread per body being read at the moment, kept a while for the next one, never one per
     * connection.
     */
    private static final ExecutorService BODY_READER = new ThreadPoolExecutor(0, Integer.MAX_VALUE,
            30, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
                Thread t = new Thread(runnable, "mailwire-smtp-body-reader");
                t.setDaemon(true);
                return t;
            });

    private final ClientSession session;
    /** The connector this client made for itself and closes; null when the caller's is shared. */
    private final Connector ownConnector;
    private final java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();

    private SmtpClient(ClientSession session, Connector ownConnector) {
        this.session = session;
        this.ownConnector = ownConnector;
    }

    /**
     * Connects to {@code host:port}; the server's certificate must be valid for {@code host}. The
     * client has a connector of its own (an I/O thread and a timer), released when the connection
     * closes; to open many connections, share one with {@link #connect(Connector, InetSocketAddress,
     * String, SmtpClientOptions)}.
     */
    public static CompletionStage<SmtpClient> connect(String host, int port, SmtpClientOptions options) {
        Objects.requireNonNull(host, "host");
        return connect(new InetSocketAddress(host, port), host, options);
    }

    /**
     * Connects to {@code address}, expecting a server named {@code serverName}: the name its TLS
     * certificate must carry (RFC 7817) and the host an OAUTHBEARER token is for. As
     * {@link #connect(String, int, SmtpClientOptions)}, with a connector of the client's own.
     */
    public static CompletionStage<SmtpClient> connect(InetSocketAddress address, String serverName,
            SmtpClientOptions options) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(options, "options");
        Connector own = newConnector(options);
        CompletionStage<SmtpClient> opened;
        try {
            opened = open(own, true, address, serverName, options);
        } catch (RuntimeException e) {
            own.close();
            throw e;
        }
        return opened;
    }

    /**
     * Connects through {@code connector}, which the caller owns and may share among any number of
     * clients (they then share its I/O threads and timer): the client never closes it, and it must
     * outlive the client's connection. It decides the transport: its TLS mode must be the one the
     * options ask for ({@link #newConnector} makes one that fits), and its {@link ClientTls} must be
     * the options' own, since it is the one that checks the server's certificate; its connect
     * timeout applies, not the options'.
     *
     * @throws IllegalArgumentException when the connector does not fit the options
     */
    public static CompletionStage<SmtpClient> connect(Connector connector, InetSocketAddress address,
            String serverName, SmtpClientOptions options) {
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(options, "options");
        ConnectorConfig config = connector.config();
        TlsMode wanted = tlsMode(options);
        // a STARTTLS connector also carries a client that never upgrades
        boolean fits = config.tlsMode() == wanted
                || (wanted == TlsMode.PLAIN && config.tlsMode() == TlsMode.STARTTLS);
        if (!fits) {
            throw new IllegalArgumentException("the connector speaks " + config.tlsMode() + ", the options need "
                    + wanted);
        }
        if (wanted != TlsMode.PLAIN && config.clientTls() != options.clientTls()) {
            throw new IllegalArgumentException("the connector's ClientTls is not the options' own: the server's"
                    + " certificate would be checked against another trust");
        }
        return open(connector, false, address, serverName, options);
    }

    /**
     * A connector fitting {@code options} (TLS mode, ClientTls, connect timeout), to be shared by
     * clients with these options (or ones {@link SmtpClientOptions#mutate() derived} from them that
     * keep the TLS settings) through {@link #connect(Connector, InetSocketAddress, String,
     * SmtpClientOptions)}. The caller closes it.
     */
    public static Connector newConnector(SmtpClientOptions options) {
        TlsMode mode = tlsMode(options);
        return Connector.create(ConnectorConfig.builder()
                .tls(mode, mode == TlsMode.PLAIN ? null : options.clientTls())
                .connectTimeout(options.connectTimeout())
                .readTimeout(options.readTimeout())
                .build());
    }

    private static TlsMode tlsMode(SmtpClientOptions options) {
        return options.implicitTls() ? TlsMode.IMPLICIT_TLS
                : options.startTlsPolicy() == StartTlsPolicy.DISABLED ? TlsMode.PLAIN : TlsMode.STARTTLS;
    }

    private static CompletionStage<SmtpClient> open(Connector connector, boolean owned, InetSocketAddress address,
            String serverName, SmtpClientOptions options) {
        String localHostName = options.ehloName() == null ? LocalDomain.NAME : null;
        ReplyChannel channel = new ReplyChannel(options.decoderConfig(), options.readTimeout(),
                options.maxPipelinedCommands());
        ClientSession session = new ClientSession(options, channel, serverName, address.getPort(), localHostName);
        SmtpClient client = new SmtpClient(session, owned ? connector : null);
        CompletableFuture<SmtpClient> opened = connector.connect(address, serverName, channel::attach)
                .toCompletableFuture()
                .handle((connection, error) -> {
                    if (error != null) {
                        return CompletableFuture.<ClientSession>failedFuture(new SmtpConnectionException(
                                SmtpConnectionException.Reason.CLOSED, "cannot connect to " + address + ": "
                                        + error.getMessage(), error));
                    }
                    return session.open();
                })
                .thenCompose(f -> f)
                .thenApply(s -> client);
        // an own connector's threads live as long as the connection
        channel.closed().whenComplete((v, e) -> client.release());
        opened.whenComplete((c, e) -> {
            if (e != null) {
                client.release();
            }
        });
        return opened;
    }

    /**
     * This host's domain name for EHLO, looked up once, when first needed (the look-up may block on
     * DNS); null when it is not a fully qualified domain.
     */
    private static final class LocalDomain {
        static final String NAME = localDomainName();
    }

    /**
     * RFC 5321 §4.1.4: EHLO names the client's fully qualified domain; without one, an address
     * literal is sent instead (chosen once the local address is known).
     */
    private static String localDomainName() {
        try {
            String name = InetAddress.getLocalHost().getCanonicalHostName();
            boolean domain = name.indexOf('.') > 0 && !name.endsWith(".") && name.chars()
                    .allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                            || c == '-' || c == '.')
                    && !name.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.');
            return domain ? name : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** The same connection, with methods that wait. */
    public BlockingSmtpClient blocking() {
        return new BlockingSmtpClient(this);
    }

    public SmtpClientOptions options() {
        return session.options();
    }

    /** What the server advertised; after STARTTLS, what it advertised inside TLS. */
    public SmtpCapabilities capabilities() {
        return session.capabilities();
    }

    public boolean isAuthenticated() {
        return session.authenticated();
    }

    public boolean isSecure() {
        return session.channel().connection().isSecure();
    }

    public Optional<TlsDetails> tlsDetails() {
        return session.channel().connection().tlsDetails();
    }

    /** Whether operations can still succeed: the connection is open and has not failed. */
    public boolean isOpen() {
        return session.channel().connection().isOpen() && session.channel().failure().isEmpty();
    }

    /**
     * Sends one message held in memory. Its size is known, so it is checked against the server's
     * SIZE before MAIL and declared with SIZE=; its octets are looked at before MAIL too, so a body
     * with 8-bit octets is declared BODY=8BITMIME, or refused with a {@link MissingExtensionException}
     * when the server does not offer 8BITMIME. The buffer is read in place, not copied: leave it
     * unchanged until the stage completes.
     *
     * @return every recipient's outcome; fails with {@link NoRecipientsAcceptedException} when no
     *     recipient was accepted, {@link MessageRejectedException} when the message was refused for
     *     all of them, {@link MessageTooLargeException} or {@link MissingExtensionException} before
     *     anything was sent
     */
    public CompletionStage<SendResult> send(Envelope envelope, ByteBuffer body) {
        return session.send(Objects.requireNonNull(envelope, "envelope"), BodySource.of(body));
    }

    /** As {@link #send(Envelope, ByteBuffer)}. */
    public CompletionStage<SendResult> send(Envelope envelope, byte[] body) {
        return send(envelope, ByteBuffer.wrap(body));
    }

    /**
     * Sends one message read from {@code body} a chunk at a time (on a thread of the client's, since
     * a stream may block), never holding more than one chunk. The size is unknown, so SIZE= is
     * declared only when the envelope's parameters carry it. 8-bit content: to a server that offers
     * 8BITMIME the body is declared BODY=8BITMIME unless the envelope declares a body type; to one
     * that does not, every chunk is looked at before it is sent, and at the first octet above 127 the
     * connection is dropped before the end of the data (so the server discards the partial message)
     * and the stage fails with {@link MissingExtensionException}. Declare the body type in the
     * envelope to decide yourself. The stream is not closed.
     */
    public CompletionStage<SendResult> send(Envelope envelope, InputStream body) {
        return session.send(Objects.requireNonNull(envelope, "envelope"),
                BodySource.of(Objects.requireNonNull(body, "body"), BODY_READER));
    }

    /** NOOP: the server's reply, whatever it is. */
    public CompletionStage<SmtpReply> noop() {
        return session.command(new SmtpCommand.Noop(""));
    }

    /** RSET: abandons nothing of ours (transactions end by themselves), but resets the server's state. */
    public CompletionStage<SmtpReply> reset() {
        return session.command(new SmtpCommand.Rset());
    }

    /** QUIT, and close once it is answered; completes when the connection is closed. */
    public CompletionStage<Void> quit() {
        return session.quit();
    }

    /**
     * QUIT if still open, waiting at most the read timeout for it, then releases the connection's
     * threads. Prefer {@link #quit()} in asynchronous code.
     */
    @Override
    public void close() {
        try {
            quit().toCompletableFuture().get(options().readTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception ignored) {
            // closing anyway
        }
        session.channel().abort(new SmtpConnectionException(SmtpConnectionException.Reason.CLOSED, "client closed"));
        release();
    }

    /**
     * Releases the connector the client made for itself; a shared one is the caller's. Never on an
     * I/O thread itself: disposing a connector waits for its I/O threads, which would then wait for
     * themselves.
     */
    private void release() {
        if (ownConnector == null || !released.compareAndSet(false, true)) {
            return;
        }
        Thread releaser = new Thread(ownConnector::close, "mailwire-smtp-release");
        releaser.setDaemon(true);
        releaser.start();
    }
}
