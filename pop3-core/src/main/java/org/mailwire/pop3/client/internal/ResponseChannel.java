package org.mailwire.pop3.client.internal;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.mailwire.pop3.StatusLine;
import org.mailwire.pop3.client.Pop3ClientException;
import org.mailwire.pop3.client.Pop3ConnectionException;
import org.mailwire.pop3.client.Pop3ConnectionException.Reason;
import org.mailwire.pop3.codec.Pop3DecoderConfig;
import org.mailwire.pop3.codec.Pop3ResponseDecoder;
import org.mailwire.pop3.codec.Pop3ResponseSink;
import org.mailwire.pop3.codec.Pop3ResponseViolation;
import org.mailwire.pop3.codec.ResponseShape;
import org.mailwire.transport.Connection;
import org.mailwire.transport.ConnectionHandler;
import org.mailwire.transport.TlsDetails;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection's response side. Commands are queued in the order asked for and written in
 * that order, each with the shape of the response it expects; every decoded response completes the
 * oldest waiting command (RFC 2449 §6.6: responses come in the order of the commands). How many
 * commands may wait for responses at once is the window: one without pipelining, the configured
 * bound with it. Commands asked for while a write is still draining go out together in the next
 * write. A deadline runs while anything waits for a response or for a write, re-armed whenever
 * bytes arrive; when the connection breaks, every waiting command fails with the same exception, as
 * does every later one.
 *
 * <p>Commands may come from any thread; the transport serialises the callbacks.
 */
public final class ResponseChannel implements ConnectionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ResponseChannel.class);

    /**
     * A complete response: a status line, or (only for {@link ResponseShape#AUTH_STEP}) the base64
     * text of a {@code +} continuation, with {@code status} null.
     */
    public record Response(StatusLine status, String continuation) {
        public boolean isContinuation() {
            return status == null;
        }

        public boolean ok() {
            return status != null && status.ok();
        }
    }

    /** One command waiting for its response. */
    private static final class Pending {
        final ResponseShape shape;
        final CompletableFuture<Response> result = new CompletableFuture<>();
        /** Where a multi-line body goes, chunk by chunk; null for single-line shapes. */
        final Consumer<ByteBuffer> body;
        /** A +OK to it switches the connection to TLS first (STLS). */
        final boolean startsTls;
        /** Touched only by transport callbacks: the +OK that opened a multi-line body. */
        StatusLine opening;
        /** Touched only by transport callbacks: the body consumer threw; the rest is dropped. */
        RuntimeException bodyFailure;

        Pending(ResponseShape shape, Consumer<ByteBuffer> body, boolean startsTls) {
            this.shape = shape;
            this.body = body;
            this.startsTls = startsTls;
        }
    }

    private record Outgoing(ByteBuffer bytes, Pending pending) {
    }

    private final Duration readTimeout;
    private final int maxPending;
    private final Object lock = new Object();
    /** Guarded by lock: asked for, not yet written (the window is full, or a write is draining). */
    private final ArrayDeque<Outgoing> unsent = new ArrayDeque<>();
    /** Guarded by lock: written (or being written), waiting for responses, oldest first. */
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    /**
     * The shapes of written commands, in order, not yet handed to the decoder. The decoder is
     * touched only by transport callbacks, so they are handed over there, before each decode: a
     * command is queued here before it is written, so its shape is known before its response arrives.
     */
    private final ConcurrentLinkedQueue<ResponseShape> shapes = new ConcurrentLinkedQueue<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final CompletableFuture<Response> greeting;
    /** Guarded by lock. */
    private int writesInFlight;
    /** Guarded by lock: the window is the pipelining bound instead of one. */
    private boolean pipelining;
    /** Guarded by lock: a TLS handshake is under way, which the deadline must also bound. */
    private boolean handshaking;
    /** Guarded by lock: once set, the connection is unusable and every command fails with it. */
    private Pop3ClientException failure;
    private volatile Connection connection;

    /** Touched only by transport callbacks, which never run concurrently. */
    private final Pop3ResponseDecoder decoder;
    /** Touched only by transport callbacks: after a +OK to STLS, no more cleartext is read. */
    private boolean switchingToTls;
    private final Pop3ResponseSink sink = new Pop3ResponseSink() {
        @Override
        public boolean status(StatusLine line) {
            return statusLine(line);
        }

        @Override
        public boolean continuation(String base64) {
            Pending head = poll();
            if (head != null) {
                head.result.complete(new Response(null, base64));
            }
            return head != null;
        }

        @Override
        public boolean multiLineChunk(ByteBuffer chunk) {
            Pending head = peek();
            if (head == null) {
                return false;
            }
            if (head.bodyFailure == null && head.body != null) {
                try {
                    head.body.accept(chunk);
                } catch (RuntimeException e) {
                    // the caller's sink gave up; the body is still read to its end, so the
                    // connection stays in step, and the operation fails with the sink's exception
                    head.bodyFailure = e;
                }
            }
            return true;
        }

        @Override
        public boolean multiLineEnd() {
            Pending head = poll();
            if (head == null) {
                return false;
            }
            if (head.bodyFailure != null) {
                head.result.completeExceptionally(head.bodyFailure);
            } else {
                head.result.complete(new Response(head.opening, null));
            }
            return true;
        }

        @Override
        public boolean violation(Pop3ResponseViolation violation) {
            fail(new Pop3ConnectionException(Reason.PROTOCOL_VIOLATION, "the server sent an invalid response: "
                    + violation.kind()));
            return false;
        }
    };

    public ResponseChannel(Pop3DecoderConfig decoderConfig, Duration readTimeout, int maxPending) {
        this.readTimeout = readTimeout;
        this.maxPending = maxPending;
        this.decoder = new Pop3ResponseDecoder(decoderConfig);
        // the greeting is the response to connecting (RFC 1939 §4), so it waits from the start
        Pending first = new Pending(ResponseShape.SINGLE_LINE, null, false);
        pending.add(first);
        shapes.add(ResponseShape.SINGLE_LINE);
        greeting = first.result;
    }

    /** For the connector's handler factory: binds this channel to its connection. */
    public ConnectionHandler attach(Connection connection) {
        this.connection = connection;
        return this;
    }

    public CompletableFuture<Response> greeting() {
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
    public Optional<Pop3ClientException> failure() {
        synchronized (lock) {
            return Optional.ofNullable(failure);
        }
    }

    /** From now on, up to the pipelining bound of commands may wait for responses at once. */
    public void pipelining(boolean on) {
        synchronized (lock) {
            pipelining = on;
        }
        pump();
    }

    public boolean pipelining() {
        synchronized (lock) {
            return pipelining;
        }
    }

    /**
     * Queues {@code command}, to be written in turn; completes with its response.
     *
     * @param body where the body of a multi-line response goes, chunk by chunk (dot-unstuffed, CRLF
     *     kept; each buffer a read-only view valid only during the call); null for other shapes
     */
    public CompletableFuture<Response> send(ByteBuffer command, ResponseShape shape, Consumer<ByteBuffer> body) {
        return enqueue(command, new Pending(shape, body, false));
    }

    public CompletableFuture<Response> send(ByteBuffer command, ResponseShape shape) {
        return send(command, shape, null);
    }

    /**
     * Sends STLS. When the response is +OK, nothing more is read in cleartext: the transport drops
     * whatever the server sent after it (SECURITY.md row 3) and the handshake starts; the future
     * completes with the +OK once TLS is up, or fails if the handshake fails. A -ERR completes it as
     * it is.
     */
    public CompletableFuture<Response> sendStartTls(ByteBuffer command) {
        return enqueue(command, new Pending(ResponseShape.SINGLE_LINE, null, true));
    }

    private CompletableFuture<Response> enqueue(ByteBuffer command, Pending p) {
        synchronized (lock) {
            if (failure != null) {
                p.result.completeExceptionally(failure);
                return p.result;
            }
            unsent.add(new Outgoing(command, p));
        }
        pump();
        return p.result;
    }

    /**
     * Not to be called under lock. Moves what fits in the window from unsent to pending (under the
     * lock) and writes it in one write (after releasing it: a transport that completes or fails the
     * write at once then runs our callbacks, and completes other callers' futures, without our lock
     * held); holds back while a write drains, so commands asked for meanwhile share the next one.
     * writesInFlight keeps the writes in order: a batch is reserved only when no write is in flight.
     */
    private void pump() {
        Connection c;
        ByteBuffer bytes;
        synchronized (lock) {
            c = connection;
            bytes = reserve(c);
        }
        if (bytes == null) {
            return;
        }
        CompletionStage<Void> written;
        try {
            written = c.write(bytes);
        } catch (RuntimeException e) {
            written = CompletableFuture.failedFuture(e);
        }
        written.whenComplete((ignored, error) -> {
            if (error != null) {
                fail(new Pop3ConnectionException(Reason.CLOSED, "writing to the server failed: " + error, error));
                return;
            }
            synchronized (lock) {
                writesInFlight--;
                armOrClearDeadline();
            }
            pump();
        });
    }

    /**
     * Guarded by lock. Takes what fits in the window from unsent to pending and returns it as one
     * buffer, counted in writesInFlight, or null when nothing may be written now.
     */
    private ByteBuffer reserve(Connection c) {
        if (failure != null || writesInFlight > 0 || c == null || handshaking) {
            return null;
        }
        int window = pipelining ? maxPending : 1;
        List<ByteBuffer> batch = new ArrayList<>();
        int size = 0;
        while (!unsent.isEmpty() && pending.size() < window) {
            if (!pending.isEmpty() && pending.peekLast().startsTls) {
                // nothing may follow STLS in cleartext
                break;
            }
            Outgoing next = unsent.poll();
            pending.add(next.pending());
            shapes.add(next.pending().shape);
            batch.add(next.bytes());
            size += next.bytes().remaining();
        }
        if (batch.isEmpty()) {
            return null;
        }
        ByteBuffer bytes;
        if (batch.size() == 1) {
            bytes = batch.get(0);
        } else {
            bytes = ByteBuffer.allocate(size);
            batch.forEach(bytes::put);
            bytes.flip();
        }
        writesInFlight++;
        armOrClearDeadline();
        return bytes;
    }

    /** Guarded by lock: a timeout per response awaited, re-armed on progress. */
    private void armOrClearDeadline() {
        Connection c = connection;
        if (c == null) {
            return;
        }
        if (!pending.isEmpty() || writesInFlight > 0 || handshaking) {
            c.armDeadline(readTimeout);
        } else {
            c.clearDeadline();
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

    /** Drops the connection at once and fails everything waiting with {@code cause}. */
    public void abort(Pop3ClientException cause) {
        fail(cause);
    }

    // ---- transport callbacks ----

    @Override
    public void onOpen() {
        synchronized (lock) {
            armOrClearDeadline();
        }
        pump();
    }

    @Override
    public void onBytes(ByteBuffer bytes) {
        if (switchingToTls || failure().isPresent()) {
            // left unconsumed: before the handshake the transport discards it; after a failure the
            // connection is closing
            return;
        }
        for (ResponseShape shape = shapes.poll(); shape != null; shape = shapes.poll()) {
            decoder.expect(shape);
        }
        synchronized (lock) {
            // a long body arriving is progress: the deadline bounds silence, not the size of a message
            armOrClearDeadline();
        }
        decoder.decode(bytes, sink);
    }

    private Pending peek() {
        synchronized (lock) {
            return pending.peek();
        }
    }

    private Pending poll() {
        Pending head;
        synchronized (lock) {
            head = pending.poll();
            armOrClearDeadline();
        }
        pump();
        if (head == null) {
            fail(new Pop3ConnectionException(Reason.PROTOCOL_VIOLATION, "a response no command asked for"));
        }
        return head;
    }

    private boolean statusLine(StatusLine line) {
        Pending head = peek();
        if (head != null && line.ok()
                && (head.shape == ResponseShape.MULTI_LINE_IF_OK || head.shape == ResponseShape.LISTING_IF_OK)) {
            // the body follows, then its end completes the command
            head.opening = line;
            return true;
        }
        if (head != null && head.startsTls && line.ok()) {
            synchronized (lock) {
                // handshaking before the STLS command leaves the queue, so that nothing queued
                // behind it can be written in cleartext now
                handshaking = true;
                pending.poll();
                armOrClearDeadline();
            }
            startTls(head, line);
            // the decoder stops right behind the +OK: the bytes left over are cleartext the
            // transport discards before the handshake (SECURITY.md row 3)
            return false;
        }
        head = poll();
        if (head == null) {
            return false;
        }
        head.result.complete(new Response(line, null));
        return true;
    }

    private void startTls(Pending head, StatusLine goAhead) {
        switchingToTls = true;
        connection.startTls(ByteBuffer.allocate(0)).whenComplete((details, error) -> {
            synchronized (lock) {
                handshaking = false;
                armOrClearDeadline();
            }
            if (error != null) {
                fail(new Pop3ConnectionException(Reason.TLS_FAILED, "the TLS handshake failed: " + error.getMessage(),
                        error));
                head.result.completeExceptionally(failure().orElseThrow());
            } else {
                pump();
                head.result.complete(new Response(goAhead, null));
            }
        });
    }

    @Override
    public void onTlsEstablished(TlsDetails details) {
        // RFC 2595 §4: nothing from before TLS carries over, not even half a response
        decoder.reset();
        switchingToTls = false;
    }

    @Override
    public void onIdle(Connection c) {
        // the deadline bounds every wait of ours; silence while nothing is asked is the server's right
    }

    @Override
    public void onDeadline(Connection c) {
        fail(new Pop3ConnectionException(Reason.TIMEOUT, "no response from the server within " + readTimeout));
    }

    @Override
    public void onClosed() {
        fail(new Pop3ConnectionException(Reason.CLOSED, "the connection closed"));
        closed.complete(null);
    }

    private void fail(Pop3ClientException cause) {
        List<Pending> dropped = new ArrayList<>();
        synchronized (lock) {
            if (failure == null) {
                failure = cause;
            }
            dropped.addAll(pending);
            unsent.forEach(o -> dropped.add(o.pending()));
            pending.clear();
            unsent.clear();
            handshaking = false;
        }
        Connection c = connection;
        if (c != null && c.isOpen()) {
            LOG.debug("connection {}: closing: {}", c.id(), cause.getMessage());
            c.abort();
        }
        Pop3ClientException first = failure().orElse(cause);
        for (Pending p : dropped) {
            p.result.completeExceptionally(first);
        }
    }
}
