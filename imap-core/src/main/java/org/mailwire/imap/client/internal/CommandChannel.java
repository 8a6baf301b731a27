package org.mailwire.imap.client.internal;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.mailwire.imap.FetchItem;
import org.mailwire.imap.ImapResponse;
import org.mailwire.imap.ResponseCode;
import org.mailwire.imap.Section;
import org.mailwire.imap.Tag;
import org.mailwire.imap.client.ImapClientException;
import org.mailwire.imap.client.ImapClientOptions;
import org.mailwire.imap.client.ImapConnectionException;
import org.mailwire.imap.client.ImapConnectionException.Reason;
import org.mailwire.imap.client.ImapEvent;
import org.mailwire.imap.codec.ImapClientSink;
import org.mailwire.imap.codec.ImapCommandEncoder;
import org.mailwire.imap.codec.ImapResponseDecoder;
import org.mailwire.imap.codec.ImapResponseViolation;
import org.mailwire.imap.codec.NonSyncLiterals;
import org.mailwire.transport.Connection;
import org.mailwire.transport.ConnectionHandler;
import org.mailwire.transport.TlsDetails;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection's command side. Commands wait in a queue in the order asked for and are
 * written when {@link CommandTraits#mayFollow} allows it beside every command in flight (the
 * pipelining rules in {@link org.mailwire.imap.client.ImapClient}'s class comment); each gets the
 * next tag. Every decoded response goes where it belongs: a tagged one to the command with its
 * tag, a {@code +} to the command waiting for one, untagged data to the selected mailbox's state
 * first and then to the one command in flight that collects its kind, or else to the listeners as
 * an {@link ImapEvent}. A deadline runs while anything waits, re-armed whenever bytes arrive; when
 * the connection breaks (closed, timed out, a response the decoder refuses, BYE), every waiting
 * command fails with the same exception, as does every later one.
 *
 * <p>Commands may come from any thread. Each one is handed to {@link Connection#execute}, which runs
 * it serialised with the transport's callbacks, so the queues, the decoder and the tag counter are
 * only ever touched in that one context and need no lock. That matters because
 * {@link Connection#write} may block on the transport's own lock (MINA's TLS filter), which the I/O
 * thread holds while it delivers bytes: a lock of ours held across a write, and taken again to
 * handle a response, would deadlock the two threads. No lock of ours is held while a caller's
 * stage completes either.
 */
public final class CommandChannel implements ConnectionHandler, Exchange.Link {
    private static final Logger LOG = LoggerFactory.getLogger(CommandChannel.class);

    private final Duration readTimeout;
    private final Duration idleTimeout;
    private final int maxInFlight;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final CompletableFuture<ImapResponse.UntaggedStatus> greeting = new CompletableFuture<>();
    /** Once set, the connection is unusable and every command fails with it; set once, from any thread. */
    private final AtomicReference<ImapClientException> failure = new AtomicReference<>();
    private final CopyOnWriteArrayList<Consumer<ImapEvent>> listeners = new CopyOnWriteArrayList<>();
    private volatile Connection connection;
    // written in the callback context, read anywhere
    private volatile Set<String> capabilities = Set.of();
    private volatile Set<String> enabled = Set.of();
    private volatile MailboxState selected;

    // Touched only in the connection's callback context, which never runs two tasks at once.
    private final ArrayDeque<Exchange<?>> unsent = new ArrayDeque<>();
    private final List<Exchange<?>> inFlight = new ArrayList<>();
    /** The pieces of a command still to send, each after a {@code +}. */
    private final ArrayDeque<byte[]> literalPieces = new ArrayDeque<>();
    /** The last command written; nothing follows it while it still writes octets of its own. */
    private Exchange<?> writer;
    private final ImapResponseDecoder decoder;
    private long nextTag = 1;
    private int writesInFlight;
    private boolean greeted;
    private boolean handshaking;
    /** After the tagged OK to STARTTLS, no more cleartext is read. */
    private boolean switchingToTls;
    private boolean idling;
    private boolean loggingOut;
    /** The decoder stops behind the current response: what follows is compressed (RFC 4978 §3). */
    private boolean pauseDecoding;
    /** COMPRESS is being switched on: nothing is written until it is. */
    private boolean compressing;
    /** The command taking the body item being streamed, or null to drop it. */
    private Exchange<?> bodyTarget;

    private final ImapClientSink sink = new ImapClientSink() {
        @Override
        public boolean response(ImapResponse response) {
            handle(response);
            // behind the OK to STARTTLS the decoder stops: what follows is cleartext the transport
            // discards before the handshake (SECURITY.md row 3)
            return !switchingToTls && !pauseDecoding && failure.get() == null;
        }

        @Override
        public boolean bodyBegin(long seq, boolean binary, Section section, OptionalLong origin, long size) {
            bodyTarget = collector(CommandTraits.Collect.FETCH);
            if (bodyTarget != null) {
                bodyTarget.bodyBegin(seq, binary, section, size);
            }
            return failure.get() == null;
        }

        @Override
        public boolean bodyData(ByteBuffer chunk) {
            if (bodyTarget != null) {
                bodyTarget.bodyData(chunk);
            }
            return failure.get() == null;
        }

        @Override
        public boolean bodyEnd() {
            if (bodyTarget != null) {
                bodyTarget.bodyEnd();
            }
            bodyTarget = null;
            return failure.get() == null;
        }

        @Override
        public boolean violation(ImapResponseViolation violation) {
            fail(new ImapConnectionException(Reason.PROTOCOL_VIOLATION, "the server sent an invalid response: "
                    + violation.kind()));
            return false;
        }
    };

    public CommandChannel(ImapClientOptions options) {
        this.readTimeout = options.readTimeout();
        this.idleTimeout = options.idleTimeout();
        this.maxInFlight = options.maxPipelinedCommands();
        this.decoder = new ImapResponseDecoder(options.decoderConfig());
    }

    /** For the connector's handler factory: binds this channel to its connection. */
    public ConnectionHandler attach(Connection connection) {
        this.connection = connection;
        return this;
    }

    public CompletableFuture<ImapResponse.UntaggedStatus> greeting() {
        return greeting;
    }

    /** Completes when the connection has closed, for whatever reason. */
    public CompletionStage<Void> closed() {
        return closed;
    }

    public Connection connection() {
        return connection;
    }

    public Optional<ImapClientException> failure() {
        return Optional.ofNullable(failure.get());
    }

    public boolean isUsable() {
        Connection c = connection;
        return c != null && c.isOpen() && failure.get() == null;
    }

    public Set<String> capabilities() {
        return capabilities;
    }

    public Set<String> enabled() {
        return enabled;
    }

    public Optional<MailboxState> selected() {
        return Optional.ofNullable(selected);
    }

    public void addListener(Consumer<ImapEvent> listener) {
        listeners.add(listener);
    }

    public boolean removeListener(Consumer<ImapEvent> listener) {
        return listeners.remove(listener);
    }

    /** Queues {@code exchange}; it is written when the pipelining rules allow. */
    public <T> CompletableFuture<T> send(Exchange<T> exchange) {
        Connection c = connection;
        if (c == null) {
            exchange.failed(failure.get() != null ? failure.get()
                    : new ImapConnectionException(Reason.CLOSED, "not connected"));
            return exchange.result();
        }
        c.execute(() -> {
            ImapClientException failed = failure.get();
            if (failed != null) {
                exchange.failed(failed);
                return;
            }
            unsent.add(exchange);
            pump();
        });
        return exchange.result();
    }

    /** In the callback context: writes what the rules allow, in order; stops at the first that must wait. */
    private void pump() {
        Connection c = connection;
        while (!unsent.isEmpty()) {
            if (failure.get() != null || c == null || handshaking || switchingToTls || compressing || !greeted
                    || !literalPieces.isEmpty() || inFlight.size() >= maxInFlight
                    || (writer != null && writer.stillWriting())) {
                return;
            }
            Exchange<?> next = unsent.peek();
            for (Exchange<?> running : inFlight) {
                if (!next.traits.mayFollow(running.traits)) {
                    return;
                }
            }
            Tag tag = new Tag("A" + nextTag);
            List<byte[]> pieces;
            try {
                pieces = next.encode(tag, encoder());
                if (enabled.contains("UTF8=ACCEPT") && !next.mailboxNames().isEmpty()) {
                    pieces = Utf8MailboxNames.rewrite(pieces, next.mailboxNames());
                }
            } catch (RuntimeException e) {
                // an argument the encoder refuses (NUL, say): only this command fails
                unsent.poll();
                next.result.completeExceptionally(e);
                continue;
            }
            if (pieces.size() > 1 && !inFlight.isEmpty()) {
                // it will wait for a +, which carries no tag: alone on the wire
                return;
            }
            unsent.poll();
            nextTag++;
            next.tag = tag;
            inFlight.add(next);
            writer = next;
            LOG.debug("connection {}: sending {}", c.id(), next);
            transmit(ByteBuffer.wrap(pieces.get(0)), null);
            literalPieces.addAll(pieces.subList(1, pieces.size()));
            next.sent(this);
        }
    }

    private ImapCommandEncoder encoder() {
        Set<String> caps = capabilities;
        return new ImapCommandEncoder(nonSync(caps));
    }

    /** RFC 7888; IMAP4rev2 includes LITERAL- (RFC 9051 §4.3). */
    static NonSyncLiterals nonSync(Set<String> caps) {
        return caps.contains("LITERAL+") ? NonSyncLiterals.LITERAL_PLUS
                : caps.contains("LITERAL-") || caps.contains("IMAP4REV2") ? NonSyncLiterals.LITERAL_MINUS
                : NonSyncLiterals.NONE;
    }

    /** In the callback context. The write's outcome comes back to the callback context too. */
    private void transmit(ByteBuffer bytes, CompletableFuture<Void> written) {
        Connection c = connection;
        writesInFlight++;
        // a write that failed at once completes its stage right here; going through execute queues
        // the outcome behind this task instead of running it inside
        c.write(bytes).whenComplete((ignored, error) -> c.execute(() -> wrote(error, written)));
        armOrClearDeadline();
    }

    private void wrote(Throwable error, CompletableFuture<Void> written) {
        writesInFlight--;
        if (error != null) {
            fail(new ImapConnectionException(Reason.CLOSED, "writing to the server failed: " + error, error));
            if (written != null) {
                written.completeExceptionally(failure.get());
            }
            return;
        }
        armOrClearDeadline();
        if (written != null) {
            written.complete(null);
        }
    }

    /** From any thread: octets outside a command's own, completing when the socket took them. */
    @Override
    public CompletionStage<Void> write(ByteBuffer bytes) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        Connection c = connection;
        if (c == null) {
            written.completeExceptionally(new ImapConnectionException(Reason.CLOSED, "not connected"));
            return written;
        }
        c.execute(() -> {
            ImapClientException failed = failure.get();
            if (failed != null) {
                written.completeExceptionally(failed);
                return;
            }
            transmit(bytes, written);
        });
        return written;
    }

    @Override
    public void doneWriting() {
        Connection c = connection;
        if (c != null) {
            c.execute(() -> {
                armOrClearDeadline();
                pump();
            });
        }
    }

    @Override
    public void idling(boolean on) {
        idling = on;
        armOrClearDeadline();
    }

    /** In the callback context: a timeout per response awaited, re-armed on progress. */
    private void armOrClearDeadline() {
        Connection c = connection;
        if (c == null) {
            return;
        }
        if (failure.get() == null && (!greeted || !inFlight.isEmpty() || writesInFlight > 0 || handshaking)) {
            c.armDeadline(idling && writesInFlight == 0 ? idleTimeout : readTimeout);
        } else {
            c.clearDeadline();
        }
    }

    // ---- state the exchanges change, in the callback context ----

    void capabilities(List<String> caps) {
        Set<String> set = new LinkedHashSet<>();
        caps.forEach(s -> set.add(s.toUpperCase(Locale.ROOT)));
        capabilities = Set.copyOf(set);
    }

    /** Capabilities learnt before a state change (STARTTLS, login) no longer hold. */
    void forgetCapabilities() {
        capabilities = Set.of();
    }

    void enabled(List<String> caps) {
        Set<String> set = new LinkedHashSet<>(enabled);
        caps.forEach(s -> set.add(s.toUpperCase(Locale.ROOT)));
        enabled = Set.copyOf(set);
    }

    /** A SELECT/EXAMINE was written: from now on its mailbox's responses come. */
    void select(MailboxState state) {
        MailboxState old = selected;
        if (old != null) {
            old.retire();
        }
        selected = state;
    }

    void deselect(MailboxState state) {
        if (state != null) {
            state.retire();
        }
        if (selected == state) {
            selected = null;
        }
    }

    void loggingOut() {
        loggingOut = true;
    }

    /** The OK to STARTTLS arrived: nothing more in cleartext; handshake, then complete {@code done}. */
    void startTls(CompletableFuture<Void> done) {
        Connection c = connection;
        switchingToTls = true;
        handshaking = true;
        armOrClearDeadline();
        CompletionStage<TlsDetails> handshake;
        try {
            handshake = c.startTls(ByteBuffer.allocate(0));
        } catch (IllegalStateException notPossible) {
            handshaking = false;
            fail(new ImapConnectionException(Reason.TLS_FAILED, "cannot start TLS: " + notPossible.getMessage(),
                    notPossible));
            done.completeExceptionally(failure.get());
            return;
        }
        handshake.whenComplete((details, error) -> c.execute(() -> {
            handshaking = false;
            if (error != null) {
                fail(new ImapConnectionException(Reason.TLS_FAILED, "the TLS handshake failed: " + error.getMessage(),
                        error));
                done.completeExceptionally(failure.get());
            } else {
                switchingToTls = false;
                armOrClearDeadline();
                done.complete(null);
                pump();
            }
        }));
    }

    /**
     * The OK to COMPRESS arrived, inside onBytes: the decoder stops right behind it and the transport
     * inflates the rest of this delivery and everything after (RFC 4978 §3); {@code done} completes
     * once both directions are compressed.
     */
    void startCompression(CompletableFuture<Void> done) {
        Connection c = connection;
        pauseDecoding = true;
        compressing = true;
        CompletionStage<Void> switched;
        try {
            switched = c.startCompression(ByteBuffer.allocate(0));
        } catch (RuntimeException notPossible) {
            // the server compresses from now on: without inflation nothing more can be read
            compressing = false;
            fail(new ImapConnectionException(Reason.PROTOCOL_VIOLATION, "cannot start compression: "
                    + notPossible.getMessage(), notPossible));
            done.completeExceptionally(failure.get());
            return;
        }
        switched.whenComplete((v, error) -> c.execute(() -> {
            compressing = false;
            if (error != null) {
                fail(new ImapConnectionException(Reason.CLOSED, "compression failed: " + error.getMessage(), error));
                done.completeExceptionally(failure.get());
            } else {
                done.complete(null);
                pump();
            }
        }));
    }

    /** Whether the connection is compressed (RFC 4978). */
    public boolean isCompressed() {
        Connection c = connection;
        return c != null && c.isCompressed();
    }

    // ---- responses ----

    private void handle(ImapResponse r) {
        if (!greeted) {
            greeting(r);
            return;
        }
        if (r instanceof ImapResponse.Tagged t) {
            tagged(t);
        } else if (r instanceof ImapResponse.Continuation k) {
            continuation(k);
        } else {
            untagged(r);
        }
    }

    private void greeting(ImapResponse r) {
        if (r instanceof ImapResponse.UntaggedStatus s
                && (s.status() == ImapResponse.Status.OK || s.status() == ImapResponse.Status.PREAUTH)) {
            greeted = true;
            s.code().ifPresent(this::statusCode);
            armOrClearDeadline();
            greeting.complete(s);
            pump();
        } else if (r instanceof ImapResponse.UntaggedStatus s && s.status() == ImapResponse.Status.BYE) {
            // RFC 3501 §7.1.5: the server will not serve this connection
            fail(new ImapConnectionException(Reason.REFUSED, "the server refused the connection: " + s.text()));
        } else {
            fail(new ImapConnectionException(Reason.PROTOCOL_VIOLATION, "the server did not start with a greeting"));
        }
    }

    private void tagged(ImapResponse.Tagged t) {
        Exchange<?> owner = null;
        for (Exchange<?> e : inFlight) {
            if (t.tag().equals(e.tag)) {
                owner = e;
                break;
            }
        }
        if (owner == null) {
            fail(new ImapConnectionException(Reason.PROTOCOL_VIOLATION, "a tagged response no command waits for: "
                    + t.tag()));
            return;
        }
        inFlight.remove(owner);
        if (inFlight.isEmpty()) {
            // a command refused before its literal was asked for takes its pieces with it
            literalPieces.clear();
        }
        if (t.code().orElse(null) instanceof ResponseCode.Capability c) {
            capabilities(c.capabilities());
        }
        LOG.debug("connection {}: {} completed {}", connection.id(), owner, t.status());
        owner.completed(t, this);
        armOrClearDeadline();
        pump();
    }

    private void continuation(ImapResponse.Continuation k) {
        if (!literalPieces.isEmpty()) {
            transmit(ByteBuffer.wrap(literalPieces.poll()), null);
            return;
        }
        if (inFlight.size() == 1) {
            inFlight.get(0).continuation(k.text(), this);
            return;
        }
        fail(new ImapConnectionException(Reason.PROTOCOL_VIOLATION, "a continuation request no command waits for"));
    }

    private void untagged(ImapResponse r) {
        MailboxState box = selected;
        if (r instanceof ImapResponse.UntaggedStatus s) {
            status(s, box);
            return;
        }
        if (r instanceof ImapResponse.Capability c) {
            capabilities(c.capabilities());
            offer(r);
        } else if (r instanceof ImapResponse.Enabled e) {
            enabled(e.capabilities());
            offer(r);
        } else if (r instanceof ImapResponse.Exists e) {
            if (box != null) {
                box.exists(e.count());
            }
            if (offer(r) == null) {
                event(new ImapEvent.Exists(e.count()));
            }
        } else if (r instanceof ImapResponse.Recent e) {
            if (offer(r) == null) {
                event(new ImapEvent.Recent(e.count()));
            }
        } else if (r instanceof ImapResponse.Expunge e) {
            long uid = box == null ? 0 : box.expunge(e.seq());
            if (offer(r) == null) {
                event(new ImapEvent.Expunged(e.seq(), uid == 0 ? OptionalLong.empty() : OptionalLong.of(uid)));
            }
        } else if (r instanceof ImapResponse.Vanished v) {
            if (box != null) {
                box.vanished(v.uids(), v.earlier());
            }
            if (offer(r) == null) {
                event(new ImapEvent.Vanished(v.earlier(), v.uids()));
            }
        } else if (r instanceof ImapResponse.Fetch f) {
            if (box != null) {
                box.fetched(f);
            }
            Exchange<?> taker = offer(r);
            if (taker == null || !taker.asksForFlags()) {
                flagsEvent(f, box);
            }
        } else if (r instanceof ImapResponse.Flags f) {
            if (box != null) {
                box.flagsResponse(f.flags());
            }
            offer(r);
        } else if (offer(r) == null) {
            LOG.debug("connection {}: untagged {} no command asked for", connection.id(),
                    r.getClass().getSimpleName());
        }
    }

    private void status(ImapResponse.UntaggedStatus s, MailboxState box) {
        if (s.status() == ImapResponse.Status.BYE) {
            if (loggingOut) {
                return;
            }
            event(new ImapEvent.Bye(s.code(), s.text()));
            fail(new ImapConnectionException(Reason.CLOSED, "the server ended the session: BYE " + s.text()));
            return;
        }
        ResponseCode code = s.code().orElse(null);
        if (code != null) {
            statusCode(code);
            if (box != null) {
                box.code(code);
            }
        }
        offer(s);
    }

    private void statusCode(ResponseCode code) {
        if (code == ResponseCode.Simple.ALERT) {
            // the text is in the response; the event carries it
            return;
        }
        if (code instanceof ResponseCode.Capability c) {
            capabilities(c.capabilities());
        }
    }

    private void flagsEvent(ImapResponse.Fetch f, MailboxState box) {
        for (FetchItem item : f.items()) {
            if (item instanceof FetchItem.Flags flags) {
                OptionalLong uid = box == null ? OptionalLong.empty() : box.uid(f.seq());
                OptionalLong modSeq = OptionalLong.empty();
                for (FetchItem i : f.items()) {
                    if (i instanceof FetchItem.ModSeq m) {
                        modSeq = OptionalLong.of(m.modSeq());
                    } else if (i instanceof FetchItem.Uid u) {
                        uid = OptionalLong.of(u.uid());
                    }
                }
                event(new ImapEvent.FlagsChanged(f.seq(), uid, flags.flags(), modSeq));
                return;
            }
        }
    }

    /** The first command in flight that takes {@code r}, or null. */
    private Exchange<?> offer(ImapResponse r) {
        for (Exchange<?> e : inFlight) {
            if (e.offer(r)) {
                return e;
            }
        }
        return null;
    }

    private Exchange<?> collector(CommandTraits.Collect kind) {
        for (Exchange<?> e : inFlight) {
            if (e.traits.collects().contains(kind)) {
                return e;
            }
        }
        return null;
    }

    private void event(ImapEvent event) {
        for (Consumer<ImapEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("an IMAP event listener failed on {}", event.getClass().getSimpleName(), e);
            }
        }
    }

    /** An ALERT is shown whichever response carried it. */
    private void alert(ImapResponse r) {
        if (r instanceof ImapResponse.UntaggedStatus s && s.code().orElse(null) == ResponseCode.Simple.ALERT) {
            event(new ImapEvent.Alert(s.text()));
        } else if (r instanceof ImapResponse.Tagged t && t.code().orElse(null) == ResponseCode.Simple.ALERT) {
            event(new ImapEvent.Alert(t.text()));
        }
    }

    /** Closes after the queued writes, without waiting for responses. */
    public CompletionStage<Void> close() {
        Connection c = connection;
        if (c == null || !c.isOpen()) {
            return CompletableFuture.completedFuture(null);
        }
        c.close();
        return closed;
    }

    /** From any thread: drops the connection at once and fails everything pending with {@code cause}. */
    public void abort(ImapClientException cause) {
        failure.compareAndSet(null, cause);
        Connection c = connection;
        if (c != null) {
            if (c.isOpen()) {
                c.abort();
            }
            c.execute(() -> fail(cause));
        } else {
            greeting.completeExceptionally(cause);
        }
    }

    // ---- transport callbacks ----

    @Override
    public void onOpen() {
        // the greeting is the response to connecting: it waits from the start
        armOrClearDeadline();
    }

    @Override
    public void onBytes(ByteBuffer bytes) {
        if (switchingToTls || failure.get() != null) {
            // left unconsumed: before the handshake the transport discards it; after a failure the
            // connection is closing
            return;
        }
        // progress: the deadline bounds silence, not the size of a message
        armOrClearDeadline();
        pauseDecoding = false;
        decoder.decode(bytes, alertingSink);
    }

    /** The sink, with ALERT codes turned into events before the response is handled. */
    private final ImapClientSink alertingSink = new ImapClientSink() {
        @Override
        public boolean response(ImapResponse response) {
            alert(response);
            return sink.response(response);
        }

        @Override
        public boolean bodyBegin(long seq, boolean binary, Section section, OptionalLong origin, long size) {
            return sink.bodyBegin(seq, binary, section, origin, size);
        }

        @Override
        public boolean bodyData(ByteBuffer chunk) {
            return sink.bodyData(chunk);
        }

        @Override
        public boolean bodyEnd() {
            return sink.bodyEnd();
        }

        @Override
        public boolean violation(ImapResponseViolation violation) {
            return sink.violation(violation);
        }
    };

    @Override
    public void onTlsEstablished(TlsDetails details) {
        // RFC 3501 §6.2.1: nothing from before TLS carries over, not even half a response
        decoder.reset();
    }

    @Override
    public void onIdle(Connection c) {
        // the deadline bounds every wait of ours; silence while nothing is asked is the server's right
    }

    @Override
    public void onDeadline(Connection c) {
        fail(new ImapConnectionException(Reason.TIMEOUT, "no response from the server within "
                + (idling ? idleTimeout : readTimeout)));
    }

    @Override
    public void onClosed() {
        fail(new ImapConnectionException(Reason.CLOSED, "the connection closed"));
        closed.complete(null);
    }

    /** In the callback context: the first failure sticks; every waiting command fails with it. */
    @Override
    public void fail(ImapClientException cause) {
        failure.compareAndSet(null, cause);
        ImapClientException first = failure.get();
        List<Exchange<?>> dropped = new ArrayList<>(inFlight);
        dropped.addAll(unsent);
        inFlight.clear();
        unsent.clear();
        literalPieces.clear();
        handshaking = false;
        Connection c = connection;
        if (c != null) {
            c.clearDeadline();
            if (c.isOpen()) {
                LOG.debug("connection {}: closing: {}", c.id(), cause.getMessage());
                c.abort();
            }
        }
        MailboxState box = selected;
        if (box != null) {
            box.retire();
        }
        greeting.completeExceptionally(first);
        for (Exchange<?> e : dropped) {
            e.failed(first);
        }
    }
}
