package org.mailwire.pop3.client.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import org.mailwire.pop3.Pop3Capabilities;
import org.mailwire.pop3.Pop3Command;
import org.mailwire.pop3.ResponseCode;
import org.mailwire.pop3.ScanListing;
import org.mailwire.pop3.StatusLine;
import org.mailwire.pop3.UniqueId;
import org.mailwire.pop3.client.MaildropInUseException;
import org.mailwire.pop3.client.MaildropStat;
import org.mailwire.pop3.client.MessageTooLargeException;
import org.mailwire.pop3.client.MissingCapabilityException;
import org.mailwire.pop3.client.Pop3AuthenticationException;
import org.mailwire.pop3.client.Pop3ClientOptions;
import org.mailwire.pop3.client.Pop3ConnectionException;
import org.mailwire.pop3.client.Pop3Credentials;
import org.mailwire.pop3.client.Pop3Language;
import org.mailwire.pop3.client.Pop3LoginMethod;
import org.mailwire.pop3.client.Pop3ResponseException;
import org.mailwire.pop3.client.StartTlsPolicy;
import org.mailwire.pop3.client.internal.ResponseChannel.Response;
import org.mailwire.pop3.codec.Pop3CommandEncoder;
import org.mailwire.pop3.codec.ResponseShape;
import org.mailwire.transport.sasl.SaslClientMechanism;
import org.mailwire.transport.sasl.SaslClients;
import org.mailwire.transport.sasl.SaslException;
import org.mailwire.transport.sasl.SaslMechanism;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's protocol over one {@link ResponseChannel}: the opening (greeting, CAPA, STLS, CAPA
 * again, UTF8 when the options ask for it, login) and then the TRANSACTION state's commands, each
 * one command and one response, queued in the order asked for (and pipelined when the server lists
 * PIPELINING).
 */
public final class ClientSession {
    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
    /** No mechanism we speak needs more; a server that keeps challenging is stalling. */
    private static final int MAX_SASL_ROUNDS = 10;
    /** RFC 2449 §4 and RFC 5034 §4: a command line, AUTH with its initial response included, is at most 255 octets. */
    static final int MAX_COMMAND_LINE = 255;

    private final Pop3ClientOptions options;
    private final ResponseChannel channel;
    private final String serverName;
    private final int port;
    private volatile Pop3Capabilities capabilities;
    private volatile StatusLine greeting;
    private volatile String apopTimestamp;
    private volatile boolean authenticated;
    /** The server accepted UTF8 (RFC 6856 §2) in this session. */
    private volatile boolean utf8;

    public ClientSession(Pop3ClientOptions options, ResponseChannel channel, String serverName, int port) {
        this.options = options;
        this.channel = channel;
        this.serverName = serverName;
        this.port = port;
    }

    public Pop3ClientOptions options() {
        return options;
    }

    public ResponseChannel channel() {
        return channel;
    }

    /** What the server listed in its last CAPA (after STLS, the one inside TLS); empty if it knows no CAPA. */
    public Pop3Capabilities capabilities() {
        return capabilities;
    }

    public StatusLine greeting() {
        return greeting;
    }

    public Optional<String> apopTimestamp() {
        return Optional.ofNullable(apopTimestamp);
    }

    public boolean authenticated() {
        return authenticated;
    }

    /** Whether the server accepted UTF8 (RFC 6856 §2) in this session. */
    public boolean utf8() {
        return utf8;
    }

    // ---- the opening ----

    /** Greeting, CAPA, STLS, UTF8 and login as the options ask; fails with the first thing that went wrong. */
    public CompletableFuture<ClientSession> open() {
        return channel.greeting()
                .thenCompose(response -> {
                    greeting = response.status();
                    if (!response.ok()) {
                        return failed(new Pop3ResponseException("greeting", response.status()));
                    }
                    // the one thing kept from before STLS: RFC 1939 §7 has APOP digest the greeting's
                    // timestamp, and there is no other greeting; a forged one can only make APOP fail,
                    // since the digest itself travels inside TLS
                    apopTimestamp = apopTimestamp(response.status().text()).orElse(null);
                    return capa();
                })
                .thenCompose(this::secure)
                .thenCompose(this::autoUtf8)
                .thenCompose(this::login)
                .thenApply(caps -> {
                    channel.pipelining(options.pipelining() && caps.pipelining());
                    return this;
                })
                .handle((session, error) -> error == null ? CompletableFuture.completedFuture(session)
                        : this.<ClientSession>quitAndFail(unwrap(error)))
                .thenCompose(f -> f);
    }

    /**
     * RFC 1939 §7: the greeting's timestamp is a msg-id, {@code <process-ID.clock@hostname>}: the
     * first angle-bracketed run of printable characters that holds an {@code @}.
     */
    static Optional<String> apopTimestamp(String greetingText) {
        int open = greetingText.indexOf('<');
        while (open >= 0) {
            int close = greetingText.indexOf('>', open + 1);
            if (close < 0) {
                return Optional.empty();
            }
            String candidate = greetingText.substring(open, close + 1);
            boolean printable = candidate.chars().allMatch(c -> c > 0x20 && c < 0x7f);
            if (printable && candidate.indexOf('@') > 0 && candidate.indexOf('<', 1) < 0) {
                return Optional.of(candidate);
            }
            open = greetingText.indexOf('<', open + 1);
        }
        return Optional.empty();
    }

    /** After a failure, QUIT (which in AUTHORIZATION just ends the session) and close; or just drop a broken connection. */
    private <T> CompletableFuture<T> quitAndFail(Throwable cause) {
        CompletableFuture<Response> quit = channel.failure().isPresent() || !greetedOk()
                ? failed(cause) : exchange(new Pop3Command.Quit());
        return quit.handle((reply, error) -> null)
                .thenCompose(ignored -> channel.close())
                .thenCompose(ignored -> failed(cause));
    }

    private boolean greetedOk() {
        StatusLine g = greeting;
        return g != null && g.ok();
    }

    /** CAPA (RFC 2449 §5); a -ERR means an RFC 1939-only server, which gets an empty list. */
    private CompletableFuture<Pop3Capabilities> capa() {
        BoundedCollector lines = new BoundedCollector(options.decoderConfig().maxListingSize());
        return channel.send(encode(new Pop3Command.Capa()), ResponseShape.LISTING_IF_OK, lines)
                .thenCompose(response -> {
                    if (lines.overflowed()) {
                        return violation("the CAPA response is larger than " + lines.limit() + " octets");
                    }
                    Pop3Capabilities caps;
                    try {
                        caps = Pop3Capabilities.parse(response.ok() ? lines.lines() : List.of());
                    } catch (IllegalArgumentException e) {
                        return violation("the CAPA response is malformed");
                    }
                    capabilities = caps;
                    return CompletableFuture.completedFuture(caps);
                });
    }

    private CompletableFuture<Pop3Capabilities> secure(Pop3Capabilities caps) {
        StartTlsPolicy policy = options.startTlsPolicy();
        if (options.implicitTls() || channel.connection().isSecure() || policy == StartTlsPolicy.DISABLED) {
            return CompletableFuture.completedFuture(caps);
        }
        if (!caps.stls()) {
            // a missing STLS may be a man in the middle stripping it: under REQUIRED nothing but
            // QUIT follows, so credentials never go out in cleartext
            return policy == StartTlsPolicy.REQUIRED
                    ? failed(new MissingCapabilityException("STLS", "StartTlsPolicy.REQUIRED forbids cleartext"))
                    : CompletableFuture.completedFuture(caps);
        }
        return channel.sendStartTls(encode(new Pop3Command.Stls())).thenCompose(response -> {
            if (response.ok()) {
                // RFC 2595 §4: forget what the server listed in cleartext and ask again
                capabilities = null;
                return capa();
            }
            return policy == StartTlsPolicy.REQUIRED ? failed(new Pop3ResponseException("STLS", response.status()))
                    : CompletableFuture.completedFuture(caps);
        });
    }

    /**
     * RFC 6856 §2: UTF8 in the AUTHORIZATION state, after STLS (which forgets it, RFC 2595 §4) and
     * before the login, when the options ask for it and the server lists it. A -ERR leaves the
     * session in ASCII; the login then refuses credentials that need UTF-8.
     */
    private CompletableFuture<Pop3Capabilities> autoUtf8(Pop3Capabilities caps) {
        if (!options.utf8() || !caps.utf8()) {
            return CompletableFuture.completedFuture(caps);
        }
        return exchange(new Pop3Command.Utf8()).thenApply(response -> {
            if (response.ok()) {
                utf8 = true;
            } else {
                LOG.debug("connection {}: UTF8 refused: {}", channel.connection().id(),
                        StatusLines.describe(response.status()));
            }
            return caps;
        });
    }

    // ---- login (RFC 1939 §7, RFC 5034) ----

    private CompletableFuture<Pop3Capabilities> login(Pop3Capabilities caps) {
        Pop3Credentials credentials = options.credentials();
        if (credentials == null) {
            return CompletableFuture.completedFuture(caps);
        }
        List<Pop3LoginMethod> usable = options.loginMethods().stream()
                .filter(m -> m.takesToken() == (credentials instanceof Pop3Credentials.OAuthToken))
                .filter(m -> offered(m, caps))
                .toList();
        Optional<Pop3LoginMethod> choice = usable.stream()
                .filter(m -> fitsCharset(m, credentials, caps))
                .findFirst();
        if (choice.isEmpty() && !usable.isEmpty()) {
            // USER/PASS or APOP would carry the text in a command the server reads as ASCII:
            // refused here, before any of it is sent
            return failed(new MissingCapabilityException("UTF8", "the user name or password is not ASCII, which "
                    + usable + " may send only in a UTF8 session with a server that lists UTF8 USER ("
                    + whyNoUtf8(caps) + ")"));
        }
        if (choice.isEmpty()) {
            return failed(new MissingCapabilityException("a login method", "none of " + options.loginMethods()
                    + " usable with " + credentials.getClass().getSimpleName() + " is offered (SASL "
                    + caps.saslMechanisms() + (apopTimestamp == null ? ", no APOP timestamp" : "") + ")"));
        }
        Pop3LoginMethod method = choice.get();
        LOG.debug("connection {}: login with {}", channel.connection().id(), method);
        CompletableFuture<Void> done;
        if (method == Pop3LoginMethod.USER_PASS) {
            done = userPass((Pop3Credentials.Password) credentials);
        } else if (method == Pop3LoginMethod.APOP) {
            done = apop((Pop3Credentials.Password) credentials);
        } else {
            done = sasl(method.sasl().orElseThrow(), credentials);
        }
        return done.thenApply(ignored -> {
            authenticated = true;
            return caps;
        });
    }

    private boolean offered(Pop3LoginMethod method, Pop3Capabilities caps) {
        if (method == Pop3LoginMethod.USER_PASS) {
            // RFC 2449 §6.8 lets a server list USER, but does not make it refuse USER when it does
            // not, and many (GreenMail) take USER/PASS without listing it; it is the last resort
            return true;
        }
        if (method == Pop3LoginMethod.APOP) {
            return options.allowApop() && apopTimestamp != null;
        }
        String wireName = method.sasl().orElseThrow().wireName();
        return caps.saslMechanisms().stream()
                .anyMatch(m -> SaslMechanism.fromWireName(m).map(s -> s.wireName().equals(wireName)).orElse(false));
    }

    /**
     * RFC 6856 §2: USER, PASS and APOP carry UTF-8 only in a session where the server accepted
     * UTF8 and its CAPA lists {@code UTF8 USER}. (APOP's secret is not sent, but the digest depends
     * on its encoding, which is UTF-8 only in such a session.) SASL mechanisms carry UTF-8 in base64
     * in any session.
     */
    private boolean fitsCharset(Pop3LoginMethod method, Pop3Credentials credentials, Pop3Capabilities caps) {
        if (method != Pop3LoginMethod.USER_PASS && method != Pop3LoginMethod.APOP) {
            return true;
        }
        Pop3Credentials.Password p = (Pop3Credentials.Password) credentials;
        return (isAscii(p.user()) && isAscii(p.password())) || (utf8 && utf8User(caps));
    }

    private String whyNoUtf8(Pop3Capabilities caps) {
        if (!options.utf8()) {
            return "Pop3ClientOptions.utf8 is off";
        }
        if (!caps.utf8()) {
            return "CAPA does not list UTF8";
        }
        return utf8 ? "CAPA lists UTF8 without USER" : "the server refused UTF8";
    }

    /** The UTF8 capability with its USER argument: the server takes UTF-8 user names and passwords. */
    private static boolean utf8User(Pop3Capabilities caps) {
        return caps.parameters("UTF8").stream().anyMatch(p -> p.equalsIgnoreCase("USER"));
    }

    static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }

    private CompletableFuture<Void> userPass(Pop3Credentials.Password credentials) {
        Pop3Command user;
        Pop3Command pass;
        try {
            user = new Pop3Command.User(credentials.user());
            pass = new Pop3Command.Pass(credentials.password());
        } catch (IllegalArgumentException e) {
            // never the record's message: it could quote the password
            return failed(new Pop3AuthenticationException("the user name or password cannot be sent in a command"
                    + " (CR, LF, NUL or too long)", (StatusLine) null));
        }
        return exchange(user).thenCompose(response -> response.ok() ? exchange(pass)
                        : failed(refusal("USER", response.status())))
                .thenCompose(response -> response.ok() ? CompletableFuture.<Void>completedFuture(null)
                        : failed(refusal("PASS", response.status())));
    }

    private CompletableFuture<Void> apop(Pop3Credentials.Password credentials) {
        Pop3Command apop;
        try {
            apop = new Pop3Command.Apop(credentials.user(), apopDigest(apopTimestamp, credentials.password()));
        } catch (IllegalArgumentException e) {
            return failed(new Pop3AuthenticationException("the user name cannot be sent in an APOP command"
                    + " (CR, LF, NUL, space or too long)", (StatusLine) null));
        }
        return exchange(apop).thenCompose(response -> response.ok() ? CompletableFuture.<Void>completedFuture(null)
                : failed(refusal("APOP", response.status())));
    }

    /** RFC 1939 §7: the MD5 digest of the timestamp followed by the shared secret, in lower-case hex. */
    static String apopDigest(String timestamp, String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5")
                    .digest((timestamp + secret).getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(32);
            for (byte b : digest) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    /**
     * A refused login: RFC 3206's codes tell a wrong credential ({@code [AUTH]}, or no code) from a
     * locked maildrop ({@code [IN-USE]}) or a server problem ({@code [SYS/...]}, {@code [LOGIN-DELAY]}).
     */
    static RuntimeException refusal(String command, StatusLine status) {
        Optional<ResponseCode> code = status.code();
        if (code.isPresent() && code.get().isUnder(ResponseCode.IN_USE)) {
            return new MaildropInUseException(command, status);
        }
        if (code.isPresent() && !code.get().isUnder(ResponseCode.AUTH)) {
            return new Pop3ResponseException(command, status);
        }
        return new Pop3AuthenticationException(command + " refused", status);
    }

    private CompletableFuture<Void> sasl(SaslMechanism mechanism, Pop3Credentials credentials) {
        SaslClientMechanism sasl;
        try {
            sasl = saslClient(mechanism, credentials);
        } catch (SaslException e) {
            return failed(new Pop3AuthenticationException("cannot authenticate with " + mechanism.wireName(), e));
        }
        return startAuth(sasl).thenCompose(response -> authStep(sasl, response, 0));
    }

    private SaslClientMechanism saslClient(SaslMechanism mechanism, Pop3Credentials credentials) throws SaslException {
        if (credentials instanceof Pop3Credentials.Password p) {
            switch (mechanism) {
                case SCRAM_SHA_256:
                    return SaslClients.scramSha256("", p.user(), p.password());
                case CRAM_MD5:
                    return SaslClients.cramMd5(p.user(), p.password());
                case PLAIN:
                    return SaslClients.plain("", p.user(), p.password());
                default:
                    throw new IllegalStateException(mechanism + " takes a token");
            }
        }
        Pop3Credentials.OAuthToken t = (Pop3Credentials.OAuthToken) credentials;
        switch (mechanism) {
            case OAUTHBEARER:
                return SaslClients.oauthBearer(t.user(), t.accessToken(), serverName, port);
            case XOAUTH2:
                return SaslClients.xoauth2(t.user(), t.accessToken());
            default:
                throw new IllegalStateException(mechanism + " takes a password");
        }
    }

    private CompletableFuture<Response> startAuth(SaslClientMechanism sasl) {
        String name = sasl.mechanism().wireName();
        Optional<byte[]> initial = sasl.initialResponse();
        if (initial.isEmpty()) {
            return exchangeAuth(new Pop3Command.Auth(Optional.of(name), Optional.empty()));
        }
        // RFC 5034 §4: "=" stands for an empty initial response
        String encoded = initial.get().length == 0 ? "=" : Base64.getEncoder().encodeToString(initial.get());
        if ("AUTH ".length() + name.length() + 1 + encoded.length() + 2 <= MAX_COMMAND_LINE) {
            return exchangeAuth(new Pop3Command.Auth(Optional.of(name), Optional.of(encoded)));
        }
        // RFC 5034 §4: an initial response that would make AUTH longer than 255 octets is not sent
        // with it; the server asks with an empty challenge, and the response follows alone
        return exchangeAuth(new Pop3Command.Auth(Optional.of(name), Optional.empty())).thenCompose(response -> {
            if (response.isContinuation() && response.continuation().isBlank()) {
                return channel.send(responseLine(encoded), ResponseShape.AUTH_STEP);
            }
            return CompletableFuture.completedFuture(response);
        });
    }

    private CompletableFuture<Void> authStep(SaslClientMechanism sasl, Response response, int round) {
        if (!response.isContinuation()) {
            if (!response.ok()) {
                return failed(refusal("AUTH", response.status()));
            }
            // a mechanism that authenticates the server (SCRAM) must have checked its signature
            // before the success counts; the other mechanisms are complete once they sent it all
            if (sasl.verifyServerFinal(new byte[0]) && sasl.isComplete()) {
                return CompletableFuture.completedFuture(null);
            }
            return failed(new Pop3AuthenticationException("the server reported success without proving it knows"
                    + " the credentials (" + sasl.mechanism().wireName() + ")", response.status()));
        }
        if (round >= MAX_SASL_ROUNDS) {
            return cancelAuth("the server sent more than " + MAX_SASL_ROUNDS + " challenges", null);
        }
        byte[] answer;
        try {
            byte[] challenge = Base64.getDecoder().decode(response.continuation().strip());
            answer = sasl.respond(challenge);
        } catch (IllegalArgumentException notBase64) {
            return cancelAuth("the server's challenge is not base64", null);
        } catch (SaslException e) {
            return cancelAuth("the server's challenge broke the " + sasl.mechanism().wireName() + " exchange", e);
        }
        return channel.send(responseLine(Base64.getEncoder().encodeToString(answer)), ResponseShape.AUTH_STEP)
                .thenCompose(next -> authStep(sasl, next, round + 1));
    }

    /** RFC 5034 §4: "*" cancels; the server answers -ERR and stays in the AUTHORIZATION state. */
    private CompletableFuture<Void> cancelAuth(String why, Throwable cause) {
        return channel.send(responseLine("*"), ResponseShape.AUTH_STEP).handle((response, error) -> null)
                .thenCompose(ignored -> failed(cause == null
                        ? new Pop3AuthenticationException(why, (StatusLine) null)
                        : new Pop3AuthenticationException(why, cause)));
    }

    /** A SASL response line: base64 (or "*"), checked by the encoder, so it can hold no CR or LF of its own. */
    private static ByteBuffer responseLine(String base64OrStar) {
        return Pop3CommandEncoder.encodeAuthResponse(base64OrStar);
    }

    // ---- UTF8 and LANG (RFC 6856) ----

    /**
     * UTF8 (RFC 6856 §2), valid only in the AUTHORIZATION state.
     *
     * @throws IllegalStateException when the session is logged in
     */
    public CompletableFuture<StatusLine> utf8Command() {
        if (authenticated) {
            throw new IllegalStateException("UTF8 is valid only before the login (RFC 6856 §2); this session is"
                    + " logged in: use Pop3ClientOptions.Builder.utf8(true) to send it during the opening");
        }
        if (!capabilities.utf8()) {
            return failed(new MissingCapabilityException("UTF8", "CAPA does not list it (RFC 6856 §2)"));
        }
        return exchange(new Pop3Command.Utf8()).thenCompose(response -> {
            if (!response.ok()) {
                return failed(new Pop3ResponseException("UTF8", response.status()));
            }
            utf8 = true;
            return CompletableFuture.completedFuture(response.status());
        });
    }

    /** LANG without an argument (RFC 6856 §3): the languages the server offers. */
    public CompletableFuture<List<Pop3Language>> languages() {
        if (!capabilities.has("LANG")) {
            return failed(missingLang());
        }
        return listing(new Pop3Command.Lang(), "LANG", Pop3Language::parse);
    }

    /** LANG with a language range or "*" (RFC 6856 §3): its +OK, in the language chosen. */
    public CompletableFuture<StatusLine> language(Pop3Command.Lang command) {
        if (command.tag().isEmpty()) {
            throw new IllegalArgumentException("LANG without a tag is languages()");
        }
        if (!capabilities.has("LANG")) {
            return failed(missingLang());
        }
        return single(command, "LANG", status -> status);
    }

    private static MissingCapabilityException missingLang() {
        return new MissingCapabilityException("LANG", "CAPA does not list it (RFC 6856 §3)");
    }

    // ---- the TRANSACTION state (RFC 1939 §5) ----

    public CompletableFuture<MaildropStat> stat() {
        return single(new Pop3Command.Stat(), "STAT", status -> {
            String[] words = status.text().split(" ", 3);
            return new MaildropStat(Integer.parseInt(words[0]), Long.parseLong(words[1]));
        });
    }

    public CompletableFuture<List<ScanListing>> list() {
        return listing(new Pop3Command.List(OptionalInt.empty()), "LIST", ScanListing::parse);
    }

    public CompletableFuture<ScanListing> list(int message) {
        return single(new Pop3Command.List(OptionalInt.of(message)), "LIST",
                status -> ScanListing.parse(firstWords(status.text(), 2)));
    }

    public CompletableFuture<List<UniqueId>> uidl() {
        return listing(new Pop3Command.Uidl(OptionalInt.empty()), "UIDL", UniqueId::parse);
    }

    public CompletableFuture<UniqueId> uidl(int message) {
        return single(new Pop3Command.Uidl(OptionalInt.of(message)), "UIDL",
                status -> UniqueId.parse(firstWords(status.text(), 2)));
    }

    /** RETR or TOP, the body streamed to {@code sink}. */
    public CompletableFuture<Void> body(Pop3Command command, Consumer<ByteBuffer> sink) {
        return channel.send(encode(command), ResponseShape.MULTI_LINE_IF_OK, sink)
                .thenCompose(response -> response.ok() ? CompletableFuture.<Void>completedFuture(null)
                        : failed(refused(command.keyword(), response.status())));
    }

    /** RETR or TOP, the body collected in memory up to {@code maxSize} octets. */
    public CompletableFuture<byte[]> bodyBytes(Pop3Command command, long maxSize) {
        BoundedCollector collector = new BoundedCollector(maxSize);
        return body(command, collector).thenCompose(ignored -> collector.overflowed()
                ? failed(new MessageTooLargeException(maxSize))
                : CompletableFuture.completedFuture(collector.toByteArray()));
    }

    /** DELE, RSET, NOOP: a +OK is all there is to it. */
    public CompletableFuture<Void> simple(Pop3Command command) {
        return single(command, command.keyword(), status -> null);
    }

    /**
     * QUIT (RFC 1939 §6), then close. True when the server answered +OK, i.e. the UPDATE state
     * removed every message marked deleted; false on -ERR.
     */
    public CompletableFuture<Boolean> quit() {
        CompletableFuture<Response> quit = channel.failure().isPresent()
                ? failed(channel.failure().get()) : exchange(new Pop3Command.Quit());
        return quit.thenCompose(response -> channel.close().toCompletableFuture().thenApply(v -> response.ok()));
    }

    private <T> CompletableFuture<T> single(Pop3Command command, String keyword, Function<StatusLine, T> parse) {
        return exchange(command).thenCompose(response -> {
            if (!response.ok()) {
                return failed(refused(keyword, response.status()));
            }
            try {
                return CompletableFuture.completedFuture(parse.apply(response.status()));
            } catch (RuntimeException e) {
                return violation("the " + keyword + " response is malformed");
            }
        });
    }

    private <T> CompletableFuture<List<T>> listing(Pop3Command command, String keyword, Function<String, T> parse) {
        BoundedCollector lines = new BoundedCollector(options.decoderConfig().maxListingSize());
        return channel.send(encode(command), ResponseShape.LISTING_IF_OK, lines).thenCompose(response -> {
            if (!response.ok()) {
                return failed(refused(keyword, response.status()));
            }
            if (lines.overflowed()) {
                return violation("the " + keyword + " response is larger than " + lines.limit() + " octets");
            }
            List<T> parsed = new ArrayList<>();
            try {
                for (String line : lines.lines()) {
                    parsed.add(parse.apply(line));
                }
            } catch (RuntimeException e) {
                return violation("the " + keyword + " response holds a malformed line");
            }
            return CompletableFuture.completedFuture(List.copyOf(parsed));
        });
    }

    private static RuntimeException refused(String keyword, StatusLine status) {
        if (status.code().map(c -> c.isUnder(ResponseCode.IN_USE)).orElse(false)) {
            return new MaildropInUseException(keyword, status);
        }
        return new Pop3ResponseException(keyword, status);
    }

    /** A response out of step with what was asked: the connection cannot be trusted any more. */
    private <T> CompletableFuture<T> violation(String what) {
        Pop3ConnectionException e = new Pop3ConnectionException(Pop3ConnectionException.Reason.PROTOCOL_VIOLATION,
                what);
        channel.abort(e);
        return failed(e);
    }

    /** The first {@code n} space-separated words: RFC 1939 §5 lets servers follow a listing with more text. */
    private static String firstWords(String text, int n) {
        String[] words = text.split(" ", n + 1);
        return words.length <= n ? text : String.join(" ", java.util.Arrays.copyOf(words, n));
    }

    CompletableFuture<Response> exchange(Pop3Command command) {
        return channel.send(encode(command), ResponseShape.SINGLE_LINE);
    }

    private CompletableFuture<Response> exchangeAuth(Pop3Command command) {
        return channel.send(encode(command), ResponseShape.AUTH_STEP);
    }

    static ByteBuffer encode(Pop3Command command) {
        return Pop3CommandEncoder.encode(command);
    }

    static <T> CompletableFuture<T> failed(Throwable cause) {
        return CompletableFuture.failedFuture(cause);
    }

    public static Throwable unwrap(Throwable error) {
        while ((error instanceof java.util.concurrent.CompletionException
                || error instanceof java.util.concurrent.ExecutionException) && error.getCause() != null) {
            error = error.getCause();
        }
        return error;
    }
}
