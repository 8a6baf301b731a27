package org.mailwire.smtp.client.internal;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.mailwire.smtp.SmtpReply;
import org.mailwire.smtp.client.SmtpClientException;
import org.mailwire.smtp.client.SmtpConnectionException;
import org.mailwire.smtp.client.SmtpConnectionException.Reason;
import org.mailwire.smtp.codec.ReplyViolation;
import org.mailwire.smtp.codec.SmtpDecoderConfig;
import org.mailwire.smtp.codec.SmtpReplyDecoder;
import org.mailwire.smtp.codec.SmtpReplySink;
import org.mailwire.transport.Connection;
import org.mailwire.transport.ConnectionHandler;
import org.mailwire.transport.TlsDetails;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection's reply side: writes go out in order, each with the number of replies it
 * expects, and every decoded reply completes the oldest waiting request (RFC 2920 §3.1: replies come
 * in the order of the commands). The queue of waiting requests is bounded; a deadline runs while
 * anything waits for a reply or for a write to drain; and when the connection breaks, every waiting
 * request fails with the same exception, as does every later one.
 *
 * <p>Requests may come from any thread. Each one is handed to {@link Connection#execute}, which runs
 * it serialised with the transport's callbacks and never blocks the caller; so the queue of waiting
 * requests, the count of writes in flight and the decoder are only ever touched in that one
 * context, one task at a time, and need no lock. That matters because {@link Connection#write} may
 * block on the transport's own lock (MINA's TLS handler), which the I/O thread holds while it
 * delivers a reply: a lock of ours held across the write, and taken again to match the reply,
 * deadlocks the two threads. No lock of ours is held while a stage of the caller's completes either.
 */
public final class ReplyChannel implements ConnectionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyChannel.class);

    /** One expected reply. {@code startsTls}: a 220 to it switches the connection to TLS first. */
    private record Pending(CompletableFuture<SmtpReply> reply, boolean startsTls) {
    }

    private final Duration readTimeout;
    private final int maxPending;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final CompletableFuture<SmtpReply> greeting = new CompletableFuture<>();
    /** Once set, the connection is unusable and every request fails with it; set once, from any thread. */
    private final AtomicReference<SmtpClientException> failure = new AtomicReference<>();
    private volatile Connection connection;

    // Touched only in the connection's callback context (transport callbacks and tasks run through
    // Connection.execute), which never runs two at once.
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private int writesInFlight;
    /** A TLS handshake is under way, which the deadline must also bound. */
    private boolean handshaking;
    private final SmtpReplyDecoder decoder;
    /** After a 220 to STARTTLS, no more cleartext is read. */
    private boolean switchingToTls;
    private final SmtpReplySink sink = new SmtpReplySink() {
        @Override
        public boolean reply(SmtpReply reply) {
            replied(reply);
            // after the 220 to STARTTLS the decoder stops right behind it: the bytes left over are
            // cleartext the transport discards before the handshake (SECURITY.md row 3); after a
            // failure (a continuation may have aborted) nothing more is read
            return !switchingToTls && failure.get() == null;
        }

        @Override
        public boolean invalidReply(ReplyViolation violation) {
            fail(new SmtpConnectionException(Reason.PROTOCOL_VIOLATION, "the server sent an invalid reply: "
                    + violation.kind()));
            return false;
        }
    };

    public ReplyChannel(SmtpDecoderConfig decoderConfig, Duration readTimeout, int maxPending) {
        this.readTimeout = readTimeout;
        this.maxPending = maxPending;
        this.decoder = new SmtpReplyDecoder(decoderConfig);
        // the greeting is the reply to connecting (RFC 5321 §3.1), so it waits from the start
        pending.add(new Pending(greeting, false));
    }

    /** For the connector's handler factory: binds this channel to its connection. */
    public ConnectionHandler attach(Connection connection) {
        this.connection = connection;
        return this;
    }

    public CompletableFuture<SmtpReply> greeting() {
        return greeting;
    }

    /** Completes when the connection has closed, for whatever reason. */
    public CompletionStage<Void> closed() {
        return closed;
    }

    public Connection connection() {
        return connection;
    }

    /** Why the connection is unusable, if it is. */
    public Optional<SmtpClientException> failure() {
        return Optional.ofNullable(failure.get());
    }

    /**
     * Writes {@code pieces} in order and returns one future per reply they are to get, in order.
     * Never blocks: the write happens in the connection's callback context, perhaps after this
     * returns. When the replies would overflow the pending queue (a bug of the caller, who groups
     * its pipelines to fit), nothing is written and the futures fail with an
     * {@link IllegalStateException}.
     */
    public List<CompletableFuture<SmtpReply>> send(List<ByteBuffer> pieces, int replies) {
        return send(pieces, replies, false);
    }

    public CompletableFuture<SmtpReply> send(ByteBuffer command) {
        return send(List.of(command), 1, false).get(0);
    }

    /**
     * Sends STARTTLS. When the reply is 220, nothing more is read in cleartext: the transport
     * drops whatever the server sent after it (SECURITY.md row 3) and the handshake starts; the
     * future completes with the 220 once TLS is up, or fails if the handshake fails. Any other
     * reply completes it as it is.
     */
    public CompletableFuture<SmtpReply> sendStartTls(ByteBuffer command) {
        return send(List.of(command), 1, true).get(0);
    }

    /** Writes body bytes that get no reply of their own; completes when the socket took them. */
    public CompletableFuture<Void> write(List<ByteBuffer> pieces) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        inContext(written::completeExceptionally, () -> {
            SmtpClientException failed = failure.get();
            if (failed != null) {
                written.completeExceptionally(failed);
                return;
            }
            transmit(pieces, written);
        });
        return written;
    }

    private List<CompletableFuture<SmtpReply>> send(List<ByteBuffer> pieces, int replies, boolean startsTls) {
        List<CompletableFuture<SmtpReply>> futures = new ArrayList<>(replies);
        for (int i = 0; i < replies; i++) {
            futures.add(new CompletableFuture<>());
        }
        inContext(error -> futures.forEach(f -> f.completeExceptionally(error)), () -> {
            SmtpClientException failed = failure.get();
            if (failed != null) {
                futures.forEach(f -> f.completeExceptionally(failed));
                return;
            }
            // a lone request may exceed the bound: LMTP's replies after the body number the recipients
            if (!pending.isEmpty() && pending.size() + replies > maxPending) {
                IllegalStateException overflow = new IllegalStateException(pending.size()
                        + " replies pending, no room for " + replies);
                futures.forEach(f -> f.completeExceptionally(overflow));
                return;
            }
            for (CompletableFuture<SmtpReply> f : futures) {
                pending.add(new Pending(f, startsTls));
            }
            // queued and written in one task of the callback context, so the queue's order is the
            // order on the wire
            transmit(pieces, null);
        });
        return futures;
    }

    /**
     * Runs {@code task} in the connection's callback context; {@code unbound} gets the reason when
     * there is no connection to run it on (it was never attached).
     */
    private void inContext(java.util.function.Consumer<Throwable> unbound, Runnable task) {
        Connection c = connection;
        if (c == null) {
            SmtpClientException failed = failure.get();
            unbound.accept(failed != null ? failed
                    : new SmtpConnectionException(Reason.CLOSED, "not connected"));
            return;
        }
        c.execute(task);
    }

    /** In the callback context. Each write's outcome comes back to the callback context too. */
    private void transmit(List<ByteBuffer> pieces, CompletableFuture<Void> written) {
        Connection c = connection;
        for (int i = 0; i < pieces.size(); i++) {
            CompletableFuture<Void> done = i == pieces.size() - 1 ? written : null;
            writesInFlight++;
            // a write that failed at once (the connection is closed) completes its stage right here;
            // going through execute queues the outcome behind this task instead of running it inside
            c.write(pieces.get(i)).whenComplete((ignored, error) -> c.execute(() -> wrote(error, done)));
        }
        armOrClearDeadline();
    }

    /** In the callback context. */
    private void wrote(Throwable error, CompletableFuture<Void> written) {
        writesInFlight--;
        if (error != null) {
            fail(new SmtpConnectionException(Reason.CLOSED, "writing to the server failed: " + error, error));
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

    /** In the callback context. RFC 5321 §4.5.3.2: a timeout per reply awaited, re-armed on progress. */
    private void armOrClearDeadline() {
        Connection c = connection;
        if (c == null) {
            return;
        }
        if (failure.get() == null && (!pending.isEmpty() || writesInFlight > 0 || handshaking)) {
            c.armDeadline(readTimeout);
        } else {
            c.clearDeadline();
        }
    }

    /** Closes after the queued writes, without waiting for replies. */
    public CompletionStage<Void> close() {
        Connection c = connection;
        if (c == null || !c.isOpen()) {
            return CompletableFuture.completedFuture(null);
        }
        c.close();
        return closed;
    }

    /**
     * Drops the connection at once and fails everything pending with {@code cause}. From any
     * thread: the channel counts as failed when this returns; the waiting requests fail in the
     * callback context.
     */
    public void abort(SmtpClientException cause) {
        failure.compareAndSet(null, cause);
        Connection c = connection;
        if (c != null) {
            if (c.isOpen()) {
                LOG.debug("connection {}: closing: {}", c.id(), cause.getMessage());
                c.abort();
            }
            c.execute(() -> fail(cause));
        }
    }

    // ---- transport callbacks ----

    @Override
    public void onOpen() {
        armOrClearDeadline();
    }

    @Override
    public void onBytes(ByteBuffer bytes) {
        if (switchingToTls || failure.get() != null) {
            // left unconsumed: before the handshake the transport discards it; after a failure the
            // connection is closing
            return;
        }
        decoder.decode(bytes, sink);
    }

    private void replied(SmtpReply reply) {
        Pending head = pending.poll();
        armOrClearDeadline();
        if (head == null) {
            // RFC 5321 §3.8: a server may announce 421 at any time before it closes
            if (reply.code() == 421) {
                fail(new SmtpConnectionException(Reason.CLOSED, "the server is closing the connection: "
                        + Replies.describe(reply)));
            } else {
                fail(new SmtpConnectionException(Reason.PROTOCOL_VIOLATION, "a reply no command asked for: "
                        + Replies.describe(reply)));
            }
            return;
        }
        if (head.startsTls() && reply.code() == 220) {
            startTls(head, reply);
            return;
        }
        head.reply().complete(reply);
    }

    private void startTls(Pending head, SmtpReply goAhead) {
        Connection c = connection;
        switchingToTls = true;
        handshaking = true;
        armOrClearDeadline();
        CompletionStage<TlsDetails> handshake;
        try {
            handshake = c.startTls(ByteBuffer.allocate(0));
        } catch (IllegalStateException notPossible) {
            handshaking = false;
            fail(new SmtpConnectionException(Reason.TLS_FAILED, "cannot start TLS: " + notPossible.getMessage(),
                    notPossible));
            head.reply().completeExceptionally(failure.get());
            return;
        }
        handshake.whenComplete((details, error) -> c.execute(() -> {
            handshaking = false;
            if (error != null) {
                fail(new SmtpConnectionException(Reason.TLS_FAILED, "the TLS handshake failed: " + error.getMessage(),
                        error));
                head.reply().completeExceptionally(failure.get());
            } else {
                armOrClearDeadline();
                head.reply().complete(goAhead);
            }
        }));
    }

    @Override
    public void onTlsEstablished(TlsDetails details) {
        // RFC 3207 §4.2: nothing from before TLS carries over, not even half a reply
        decoder.reset();
        switchingToTls = false;
    }

    @Override
    public void onIdle(Connection c) {
        // the deadline bounds every wait of ours; silence while nothing is asked is the server's right
    }

    @Override
    public void onDeadline(Connection c) {
        fail(new SmtpConnectionException(Reason.TIMEOUT, "no reply from the server within " + readTimeout));
    }

    @Override
    public void onClosed() {
        fail(new SmtpConnectionException(Reason.CLOSED, "the connection closed"));
        closed.complete(null);
    }

    /** In the callback context: the first failure sticks; every waiting request fails with it. */
    private void fail(SmtpClientException cause) {
        failure.compareAndSet(null, cause);
        SmtpClientException first = failure.get();
        List<Pending> dropped = new ArrayList<>(pending);
        pending.clear();
        handshaking = false;
        Connection c = connection;
        if (c != null) {
            c.clearDeadline();
            if (c.isOpen()) {
                LOG.debug("connection {}: closing: {}", c.id(), cause.getMessage());
                c.abort();
            }
        }
        for (Pending p : dropped) {
            p.reply().completeExceptionally(first);
        }
    }
}
