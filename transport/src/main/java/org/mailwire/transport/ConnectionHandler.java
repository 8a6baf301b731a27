package org.mailwire.transport;

import java.nio.ByteBuffer;

/**
 * The protocol side of one connection: a decoder feeding a session state machine. Callbacks for one
 * connection are serialised and must not block; slow work (a database look-up, a spam check)
 * completes later and then calls back into the {@link Connection}.
 */
public interface ConnectionHandler {

    /**
     * The connection is ready for the greeting. On implicit-TLS listeners this comes after the
     * handshake, so the greeting is never written in cleartext.
     */
    void onOpen();

    /**
     * Bytes from the peer (decrypted when TLS is active). The buffer is valid only during the call.
     * Consuming fewer than all of them pauses reading; they are offered again, first, after
     * {@link Connection#resumeReading()}.
     */
    void onBytes(ByteBuffer bytes);

    /** A TLS handshake completed (implicit TLS, or STARTTLS). Protocols forget pre-TLS state here. */
    default void onTlsEstablished(TlsDetails details) {
    }

    /** No bytes arrived for the configured idle timeout (not counted while reading is suspended). */
    default void onIdle(Connection connection) {
        connection.close();
    }

    /** The deadline armed with {@link Connection#armDeadline} passed. */
    default void onDeadline(Connection connection) {
        connection.close();
    }

    /** The listener is shutting down gracefully: finish the current exchange and say goodbye. */
    default void onShutdown(Connection connection) {
    }

    /** The connection is closed; called exactly once, last. */
    default void onClosed() {
    }
}
