package org.mailwire.transport.internal;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.zip.DataFormatException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.future.WriteFuture;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.ssl.SslFilter;
import org.mailwire.transport.Connection;
import org.mailwire.transport.ConnectionHandler;
import org.mailwire.transport.TlsDetails;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Connection} on a MINA session, and the per-connection state the transport keeps for its
 * handler: bytes the handler left unconsumed, whether reading is paused, the STARTTLS phase and the
 * COMPRESS=DEFLATE streams. That state is touched only from callbacks run by {@link #callbacks}, so
 * it needs no lock; the compressor is touched only from tasks run by {@link #compressedWrites}.
 *
 * <p>Compression lives here, above MINA's filter chain, rather than in a filter of its own: the
 * bytes the handler writes are compressed before they reach the TLS filter (compress, then encrypt),
 * and inflation is paced by the handler's consumption, which only this class sees.
 */
public final class MinaConnection implements Connection {
    static final AttributeKey ATTRIBUTE = new AttributeKey(MinaConnection.class, "connection");
    private static final String TLS_FILTER_NAME = "tls";
    private static final Logger LOG = LoggerFactory.getLogger(MinaConnection.class);

    private enum TlsPhase { CLEARTEXT, SWITCHING, SECURE }

    /** SWITCHING: writes are compressed; received bytes wait in {@link #leftover} for the switch task. */
    private enum CompressionPhase { OFF, SWITCHING, ON }

    private final IoSession session;
    private final boolean serverSide;
    private final Function<IoSession, TlsEngineFilter> tlsFilters;
    private final ScheduledExecutorService timer;
    private final LiveCounters counters;
    private final SerialExecutor callbacks = new SerialExecutor(this::handlerFailed);
    /**
     * Compressed writes, in call order. Compressing and handing to MINA happen in one task, without a
     * lock held: the I/O thread may run a callback that writes while it holds MINA's TLS lock, and a
     * lock of ours taken on both paths would let the two wait on each other.
     */
    private final SerialExecutor compressedWrites = new SerialExecutor(this::compressionFailed);
    /** Completed when the connection is ready for the protocol (client connects wait on it); may be null. */
    private final CompletableFuture<Connection> ready;
    private boolean implicitTls;
    private ConnectionHandler handler;

    private ByteBuffer leftover;
    private volatile boolean paused;
    private volatile TlsPhase tlsPhase = TlsPhase.CLEARTEXT;
    /** Set once the TLS filter is in the chain: bytes read before that are cleartext. */
    private volatile boolean tlsFilterInstalled;
    private volatile TlsDetails tlsDetails;
    private volatile CompletableFuture<TlsDetails> handshake;
    private ScheduledFuture<?> deadline;
    /** Bumped on every arm or clear, so a deadline task that was already queued can tell it is stale. */
    private long deadlineGeneration;
    /** The last write handed to MINA, so a graceful close can wait for it before ending TLS. */
    private volatile WriteFuture lastWrite;
    /** Set by close(): input that arrives afterwards is dropped, never handed to the handler. */
    private volatile boolean closing;
    private final Duration handshakeTimeout;

    private volatile CompressionPhase compression = CompressionPhase.OFF;
    private final AtomicBoolean compressionRequested = new AtomicBoolean();
    /** Touched only by {@link #compressedWrites} tasks once set. */
    private OutboundDeflater deflater;
    /** Touched only by {@link #callbacks}. */
    private InboundInflater inflater;
    /** So many compressed bytes wait for inflation that the socket is not read (see {@link #updateReadInterest}). */
    private volatile boolean inflateBacklog;
    private boolean pumpQueued;

    MinaConnection(IoSession session, boolean serverSide, Function<IoSession, TlsEngineFilter> tlsFilters,
            ScheduledExecutorService timer, LiveCounters counters, CompletableFuture<Connection> ready,
            Duration handshakeTimeout) {
        this.session = session;
        this.handshakeTimeout = handshakeTimeout;
        this.ready = ready;
        this.serverSide = serverSide;
        this.tlsFilters = tlsFilters;
        this.timer = timer;
        this.counters = counters;
    }

    static MinaConnection of(IoSession session) {
        return (MinaConnection) session.getAttribute(ATTRIBUTE);
    }

    void attach(ConnectionHandler handler) {
        this.handler = handler;
        session.setAttribute(ATTRIBUTE, this);
    }

    /** An implicit-TLS session: its TLS filter was in the chain from the first byte. */
    void expectImplicitTls() {
        implicitTls = true;
        tlsPhase = TlsPhase.SWITCHING;
        tlsFilterInstalled = true;
        handshake = new CompletableFuture<>();
        armHandshakeDeadline();
    }

    /**
     * A handshake that has not completed in time is abandoned: without this a peer trickling
     * handshake records would hold the connection forever, since each byte counts as activity
     * (SECURITY.md row 6).
     */
    private void armHandshakeDeadline() {
        timer.schedule(() -> {
            if (tlsPhase == TlsPhase.SWITCHING && isOpen()) {
                tlsFailed(new javax.net.ssl.SSLException("TLS handshake not completed within " + handshakeTimeout));
            }
        }, handshakeTimeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public long id() {
        return session.getId();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) session.getRemoteAddress();
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) session.getLocalAddress();
    }

    @Override
    public boolean isSecure() {
        return tlsPhase == TlsPhase.SECURE;
    }

    @Override
    public Optional<TlsDetails> tlsDetails() {
        return Optional.ofNullable(tlsDetails);
    }

    @Override
    public boolean isOpen() {
        return session.isConnected() && !session.isClosing();
    }

    @Override
    public boolean isCompressed() {
        return compression != CompressionPhase.OFF;
    }

    @Override
    public CompletionStage<Void> write(ByteBuffer bytes) {
        return write(bytes, false);
    }

    @Override
    public CompletionStage<Void> writeAndResetCompression(ByteBuffer bytes) {
        return write(bytes, true);
    }

    private CompletionStage<Void> write(ByteBuffer bytes, boolean resetDictionary) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        if (!isOpen()) {
            written.completeExceptionally(new IllegalStateException("connection closed"));
            return written;
        }
        if (compression != CompressionPhase.OFF) {
            compressedWrites.execute(() -> writeCompressed(bytes, resetDictionary, written));
            return written;
        }
        WriteFuture sent = session.write(IoBuffer.wrap(bytes));
        lastWrite = sent;
        completeWhenSent(sent, written);
        return written;
    }

    private static void completeWhenSent(WriteFuture sent, CompletableFuture<Void> written) {
        sent.addListener(future -> {
            var failure = ((WriteFuture) future).getException();
            if (failure == null) {
                written.complete(null);
            } else {
                written.completeExceptionally(failure);
            }
        });
    }

    /** Runs in {@link #compressedWrites}: one batch compressed, ending with a flush, then handed to MINA. */
    private void writeCompressed(ByteBuffer bytes, boolean resetDictionary, CompletableFuture<Void> written) {
        if (!isOpen() || deflater == null) {
            written.completeExceptionally(new IllegalStateException("connection closed"));
            return;
        }
        int plain = bytes.remaining();
        List<ByteBuffer> pieces;
        try {
            pieces = deflater.deflate(bytes, resetDictionary);
        } catch (RuntimeException e) {
            written.completeExceptionally(e);
            throw e;
        }
        counters.uncompressedOut.add(plain);
        WriteFuture sent = null;
        for (ByteBuffer piece : pieces) {
            counters.compressedOut.add(piece.remaining());
            sent = session.write(IoBuffer.wrap(piece));
        }
        if (sent == null) {
            // Nothing to send (an empty batch): done once what was written before is.
            WriteFuture previous = lastWrite;
            if (previous == null) {
                written.complete(null);
            } else {
                completeWhenSent(previous, written);
            }
            return;
        }
        // MINA sends a session's writes in order, so the last piece written means all of them were.
        lastWrite = sent;
        completeWhenSent(sent, written);
    }

    @Override
    public void suspendReading() {
        paused = true;
        updateReadInterest();
    }

    /**
     * Tells MINA whether to read, from the state wanted now. MINA applies a suspend or resume in the
     * calling thread from a flag it read a moment before, so two threads calling at once can leave a
     * stale answer in force (reads stuck off); one lock around read-then-apply prevents that.
     */
    private synchronized void updateReadInterest() {
        boolean hold = paused || inflateBacklog || (tlsPhase == TlsPhase.SWITCHING && !tlsFilterInstalled);
        if (hold) {
            session.suspendRead();
        } else {
            session.resumeRead();
        }
    }

    @Override
    public void resumeReading() {
        callbacks.execute(() -> {
            if (!paused || !isOpen() || compression == CompressionPhase.SWITCHING) {
                // While compression switches, the leftover is compressed: the switch task takes it.
                return;
            }
            paused = false;
            if (leftover != null) {
                ByteBuffer again = leftover;
                leftover = null;
                deliver(again);
            }
            if (paused) {
                return;
            }
            if (compression == CompressionPhase.ON) {
                pump();
            }
            if (!paused) {
                updateReadInterest();
            }
        });
    }

    @Override
    public CompletionStage<TlsDetails> startTls(ByteBuffer goAhead) {
        if (tlsFilters == null) {
            throw new IllegalStateException("this connection has no TLS configuration");
        }
        if (tlsPhase != TlsPhase.CLEARTEXT) {
            throw new IllegalStateException("TLS is already " + tlsPhase.name().toLowerCase());
        }
        if (compressionRequested.get()) {
            // TLS must sit below compression (compress, then encrypt): a handshake now would run
            // inside the compressed stream, and a peer that asked for it is confused or hostile.
            throw new IllegalStateException("STARTTLS after COMPRESS");
        }
        CompletableFuture<TlsDetails> done = new CompletableFuture<>();
        handshake = done;
        // From here on, cleartext from the peer is either an injection (server) or not trusted (client).
        tlsPhase = TlsPhase.SWITCHING;
        updateReadInterest();
        armHandshakeDeadline();
        // Queued behind the delivery that asked for TLS, so the bytes it left over are known by then.
        callbacks.execute(() -> {
            if (leftover != null) {
                ByteBuffer early = leftover;
                leftover = null;
                cleartextDuringTlsSwitch(early);
                if (!isOpen()) {
                    return;
                }
            }
            paused = false;
            if (goAhead.hasRemaining()) {
                // RFC 3207 §4: the go-ahead travels in cleartext, so TLS goes in once it is written.
                session.write(IoBuffer.wrap(goAhead)).addListener(future -> installTls());
            } else {
                installTls();
            }
        });
        return done;
    }

    private void installTls() {
        if (!isOpen()) {
            return;
        }
        try {
            tlsFilterInstalled = true;
            session.getFilterChain().addFirst(TLS_FILTER_NAME, tlsFilters.apply(session));
        } catch (Exception e) {
            tlsFailed(e);
            return;
        }
        updateReadInterest();
    }

    @Override
    public CompletionStage<Void> startCompression(ByteBuffer goAhead) {
        if (tlsPhase == TlsPhase.SWITCHING) {
            throw new IllegalStateException("a TLS handshake is in progress");
        }
        // No lock of ours is held around session.write (see compressedWrites): a flag refuses a second call.
        if (!compressionRequested.compareAndSet(false, true)) {
            throw new IllegalStateException("compression is already on");
        }
        if (!isOpen()) {
            return CompletableFuture.failedFuture(new IllegalStateException("connection closed"));
        }
        deflater = new OutboundDeflater();
        if (goAhead.hasRemaining()) {
            // The go-ahead is the last uncompressed write: it is handed to MINA before any compressed
            // one can be, since those wait for the phase set below.
            lastWrite = session.write(IoBuffer.wrap(goAhead));
        }
        compression = CompressionPhase.SWITCHING;
        CompletableFuture<Void> done = new CompletableFuture<>();
        // Queued behind the delivery that asked for compression, so the bytes it left over are known
        // by then: they, and everything read since, are the start of the peer's compressed stream.
        callbacks.execute(() -> {
            if (!isOpen()) {
                done.completeExceptionally(new IllegalStateException("connection closed"));
                return;
            }
            inflater = new InboundInflater();
            compression = CompressionPhase.ON;
            if (leftover != null) {
                ByteBuffer early = leftover;
                leftover = null;
                inflateLater(early);
            }
            paused = false;
            done.complete(null);
            pump();
            updateReadInterest();
        });
        return done;
    }

    /** Takes compressed input from the peer; {@link #pump()} inflates it as the handler consumes. */
    private void inflateLater(ByteBuffer compressed) {
        counters.compressedIn.add(compressed.remaining());
        inflater.add(compressed);
    }

    /**
     * Runs in {@link #callbacks}: inflates one chunk and delivers it, then queues itself again while
     * there is more, so other callbacks (a close, a deadline) are not held up behind a large stream.
     * Nothing is inflated while the handler holds reading, and the socket is not read while much
     * compressed input waits, so a decompression bomb costs one chunk of memory. The read interest
     * is changed here only when the backlog starts or ends; callers that unpause reading update it.
     */
    private void pump() {
        InboundInflater stream = inflater;
        if (stream == null) {
            return;
        }
        if (!paused && isOpen() && !closing) {
            ByteBuffer plain;
            try {
                plain = stream.inflate();
            } catch (DataFormatException corrupt) {
                LOG.warn("connection {} from {}: corrupt compressed input ({}); closing",
                        id(), remoteAddress(), corrupt.getMessage());
                session.closeNow();
                return;
            }
            if (plain.hasRemaining()) {
                counters.uncompressedIn.add(plain.remaining());
                deliver(plain);
                if (!paused && stream.hasInput() && !pumpQueued) {
                    pumpQueued = true;
                    callbacks.execute(() -> {
                        pumpQueued = false;
                        pump();
                    });
                }
            }
        }
        boolean backlog = stream.backlogged();
        if (backlog != inflateBacklog) {
            inflateBacklog = backlog;
            updateReadInterest();
        }
    }

    @Override
    public synchronized void armDeadline(Duration timeout) {
        clearDeadline();
        if (!isOpen()) {
            return;
        }
        long armed = deadlineGeneration;
        deadline = timer.schedule(() -> callbacks.execute(() -> {
            // The task may have been queued behind a callback that re-armed or cleared the deadline.
            if (isOpen() && isCurrentDeadline(armed)) {
                handler.onDeadline(this);
            }
        }), timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private synchronized boolean isCurrentDeadline(long generation) {
        return generation == deadlineGeneration;
    }

    @Override
    public synchronized void clearDeadline() {
        deadlineGeneration++;
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    @Override
    public void execute(Runnable task) {
        callbacks.execute(task);
    }

    @Override
    public CompletionStage<Void> close() {
        closing = true;
        CompletableFuture<Void> closed = new CompletableFuture<>();
        if (compression != CompressionPhase.OFF) {
            // Behind the compressed writes already asked for, so the last reply is not cut off.
            compressedWrites.execute(() -> closeAfterLastWrite(closed));
        } else {
            closeAfterLastWrite(closed);
        }
        return closed;
    }

    private void closeAfterLastWrite(CompletableFuture<Void> closed) {
        WriteFuture last = lastWrite;
        if (last == null || last.isDone()) {
            endTlsAndClose(closed);
        } else {
            // MINA's TLS filter drops writes it still holds when it is removed: end TLS only once the
            // last reply (a 221 or 421) has gone out.
            last.addListener(written -> endTlsAndClose(closed));
        }
    }

    private void endTlsAndClose(CompletableFuture<Void> closed) {
        if (tlsFilterInstalled && session.getFilterChain().contains(TLS_FILTER_NAME)) {
            // Removing the filter sends close_notify (RFC 8446 §6.1): without it peers see a
            // truncation attack, and OpenSSL reports "unexpected eof".
            try {
                session.getFilterChain().remove(TLS_FILTER_NAME);
            } catch (RuntimeException alreadyClosing) {
                LOG.debug("connection {}: no close_notify: {}", id(), alreadyClosing.toString());
            }
        }
        session.closeOnFlush().addListener(future -> closed.complete(null));
    }

    @Override
    public void abort() {
        session.closeNow();
    }

    // ---- events from the MINA I/O handler ----

    void opened() {
        callbacks.execute(handler::onOpen);
        if (ready != null) {
            ready.complete(this);
        }
    }

    void received(ByteBuffer bytes) {
        if (tlsPhase == TlsPhase.SWITCHING && tlsFilterInstalled) {
            // Decrypted data proves the handshake complete, even if MINA's SECURED event is still to come.
            secured();
        }
        if (closing) {
            return;
        }
        // Judged on the I/O thread, in read order: the callback may run later, after the handler
        // asked for TLS (then these bytes were read in cleartext before the handshake: an injection).
        boolean readInCleartext = !tlsFilterInstalled;
        callbacks.execute(() -> {
            if (readInCleartext && tlsPhase != TlsPhase.CLEARTEXT) {
                cleartextDuringTlsSwitch(bytes);
                return;
            }
            if (compression == CompressionPhase.ON) {
                inflateLater(bytes);
                pump();
                return;
            }
            if (paused || compression == CompressionPhase.SWITCHING) {
                leftover = append(leftover, bytes);
                return;
            }
            ByteBuffer input = leftover == null ? bytes : append(leftover, bytes);
            leftover = null;
            deliver(input);
        });
    }

    private void deliver(ByteBuffer input) {
        handler.onBytes(input);
        if (!input.hasRemaining() || !isOpen()) {
            return;
        }
        // Unconsumed bytes pause the connection until the handler resumes; if the handler asked for
        // TLS, the queued switch finds them here and treats them as cleartext sent too early.
        leftover = copy(input);
        suspendReading();
    }

    private void cleartextDuringTlsSwitch(ByteBuffer bytes) {
        if (serverSide) {
            // CVE-2011-0411: a command pipelined behind STARTTLS would be answered inside the TLS
            // session as if the client had sent it there. Nothing such a peer says can be trusted.
            LOG.warn("connection {} from {}: {} bytes after the TLS switch and before the handshake; closing",
                    id(), remoteAddress(), bytes.remaining());
            session.closeNow();
        } else {
            // Responses a server (or a man in the middle) sent before the handshake are not trusted.
            LOG.debug("connection {}: discarding {} cleartext bytes received before the handshake",
                    id(), bytes.remaining());
            bytes.position(bytes.limit());
        }
    }

    /** The handshake completed; called from MINA's SECURED event or the first decrypted data. */
    void secured() {
        if (tlsPhase == TlsPhase.SECURE) {
            return;
        }
        SSLSession ssl = TlsEngineFilter.engineOf(session).getSession();
        TlsDetails details = new TlsDetails(ssl.getProtocol(), ssl.getCipherSuite(), peerCertificates(ssl));
        counters.tlsHandshakes.increment();
        tlsDetails = details;
        tlsPhase = TlsPhase.SECURE;
        CompletableFuture<TlsDetails> pending = handshake;
        callbacks.execute(() -> {
            handler.onTlsEstablished(details);
            if (pending != null) {
                pending.complete(details);
            }
        });
        if (implicitTls) {
            // Implicit TLS: the greeting waits for the handshake, so it is never sent in cleartext.
            opened();
        }
    }

    private static List<java.security.cert.Certificate> peerCertificates(SSLSession ssl) {
        try {
            return List.of(ssl.getPeerCertificates());
        } catch (SSLPeerUnverifiedException noClientCertificate) {
            return List.of();
        }
    }

    void tlsFailed(Throwable cause) {
        counters.tlsFailures.increment();
        if (ready != null) {
            ready.completeExceptionally(cause);
        }
        LOG.info("connection {} from {}: TLS handshake failed: {}", id(), remoteAddress(), cause.getMessage());
        CompletableFuture<TlsDetails> pending = handshake;
        if (pending != null) {
            pending.completeExceptionally(cause);
        }
        session.closeNow();
    }

    void idle() {
        callbacks.execute(() -> {
            // While the handler keeps reading paused, silence is ours, not the peer's.
            if (!paused && isOpen()) {
                handler.onIdle(this);
            }
        });
    }

    /** Tells the handler of a session that its listener is shutting down gracefully. */
    public static void announceShutdown(IoSession session) {
        MinaConnection connection = of(session);
        if (connection != null) {
            connection.callbacks.execute(() -> connection.handler.onShutdown(connection));
        }
    }

    void closed() {
        clearDeadline();
        CompletableFuture<TlsDetails> pending = handshake;
        if (pending != null && !pending.isDone()) {
            pending.completeExceptionally(new javax.net.ssl.SSLException("connection closed before the handshake completed"));
        }
        callbacks.execute(() -> {
            drainInflater();
            handler.onClosed();
        });
        if (compressionRequested.get()) {
            // zlib's buffers are native memory: free them now, each in the executor that uses it.
            callbacks.execute(() -> {
                if (inflater != null) {
                    inflater.release();
                    inflater = null;
                }
            });
            compressedWrites.execute(() -> {
                if (deflater != null) {
                    deflater.release();
                    deflater = null;
                }
            });
        }
    }

    /**
     * The peer closed: what it sent last (a BYE, the tagged OK of a LOGOUT) may still sit compressed
     * in the inflater, since {@link #pump()} delivers only while the session is open. Delivered here,
     * before {@code onClosed}, as cleartext bytes read before a close are. Not after our own
     * {@link #close()}, and not past a handler that holds reading.
     */
    private void drainInflater() {
        InboundInflater stream = inflater;
        while (stream != null && !closing && !paused && stream.hasInput()) {
            ByteBuffer plain;
            try {
                plain = stream.inflate();
            } catch (DataFormatException corrupt) {
                LOG.debug("connection {}: corrupt compressed input at close: {}", id(), corrupt.getMessage());
                return;
            }
            if (!plain.hasRemaining()) {
                return;
            }
            counters.uncompressedIn.add(plain.remaining());
            deliver(plain);
        }
    }

    private void compressionFailed(Throwable failure) {
        LOG.error("connection {}: compressing a write failed, closing: {}", id(), failure.toString());
        session.closeNow();
    }

    private void handlerFailed(Throwable failure) {
        // A protocol handler in an unknown state must not go on talking; the stack trace is left
        // out because handler state may hold what the peer sent (credentials included).
        LOG.error("connection {}: protocol handler failed, closing: {}", id(), failure.getClass().getName());
        session.closeNow();
    }

    private static ByteBuffer copy(ByteBuffer source) {
        ByteBuffer copy = ByteBuffer.allocate(source.remaining());
        copy.put(source).flip();
        return copy;
    }

    private static ByteBuffer append(ByteBuffer head, ByteBuffer tail) {
        if (head == null) {
            return copy(tail);
        }
        ByteBuffer joined = ByteBuffer.allocate(head.remaining() + tail.remaining());
        joined.put(head).put(tail).flip();
        return joined;
    }
}
