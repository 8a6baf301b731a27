package org.mailwire.pop3.server.internal;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.mailwire.pop3.Pop3Command;
import org.mailwire.pop3.StatusLine;
import org.mailwire.pop3.codec.Pop3CommandDecoder;
import org.mailwire.pop3.codec.Pop3CommandViolation;
import org.mailwire.pop3.codec.Pop3ResponseEncoder;
import org.mailwire.pop3.codec.Pop3ServerSink;
import org.mailwire.pop3.server.HookResult;
import org.mailwire.pop3.server.MaildropInUseException;
import org.mailwire.pop3.server.MaildropLock;
import org.mailwire.pop3.server.MessageInfo;
import org.mailwire.pop3.server.Pop3ServerConfig;
import org.mailwire.pop3.server.SessionInfo;
import org.mailwire.transport.Connection;
import org.mailwire.transport.ConnectionHandler;
import org.mailwire.transport.TlsDetails;
import org.mailwire.transport.sasl.AuthResult;
import org.mailwire.transport.sasl.SaslMechanism;
import org.mailwire.transport.sasl.SaslServer;
import org.mailwire.transport.sasl.SaslServerExchange;
import org.mailwire.transport.sasl.SaslStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One POP3 server connection: the RFC 1939 state machine (AUTHORIZATION, TRANSACTION, UPDATE)
 * between the command decoder, the authenticator, the hooks and the maildrop.
 *
 * <p>Responses are collected while pipelined commands keep coming (RFC 2449 §6.6) and written when
 * the input runs dry or something asynchronous must be waited for; meanwhile the connection stops
 * reading, and the commands behind wait, undecoded, in the transport. Deletions are only marks
 * until QUIT in the TRANSACTION state: a session that ends any other way deletes nothing (RFC 1939 §6).
 */
public final class Pop3Session implements ConnectionHandler, Pop3ServerSink {
    private static final Logger LOG = LoggerFactory.getLogger(Pop3Session.class);

    private enum State { AUTHORIZATION, TRANSACTION, UPDATE }

    /**
     * Responses handed to the transport and not yet sent (plus those collected and not yet handed
     * over) past which the session stops decoding and reading: a client that pipelines commands and
     * never reads the responses cannot make the server queue without end. {@code UIDL} alone is six
     * octets that ask for a whole listing.
     */
    static final int MAX_UNSENT_REPLY_BYTES = 64 * 1024;

    private final Connection connection;
    private final Pop3ServerConfig config;
    private final SaslServer sasl;
    private final Executor readers;
    private final SecureRandom random;
    private final Pop3CommandDecoder decoder;
    /** RFC 1939 §7's APOP timestamp, or null when the authenticator has no shared secrets. */
    private final String apopTimestamp;
    /** The greeting carried {@link #apopTimestamp}, so APOP may be used (securely, or where cleartext login is allowed). */
    private boolean apopOffered;
    private final List<ByteBuffer> pendingReplies = new ArrayList<>();
    /** Octets in {@link #pendingReplies}. */
    private long pendingReplyBytes;
    /** Octets of responses handed to the transport and not yet sent; updated from I/O threads. */
    private final AtomicLong unsentReplyBytes = new AtomicLong();
    /** Reading stopped until the client reads its responses (see MAX_UNSENT_REPLY_BYTES). */
    private volatile boolean writeBlocked;
    /** Completes with true when the AUTHORIZATION state lasted too long, with false once it ended. */
    private final CompletableFuture<Boolean> loginTimer = new CompletableFuture<>();

    private State state = State.AUTHORIZATION;
    private String pendingUser;
    private boolean utf8;
    private Optional<String> authenticatedAs = Optional.empty();
    private SaslServerExchange authExchange;
    /** The identity a SASL exchange proved, waiting for the client's empty answer to the additional data. */
    private String authSuccessPending;
    private CompletableFuture<MaildropLock> pendingOpen;
    /** QUIT's deletions: the maildrop stays locked until they are done, whatever happens to the connection. */
    private CompletableFuture<Void> pendingDelete;
    /** A message stream being opened for RETR or TOP: closed by onClosed if it comes too late. */
    private CompletableFuture<InputStream> pendingMessage;
    private MaildropLock maildrop;
    private List<MessageInfo> messages = List.of();
    private boolean[] deleted = new boolean[0];
    private MessageStreamer streamer;
    private int badCommands;
    private int authFailures;
    /** A command line has started and not ended: the command deadline runs. */
    private boolean partialLine;
    private boolean waiting;
    private boolean closing;
    private boolean shutdownRequested;
    private boolean switchingToTls;

    public Pop3Session(Connection connection, Pop3ServerConfig config, SaslServer sasl, Executor readers,
            SecureRandom random) {
        this.connection = connection;
        this.config = config;
        this.sasl = sasl;
        this.readers = readers;
        this.random = random;
        this.decoder = new Pop3CommandDecoder(config.limits());
        this.apopTimestamp = config.authenticator().supportsSharedSecret()
                ? ApopVerifier.timestamp(random, config.hostname()) : null;
    }

    // ---- transport events ----

    @Override
    public void onOpen() {
        loginTimer.completeOnTimeout(Boolean.TRUE, config.timeouts().login().toMillis(), TimeUnit.MILLISECONDS)
                .thenAccept(expired -> {
                    if (expired) {
                        connection.execute(() -> {
                            if (state == State.AUTHORIZATION && !closing) {
                                LOG.debug("session {}: login timeout", connection.id());
                                disconnectOrClose(Replies.LOGIN_TIMEOUT);
                            }
                        });
                    }
                });
        after(config.hooks().onConnect(info()), result -> {
            if (result instanceof HookResult.Reject rejected) {
                disconnect(rejected.reply());
            } else if (result instanceof HookResult.Disconnect disconnect) {
                disconnect(disconnect.reply());
            } else if (result instanceof HookResult.Accept accepted && accepted.reply().isPresent()) {
                reply(greeting(accepted.reply().get().text()));
            } else {
                reply(greeting(config.hostname() + " POP3 ready"));
            }
        }, failure -> {
            // Fail closed: a session whose connect hook did not decide must not go on to log in.
            logFailure("the connect hook", failure);
            disconnect(Replies.CONNECT_FAILED);
        }, config.timeouts().hook());
        flush();
    }

    private StatusLine greeting(String text) {
        // APOP follows the USER/PASS rule (accepted only where cleartext login is): no timestamp
        // where it could never be accepted, neither now nor after STLS.
        apopOffered = apopTimestamp != null && (cleartextPermitted() || config.offersStls());
        return StatusLine.ok(apopOffered ? text + " " + apopTimestamp : text);
    }

    @Override
    public void onBytes(ByteBuffer bytes) {
        if (waiting || closing || switchingToTls || writeBlocked) {
            // Leaves the bytes to the transport, which pauses until resumeReading().
            return;
        }
        int start = bytes.position();
        int before;
        do {
            // The decoder stops after a command whose responses filled the backlog; once they are
            // handed over and (if already sent) the backlog is gone, it goes on with the rest.
            before = bytes.position();
            decoder.decode(bytes, this);
            flush();
        } while (bytes.hasRemaining() && bytes.position() > before && keepDecoding());
        if (keepDecoding() && bytes.position() > start && bytes.get(bytes.position() - 1) != '\n' && !partialLine) {
            // A command has begun and not ended: it must end soon, however slowly it trickles in.
            partialLine = true;
            connection.armDeadline(config.timeouts().command());
        }
    }

    @Override
    public void onTlsEstablished(TlsDetails details) {
        // RFC 2595 §4: everything learned before TLS is forgotten; the client must CAPA again.
        switchingToTls = false;
        pendingUser = null;
        utf8 = false;
        authExchange = null;
        authSuccessPending = null;
        partialLine = false;
        decoder.reset();
        armIdleDeadline();
    }

    @Override
    public void onIdle(Connection idle) {
        disconnect(Replies.TIMEOUT);
    }

    @Override
    public void onDeadline(Connection late) {
        LOG.debug("session {}: timeout", connection.id());
        if (streamer != null) {
            // The client stopped taking the response: nothing more can be said to it.
            closing = true;
            connection.abort();
        } else {
            disconnect(Replies.TIMEOUT);
        }
    }

    @Override
    public void onShutdown(Connection closingDown) {
        if (waiting) {
            shutdownRequested = true;
        } else {
            disconnectOrClose(Replies.SHUTTING_DOWN);
        }
    }

    /**
     * Says goodbye and closes; while switching to TLS, only closes: a cleartext {@code -ERR} would
     * land in the client's handshake.
     */
    private void disconnectOrClose(StatusLine line) {
        if (switchingToTls) {
            closing = true;
            connection.clearDeadline();
            connection.close();
        } else {
            disconnect(line);
        }
    }

    @Override
    public void onClosed() {
        closing = true;
        connection.clearDeadline();
        loginTimer.complete(Boolean.FALSE);
        if (streamer != null) {
            streamer.cancel();
        }
        // RFC 1939 §6: without QUIT nothing is deleted; the lock goes in every case, but not
        // while QUIT's deletions still run (a timeout, a hang-up or a shutdown during UPDATE).
        if (maildrop != null) {
            MaildropLock held = maildrop;
            maildrop = null;
            if (pendingDelete != null && !pendingDelete.isDone()) {
                pendingDelete.whenComplete((ignored, failure) -> release(held));
            } else {
                release(held);
            }
        } else if (pendingOpen != null) {
            pendingOpen.thenAccept(MaildropLock::close);
        }
        if (pendingMessage != null) {
            pendingMessage.thenAccept(Pop3Session::closeQuietly);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (java.io.IOException | RuntimeException ignored) {
            // Nobody reads it any more.
        }
    }

    private void release(MaildropLock held) {
        try {
            held.close();
        } catch (RuntimeException e) {
            logFailure("releasing the maildrop", e);
        }
    }

    // ---- decoder events ----

    @Override
    public boolean command(Pop3Command command) {
        lineEnded();
        if (!(command instanceof Pop3Command.Pass)) {
            // RFC 1939 §7: USER is followed by PASS (or QUIT); anything else forgets the name.
            pendingUser = null;
        }
        if (command instanceof Pop3Command.Capa) {
            capa();
        } else if (command instanceof Pop3Command.Quit) {
            quit();
        } else if (command instanceof Pop3Command.Stls) {
            stls();
        } else if (command instanceof Pop3Command.User user) {
            user(user.name());
        } else if (command instanceof Pop3Command.Pass pass) {
            pass(pass.password());
        } else if (command instanceof Pop3Command.Apop apop) {
            apop(apop.name(), apop.digest());
        } else if (command instanceof Pop3Command.Auth auth) {
            auth(auth.mechanism(), auth.initialResponse());
        } else if (command instanceof Pop3Command.Utf8) {
            utf8Command();
        } else if (command instanceof Pop3Command.Lang lang) {
            lang(lang.tag());
        } else if (state != State.TRANSACTION) {
            reply(Replies.NOT_LOGGED_IN);
        } else {
            transaction(command);
        }
        return decodeMore();
    }

    @Override
    public boolean invalidCommand(Pop3CommandViolation violation) {
        lineEnded();
        LOG.debug("session {}: {}", connection.id(), violation.kind());
        pendingUser = null;
        authExchange = null;
        authSuccessPending = null;
        reply(violation.reply());
        countBadCommand();
        return decodeMore();
    }

    private void lineEnded() {
        partialLine = false;
        connection.clearDeadline();
    }

    private boolean keepDecoding() {
        return !waiting && !closing && !switchingToTls && !writeBlocked;
    }

    /** What the decoder events return: stop also when the responses collected fill the backlog. */
    private boolean decodeMore() {
        return keepDecoding() && pendingReplyBytes + unsentReplyBytes.get() <= MAX_UNSENT_REPLY_BYTES;
    }

    // ---- CAPA, UTF8, LANG, QUIT ----

    private void capa() {
        boolean authorization = state == State.AUTHORIZATION;
        List<String> lines = new ArrayList<>();
        lines.add("TOP");
        lines.add("UIDL");
        if (authorization && cleartextPermitted()) {
            lines.add("USER");
        }
        List<SaslMechanism> mechanisms = advertisedMechanisms();
        if (authorization && !mechanisms.isEmpty()) {
            lines.add("SASL " + String.join(" ", mechanisms.stream().map(SaslMechanism::wireName).toList()));
        }
        lines.add("RESP-CODES");
        lines.add("AUTH-RESP-CODE");
        lines.add("PIPELINING");
        lines.add("EXPIRE " + config.expirePolicy());
        lines.add("LOGIN-DELAY " + config.loginDelay().toSeconds());
        lines.add("UTF8 USER");
        lines.add("LANG");
        lines.add("IMPLEMENTATION Mailwire");
        if (authorization && config.offersStls() && !connection.isSecure()) {
            lines.add("STLS");
        }
        replyLines(Replies.CAPA, lines);
    }

    private void utf8Command() {
        if (state != State.AUTHORIZATION) {
            reply(Replies.UTF8_AFTER_LOGIN);
            return;
        }
        utf8 = true;
        reply(Replies.UTF8_ON);
    }

    /** RFC 6856 §3, with English the one language offered. */
    private void lang(Optional<String> tag) {
        if (tag.isEmpty()) {
            replyLines(Replies.LANG_LIST, List.of("en English"));
        } else if (tag.get().equals("*") || isEnglish(tag.get())) {
            reply(Replies.LANG_CHANGED);
        } else {
            reply(Replies.LANG_INVALID);
        }
    }

    /** ASCII-only case folding: {@code equalsIgnoreCase} would fold non-ASCII look-alikes too. */
    private static boolean isEnglish(String tag) {
        return tag.length() == 2 && (tag.charAt(0) | 0x20) == 'e' && (tag.charAt(1) | 0x20) == 'n';
    }

    private void quit() {
        if (state != State.TRANSACTION) {
            disconnect(StatusLine.ok(config.hostname() + " POP3 server signing off"));
            return;
        }
        // RFC 1939 §6: the UPDATE state applies the deletions, and +OK waits for them.
        state = State.UPDATE;
        Set<String> doomed = new HashSet<>();
        int left = 0;
        for (int i = 0; i < messages.size(); i++) {
            if (deleted[i]) {
                doomed.add(messages.get(i).uniqueId());
            } else {
                left++;
            }
        }
        String farewell = config.hostname() + " POP3 server signing off"
                + (left == 0 ? " (maildrop empty)" : " (" + left + " messages left)");
        CompletableFuture<Void> applied;
        try {
            applied = doomed.isEmpty() ? CompletableFuture.completedFuture(null)
                    : maildrop.delete(Set.copyOf(doomed)).toCompletableFuture();
        } catch (RuntimeException e) {
            applied = CompletableFuture.failedFuture(e);
        }
        pendingDelete = applied;
        after(applied, ignored -> disconnect(StatusLine.ok(farewell)), failure -> {
            logFailure("deleting messages", failure);
            disconnect(Replies.DELETE_FAILED);
        }, config.timeouts().hook());
    }

    // ---- STLS ----

    private void stls() {
        if (connection.isSecure()) {
            reply(Replies.STLS_ACTIVE);
        } else if (!config.offersStls()) {
            reply(Replies.STLS_NOT_AVAILABLE);
        } else if (state != State.AUTHORIZATION) {
            // SECURITY.md row 15 ("NO STARTTLS"): an upgrade after login would bind TLS to an
            // identity proven in cleartext.
            reply(Replies.STLS_AFTER_LOGIN);
        } else {
            flush();
            connection.startTls(Pop3ResponseEncoder.encode(Replies.STLS_GO_AHEAD));
            // Stop decoding: a byte after this line and before the handshake is an injection
            // attempt, which the transport answers by closing the connection (CVE-2011-0411).
            switchingToTls = true;
            connection.clearDeadline();
        }
    }

    // ---- USER/PASS and APOP ----

    private boolean cleartextPermitted() {
        return connection.isSecure() || config.allowCleartextAuth();
    }

    private void user(String name) {
        if (state != State.AUTHORIZATION) {
            reply(Replies.ALREADY_LOGGED_IN);
        } else if (!cleartextPermitted()) {
            // Refused at USER, so that the password is never sent in the clear (SECURITY.md row 14).
            reply(Replies.CLEARTEXT_REFUSED);
        } else if (!utf8 && !isAscii(name)) {
            reply(Replies.UTF8_FIRST);
        } else {
            pendingUser = name;
            reply(Replies.USER_OK);
        }
    }

    private void pass(String password) {
        String user = pendingUser;
        pendingUser = null;
        if (state != State.AUTHORIZATION) {
            reply(Replies.ALREADY_LOGGED_IN);
            return;
        }
        if (user == null || !cleartextPermitted()) {
            reply(Replies.PASS_FIRST_USER);
            return;
        }
        if (!utf8 && !isAscii(password)) {
            reply(Replies.UTF8_FIRST);
            return;
        }
        CompletionStage<AuthResult> checked;
        try {
            checked = config.authenticator().checkPassword("", user, password);
        } catch (RuntimeException e) {
            checked = CompletableFuture.failedFuture(e);
        }
        after(checked, result -> {
            if (result instanceof AuthResult.Success success) {
                loggedIn(success.identity());
            } else if (result instanceof AuthResult.Failure failure && failure.temporary()) {
                reply(Replies.AUTH_TEMPORARY);
            } else {
                authFailed();
            }
        }, failure -> {
            logFailure("the authenticator", failure);
            reply(Replies.AUTH_TEMPORARY);
        }, config.timeouts().hook());
    }

    private void apop(String name, String digest) {
        if (state != State.AUTHORIZATION) {
            reply(Replies.ALREADY_LOGGED_IN);
            return;
        }
        if (!apopOffered) {
            reply(apopTimestamp != null ? Replies.CLEARTEXT_REFUSED : Replies.APOP_NOT_AVAILABLE);
            return;
        }
        if (!cleartextPermitted()) {
            // Like USER/PASS (SECURITY.md row 14): an MD5 digest of the password is no better in the clear.
            reply(Replies.CLEARTEXT_REFUSED);
            return;
        }
        if (!utf8 && !isAscii(name)) {
            reply(Replies.UTF8_FIRST);
            return;
        }
        CompletionStage<Optional<String>> secret;
        try {
            secret = config.authenticator().sharedSecret(name);
        } catch (RuntimeException e) {
            secret = CompletableFuture.failedFuture(e);
        }
        after(secret, shared -> {
            if (ApopVerifier.matches(apopTimestamp, shared, digest, random)) {
                // The identity is the name the shared secret was found under, as with CRAM-MD5
                // (the Authenticator SPI confirms no other for shared secrets): a store that
                // matches names loosely should keep one spelling per user, or map it in onLogin.
                loggedIn(name);
            } else {
                authFailed();
            }
        }, failure -> {
            if (failure instanceof UnsupportedOperationException) {
                reply(Replies.APOP_NOT_AVAILABLE);
            } else {
                logFailure("the authenticator", failure);
                reply(Replies.AUTH_TEMPORARY);
            }
        }, config.timeouts().hook());
    }

    private static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }

    // ---- AUTH (RFC 5034) ----

    private List<SaslMechanism> advertisedMechanisms() {
        return sasl.advertised(connection.isSecure(), config.allowCleartextAuth());
    }

    private void auth(Optional<String> mechanismName, Optional<String> initialResponse) {
        if (state != State.AUTHORIZATION) {
            reply(Replies.ALREADY_LOGGED_IN);
            return;
        }
        if (mechanismName.isEmpty()) {
            // "AUTH" alone: the mechanism list, as RFC 1734 clients expect.
            replyLines(Replies.AUTH_MECHANISMS, advertisedMechanisms().stream().map(SaslMechanism::wireName).toList());
            return;
        }
        Optional<SaslMechanism> mechanism = SaslMechanism.fromWireName(mechanismName.get());
        if (mechanism.isEmpty()) {
            reply(Replies.AUTH_UNKNOWN_MECHANISM);
            return;
        }
        if (!sasl.permitted(mechanism.get(), connection.isSecure(), config.allowCleartextAuth())) {
            boolean offeredUnderTls = sasl.permitted(mechanism.get(), true, true);
            reply(offeredUnderTls && !connection.isSecure() ? Replies.CLEARTEXT_REFUSED : Replies.AUTH_UNKNOWN_MECHANISM);
            return;
        }
        Optional<byte[]> first;
        if (initialResponse.isEmpty()) {
            first = Optional.empty();
        } else if (initialResponse.get().equals("=")) {
            // RFC 5034 §4: "=" is an empty initial response, not a missing one.
            first = Optional.of(new byte[0]);
        } else {
            first = base64(initialResponse.get());
            if (first.isEmpty()) {
                reply(Replies.AUTH_BAD_BASE64);
                return;
            }
        }
        Optional<SaslServerExchange> exchange = sasl.start(mechanism.get(), config.hostname());
        if (exchange.isEmpty()) {
            reply(Replies.AUTH_UNKNOWN_MECHANISM);
            return;
        }
        authExchange = exchange.get();
        after(authExchange.start(first), this::authStep);
    }

    @Override
    public boolean authResponse(String line) {
        lineEnded();
        if (line.equals("*")) {
            // RFC 5034 §4: the client cancels the exchange.
            authExchange = null;
            authSuccessPending = null;
            reply(Replies.AUTH_CANCELLED);
            return decodeMore();
        }
        if (authSuccessPending != null) {
            String identity = authSuccessPending;
            authSuccessPending = null;
            authExchange = null;
            if (line.isEmpty()) {
                loggedIn(identity);
            } else {
                authFailed();
            }
            return decodeMore();
        }
        Optional<byte[]> response = base64(line);
        if (response.isEmpty() || authExchange == null) {
            authExchange = null;
            reply(Replies.AUTH_BAD_BASE64);
            return decodeMore();
        }
        after(authExchange.respond(response.get()), this::authStep);
        return decodeMore();
    }

    private void authStep(SaslStep step) {
        if (step instanceof SaslStep.Challenge challenge) {
            continuation(challenge.data());
        } else if (step instanceof SaslStep.Success success) {
            if (success.additionalData().length > 0) {
                // RFC 5034 §4 has no room for data in +OK: the additional data (SCRAM's server
                // signature) travels as one more challenge, answered by an empty line.
                authSuccessPending = success.identity();
                continuation(success.additionalData());
            } else {
                authExchange = null;
                loggedIn(success.identity());
            }
        } else if (step instanceof SaslStep.Failure failure) {
            authExchange = null;
            switch (failure.reason()) {
                case BAD_CREDENTIALS -> authFailed();
                case TEMPORARY -> reply(Replies.AUTH_TEMPORARY);
                case MALFORMED -> reply(Replies.AUTH_MALFORMED);
                case UNSUPPORTED -> reply(Replies.AUTH_UNKNOWN_MECHANISM);
            }
        }
    }

    private void continuation(byte[] data) {
        if (!closing) {
            collect(Pop3ResponseEncoder.encodeContinuation(Base64.getEncoder().encodeToString(data)));
        }
        decoder.expectAuthResponse();
    }

    private static Optional<byte[]> base64(String text) {
        try {
            return Optional.of(Base64.getDecoder().decode(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    private void authFailed() {
        authFailures++;
        LOG.info("session {} from {}: authentication failed ({} of {})", connection.id(),
                connection.remoteAddress().getAddress().getHostAddress(), authFailures, config.maxAuthFailures());
        // A delay before the -ERR slows password guessing; the connection does not read meanwhile.
        long delay = config.authFailureDelay().toMillis();
        CompletionStage<Void> delayed = delay == 0 ? CompletableFuture.completedFuture(null)
                : CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS));
        after(delayed, ignored -> {
            if (authFailures >= config.maxAuthFailures()) {
                disconnect(Replies.TOO_MANY_AUTH_FAILURES);
            } else {
                reply(Replies.AUTH_FAILED);
            }
        });
    }

    // ---- from a proven identity to the TRANSACTION state ----

    private void loggedIn(String identity) {
        SessionInfo asked = new SessionInfo(connection.id(), connection.remoteAddress(), connection.localAddress(),
                connection.tlsDetails(), Optional.empty(), utf8);
        after(config.hooks().onLogin(asked, identity), result -> {
            if (result instanceof HookResult.Reject rejected) {
                authFailures++;
                reply(rejected.reply());
                if (authFailures >= config.maxAuthFailures()) {
                    disconnect(Replies.TOO_MANY_AUTH_FAILURES);
                }
            } else if (result instanceof HookResult.Disconnect disconnect) {
                disconnect(disconnect.reply());
            } else if (result instanceof HookResult.Accept accepted) {
                openMaildrop(identity, accepted.reply());
            } else {
                openMaildrop(identity, Optional.empty());
            }
        });
    }

    private void openMaildrop(String identity, Optional<StatusLine> hookReply) {
        CompletableFuture<MaildropLock> opening;
        try {
            opening = config.maildropStore().open(identity).toCompletableFuture();
        } catch (RuntimeException e) {
            opening = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<MaildropLock> opened = opening;
        // Until the session adopts the lock, onClosed releases it whenever it comes.
        pendingOpen = opened;
        after(opened, lock -> {
            pendingOpen = null;
            adopt(identity, lock, hookReply);
        }, failure -> {
            pendingOpen = null;
            // After a timeout the lock may still come: nobody will use it.
            opened.thenAccept(MaildropLock::close);
            if (failure instanceof MaildropInUseException) {
                reply(Replies.IN_USE);
            } else {
                logFailure("opening the maildrop", failure);
                reply(Replies.MAILDROP_UNAVAILABLE);
            }
        }, config.timeouts().hook());
    }

    private void adopt(String identity, MaildropLock lock, Optional<StatusLine> hookReply) {
        List<MessageInfo> listed;
        try {
            listed = List.copyOf(lock.messages());
        } catch (RuntimeException e) {
            logFailure("listing the maildrop", e);
            lock.close();
            reply(Replies.MAILDROP_UNAVAILABLE);
            return;
        }
        if (hasDuplicateIds(listed)) {
            // DELE deletes by unique id: with two messages under one id, deleting one deletes both.
            LOG.warn("session {}: the maildrop store listed {} messages with duplicate unique ids; refused",
                    connection.id(), listed.size());
            lock.close();
            reply(Replies.MAILDROP_UNAVAILABLE);
            return;
        }
        maildrop = lock;
        messages = listed;
        deleted = new boolean[listed.size()];
        state = State.TRANSACTION;
        authenticatedAs = Optional.of(identity);
        loginTimer.complete(Boolean.FALSE);
        LOG.info("session {} from {}: logged in, {} messages", connection.id(),
                connection.remoteAddress().getAddress().getHostAddress(), listed.size());
        reply(hookReply.orElseGet(() -> StatusLine.ok("maildrop has " + visibleCount() + " messages ("
                + visibleSize() + " octets)")));
    }

    private static boolean hasDuplicateIds(List<MessageInfo> listed) {
        Set<String> seen = new HashSet<>();
        for (MessageInfo info : listed) {
            if (!seen.add(info.uniqueId())) {
                return true;
            }
        }
        return false;
    }

    // ---- the TRANSACTION state ----

    private void transaction(Pop3Command command) {
        if (command instanceof Pop3Command.Stat) {
            reply(StatusLine.ok(visibleCount() + " " + visibleSize()));
        } else if (command instanceof Pop3Command.List list) {
            list(list.message());
        } else if (command instanceof Pop3Command.Uidl uidl) {
            uidl(uidl.message());
        } else if (command instanceof Pop3Command.Retr retr) {
            visible(retr.message()).ifPresent(info -> send(info, StatusLine.ok(info.size() + " octets"), null));
        } else if (command instanceof Pop3Command.Top top) {
            visible(top.message()).ifPresent(info ->
                    send(info, StatusLine.ok("top of message follows"), new TopCut(top.lines())));
        } else if (command instanceof Pop3Command.Dele dele) {
            visible(dele.message()).ifPresent(info -> {
                deleted[info.number() - 1] = true;
                reply(StatusLine.ok("message " + info.number() + " deleted"));
            });
        } else if (command instanceof Pop3Command.Rset) {
            deleted = new boolean[messages.size()];
            reply(StatusLine.ok("maildrop has " + visibleCount() + " messages (" + visibleSize() + " octets)"));
        } else if (command instanceof Pop3Command.Noop) {
            reply(Replies.OK);
        }
    }

    /** The message numbered {@code number}, or empty after replying why it cannot be used. */
    private Optional<MessageInfo> visible(int number) {
        if (number < 1 || number > messages.size()) {
            reply(Replies.noSuchMessage(messages.size()));
            return Optional.empty();
        }
        if (deleted[number - 1]) {
            reply(Replies.alreadyDeleted(number));
            return Optional.empty();
        }
        MessageInfo listed = messages.get(number - 1);
        // The session numbers by position, whatever number the store put in the record.
        return Optional.of(listed.number() == number ? listed : new MessageInfo(number, listed.size(), listed.uniqueId()));
    }

    private int visibleCount() {
        int count = 0;
        for (boolean gone : deleted) {
            count += gone ? 0 : 1;
        }
        return count;
    }

    private long visibleSize() {
        long size = 0;
        for (int i = 0; i < messages.size(); i++) {
            size += deleted[i] ? 0 : messages.get(i).size();
        }
        return size;
    }

    private void list(OptionalInt message) {
        if (message.isPresent()) {
            visible(message.getAsInt()).ifPresent(info -> reply(StatusLine.ok(info.number() + " " + info.size())));
            return;
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if (!deleted[i]) {
                lines.add((i + 1) + " " + messages.get(i).size());
            }
        }
        replyLines(StatusLine.ok(visibleCount() + " messages (" + visibleSize() + " octets)"), lines);
    }

    private void uidl(OptionalInt message) {
        if (message.isPresent()) {
            visible(message.getAsInt()).ifPresent(info -> reply(StatusLine.ok(info.number() + " " + info.uniqueId())));
            return;
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if (!deleted[i]) {
                lines.add((i + 1) + " " + messages.get(i).uniqueId());
            }
        }
        replyLines(Replies.OK, lines);
    }

    /** RETR and TOP: open the message, then stream it behind the +OK line. */
    private void send(MessageInfo info, StatusLine ok, TopCut cut) {
        CompletableFuture<InputStream> opening;
        try {
            opening = maildrop.open(info).toCompletableFuture();
        } catch (RuntimeException e) {
            opening = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<InputStream> opened = opening;
        pendingMessage = opened;
        after(opened, in -> {
            pendingMessage = null;
            reply(ok);
            flush();
            MessageStreamer started = MessageStreamer.start(connection, in, cut, readers, config.timeouts().command());
            streamer = started;
            // No overall timeout: a big message to a slow client may take long, but each chunk
            // must be taken within the command timeout (onDeadline).
            after(started.completion(), ignored -> streamer = null, failure -> {
                streamer = null;
                logFailure("sending a message", failure);
                closing = true;
                connection.abort();
            }, null);
        }, failure -> {
            pendingMessage = null;
            // After a timeout the stream may still come: nobody will read it.
            opened.thenAccept(Pop3Session::closeQuietly);
            logFailure("opening a message", failure);
            reply(Replies.MESSAGE_UNAVAILABLE);
        }, config.timeouts().hook());
    }

    // ---- plumbing ----

    private <T> void after(CompletionStage<T> stage, Consumer<T> then) {
        after(stage, then, failure -> {
            logFailure("a hook or the authenticator", failure);
            authExchange = null;
            authSuccessPending = null;
            reply(Replies.LOCAL_ERROR);
        }, config.timeouts().hook());
    }

    /**
     * Runs {@code then} (or {@code failed}, with the unwrapped cause) when {@code stage} completes:
     * at once if it already has, else later in this connection's callback context, with reading
     * suspended meanwhile and the replies so far flushed.
     *
     * @param timeout how long to wait before {@code failed} gets a timeout; null waits for ever
     */
    private <T> void after(CompletionStage<T> stage, Consumer<T> then, Consumer<Throwable> failed, Duration timeout) {
        CompletableFuture<T> future = stage.toCompletableFuture();
        if (future.isDone()) {
            complete(future, then, failed);
            return;
        }
        waiting = true;
        connection.suspendReading();
        flush();
        CompletableFuture<T> bounded = timeout == null ? future.copy()
                : future.copy().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        bounded.whenComplete((value, failure) -> connection.execute(() -> {
            waiting = false;
            if (closing) {
                return;
            }
            complete(bounded, then, failed);
            if (shutdownRequested && !waiting && !closing) {
                disconnect(Replies.SHUTTING_DOWN);
            }
            flush();
            if (keepDecoding()) {
                armIdleDeadline();
                connection.resumeReading();
            }
        }));
    }

    private static <T> void complete(CompletableFuture<T> done, Consumer<T> then, Consumer<Throwable> failed) {
        T value;
        try {
            value = done.join();
        } catch (CompletionException | CancellationException e) {
            failed.accept(e.getCause() != null ? e.getCause() : e);
            return;
        }
        then.accept(value);
    }

    /** The exception's class only: a user or store exception's message may carry what the client sent. */
    private void logFailure(String what, Throwable failure) {
        LOG.warn("session {}: {} failed: {}", connection.id(), what,
                failure instanceof java.util.concurrent.TimeoutException ? "timeout" : failure.getClass().getName());
    }

    private void countBadCommand() {
        if (++badCommands >= config.maxBadCommands()) {
            disconnect(Replies.TOO_MANY_ERRORS);
        }
    }

    private void reply(StatusLine line) {
        if (!closing) {
            collect(Pop3ResponseEncoder.encode(line));
        }
    }

    /** A multi-line response: the status line, each line dot-stuffed, then the terminating dot. */
    private void replyLines(StatusLine status, List<String> lines) {
        if (!closing) {
            collect(Pop3ResponseEncoder.encodeListing(status, lines));
        }
    }

    private void collect(ByteBuffer encoded) {
        pendingReplies.add(encoded);
        pendingReplyBytes += encoded.remaining();
    }

    private void disconnect(StatusLine line) {
        reply(line);
        flush();
        closing = true;
        connection.clearDeadline();
        connection.close();
    }

    /**
     * Writes the collected replies (in as few writes as the backlog limit allows), and waits for the
     * next command with a deadline. Stops reading while too much is written and not yet sent.
     */
    private void flush() {
        if (pendingReplies.isEmpty()) {
            return;
        }
        List<ByteBuffer> batch = new ArrayList<>();
        long batchBytes = 0;
        for (ByteBuffer reply : pendingReplies) {
            if (!batch.isEmpty() && batchBytes + reply.remaining() > MAX_UNSENT_REPLY_BYTES) {
                write(batch, batchBytes);
                batch.clear();
                batchBytes = 0;
            }
            batch.add(reply);
            batchBytes += reply.remaining();
        }
        write(batch, batchBytes);
        pendingReplies.clear();
        pendingReplyBytes = 0;
        if (unsentReplyBytes.get() > MAX_UNSENT_REPLY_BYTES && !writeBlocked) {
            writeBlocked = true;
            connection.suspendReading();
            // The writes may all have completed before the flag was set: look again.
            if (unsentReplyBytes.get() <= MAX_UNSENT_REPLY_BYTES / 2) {
                connection.execute(this::writeDrained);
            }
        }
        armIdleDeadline();
    }

    /** One write of these replies; {@code total} is at most one reply or MAX_UNSENT_REPLY_BYTES. */
    private void write(List<ByteBuffer> replies, long total) {
        ByteBuffer joined;
        if (replies.size() == 1) {
            joined = replies.get(0);
        } else {
            joined = ByteBuffer.allocate(Math.toIntExact(total));
            replies.forEach(joined::put);
            joined.flip();
        }
        unsentReplyBytes.addAndGet(total);
        connection.write(joined).whenComplete((sent, failure) -> {
            if (unsentReplyBytes.addAndGet(-total) <= MAX_UNSENT_REPLY_BYTES / 2 && writeBlocked) {
                connection.execute(this::writeDrained);
            }
        });
    }

    private void writeDrained() {
        if (!writeBlocked || unsentReplyBytes.get() > MAX_UNSENT_REPLY_BYTES / 2) {
            return;
        }
        writeBlocked = false;
        if (keepDecoding()) {
            connection.resumeReading();
        }
    }

    /** RFC 1939 §3: the inactivity autologout timer, re-armed after every response. */
    private void armIdleDeadline() {
        if (!closing && !waiting && !switchingToTls) {
            connection.armDeadline(config.timeouts().idle());
        }
    }

    private SessionInfo info() {
        return new SessionInfo(connection.id(), connection.remoteAddress(), connection.localAddress(),
                connection.tlsDetails(), authenticatedAs, utf8);
    }
}
