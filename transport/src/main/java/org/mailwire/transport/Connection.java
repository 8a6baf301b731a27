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
     * @throws IllegalStateException when the connection has no TLS configuration or is already secure
     */
    CompletionStage<TlsDetails> startTls(ByteBuffer goAhead);

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
