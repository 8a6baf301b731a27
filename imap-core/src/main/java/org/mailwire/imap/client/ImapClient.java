package org.mailwire.imap.client;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.mailwire.imap.Flag;
import org.mailwire.imap.ImapDateTime;
import org.mailwire.imap.ImapResponse;
import org.mailwire.imap.MailboxName;
import org.mailwire.imap.SearchKey;
import org.mailwire.imap.SearchReturn;
import org.mailwire.imap.Section;
import org.mailwire.imap.SequenceSet;
import org.mailwire.imap.StatusItem;
import org.mailwire.imap.client.internal.ClientSession;
import org.mailwire.imap.client.internal.CommandChannel;
import org.mailwire.transport.Connector;
import org.mailwire.transport.ConnectorConfig;
import org.mailwire.transport.TlsDetails;
import org.mailwire.transport.TlsMode;

/**
 * An asynchronous IMAP client on one connection (RFC 3501 IMAP4rev1, RFC 9051 IMAP4rev2).
 * {@link #connect} opens it: greeting, capabilities, STARTTLS, login and ENABLE as the
 * {@link ImapClientOptions} say; then any number of commands; then {@link #logout()}.
 * {@link #blocking()} is the same connection seen through methods that wait.
 *
 * <p>Operations may be called from any thread; each sends one tagged command (MOVE without the
 * MOVE extension sends three) and returns a stage that fails with an {@link ImapClientException}.
 * A tagged NO or BAD fails only its own operation ({@link ImapCommandException}); a broken
 * connection, a BYE, a timeout or a response the decoder refuses ({@link ImapConnectionException})
 * fails every pending and later operation and closes the connection. Stages complete on the
 * connection's I/O thread, never under a lock of the client's: a dependent action must not block
 * (use the {@code *Async} variants, or the {@link BlockingImapClient} from a thread of your own).
 *
 * <h2>Pipelining</h2>
 * Commands are written in the order called, and several may wait for their completions at once (at
 * most {@link ImapClientOptions#maxPipelinedCommands()}). Untagged responses carry no tag, so a
 * command is held back until it cannot be confused with the ones in flight (RFC 3501 §5.5, RFC 9051
 * §5.5):
 * <ul>
 * <li>Barriers wait until nothing is in flight, and nothing is sent behind them until they
 * complete: SELECT, EXAMINE, CLOSE, UNSELECT, STARTTLS, LOGIN, AUTHENTICATE, ENABLE, IDLE,
 * COMPRESS, LOGOUT, and every command that carries a synchronising literal (it waits for the
 * server's {@code +}, which is not tagged either).</li>
 * <li>Two commands that collect the same kind of untagged response are never in flight together:
 * FETCH responses (FETCH, STORE), SEARCH, SORT, THREAD, LIST, LSUB, STATUS (STATUS and a LIST
 * returning STATUS), CAPABILITY, ENABLED, NAMESPACE, ID, and MOVE's untagged {@code [COPYUID]}. So
 * every untagged response has at most one command that asked for it. (ESEARCH responses name their
 * command's tag and need no such rule.)</li>
 * <li>A command that uses sequence numbers (FETCH, STORE, SEARCH, SORT, THREAD, COPY, MOVE
 * without UID) waits until every command in flight is a FETCH, STORE or SEARCH by sequence number:
 * any other command lets the server send EXPUNGE, which would shift the numbers under it.</li>
 * </ul>
 * Untagged mailbox data (EXISTS, EXPUNGE, VANISHED, FETCH) always updates the {@link MailboxView}
 * first, whichever command it arrived under, and what no command collects becomes an
 * {@link ImapEvent}.
 */
public final class ImapClient implements AutoCloseable {
    /** RFC 3501 §2.1. */
    public static final int DEFAULT_PORT = 143;
    /** RFC 8314 §7.3: IMAP over implicit TLS. */
    public static final int DEFAULT_IMPLICIT_TLS_PORT = 993;

    private final ClientSession session;
    /** The connector this client made for itself and closes; null when the caller's is shared. */
    private final Connector ownConnector;
    private final AtomicBoolean released = new AtomicBoolean();

    private ImapClient(ClientSession session, Connector ownConnector) {
        this.session = session;
        this.ownConnector = ownConnector;
    }

    /**
     * Connects to {@code host:port}; the server's certificate must be valid for {@code host}. The
     * client has a connector of its own (an I/O thread and a timer), released when the connection
     * closes; to open many connections, share one with {@link #connect(Connector, InetSocketAddress,
     * String, ImapClientOptions)}.
     */
    public static CompletionStage<ImapClient> connect(String host, int port, ImapClientOptions options) {
        Objects.requireNonNull(host, "host");
        return connect(new InetSocketAddress(host, port), host, options);
    }

    /**
     * Connects to {@code address}, expecting a server named {@code serverName}: the name its TLS
     * certificate must carry (RFC 7817) and the host an OAUTHBEARER token is for.
     */
    public static CompletionStage<ImapClient> connect(InetSocketAddress address, String serverName,
            ImapClientOptions options) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(options, "options");
        Connector own = newConnector(options);
        try {
            return open(own, true, address, serverName, options);
        } catch (RuntimeException e) {
            own.close();
            throw e;
        }
    }

    /**
     * Connects through {@code connector}, which the caller owns and may share among any number of
     * clients: the client never closes it, and it must outlive the client's connection. Its TLS mode
     * must be the one the options ask for ({@link #newConnector} makes one that fits), and its
     * {@link org.mailwire.tls.ClientTls} must be the options' own; its connect timeout applies.
     *
     * @throws IllegalArgumentException when the connector does not fit the options
     */
    public static CompletionStage<ImapClient> connect(Connector connector, InetSocketAddress address,
            String serverName, ImapClientOptions options) {
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
     * clients with these options through {@link #connect(Connector, InetSocketAddress, String,
     * ImapClientOptions)}. The caller closes it.
     */
    public static Connector newConnector(ImapClientOptions options) {
        TlsMode mode = tlsMode(options);
        return Connector.create(ConnectorConfig.builder()
                .tls(mode, mode == TlsMode.PLAIN ? null : options.clientTls())
                .connectTimeout(options.connectTimeout())
                .readTimeout(options.idleTimeout())
                .build());
    }

    private static TlsMode tlsMode(ImapClientOptions options) {
        return options.implicitTls() ? TlsMode.IMPLICIT_TLS
                : options.startTlsPolicy() == StartTlsPolicy.DISABLED ? TlsMode.PLAIN : TlsMode.STARTTLS;
    }

    private static CompletionStage<ImapClient> open(Connector connector, boolean owned, InetSocketAddress address,
            String serverName, ImapClientOptions options) {
        CommandChannel channel = new CommandChannel(options);
        ClientSession session = new ClientSession(options, channel, serverName, address.getPort());
        ImapClient client = new ImapClient(session, owned ? connector : null);
        CompletableFuture<ImapClient> opened = connector.connect(address, serverName, channel::attach)
                .toCompletableFuture()
                .handle((connection, error) -> {
                    if (error != null) {
                        return CompletableFuture.<ClientSession>failedFuture(new ImapConnectionException(
                                ImapConnectionException.Reason.CLOSED, "cannot connect to " + address + ": "
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

    /** The same connection, with methods that wait. */
    public BlockingImapClient blocking() {
        return new BlockingImapClient(this);
    }

    public ImapClientOptions options() {
        return session.options();
    }

    /**
     * The server's capabilities, upper-cased, as last announced (greeting, CAPABILITY response or a
     * {@code [CAPABILITY]} code); after STARTTLS and after the login they are learnt anew.
     */
    public Set<String> capabilities() {
        return session.capabilities();
    }

    /**
     * RFC 7889's server-wide limit on the size of a message to append, from {@code APPENDLIMIT=n} in
     * {@link #capabilities()}; empty when there is none. A bare {@code APPENDLIMIT} (see
     * {@link #hasCapability}) means each mailbox has its own limit, which {@link #status} with
     * {@link StatusItem#APPENDLIMIT} reads (a number, or NIL: {@code isNil(APPENDLIMIT)}, no limit).
     * An {@link #append} of a message larger than this limit fails with
     * {@link MessageTooLargeException} before anything is sent.
     */
    public OptionalLong appendLimit() {
        return session.appendLimit();
    }

    /** Whether {@link #capabilities()} holds {@code capability} (any case). */
    public boolean hasCapability(String capability) {
        return session.hasCapability(capability);
    }

    /** The server's greeting: OK, or PREAUTH (then the session started authenticated). */
    public ImapResponse.UntaggedStatus greeting() {
        return session.greeting();
    }

    /** Whether the session is in the authenticated (or selected) state. */
    public boolean isAuthenticated() {
        return session.authenticated();
    }

    /** What ENABLE turned on in this session (RFC 5161), upper-cased. */
    public Set<String> enabled() {
        return session.enabled();
    }

    /** The selected mailbox, kept current; empty when none is selected. */
    public Optional<MailboxView> selected() {
        return session.selected();
    }

    public boolean isSecure() {
        return session.channel().connection().isSecure();
    }

    public Optional<TlsDetails> tlsDetails() {
        return session.channel().connection().tlsDetails();
    }

    /** Whether operations can still succeed: the connection is open and has not failed. */
    public boolean isOpen() {
        return session.channel().isUsable();
    }

    /** Adds a listener for {@link ImapEvent}s; it runs on the I/O thread and must not block. */
    public void addListener(Consumer<ImapEvent> listener) {
        session.channel().addListener(Objects.requireNonNull(listener, "listener"));
    }

    public boolean removeListener(Consumer<ImapEvent> listener) {
        return session.channel().removeListener(listener);
    }

    /** CAPABILITY: asks anew; completes with the list (also kept as {@link #capabilities()}). */
    public CompletionStage<Set<String>> capability() {
        return session.capability();
    }

    /** NOOP: lets the server report changes (as events and in the view). */
    public CompletionStage<Void> noop() {
        return session.noop();
    }

    /** CHECK (IMAP4rev1 only; IMAP4rev2 removed it). */
    public CompletionStage<Void> check() {
        return session.check();
    }

    /**
     * ENABLE (RFC 5161): completes with what the server enabled, which is also tracked: QRESYNC
     * makes the server report expunges as VANISHED, UTF8=ACCEPT makes mailbox names travel as UTF-8.
     * Fails with {@link MissingCapabilityException} (nothing sent) when ENABLE is not advertised.
     */
    public CompletionStage<Set<String>> enable(String... capabilities) {
        return session.enable(List.of(capabilities));
    }

    /** SELECT without parameters. */
    public CompletionStage<SelectResult> select(MailboxName mailbox) {
        return select(mailbox, SelectParameters.NONE);
    }

    /**
     * SELECT with CONDSTORE and/or QRESYNC (RFC 7162). With QRESYNC, {@code ENABLE QRESYNC} goes
     * first unless already enabled. Fails with {@link MissingCapabilityException} (nothing sent)
     * when a parameter is not advertised. A failed SELECT leaves no mailbox selected (RFC 3501 §6.3.1).
     */
    public CompletionStage<SelectResult> select(MailboxName mailbox, SelectParameters parameters) {
        return session.select(Objects.requireNonNull(mailbox, "mailbox"),
                Objects.requireNonNull(parameters, "parameters"), false);
    }

    /** EXAMINE: SELECT read-only. */
    public CompletionStage<SelectResult> examine(MailboxName mailbox) {
        return examine(mailbox, SelectParameters.NONE);
    }

    public CompletionStage<SelectResult> examine(MailboxName mailbox, SelectParameters parameters) {
        return session.select(Objects.requireNonNull(mailbox, "mailbox"),
                Objects.requireNonNull(parameters, "parameters"), true);
    }

    /** CLOSE: expunges messages marked \Deleted (silently) and deselects. */
    public CompletionStage<Void> closeMailbox() {
        return session.closeMailbox();
    }

    /** UNSELECT (RFC 3691): deselects without expunging. */
    public CompletionStage<Void> unselect() {
        return session.unselect();
    }

    /** LIST {@code reference} {@code pattern}, both as Unicode text ({@code *} and {@code %} are wildcards). */
    public CompletionStage<List<ImapResponse.ListEntry>> list(String reference, String pattern) {
        return session.list(Objects.requireNonNull(reference, "reference"), Objects.requireNonNull(pattern, "pattern"),
                false);
    }

    /** LSUB (IMAP4rev1; IMAP4rev2 servers may not have it). */
    public CompletionStage<List<ImapResponse.ListEntry>> lsub(String reference, String pattern) {
        return session.list(Objects.requireNonNull(reference, "reference"), Objects.requireNonNull(pattern, "pattern"),
                true);
    }

    /** STATUS: the items asked for, as the server reported them. */
    public CompletionStage<ImapResponse.MailboxStatus> status(MailboxName mailbox, StatusItem... items) {
        return session.status(Objects.requireNonNull(mailbox, "mailbox"), List.of(items));
    }

    public CompletionStage<Void> create(MailboxName mailbox) {
        return session.create(Objects.requireNonNull(mailbox, "mailbox"));
    }

    public CompletionStage<Void> delete(MailboxName mailbox) {
        return session.delete(Objects.requireNonNull(mailbox, "mailbox"));
    }

    public CompletionStage<Void> rename(MailboxName from, MailboxName to) {
        return session.rename(Objects.requireNonNull(from, "from"), Objects.requireNonNull(to, "to"));
    }

    public CompletionStage<Void> subscribe(MailboxName mailbox) {
        return session.subscribe(Objects.requireNonNull(mailbox, "mailbox"), true);
    }

    public CompletionStage<Void> unsubscribe(MailboxName mailbox) {
        return session.subscribe(Objects.requireNonNull(mailbox, "mailbox"), false);
    }

    /**
     * FETCH or UID FETCH, streamed: body contents go to {@code listener} chunk by chunk as they
     * arrive, then each FETCH response. Completes with the tagged OK. CHANGEDSINCE needs CONDSTORE
     * and VANISHED needs QRESYNC enabled; otherwise fails with {@link MissingCapabilityException}
     * before anything is sent.
     */
    public CompletionStage<Void> fetch(FetchRequest request, FetchListener listener) {
        return session.fetch(Objects.requireNonNull(request, "request"), Objects.requireNonNull(listener, "listener"));
    }

    /**
     * FETCH or UID FETCH without body contents (flags, UIDs, sizes, ENVELOPE, BODYSTRUCTURE, ...):
     * the FETCH responses collected, in the server's order.
     *
     * @throws IllegalArgumentException when the request asks for body contents: stream them with
     *     {@link #fetch(FetchRequest, FetchListener)} or take one with {@link #fetchBody}
     */
    public CompletionStage<List<ImapResponse.Fetch>> fetch(FetchRequest request) {
        Objects.requireNonNull(request, "request");
        if (request.hasBodyItems()) {
            throw new IllegalArgumentException("the request asks for body contents: use a FetchListener or fetchBody");
        }
        return session.fetchCollect(request);
    }

    /**
     * One body section of one message into memory, with {@code BODY.PEEK} (the \Seen flag is left
     * alone). A body larger than {@code maxSize} octets fails the stage with
     * {@link MessageTooLargeException}; the connection stays usable. Completes with an empty
     * array when the server returned no body for it (no such message, or NIL).
     *
     * @param uid    {@code number} is a UID (UID FETCH) rather than a sequence number
     */
    public CompletionStage<byte[]> fetchBody(boolean uid, long number, Section section, long maxSize) {
        if (number < 1 || number > SequenceSet.MAX_NUMBER) {
            throw new IllegalArgumentException("a message number is 1..4294967295: " + number);
        }
        if (maxSize < 0 || maxSize > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxSize must fit a byte array: " + maxSize);
        }
        return session.fetchBody(uid, number, Objects.requireNonNull(section, "section"), maxSize);
    }

    /**
     * SEARCH by sequence numbers; the keys must all match. CHARSET UTF-8 is sent when a key holds
     * text that is not ASCII (not needed, and not sent, once UTF8=ACCEPT is enabled).
     */
    public CompletionStage<SearchResult> search(SearchKey... keys) {
        return session.search(false, List.of(keys));
    }

    /** UID SEARCH: the numbers are UIDs. */
    public CompletionStage<SearchResult> uidSearch(SearchKey... keys) {
        return session.search(true, List.of(keys));
    }

    /**
     * SEARCH with RETURN options (RFC 4731 ESEARCH, part of IMAP4rev2): the answer is the one
     * ESEARCH response carrying this command's tag. An empty {@code returns} means ALL. Fails with
     * {@link MissingCapabilityException} (nothing sent) when neither ESEARCH nor IMAP4rev2 is advertised.
     */
    public CompletionStage<ImapResponse.Esearch> esearch(boolean uid, List<SearchReturn> returns, List<SearchKey> keys) {
        return session.esearch(uid, List.copyOf(returns), List.copyOf(keys));
    }

    /** STORE or UID STORE; UNCHANGEDSINCE needs CONDSTORE (else {@link MissingCapabilityException}, nothing sent). */
    public CompletionStage<StoreResult> store(StoreRequest request) {
        return session.store(Objects.requireNonNull(request, "request"));
    }

    /**
     * APPEND of a message held in memory. {@code flags} may be empty and {@code date} null. A
     * message holding NUL goes as a literal8 ({@code ~{n}}, RFC 3516) when the server offers BINARY,
     * and is refused ({@link MissingCapabilityException}, nothing sent) otherwise. With LITERAL+ (or
     * LITERAL- and at most 4096 octets, RFC 7888) the message follows the command line at once;
     * otherwise the client waits for the server's {@code +} first. Once UTF8=ACCEPT is enabled, a
     * message whose header holds 8-bit octets goes as {@code UTF8 (~{n})} (RFC 6855 §4; see
     * {@link AppendMessage.Utf8}).
     */
    public CompletionStage<AppendResult> append(MailboxName mailbox, List<Flag> flags, ImapDateTime date,
            byte[] message) {
        Objects.requireNonNull(message, "message");
        return session.append(Objects.requireNonNull(mailbox, "mailbox"), List.copyOf(flags), date,
                org.mailwire.imap.client.internal.MessageSource.of(message));
    }

    /**
     * APPEND of a file, read a chunk at a time on a thread of the client's and written with
     * backpressure: the next chunk is read only when the previous one has been handed to the socket.
     * The file is scanned for NUL first (to choose between a literal and a literal8).
     */
    public CompletionStage<AppendResult> append(MailboxName mailbox, List<Flag> flags, ImapDateTime date,
            Path message) {
        Objects.requireNonNull(message, "message");
        return session.append(Objects.requireNonNull(mailbox, "mailbox"), List.copyOf(flags), date,
                org.mailwire.imap.client.internal.MessageSource.of(message));
    }

    /**
     * APPEND of {@code size} octets read from {@code message}, streamed as for a file. A stream cannot
     * be scanned ahead, so it goes as a plain literal: a NUL in it (or a stream shorter than
     * {@code size}) drops the connection before the literal ends, and the stage fails. The stream is
     * not closed.
     */
    public CompletionStage<AppendResult> append(MailboxName mailbox, List<Flag> flags, ImapDateTime date,
            InputStream message, long size) {
        Objects.requireNonNull(message, "message");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        return session.append(Objects.requireNonNull(mailbox, "mailbox"), List.copyOf(flags), date,
                org.mailwire.imap.client.internal.MessageSource.of(message, size));
    }

    /**
     * APPEND of one message, or of several in one command (MULTIAPPEND, RFC 3502), in order. The
     * server appends all of them or none: a NO means none landed. With UIDPLUS the result's
     * {@code [APPENDUID]} holds the new UIDs, in the messages' order. Fails with
     * {@link MissingCapabilityException} before anything is sent when there are several messages and
     * MULTIAPPEND is not advertised, when one holds NUL and BINARY is not advertised, or when one asks
     * for {@link AppendMessage.Utf8#ALWAYS} and UTF8=ACCEPT is not enabled. Each literal is streamed as
     * for a single APPEND: at once with LITERAL+ (or LITERAL- up to 4096 octets), otherwise after the
     * server's {@code +}.
     */
    public CompletionStage<AppendResult> append(MailboxName mailbox, List<AppendMessage> messages) {
        Objects.requireNonNull(mailbox, "mailbox");
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("APPEND needs a message");
        }
        List<org.mailwire.imap.client.internal.AppendItem> items = messages.stream().map(AppendMessage::item).toList();
        return session.append(mailbox, items);
    }

    /**
     * APPEND of one message the server assembles from {@code parts} (CATENATE, RFC 4469): URLs of
     * messages or sections it holds, and text streamed like an APPEND message. Fails with
     * {@link MissingCapabilityException} (nothing sent) without CATENATE; a URL the server cannot
     * read fails it with {@code NO [BADURL ...]} ({@link ImapCommandException}).
     *
     * @throws IllegalArgumentException when {@code parts} is empty, or a text part holds NUL (TEXT is
     *     a literal, RFC 4469 §5)
     */
    public CompletionStage<AppendResult> catenate(MailboxName mailbox, List<Flag> flags, ImapDateTime date,
            List<CatenatePart> parts) {
        Objects.requireNonNull(mailbox, "mailbox");
        List<org.mailwire.imap.client.internal.AppendItem.Part> items = parts.stream()
                .map(ImapClient::catenatePart).toList();
        return session.append(mailbox, List.of(new org.mailwire.imap.client.internal.AppendItem.Catenated(
                List.copyOf(flags), date, items)));
    }

    private static org.mailwire.imap.client.internal.AppendItem.Part catenatePart(CatenatePart part) {
        if (part instanceof CatenatePart.Url u) {
            return new org.mailwire.imap.client.internal.AppendItem.Url(u.url());
        }
        return new org.mailwire.imap.client.internal.AppendItem.Text(((CatenatePart.Text) part).source());
    }

    /** COPY or UID COPY. */
    public CompletionStage<CopyResult> copy(boolean uid, SequenceSet set, MailboxName target) {
        return session.copy(uid, Objects.requireNonNull(set, "set"), Objects.requireNonNull(target, "target"));
    }

    /**
     * MOVE or UID MOVE (RFC 6851). Without MOVE, falls back (RFC 6851 §3.3) to COPY, STORE
     * {@code +FLAGS.SILENT (\Deleted)} and UID EXPUNGE of exactly those messages, which needs UIDPLUS
     * (a plain EXPUNGE could remove messages others marked deleted); without UIDPLUS it fails with
     * {@link MissingCapabilityException}, nothing sent. A sequence-number fallback first learns the
     * UIDs with {@code FETCH set (UID)}.
     */
    public CompletionStage<CopyResult> move(boolean uid, SequenceSet set, MailboxName target) {
        return session.move(uid, Objects.requireNonNull(set, "set"), Objects.requireNonNull(target, "target"));
    }

    /** EXPUNGE: the expunged messages leave the view (and reach listeners as events). */
    public CompletionStage<Void> expunge() {
        return session.expunge(null);
    }

    /** UID EXPUNGE (RFC 4315); fails with {@link MissingCapabilityException} without UIDPLUS (or IMAP4rev2). */
    public CompletionStage<Void> uidExpunge(SequenceSet uids) {
        return session.expunge(Objects.requireNonNull(uids, "uids"));
    }

    /**
     * IDLE (RFC 2177): completes with a handle once the server said {@code +}; until
     * {@link IdleHandle#done()}, events flow to the listeners, and other operations wait. Re-issue
     * IDLE at least every 29 minutes (RFC 2177 §3). Fails with {@link MissingCapabilityException}
     * without IDLE (or IMAP4rev2).
     */
    public CompletionStage<IdleHandle> idle() {
        return session.idle();
    }

    /** NAMESPACE (RFC 2342, part of IMAP4rev2): the personal, other users' and shared namespaces. */
    public CompletionStage<ImapResponse.Namespace> namespace() {
        return session.namespace();
    }

    /**
     * ID (RFC 2971): tells the server who the client is ({@code fields} such as {@code name},
     * {@code version}; empty sends NIL) and completes with what the server says of itself. A null
     * value is sent as NIL.
     *
     * @throws IllegalArgumentException beyond RFC 2971 §3.3's limits (30 pairs, field names of 30
     *     octets, values of 1024) or for a field given twice
     */
    public CompletionStage<ImapResponse.Id> id(java.util.Map<String, String> fields) {
        return session.id(Objects.requireNonNull(fields, "fields"));
    }

    /**
     * SORT or UID SORT (RFC 5256) with CHARSET UTF-8: the matching messages' numbers (UIDs for
     * UID SORT) in the order asked for. Fails with {@link MissingCapabilityException} (nothing
     * sent) without SORT, or SORT=DISPLAY for the display keys.
     */
    public CompletionStage<List<Long>> sort(boolean uid, List<SortCriterion> criteria, List<SearchKey> keys) {
        return session.sort(uid, List.copyOf(criteria), List.copyOf(keys));
    }

    /**
     * SORT or UID SORT with RETURN options (RFC 5267 ESORT), CHARSET UTF-8: the one ESEARCH response
     * carrying this command's tag, where MIN and MAX are the first and last message in the sort order
     * and ALL lists the matching messages in that order. An empty {@code returns} means ALL. Fails
     * with {@link MissingCapabilityException} (nothing sent) without ESORT or SORT, SORT=DISPLAY for
     * the display keys, or SEARCHRES for SAVE.
     */
    public CompletionStage<ImapResponse.Esearch> esort(boolean uid, List<SortCriterion> criteria,
            List<SearchReturn> returns, List<SearchKey> keys) {
        return session.esort(uid, List.copyOf(criteria), List.copyOf(returns), List.copyOf(keys));
    }

    /**
     * THREAD or UID THREAD (RFC 5256) with {@code algorithm} ({@code REFERENCES},
     * {@code ORDEREDSUBJECT}, ...) and CHARSET UTF-8. Fails with {@link MissingCapabilityException}
     * (nothing sent) when {@code THREAD=algorithm} is not advertised.
     */
    public CompletionStage<List<org.mailwire.imap.ThreadNode>> thread(boolean uid, String algorithm,
            List<SearchKey> keys) {
        return session.thread(uid, Objects.requireNonNull(algorithm, "algorithm"), List.copyOf(keys));
    }

    /**
     * Extended LIST (RFC 5258, RFC 6154 SPECIAL-USE, RFC 5819 LIST-STATUS; all part of IMAP4rev2):
     * the entries and, with {@link ListRequest#withStatus}, each mailbox's STATUS. Fails with
     * {@link MissingCapabilityException} (nothing sent) when an option needs an extension the
     * server does not advertise.
     */
    public CompletionStage<ListResult> list(ListRequest request) {
        return session.list(Objects.requireNonNull(request, "request"));
    }

    /**
     * COMPRESS DEFLATE (RFC 4978): from the server's OK on, both directions are compressed (inside
     * TLS, when there is TLS). A barrier like STARTTLS. Fails with {@link MissingCapabilityException}
     * (nothing sent) when COMPRESS=DEFLATE is not advertised. Compression under TLS can leak secrets
     * through lengths (CRIME); the server resets its compressor after each tagged response (ours
     * does), and this client sends no secrets after login.
     */
    public CompletionStage<Void> compress() {
        return session.compress();
    }

    /** Whether COMPRESS=DEFLATE is on. */
    public boolean isCompressed() {
        return session.channel().isCompressed();
    }

    /** LOGOUT, and close once the server answered; completes when the connection is closed. */
    public CompletionStage<Void> logout() {
        return session.logout();
    }

    /**
     * LOGOUT if still open, waiting at most the read timeout for it, then releases the connection's
     * threads. Prefer {@link #logout()} in asynchronous code.
     */
    @Override
    public void close() {
        if (isOpen()) {
            try {
                logout().toCompletableFuture().get(options().readTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception ignored) {
                // closing anyway
            }
        }
        abort();
    }

    /** Drops the connection at once, without LOGOUT. Waiting operations fail. */
    public void abort() {
        session.channel().abort(new ImapConnectionException(ImapConnectionException.Reason.CLOSED, "client closed"));
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
        Thread releaser = new Thread(ownConnector::close, "mailwire-imap-release");
        releaser.setDaemon(true);
        releaser.start();
    }
}
