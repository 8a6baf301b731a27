package org.mailwire.pop3.client;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.mailwire.pop3.Pop3Capabilities;
import org.mailwire.pop3.Pop3Command;
import org.mailwire.pop3.ScanListing;
import org.mailwire.pop3.StatusLine;
import org.mailwire.pop3.UniqueId;
import org.mailwire.pop3.client.internal.ClientSession;
import org.mailwire.pop3.client.internal.ResponseChannel;
import org.mailwire.transport.Connector;
import org.mailwire.transport.ConnectorConfig;
import org.mailwire.transport.TlsDetails;
import org.mailwire.transport.TlsMode;

/**
 * An asynchronous POP3 client on one connection. {@link #connect} opens it: greeting, CAPA, STLS,
 * UTF8 and login as the {@link Pop3ClientOptions} say; then any number of commands of the TRANSACTION
 * state; then {@link #quit()}, which enters the UPDATE state. {@link #blocking()} is the same
 * connection seen through methods that wait.
 *
 * <p>Operations may be called from any thread; each sends one command, in the order called, and
 * returns a stage that fails with a {@link Pop3ClientException}. When the server lists PIPELINING
 * (RFC 2449 §6.6) commands are sent without waiting for the responses before them, and commands
 * asked for together travel in one write. Stages complete on the connection's I/O thread: a
 * dependent action must not block (use the {@code *Async} variants for blocking work, or the
 * {@link BlockingPop3Client} from a thread of your own).
 *
 * <p>A {@code -ERR} fails only its own operation ({@link Pop3ResponseException}); a broken
 * connection ({@link Pop3ConnectionException}) fails every waiting and later operation.
 */
public final class Pop3Client implements AutoCloseable {
    /** RFC 1939 §3. */
    public static final int DEFAULT_PORT = 110;
    /** RFC 8314 §7.3: POP3 over implicit TLS. */
    public static final int DEFAULT_IMPLICIT_TLS_PORT = 995;

    private final ClientSession session;
    private final Connector connector;
    private final AtomicBoolean released = new AtomicBoolean();

    private Pop3Client(ClientSession session, Connector connector) {
        this.session = session;
        this.connector = connector;
    }

    /** Connects to {@code host:port}; the server's certificate must be valid for {@code host}. */
    public static CompletionStage<Pop3Client> connect(String host, int port, Pop3ClientOptions options) {
        Objects.requireNonNull(host, "host");
        return connect(new InetSocketAddress(host, port), host, options);
    }

    /**
     * Connects to {@code address}, expecting a server named {@code serverName}: the name its TLS
     * certificate must carry (RFC 7817) and the host an OAUTHBEARER token is for.
     */
    public static CompletionStage<Pop3Client> connect(InetSocketAddress address, String serverName,
            Pop3ClientOptions options) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(options, "options");
        TlsMode mode = options.implicitTls() ? TlsMode.IMPLICIT_TLS
                : options.startTlsPolicy() == StartTlsPolicy.DISABLED ? TlsMode.PLAIN : TlsMode.STARTTLS;
        Connector connector = Connector.create(ConnectorConfig.builder()
                .tls(mode, mode == TlsMode.PLAIN ? null : options.clientTls())
                .connectTimeout(options.connectTimeout())
                .readTimeout(options.readTimeout())
                .build());
        ResponseChannel channel = new ResponseChannel(options.decoderConfig(), options.readTimeout(),
                options.maxPipelinedCommands());
        ClientSession session = new ClientSession(options, channel, serverName, address.getPort());
        Pop3Client client = new Pop3Client(session, connector);
        CompletableFuture<Pop3Client> opened = connector.connect(address, serverName, channel::attach)
                .toCompletableFuture()
                .handle((connection, error) -> {
                    if (error != null) {
                        return CompletableFuture.<ClientSession>failedFuture(new Pop3ConnectionException(
                                Pop3ConnectionException.Reason.CLOSED, "cannot connect to " + address + ": "
                                        + error.getMessage(), error));
                    }
                    return session.open();
                })
                .thenCompose(f -> f)
                .thenApply(s -> client);
        // the connector's threads live as long as the connection
        channel.closed().whenComplete((v, e) -> client.release());
        opened.whenComplete((c, e) -> {
            if (e != null) {
                client.release();
            }
        });
        return opened;
    }

    /** The same connection, with methods that wait. */
    public BlockingPop3Client blocking() {
        return new BlockingPop3Client(this);
    }

    public Pop3ClientOptions options() {
        return session.options();
    }

    /**
     * What the server listed in CAPA (after STLS, what it listed inside TLS); empty when the server
     * does not know CAPA. Asked before the login, as RFC 2449 §5 allows.
     */
    public Pop3Capabilities capabilities() {
        return session.capabilities();
    }

    /** The server's greeting. */
    public StatusLine greeting() {
        return session.greeting();
    }

    /** The greeting's APOP timestamp (RFC 1939 §7), when it had one. */
    public Optional<String> apopTimestamp() {
        return session.apopTimestamp();
    }

    /** Whether the login succeeded, i.e. the session is in the TRANSACTION state. */
    public boolean isAuthenticated() {
        return session.authenticated();
    }

    /**
     * Whether the server accepted UTF8 (RFC 6856 §2) in this session, sent by {@link #utf8()} or
     * during the opening ({@link Pop3ClientOptions#utf8()}).
     */
    public boolean isUtf8() {
        return session.utf8();
    }

    /** Whether commands are pipelined: allowed by the options and listed by the server. */
    public boolean isPipelining() {
        return session.channel().pipelining();
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
     * UTF8 (RFC 6856 §2): from now on the session is in UTF-8, e.g. messages may arrive with UTF-8
     * headers unconverted. Valid only in the AUTHORIZATION state, i.e. on a session opened without
     * credentials; to log in with a user name or password that is not ASCII, set
     * {@link Pop3ClientOptions.Builder#utf8(boolean)} instead, which sends UTF8 before the login.
     * Completes with the server's +OK; fails with {@link MissingCapabilityException} (nothing sent)
     * when CAPA does not list UTF8, or with {@link Pop3ResponseException} on -ERR.
     *
     * @throws IllegalStateException when the session is logged in
     */
    public CompletionStage<StatusLine> utf8() {
        return session.utf8Command();
    }

    /**
     * LANG without an argument (RFC 6856 §3): the languages the server can answer in, in the order
     * listed. Fails with {@link MissingCapabilityException} (nothing sent) when CAPA does not list
     * LANG, or with {@link Pop3ResponseException} on -ERR.
     */
    public CompletionStage<List<Pop3Language>> languages() {
        return session.languages();
    }

    /**
     * LANG {@code tag} (RFC 6856 §3): asks the server to answer in that language from now on;
     * {@code "*"} asks for its default (or a choice of its own). Completes with the server's +OK,
     * which is in the new language and usually starts with the tag chosen; fails with
     * {@link Pop3ResponseException} when the server does not offer the language, or with
     * {@link MissingCapabilityException} (nothing sent) when CAPA does not list LANG.
     *
     * @param tag a basic language range (RFC 4647 §2.1) such as {@code en} or {@code de-CH}, or {@code "*"}
     * @throws IllegalArgumentException when {@code tag} is neither
     */
    public CompletionStage<StatusLine> language(String tag) {
        Objects.requireNonNull(tag, "tag");
        return session.language(new Pop3Command.Lang(tag));
    }

    /** STAT: how many messages, and how many octets. */
    public CompletionStage<MaildropStat> stat() {
        return session.stat();
    }

    /** LIST: every message not marked deleted, with its size. */
    public CompletionStage<List<ScanListing>> list() {
        return session.list();
    }

    /** LIST {@code message}: its size; fails with {@link Pop3ResponseException} when there is no such message. */
    public CompletionStage<ScanListing> list(int message) {
        checkMessage(message);
        return session.list(message);
    }

    /** UIDL (RFC 1939 §7): every message not marked deleted, with its unique id. */
    public CompletionStage<List<UniqueId>> uidl() {
        return session.uidl();
    }

    public CompletionStage<UniqueId> uidl(int message) {
        checkMessage(message);
        return session.uidl(message);
    }

    /**
     * RETR: streams the message to {@code sink} as it arrives, a chunk at a time, dot-unstuffed with
     * its CRLF line ends, without the terminating dot line; never held whole in memory. Each buffer
     * is valid only during the call (copy what you keep), and the sink runs on the I/O thread, so it
     * must not block for long: while it runs, nothing more is read. If the sink throws, the rest of
     * the message is read and dropped, and the stage fails with what it threw.
     */
    public CompletionStage<Void> retrieve(int message, Consumer<ByteBuffer> sink) {
        checkMessage(message);
        Objects.requireNonNull(sink, "sink");
        return session.body(new Pop3Command.Retr(message), sink);
    }

    /**
     * RETR into memory. A message larger than {@code maxSize} octets fails the stage with
     * {@link MessageTooLargeException} (the connection stays usable).
     */
    public CompletionStage<byte[]> retrieve(int message, long maxSize) {
        checkMessage(message);
        checkMaxSize(maxSize);
        return session.bodyBytes(new Pop3Command.Retr(message), maxSize);
    }

    /** TOP (RFC 1939 §7): the header and the first {@code lines} body lines, streamed as by {@link #retrieve(int, Consumer)}. */
    public CompletionStage<Void> top(int message, int lines, Consumer<ByteBuffer> sink) {
        checkMessage(message);
        checkLines(lines);
        Objects.requireNonNull(sink, "sink");
        return session.body(new Pop3Command.Top(message, lines), sink);
    }

    /** TOP into memory, bounded as {@link #retrieve(int, long)}. */
    public CompletionStage<byte[]> top(int message, int lines, long maxSize) {
        checkMessage(message);
        checkLines(lines);
        checkMaxSize(maxSize);
        return session.bodyBytes(new Pop3Command.Top(message, lines), maxSize);
    }

    /** DELE: marks the message deleted; it goes only when {@link #quit()} enters the UPDATE state. */
    public CompletionStage<Void> delete(int message) {
        checkMessage(message);
        return session.simple(new Pop3Command.Dele(message));
    }

    /** RSET: unmarks every message marked deleted. */
    public CompletionStage<Void> reset() {
        return session.simple(new Pop3Command.Rset());
    }

    public CompletionStage<Void> noop() {
        return session.simple(new Pop3Command.Noop());
    }

    /**
     * QUIT, then close. Completes with true when the server removed every message marked deleted
     * (its +OK), false when it answered -ERR (RFC 1939 §6: some were not removed).
     */
    public CompletionStage<Boolean> quit() {
        return session.quit();
    }

    /**
     * QUIT if still open, waiting at most the read timeout for it, then releases the connection's
     * threads. Prefer {@link #quit()} in asynchronous code.
     */
    @Override
    public void close() {
        if (isOpen()) {
            try {
                quit().toCompletableFuture().get(options().readTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception ignored) {
                // closing anyway
            }
        }
        session.channel().abort(new Pop3ConnectionException(Pop3ConnectionException.Reason.CLOSED, "client closed"));
        release();
    }

    /**
     * Drops the connection at once, without QUIT: the server never enters the UPDATE state, so no
     * message marked deleted is removed (RFC 1939 §6). Waiting operations fail.
     */
    public void abort() {
        session.channel().abort(new Pop3ConnectionException(Pop3ConnectionException.Reason.CLOSED, "client aborted"));
        release();
    }

    private static void checkMessage(int message) {
        if (message < 1) {
            throw new IllegalArgumentException("message numbers start at 1: " + message);
        }
    }

    private static void checkLines(int lines) {
        if (lines < 0) {
            throw new IllegalArgumentException("lines must not be negative: " + lines);
        }
    }

    private static void checkMaxSize(long maxSize) {
        if (maxSize < 0 || maxSize > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxSize must fit a byte array: " + maxSize);
        }
    }

    /**
     * Releases the connector. Never on an I/O thread itself: disposing a connector waits for its I/O
     * threads, which would then wait for themselves.
     */
    private void release() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        Thread releaser = new Thread(connector::close, "mailwire-pop3-release");
        releaser.setDaemon(true);
        releaser.start();
    }
}
