package org.mailwire.transport;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * One network connection, as its {@link ConnectionHandler} sees it. Every method may be called from
 * any thread; handler callbacks for one connection never run concurrently.
 */
public interface Connection {

    /** A number unique within the listener or connector, for log lines. */
    long id();

    InetSocketAddress remoteAddress();

    InetSocketAddress localAddress();

    /** Whether TLS is active on this connection (implicit, or after a completed STARTTLS). */
    boolean isSecure();

    /** The negotiated TLS parameters once {@link #isSecure()}. */
    Optional<TlsDetails> tlsDetails();

    /**
     * Queues bytes for writing. The buffer's remaining bytes now belong to the transport: the caller
     * must not change them. The stage completes when the bytes were handed to the socket, so a
     * protocol that streams a large response can wait for it before producing more (write
     * backpressure).
     */
    CompletionStage<Void> write(ByteBuffer bytes);

    /**
     * Stops reading from the socket until {@link #resumeReading()}; used while an asynchronous hook
     * decides. Returning from {@link ConnectionHandler#onBytes} without consuming every byte has the
     * same effect, and the bytes left are delivered again, first, on resume.
     */
    void suspendReading();

    /** Undoes {@link #suspendReading()}: bytes left over from the last delivery come first. */
    void resumeReading();

    /**
     * Switches this connection to TLS in place (the STARTTLS/STLS switch).
     *
     * <p>Server side: {@code goAhead} is the protocol's positive reply (e.g. {@code 220 Ready to start
     * TLS}); it is written in cleartext, then TLS starts and the peer's handshake is awaited. Any byte
     * received after the command line and before the handshake (whether left in the current delivery
     * or arriving later) is a command-injection attempt (CVE-2011-0411) and closes the connection.
     *
     * <p>Client side: {@code goAhead} is normally empty (the client has just read the server's positive
     * reply); anything the server sent after that reply is discarded and the handshake starts at once.
     *
     * @return completes when the handshake succeeded, exceptionally when it failed (the connection is
     *     then closed)
     * @throws IllegalStateException when the connection has no TLS configuration, is already secure,
     *     or is compressed (TLS goes below compression, so it must come first: RFC 4978 §4)
     */
    CompletionStage<TlsDetails> startTls(ByteBuffer goAhead);

    /**
     * Switches this connection to COMPRESS=DEFLATE (RFC 4978) in place: from here on both directions
     * carry one raw DEFLATE stream each (RFC 1951, no zlib header). On a TLS connection compression
     * sits inside TLS: bytes are compressed, then encrypted.
     *
     * <p>Call it from the {@link ConnectionHandler#onBytes} that read the command (server) or the
     * positive reply (client), and stop consuming there: the bytes left unconsumed in that delivery
     * belong to the compressed stream. Reading, paused by those bytes, resumes by itself.
     *
     * <p>Server side: {@code goAhead} is the tagged OK; it is written uncompressed, and every later
     * write is compressed. Bytes the peer sent after the command, whether left in the current
     * delivery or arriving later, are inflated before the handler sees them.
     *
     * <p>Client side: {@code goAhead} is empty. Unlike {@link #startTls}, whatever the server sent
     * after its reply is kept and inflated: a server may send compressed data right behind its OK.
     *
     * <p>Each write is compressed on its own and ends with a sync flush, so the peer can decode every
     * response at once (RFC 4978 §4); {@link #writeAndResetCompression} ends one with a full flush
     * instead. The handler is never given more than a bounded amount of inflated data at a time, and
     * while it leaves bytes unconsumed nothing more is inflated or read. A corrupt compressed stream
     * closes the connection.
     *
     * @return completes once writes are compressed and received bytes are inflated
     * @throws IllegalStateException when compression is already on or a TLS switch is in progress
     */
    default CompletionStage<Void> startCompression(ByteBuffer goAhead) {
        throw new UnsupportedOperationException("this connection cannot compress");
    }

    /** Whether {@link #startCompression} switched this connection to COMPRESS=DEFLATE. */
    default boolean isCompressed() {
        return false;
    }

    /**
     * Like {@link #write}, but on a compressed connection the bytes end with a full flush: the
     * compressor forgets everything before them, so nothing written later is compressed against
     * them. An IMAP server ends each tagged response this way so that the size of compressed output
     * mixing the peer's data with secrets cannot be used as an oracle (SECURITY.md row 13). On an
     * uncompressed connection it is {@link #write}.
     */
    default CompletionStage<Void> writeAndResetCompression(ByteBuffer bytes) {
        return write(bytes);
    }

    /**
     * Arms (or re-arms) the per-command deadline: if it is neither re-armed nor cleared within
     * {@code timeout}, {@link ConnectionHandler#onDeadline()} is called. Protocols use it for the
     * RFC 5321 §4.5.3.2 timeouts and to enforce a minimum data rate by re-arming per chunk.
     */
    void armDeadline(Duration timeout);

    void clearDeadline();

    /**
     * Runs {@code task} serialised with the handler's callbacks, never concurrently with them. A
     * handler whose asynchronous work (a hook, a store write) completes on another thread continues
     * through here, so its state needs no lock.
     */
    void execute(Runnable task);

    /** Closes after every queued write has been sent. */
    CompletionStage<Void> close();

    /** Closes at once, dropping queued writes. */
    void abort();

    boolean isOpen();
}
