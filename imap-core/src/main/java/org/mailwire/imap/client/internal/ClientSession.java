package org.mailwire.imap.client.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.mailwire.imap.FetchAttribute;
import org.mailwire.imap.FetchItem;
import org.mailwire.imap.Flag;
import org.mailwire.imap.ImapCommand;
import org.mailwire.imap.ImapDateTime;
import org.mailwire.imap.ImapResponse;
import org.mailwire.imap.MailboxName;
import org.mailwire.imap.ResponseCode;
import org.mailwire.imap.SearchKey;
import org.mailwire.imap.SearchReturn;
import org.mailwire.imap.Section;
import org.mailwire.imap.SequenceSet;
import org.mailwire.imap.StatusItem;
import org.mailwire.imap.client.AppendMessage;
import org.mailwire.imap.client.AppendResult;
import org.mailwire.imap.client.CopyResult;
import org.mailwire.imap.client.FetchListener;
import org.mailwire.imap.client.FetchRequest;
import org.mailwire.imap.client.IdleHandle;
import org.mailwire.imap.client.ImapAuthenticationException;
import org.mailwire.imap.client.ImapClientOptions;
import org.mailwire.imap.client.ImapCommandException;
import org.mailwire.imap.client.ImapConnectionException;
import org.mailwire.imap.client.ImapCredentials;
import org.mailwire.imap.client.ImapLoginMethod;
import org.mailwire.imap.client.MailboxView;
import org.mailwire.imap.client.MessageTooLargeException;
import org.mailwire.imap.client.MissingCapabilityException;
import org.mailwire.imap.client.SearchResult;
import org.mailwire.imap.client.SelectParameters;
import org.mailwire.imap.client.SelectResult;
import org.mailwire.imap.client.StartTlsPolicy;
import org.mailwire.imap.client.StoreRequest;
import org.mailwire.imap.client.StoreResult;
import org.mailwire.imap.client.internal.CommandTraits.Collect;
import org.mailwire.transport.sasl.SaslClientMechanism;
import org.mailwire.transport.sasl.SaslClients;
import org.mailwire.transport.sasl.SaslException;

/**
 * The client session: the opening (greeting, capabilities, STARTTLS, login, ENABLE) and every
 * command, each checked against the capabilities before anything is sent and handed to the
 * {@link CommandChannel}, which decides when it may go out.
 */
public final class ClientSession {
    /**
     * Reads streamed APPEND messages for every client (a stream may block, and the I/O threads must
     * not): a thread per message being read at the moment, kept a while for the next one.
     */
    private static final ExecutorService MESSAGE_READER = new ThreadPoolExecutor(0, Integer.MAX_VALUE,
            30, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
                Thread t = new Thread(runnable, "mailwire-imap-message-reader");
                t.setDaemon(true);
                return t;
            });

    private final ImapClientOptions options;
    private final CommandChannel channel;
    private final String serverName;
    private final int port;
    private volatile ImapResponse.UntaggedStatus greeting;
    private volatile boolean authenticated;
    /** The last IDLE started, so LOGOUT can end it first. */
    private volatile IdleExchange currentIdle;

    public ClientSession(ImapClientOptions options, CommandChannel channel, String serverName, int port) {
        this.options = options;
        this.channel = channel;
        this.serverName = serverName;
        this.port = port;
    }

    public CommandChannel channel() {
        return channel;
    }

    public ImapClientOptions options() {
        return options;
    }

    public Set<String> capabilities() {
        return channel.capabilities();
    }

    /** RFC 7889: the server-wide APPENDLIMIT from the capabilities; empty when they hold no number. */
    public OptionalLong appendLimit() {
        return AppendLimits.serverWide(capabilities());
    }

    public boolean hasCapability(String capability) {
        return channel.capabilities().contains(capability.toUpperCase(Locale.ROOT));
    }

    private boolean rev2() {
        return hasCapability("IMAP4rev2");
    }

    public ImapResponse.UntaggedStatus greeting() {
        return greeting;
    }

    public boolean authenticated() {
        return authenticated;
    }

    public Set<String> enabled() {
        return channel.enabled();
    }

    public Optional<MailboxView> selected() {
        return channel.selected().map(s -> s);
    }

    // ---- the opening ----

    public CompletableFuture<ClientSession> open() {
        CompletableFuture<ClientSession> opened = channel.greeting()
                .thenCompose(g -> {
                    greeting = g;
                    authenticated = g.status() == ImapResponse.Status.PREAUTH;
                    return capabilities().isEmpty() ? capability().thenApply(c -> null)
                            : CompletableFuture.<Void>completedFuture(null);
                })
                .thenCompose(v -> startTls())
                .thenCompose(v -> login())
                .thenCompose(v -> enableOnLogin())
                .thenApply(v -> this);
        return opened.handle((s, e) -> s != null ? CompletableFuture.completedFuture(s) : this.<ClientSession>giveUp(e))
                .thenCompose(f -> f);
    }

    /**
     * The opening failed: after a refusal of ours (a missing capability, a failed login) the server
     * gets LOGOUT rather than a dropped connection; a broken connection is just closed.
     */
    private <T> CompletableFuture<T> giveUp(Throwable error) {
        Throwable cause = unwrap(error);
        CompletableFuture<T> failed = CompletableFuture.failedFuture(cause);
        if (!channel.isUsable()) {
            channel.abort(cause instanceof org.mailwire.imap.client.ImapClientException e ? e
                    : new ImapConnectionException(ImapConnectionException.Reason.CLOSED, String.valueOf(cause)));
            return failed;
        }
        return logout().handle((v, e) -> null).thenCompose(v -> failed).toCompletableFuture();
    }

    private static Throwable unwrap(Throwable e) {
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private CompletableFuture<Void> startTls() {
        if (options.implicitTls() || options.startTlsPolicy() == StartTlsPolicy.DISABLED) {
            return CompletableFuture.completedFuture(null);
        }
        if (authenticated) {
            // RFC 3501 §6.2.1: STARTTLS only before authentication
            return options.startTlsPolicy() == StartTlsPolicy.REQUIRED
                    ? CompletableFuture.failedFuture(new MissingCapabilityException("STARTTLS",
                            "the server greeted with PREAUTH on a connection without TLS"))
                    : CompletableFuture.completedFuture(null);
        }
        if (!hasCapability("STARTTLS")) {
            return options.startTlsPolicy() == StartTlsPolicy.REQUIRED
                    ? CompletableFuture.failedFuture(new MissingCapabilityException("STARTTLS",
                            "TLS is required and the server does not offer it"))
                    : CompletableFuture.completedFuture(null);
        }
        return channel.send(new StartTlsExchange())
                .thenCompose(v -> {
                    // RFC 3501 §6.2.1: what the server said before TLS is forgotten and asked anew
                    channel.connection().execute(channel::forgetCapabilities);
                    return capability();
                })
                .thenApply(c -> null);
    }

    private CompletableFuture<Void> login() {
        ImapCredentials credentials = options.credentials();
        if (credentials == null || authenticated) {
            return CompletableFuture.completedFuture(null);
        }
        boolean token = credentials instanceof ImapCredentials.OAuthToken;
        ImapLoginMethod chosen = null;
        for (ImapLoginMethod m : options.loginMethods()) {
            if (m.takesToken() != token) {
                continue;
            }
            if (m == ImapLoginMethod.LOGIN ? !hasCapability("LOGINDISABLED")
                    : hasCapability("AUTH=" + m.sasl().orElseThrow().wireName())) {
                chosen = m;
                break;
            }
        }
        if (chosen == null) {
            return CompletableFuture.failedFuture(new MissingCapabilityException("a login method",
                    "none of " + options.loginMethods() + " fits the credentials and the server's capabilities"
                            + (hasCapability("LOGINDISABLED") ? " (LOGIN is disabled)" : "")));
        }
        CompletableFuture<Void> loggedIn;
        if (chosen == ImapLoginMethod.LOGIN) {
            ImapCredentials.Password p = (ImapCredentials.Password) credentials;
            Command<Void> login = Command.simple("LOGIN", CommandTraits.BARRIER,
                    tag -> new ImapCommand.Login(tag, p.user(), p.password()))
                    .onSent(CommandChannel::forgetCapabilities);
            loggedIn = channel.send(login).handle((v, e) -> {
                Throwable cause = e == null ? null : unwrap(e);
                if (cause instanceof ImapCommandException refused) {
                    throw new ImapAuthenticationException("LOGIN failed", refused.response());
                }
                if (cause != null) {
                    throw new CompletionException(cause);
                }
                return null;
            });
        } else {
            SaslClientMechanism mechanism;
            try {
                mechanism = mechanism(chosen, credentials);
            } catch (SaslException e) {
                return CompletableFuture.failedFuture(new ImapAuthenticationException(
                        "the credentials cannot be used with " + chosen + ": " + e.getMessage(), e));
            }
            boolean ir = options.saslInitialResponse() && (hasCapability("SASL-IR") || rev2());
            loggedIn = channel.send(new AuthenticateExchange(mechanism, ir));
        }
        return loggedIn.thenCompose(v -> {
            authenticated = true;
            // RFC 3501 §7.2.1: capabilities may change with the login; the OK may carry them
            return capabilities().isEmpty() ? capability().thenApply(c -> null)
                    : CompletableFuture.<Void>completedFuture(null);
        });
    }

    private SaslClientMechanism mechanism(ImapLoginMethod method, ImapCredentials credentials) throws SaslException {
        if (credentials instanceof ImapCredentials.OAuthToken t) {
            return method == ImapLoginMethod.OAUTHBEARER ? SaslClients.oauthBearer(t.user(), t.accessToken(),
                    serverName, port) : SaslClients.xoauth2(t.user(), t.accessToken());
        }
        ImapCredentials.Password p = (ImapCredentials.Password) credentials;
        return method == ImapLoginMethod.SCRAM_SHA_256 ? SaslClients.scramSha256("", p.user(), p.password())
                : SaslClients.plain("", p.user(), p.password());
    }

    private CompletableFuture<Void> enableOnLogin() {
        if (!authenticated || options.enable().isEmpty() || !(hasCapability("ENABLE") || rev2())) {
            return CompletableFuture.completedFuture(null);
        }
        List<String> offered = options.enable().stream().filter(this::hasCapability).toList();
        if (offered.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return enable(offered).thenApply(s -> null);
    }

    // ---- commands ----

    private static <T> CompletableFuture<T> missing(String capability, String why) {
        return CompletableFuture.failedFuture(new MissingCapabilityException(capability, why));
    }

    public CompletableFuture<Set<String>> capability() {
        return channel.send(new Command<>("CAPABILITY", CommandTraits.collecting(Collect.CAPABILITY),
                ImapCommand.Capability::new, (tag, r) -> r instanceof ImapResponse.Capability,
                (list, ok) -> channel.capabilities()));
    }

    public CompletionStage<Void> noop() {
        return channel.send(Command.simple("NOOP", CommandTraits.PLAIN, ImapCommand.Noop::new));
    }

    public CompletionStage<Void> check() {
        return channel.send(Command.simple("CHECK", CommandTraits.PLAIN, ImapCommand.Check::new));
    }

    public CompletableFuture<Set<String>> enable(List<String> capabilities) {
        if (!hasCapability("ENABLE") && !rev2()) {
            return missing("ENABLE", "ENABLE is not advertised");
        }
        List<String> wanted = capabilities.stream().map(c -> c.toUpperCase(Locale.ROOT)).toList();
        return channel.send(new Command<>("ENABLE", CommandTraits.barrierCollecting(Collect.ENABLED),
                tag -> new ImapCommand.Enable(tag, wanted), (tag, r) -> r instanceof ImapResponse.Enabled,
                (list, ok) -> {
                    Set<String> on = new LinkedHashSet<>();
                    for (ImapResponse r : list) {
                        ((ImapResponse.Enabled) r).capabilities().forEach(c -> on.add(c.toUpperCase(Locale.ROOT)));
                    }
                    return Set.copyOf(on);
                }));
    }

    public CompletionStage<SelectResult> select(MailboxName mailbox, SelectParameters parameters, boolean readOnly) {
        if (parameters.condstore() && !hasCapability("CONDSTORE")) {
            return missing("CONDSTORE", "SELECT (CONDSTORE) needs it");
        }
        if (parameters.qresync() != null) {
            if (!hasCapability("QRESYNC")) {
                return missing("QRESYNC", "SELECT (QRESYNC ...) needs it");
            }
            if (!enabled().contains("QRESYNC")) {
                // RFC 7162 §3.2.3: QRESYNC must be enabled before it is used
                return enable(List.of("QRESYNC")).thenCompose(on -> channel.send(new SelectExchange(mailbox, readOnly,
                        parameters.condstore(), parameters.qresync())));
            }
        }
        return channel.send(new SelectExchange(mailbox, readOnly, parameters.condstore(), parameters.qresync()));
    }

    private Command<Void> deselecting(String name, java.util.function.Function<org.mailwire.imap.Tag, ImapCommand> build) {
        Command<Void> c = Command.simple(name, CommandTraits.BARRIER, build);
        c.onCompleted(t -> {
            if (t.status() == ImapResponse.Status.OK) {
                channel.deselect(channel.selected().orElse(null));
            }
        });
        return c;
    }

    public CompletionStage<Void> closeMailbox() {
        return channel.send(deselecting("CLOSE", ImapCommand.Close::new));
    }

    public CompletionStage<Void> unselect() {
        if (!hasCapability("UNSELECT") && !rev2()) {
            return missing("UNSELECT", "UNSELECT is not advertised");
        }
        return channel.send(deselecting("UNSELECT", ImapCommand.Unselect::new));
    }

    public CompletionStage<List<ImapResponse.ListEntry>> list(String reference, String pattern, boolean lsub) {
        return channel.send(new Command<>(lsub ? "LSUB" : "LIST",
                CommandTraits.collecting(lsub ? Collect.LSUB : Collect.LIST),
                tag -> lsub ? new ImapCommand.Lsub(tag, reference, pattern)
                        : new ImapCommand.ListMailboxes(tag, reference, pattern),
                (tag, r) -> r instanceof ImapResponse.ListEntry e && e.lsub() == lsub,
                (list, ok) -> list.stream().map(r -> (ImapResponse.ListEntry) r).toList())
                .mailboxNames(reference, pattern));
    }

    public CompletionStage<ImapResponse.MailboxStatus> status(MailboxName mailbox, List<StatusItem> items) {
        return channel.send(new Command<>("STATUS", CommandTraits.collecting(Collect.STATUS),
                tag -> new ImapCommand.Status(tag, mailbox, items),
                (tag, r) -> r instanceof ImapResponse.MailboxStatus,
                (list, ok) -> {
                    ImapResponse.MailboxStatus found = new ImapResponse.MailboxStatus(mailbox, Map.of());
                    for (ImapResponse r : list) {
                        ImapResponse.MailboxStatus s = (ImapResponse.MailboxStatus) r;
                        if (s.mailbox().equals(mailbox)) {
                            found = s;
                        }
                    }
                    return found;
                }).mailboxNames(mailbox.name()));
    }

    public CompletionStage<Void> create(MailboxName mailbox) {
        return channel.send(Command.simple("CREATE", CommandTraits.PLAIN, tag -> new ImapCommand.Create(tag, mailbox))
                .mailboxNames(mailbox.name()));
    }

    public CompletionStage<Void> delete(MailboxName mailbox) {
        return channel.send(Command.simple("DELETE", CommandTraits.PLAIN, tag -> new ImapCommand.Delete(tag, mailbox))
                .mailboxNames(mailbox.name()));
    }

    public CompletionStage<Void> rename(MailboxName from, MailboxName to) {
        return channel.send(Command.simple("RENAME", CommandTraits.PLAIN, tag -> new ImapCommand.Rename(tag, from, to))
                .mailboxNames(from.name(), to.name()));
    }

    public CompletionStage<Void> subscribe(MailboxName mailbox, boolean subscribe) {
        return channel.send(Command.simple(subscribe ? "SUBSCRIBE" : "UNSUBSCRIBE", CommandTraits.PLAIN,
                tag -> subscribe ? new ImapCommand.Subscribe(tag, mailbox) : new ImapCommand.Unsubscribe(tag, mailbox))
                .mailboxNames(mailbox.name()));
    }

    private CompletableFuture<Void> checkFetch(FetchRequest request) {
        if (request.changedSince() >= 0 && !hasCapability("CONDSTORE") && !hasCapability("QRESYNC")) {
            return missing("CONDSTORE", "CHANGEDSINCE needs it");
        }
        if (request.vanished() && !enabled().contains("QRESYNC")) {
            return missing("QRESYNC", "the VANISHED modifier needs QRESYNC enabled (RFC 7162 §3.2.6)");
        }
        return null;
    }

    public CompletionStage<Void> fetch(FetchRequest request, FetchListener listener) {
        CompletableFuture<Void> refused = checkFetch(request);
        return refused != null ? refused : channel.send(new FetchExchange(request, listener));
    }

    public CompletionStage<List<ImapResponse.Fetch>> fetchCollect(FetchRequest request) {
        CompletableFuture<Void> refused = checkFetch(request);
        if (refused != null) {
            return refused.thenApply(v -> List.of());
        }
        List<ImapResponse.Fetch> collected = new ArrayList<>();
        return channel.send(new FetchExchange(request, new FetchListener() {
            @Override
            public void bodyChunk(long seq, Section section, ByteBuffer chunk) {
                // no body was asked for; a server's unasked-for body is dropped
            }

            @Override
            public void fetched(ImapResponse.Fetch response) {
                collected.add(response);
            }
        })).thenApply(v -> List.copyOf(collected));
    }

    public CompletionStage<byte[]> fetchBody(boolean uid, long number, Section section, long maxSize) {
        FetchRequest request = new FetchRequest(uid, SequenceSet.of(SequenceSet.Range.of(number)),
                List.of(new FetchAttribute.BodySection(section, true, null)), -1, false);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean[] taken = new boolean[1];
        return channel.send(new FetchExchange(request, new FetchListener() {
            private boolean mine;

            @Override
            public void bodyBegin(long seq, Section s, boolean binary, long size) {
                // the first body of the asked-for section; another message's body (unasked) is dropped
                mine = !taken[0] && s.sameSectionAs(section);
                if (mine) {
                    taken[0] = true;
                    if (size > maxSize) {
                        throw new MessageTooLargeException(maxSize);
                    }
                }
            }

            @Override
            public void bodyChunk(long seq, Section s, ByteBuffer chunk) {
                if (!mine) {
                    return;
                }
                if (body.size() + (long) chunk.remaining() > maxSize) {
                    throw new MessageTooLargeException(maxSize);
                }
                byte[] copy = new byte[chunk.remaining()];
                chunk.get(copy);
                body.writeBytes(copy);
            }

            @Override
            public void fetched(ImapResponse.Fetch response) {
            }
        })).thenApply(v -> body.toByteArray());
    }

    /** RFC 3501 §6.4.4: text that is not ASCII needs a CHARSET, unless UTF8=ACCEPT made UTF-8 the rule. */
    private String charset(List<SearchKey> keys) {
        if (enabled().contains("UTF8=ACCEPT")) {
            return null;
        }
        for (SearchKey k : keys) {
            if (!ascii(k)) {
                return "UTF-8";
            }
        }
        return null;
    }

    private static boolean ascii(SearchKey k) {
        if (k instanceof SearchKey.Text t) {
            return t.value().chars().allMatch(c -> c < 0x80);
        } else if (k instanceof SearchKey.Header h) {
            return (h.field() + h.value()).chars().allMatch(c -> c < 0x80);
        } else if (k instanceof SearchKey.Not n) {
            return ascii(n.key());
        } else if (k instanceof SearchKey.Or o) {
            return ascii(o.left()) && ascii(o.right());
        } else if (k instanceof SearchKey.And a) {
            return a.keys().stream().allMatch(ClientSession::ascii);
        }
        return true;
    }

    public CompletionStage<SearchResult> search(boolean uid, List<SearchKey> keys) {
        String charset = charset(keys);
        int limit = options.decoderConfig().maxListLength();
        // RFC 9051 §7.3.4: once IMAP4rev2 is enabled, SEARCH answers with an ESEARCH naming its tag
        return channel.send(new Command<>(uid ? "UID SEARCH" : "SEARCH",
                CommandTraits.messages(uid, true, Collect.SEARCH),
                tag -> new ImapCommand.Search(tag, uid, charset, keys),
                (tag, r) -> r instanceof ImapResponse.Search
                        || (r instanceof ImapResponse.Esearch e && e.tag().map(tag::equals).orElse(false)),
                (list, ok) -> {
                    List<Long> numbers = new ArrayList<>();
                    OptionalLong modSeq = OptionalLong.empty();
                    for (ImapResponse r : list) {
                        if (r instanceof ImapResponse.Search s) {
                            numbers.addAll(s.numbers());
                            if (s.modSeq().isPresent()) {
                                modSeq = s.modSeq();
                            }
                        } else {
                            ImapResponse.Esearch e = (ImapResponse.Esearch) r;
                            e.all().ifPresent(all -> expand(all, numbers, limit));
                            if (e.modSeq().isPresent()) {
                                modSeq = e.modSeq();
                            }
                        }
                    }
                    return new SearchResult(uid, numbers, modSeq);
                }));
    }

    /** The numbers of an ESEARCH ALL, in order; a set larger than {@code limit} is refused, not expanded. */
    private static void expand(SequenceSet all, List<Long> into, int limit) {
        for (SequenceSet.Range r : all.ranges()) {
            if (r.to() - r.from() + 1 + into.size() > limit) {
                throw new MessageTooLargeException(limit);
            }
            for (long n = r.from(); n <= r.to(); n++) {
                into.add(n);
            }
        }
    }

    public CompletionStage<ImapResponse.Esearch> esearch(boolean uid, List<SearchReturn> returns, List<SearchKey> keys) {
        if (!hasCapability("ESEARCH") && !rev2()) {
            return missing("ESEARCH", "SEARCH RETURN needs ESEARCH or IMAP4rev2");
        }
        String charset = charset(keys);
        // the ESEARCH response names the command's tag (RFC 4731 §3.1), so nothing else can take it
        return channel.send(new Command<>(uid ? "UID SEARCH" : "SEARCH", CommandTraits.messages(uid, true),
                tag -> new ImapCommand.Search(tag, uid, returns, charset, keys),
                (tag, r) -> r instanceof ImapResponse.Esearch e && e.tag().map(tag::equals).orElse(false),
                (list, ok) -> list.isEmpty()
                        ? new ImapResponse.Esearch(Optional.empty(), uid, OptionalLong.empty(), OptionalLong.empty(),
                                OptionalLong.empty(), Optional.empty(), OptionalLong.empty())
                        : (ImapResponse.Esearch) list.get(list.size() - 1)));
    }

    public CompletionStage<StoreResult> store(StoreRequest request) {
        if (request.unchangedSince() >= 0 && !hasCapability("CONDSTORE") && !hasCapability("QRESYNC")) {
            return missing("CONDSTORE", "UNCHANGEDSINCE needs it");
        }
        // even .SILENT may bring FETCH responses (RFC 7162 §3.1.3), so STORE always collects them
        return channel.send(new Command<>(request.uid() ? "UID STORE" : "STORE",
                CommandTraits.messages(request.uid(), true, Collect.FETCH),
                tag -> new ImapCommand.Store(tag, request.uid(), request.set(), request.unchangedSince(),
                        request.mode(), request.silent(), request.flags()),
                (tag, r) -> r instanceof ImapResponse.Fetch,
                (list, ok) -> new StoreResult(list.stream().map(r -> (ImapResponse.Fetch) r).toList(),
                        ok.code().filter(c -> c instanceof ResponseCode.Modified)
                                .map(c -> ((ResponseCode.Modified) c).set())))
                .asksForFlags(!request.silent()));
    }

    public CompletionStage<AppendResult> append(MailboxName mailbox, List<Flag> flags, ImapDateTime date,
            MessageSource message) {
        return append(mailbox, List.of(new AppendItem.Whole(flags, date, message, AppendMessage.Utf8.AUTO)));
    }

    /**
     * APPEND of {@code items}: one, or several in one command (MULTIAPPEND), each whole or built by
     * CATENATE. Every capability is checked, and each literal's form chosen, before anything is sent.
     */
    public CompletionStage<AppendResult> append(MailboxName mailbox, List<AppendItem> items) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("APPEND needs a message");
        }
        if (items.size() > 1 && !hasCapability("MULTIAPPEND")) {
            return missing("MULTIAPPEND", "several messages in one APPEND need it (RFC 3502)");
        }
        // RFC 7889 §3: a client should not send a message larger than the announced limit; each
        // message of a MULTIAPPEND is held to it on its own
        OptionalLong limit = appendLimit();
        if (limit.isPresent()) {
            for (AppendItem item : items) {
                long size = AppendLimits.knownSize(item);
                if (size > limit.getAsLong()) {
                    return CompletableFuture.failedFuture(new MessageTooLargeException(limit.getAsLong(),
                            "a message of " + size + " octets is larger than the server's APPENDLIMIT of "
                                    + limit.getAsLong()));
                }
            }
        }
        boolean utf8Enabled = enabled().contains("UTF8=ACCEPT");
        List<AppendExchange.Planned> planned = new ArrayList<>();
        try {
            for (AppendItem item : items) {
                if (item instanceof AppendItem.Whole w) {
                    boolean nul = w.message().hasNul();
                    if (nul && !hasCapability("BINARY") && !rev2()) {
                        return missing("BINARY", "the message holds NUL, which only a literal8 (RFC 3516) carries");
                    }
                    if (w.utf8() == AppendMessage.Utf8.ALWAYS && !utf8Enabled) {
                        return missing("UTF8=ACCEPT", "APPEND UTF8 needs UTF8=ACCEPT enabled (RFC 6855 §4)");
                    }
                    boolean utf8 = w.utf8() == AppendMessage.Utf8.ALWAYS
                            || (w.utf8() == AppendMessage.Utf8.AUTO && utf8Enabled && w.message().hasEightBitHeader());
                    // RFC 6855 §4: the UTF8 data is a literal8
                    planned.add(new AppendExchange.Planned(item, nul || utf8, utf8));
                } else {
                    if (!hasCapability("CATENATE")) {
                        return missing("CATENATE", "a message built from parts needs it (RFC 4469)");
                    }
                    for (AppendItem.Part part : ((AppendItem.Catenated) item).parts()) {
                        if (part instanceof AppendItem.Text t && t.text().hasNul()) {
                            throw new IllegalArgumentException("a CATENATE TEXT part is a literal and cannot hold NUL");
                        }
                    }
                    planned.add(new AppendExchange.Planned(item, false, false));
                }
            }
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new java.io.UncheckedIOException(e));
        }
        return channel.send(new AppendExchange(mailbox, planned, MESSAGE_READER));
    }

    private static CopyResult copyResult(List<ImapResponse> untagged, ImapResponse.Tagged ok) {
        Optional<ResponseCode.CopyUid> uid = ok.code().filter(c -> c instanceof ResponseCode.CopyUid)
                .map(c -> (ResponseCode.CopyUid) c);
        for (ImapResponse r : untagged) {
            // RFC 6851 §4.3: MOVE reports COPYUID in an untagged OK before its expunges
            if (uid.isEmpty() && r instanceof ImapResponse.UntaggedStatus s
                    && s.code().orElse(null) instanceof ResponseCode.CopyUid c) {
                uid = Optional.of(c);
            }
        }
        return new CopyResult(uid);
    }

    public CompletionStage<CopyResult> copy(boolean uid, SequenceSet set, MailboxName target) {
        return channel.send(new Command<>(uid ? "UID COPY" : "COPY", CommandTraits.messages(uid, false),
                tag -> new ImapCommand.Copy(tag, uid, set, target), (tag, r) -> false, ClientSession::copyResult)
                .mailboxNames(target.name()));
    }

    public CompletionStage<CopyResult> move(boolean uid, SequenceSet set, MailboxName target) {
        if (hasCapability("MOVE") || rev2()) {
            return channel.send(new Command<>(uid ? "UID MOVE" : "MOVE",
                    CommandTraits.messages(uid, false, Collect.COPYUID),
                    tag -> new ImapCommand.Move(tag, uid, set, target),
                    (tag, r) -> r instanceof ImapResponse.UntaggedStatus s
                            && s.code().orElse(null) instanceof ResponseCode.CopyUid,
                    ClientSession::copyResult).mailboxNames(target.name()));
        }
        if (!hasCapability("UIDPLUS")) {
            return missing("UIDPLUS", "MOVE is not offered, and without UID EXPUNGE the COPY+EXPUNGE fallback"
                    + " could remove messages others marked \\Deleted");
        }
        CompletionStage<SequenceSet> uids = uid ? CompletableFuture.completedFuture(set)
                : fetchCollect(new FetchRequest(false, set, List.of(FetchAttribute.Simple.UID), -1, false))
                        .thenApply(ClientSession::uidSet);
        // one step after the other: a failed COPY must not be followed by the expunge
        return uids.thenCompose(u -> u == null ? CompletableFuture.completedFuture(new CopyResult(Optional.empty()))
                : copy(true, u, target)
                        .thenCompose(copied -> store(new StoreRequest(true, u, ImapCommand.StoreMode.ADD,
                                List.of(Flag.DELETED), true, -1))
                                .thenCompose(stored -> expunge(u))
                                .thenApply(expunged -> copied)));
    }

    /** The UIDs of FETCH responses as a set, or null when there are none. */
    private static SequenceSet uidSet(List<ImapResponse.Fetch> fetched) {
        TreeSet<Long> uids = new TreeSet<>();
        for (ImapResponse.Fetch f : fetched) {
            for (FetchItem i : f.items()) {
                if (i instanceof FetchItem.Uid u) {
                    uids.add(u.uid());
                }
            }
        }
        if (uids.isEmpty()) {
            return null;
        }
        List<SequenceSet.Range> ranges = new ArrayList<>();
        long from = -1;
        long to = -1;
        for (long u : uids) {
            if (from < 0) {
                from = u;
                to = u;
            } else if (u == to + 1) {
                to = u;
            } else {
                ranges.add(new SequenceSet.Range(from, to));
                from = u;
                to = u;
            }
        }
        ranges.add(new SequenceSet.Range(from, to));
        return new SequenceSet(ranges, false);
    }

    public CompletionStage<Void> expunge(SequenceSet uids) {
        if (uids != null && !hasCapability("UIDPLUS") && !rev2()) {
            return missing("UIDPLUS", "UID EXPUNGE needs it");
        }
        return channel.send(Command.simple(uids == null ? "EXPUNGE" : "UID EXPUNGE", CommandTraits.PLAIN,
                tag -> new ImapCommand.Expunge(tag, uids)));
    }

    public CompletionStage<IdleHandle> idle() {
        if (!hasCapability("IDLE") && !rev2()) {
            return missing("IDLE", "IDLE is not advertised");
        }
        IdleExchange idle = new IdleExchange();
        currentIdle = idle;
        channel.send(idle);
        return idle.started();
    }

    // ---- extensions ----

    public CompletionStage<ImapResponse.Namespace> namespace() {
        if (!hasCapability("NAMESPACE") && !rev2()) {
            return missing("NAMESPACE", "NAMESPACE is not advertised");
        }
        return channel.send(new Command<>("NAMESPACE", CommandTraits.collecting(Collect.NAMESPACE),
                ImapCommand.Namespace::new, (tag, r) -> r instanceof ImapResponse.Namespace,
                (list, ok) -> list.isEmpty() ? new ImapResponse.Namespace(List.of(), List.of(), List.of())
                        : (ImapResponse.Namespace) list.get(list.size() - 1)));
    }

    public CompletionStage<ImapResponse.Id> id(Map<String, String> fields) {
        if (!hasCapability("ID")) {
            return missing("ID", "ID is not advertised");
        }
        // the record checks the RFC 2971 limits now, in the caller's thread
        ImapCommand.Id checked = new ImapCommand.Id(org.mailwire.imap.Tag.of("x"), fields);
        return channel.send(new Command<>("ID", CommandTraits.collecting(Collect.ID),
                tag -> new ImapCommand.Id(tag, checked.parameters()), (tag, r) -> r instanceof ImapResponse.Id,
                (list, ok) -> list.isEmpty() ? new ImapResponse.Id(Map.of())
                        : (ImapResponse.Id) list.get(list.size() - 1)));
    }

    public CompletionStage<List<Long>> sort(boolean uid, List<org.mailwire.imap.client.SortCriterion> asked,
            List<SearchKey> keys) {
        List<org.mailwire.imap.SortCriterion> criteria = asked.stream()
                .map(org.mailwire.imap.client.SortCriterion::toModel).toList();
        if (!hasCapability("SORT")) {
            return missing("SORT", "SORT is not advertised");
        }
        boolean display = criteria.stream().anyMatch(c -> c.key() == org.mailwire.imap.SortKey.DISPLAYFROM
                || c.key() == org.mailwire.imap.SortKey.DISPLAYTO);
        if (display && !hasCapability("SORT=DISPLAY")) {
            return missing("SORT=DISPLAY", "DISPLAYFROM and DISPLAYTO need it (RFC 5957)");
        }
        // RFC 5256 §3: US-ASCII and UTF-8 are always supported; UTF-8 covers every key
        new ImapCommand.Sort(org.mailwire.imap.Tag.of("x"), uid, criteria, null, "UTF-8", keys);
        return channel.send(new Command<>(uid ? "UID SORT" : "SORT", CommandTraits.messages(uid, false, Collect.SORT),
                tag -> new ImapCommand.Sort(tag, uid, criteria, null, "UTF-8", keys),
                (tag, r) -> r instanceof ImapResponse.Sort,
                (list, ok) -> {
                    List<Long> numbers = new ArrayList<>();
                    list.forEach(r -> numbers.addAll(((ImapResponse.Sort) r).numbers()));
                    return List.copyOf(numbers);
                }));
    }

    /**
     * SORT with RETURN options (RFC 5267 ESORT): answered by one ESEARCH response carrying the
     * command's tag (RFC 4731 §3.1), whose ALL lists the numbers in the sort order.
     */
    public CompletionStage<ImapResponse.Esearch> esort(boolean uid, List<org.mailwire.imap.client.SortCriterion> asked,
            List<SearchReturn> returns, List<SearchKey> keys) {
        List<org.mailwire.imap.SortCriterion> criteria = asked.stream()
                .map(org.mailwire.imap.client.SortCriterion::toModel).toList();
        if (!hasCapability("ESORT")) {
            return missing("ESORT", "SORT RETURN needs ESORT (RFC 5267)");
        }
        if (!hasCapability("SORT")) {
            return missing("SORT", "SORT is not advertised");
        }
        boolean display = criteria.stream().anyMatch(c -> c.key() == org.mailwire.imap.SortKey.DISPLAYFROM
                || c.key() == org.mailwire.imap.SortKey.DISPLAYTO);
        if (display && !hasCapability("SORT=DISPLAY")) {
            return missing("SORT=DISPLAY", "DISPLAYFROM and DISPLAYTO need it (RFC 5957)");
        }
        if (returns.contains(SearchReturn.SAVE) && !hasCapability("SEARCHRES") && !rev2()) {
            return missing("SEARCHRES", "RETURN (SAVE) needs it (RFC 5182)");
        }
        // the record refuses an empty criterion or key list now, in the caller's thread
        new ImapCommand.Sort(org.mailwire.imap.Tag.of("x"), uid, criteria, returns, "UTF-8", keys);
        return channel.send(new Command<>(uid ? "UID SORT" : "SORT", CommandTraits.messages(uid, false),
                tag -> new ImapCommand.Sort(tag, uid, criteria, returns, "UTF-8", keys),
                (tag, r) -> r instanceof ImapResponse.Esearch e && e.tag().map(tag::equals).orElse(false),
                (list, ok) -> list.isEmpty()
                        ? new ImapResponse.Esearch(Optional.empty(), uid, OptionalLong.empty(), OptionalLong.empty(),
                                OptionalLong.empty(), Optional.empty(), OptionalLong.empty())
                        : (ImapResponse.Esearch) list.get(list.size() - 1)));
    }

    public CompletionStage<List<org.mailwire.imap.ThreadNode>> thread(boolean uid, String algorithm,
            List<SearchKey> keys) {
        ImapCommand.ThreadMessages checked = new ImapCommand.ThreadMessages(org.mailwire.imap.Tag.of("x"), uid,
                algorithm, "UTF-8", keys);
        if (!hasCapability("THREAD=" + checked.algorithm())) {
            return missing("THREAD=" + checked.algorithm(), "the algorithm is not advertised");
        }
        return channel.send(new Command<>(uid ? "UID THREAD" : "THREAD",
                CommandTraits.messages(uid, false, Collect.THREAD),
                tag -> new ImapCommand.ThreadMessages(tag, uid, checked.algorithm(), "UTF-8", keys),
                (tag, r) -> r instanceof ImapResponse.Threads,
                (list, ok) -> {
                    List<org.mailwire.imap.ThreadNode> threads = new ArrayList<>();
                    list.forEach(r -> threads.addAll(((ImapResponse.Threads) r).threads()));
                    return List.copyOf(threads);
                }));
    }

    public CompletionStage<org.mailwire.imap.client.ListResult> list(org.mailwire.imap.client.ListRequest request) {
        boolean rev2 = rev2();
        if (request.extended() && !hasCapability("LIST-EXTENDED") && !rev2) {
            return missing("LIST-EXTENDED", "LIST options or several patterns need it");
        }
        if (!request.status().isEmpty() && !hasCapability("LIST-STATUS") && !rev2) {
            return missing("LIST-STATUS", "RETURN (STATUS ...) needs it");
        }
        List<org.mailwire.imap.ListSelectOption> selection = request.selectOptions();
        List<org.mailwire.imap.ListReturnOption> returns = request.listReturnOptions();
        boolean specialUse = selection.contains(org.mailwire.imap.ListSelectOption.SPECIAL_USE)
                || returns.contains(org.mailwire.imap.ListReturnOption.Simple.SPECIAL_USE);
        if (specialUse && !hasCapability("SPECIAL-USE") && !rev2) {
            return missing("SPECIAL-USE", "the SPECIAL-USE option needs it");
        }
        // the record refuses what RFC 5258 refuses (RECURSIVEMATCH alone, ...), in the caller's thread
        new ImapCommand.ListMailboxes(org.mailwire.imap.Tag.of("x"), selection, request.reference(),
                request.patterns(), returns);
        List<String> names = new ArrayList<>();
        names.add(request.reference());
        names.addAll(request.patterns());
        return channel.send(new Command<>("LIST", CommandTraits.collecting(Collect.LIST, Collect.STATUS),
                tag -> new ImapCommand.ListMailboxes(tag, selection, request.reference(), request.patterns(),
                        returns),
                (tag, r) -> (r instanceof ImapResponse.ListEntry e && !e.lsub()) || r instanceof ImapResponse.MailboxStatus,
                (list, ok) -> {
                    List<ImapResponse.ListEntry> entries = new ArrayList<>();
                    Map<MailboxName, ImapResponse.MailboxStatus> status = new java.util.LinkedHashMap<>();
                    for (ImapResponse r : list) {
                        if (r instanceof ImapResponse.ListEntry e) {
                            entries.add(e);
                        } else {
                            ImapResponse.MailboxStatus st = (ImapResponse.MailboxStatus) r;
                            status.put(st.mailbox(), st);
                        }
                    }
                    return new org.mailwire.imap.client.ListResult(entries, status);
                }).mailboxNames(names.toArray(String[]::new)));
    }

    public CompletionStage<Void> compress() {
        if (!hasCapability("COMPRESS=DEFLATE")) {
            return missing("COMPRESS=DEFLATE", "COMPRESS=DEFLATE is not advertised");
        }
        // A second COMPRESS goes to the server too: it answers NO [COMPRESSIONACTIVE] (RFC 4978 §3),
        // which fails this operation alone with an ImapCommandException like any refused command.
        return channel.send(new CompressExchange());
    }

    public CompletableFuture<Void> logout() {
        IdleExchange idling = currentIdle;
        if (idling != null && !idling.completion().toCompletableFuture().isDone()) {
            // LOGOUT waits behind the IDLE barrier: end the IDLE, or neither would ever be sent
            idling.done();
        }
        Command<Void> logout = Command.simple("LOGOUT", CommandTraits.BARRIER, ImapCommand.Logout::new)
                .onSent(CommandChannel::loggingOut);
        // whatever the answer (a server may close right after its BYE), the session is over
        return channel.send(logout).handle((v, e) -> null).thenCompose(v -> channel.close()).toCompletableFuture();
    }
}
