package org.mailwire.pop3.client;

/**
 * The connection failed under an operation: it closed, timed out, broke the protocol or failed TLS.
 * Every later operation on the same client fails too.
 */
public final class Pop3ConnectionException extends Pop3ClientException {
    private static final long serialVersionUID = 1L;

    /** What happened to the connection. */
    public enum Reason {
        /** Could not connect, or the connection closed before the response came. */
        CLOSED,
        /** No response (or no progress in one) within the read timeout. */
        TIMEOUT,
        /** The TLS handshake failed, e.g. the server's certificate was refused. */
        TLS_FAILED,
        /** The server sent something that is not a valid response, or one over the configured limits. */
        PROTOCOL_VIOLATION
    }

    private final Reason reason;

    public Pop3ConnectionException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Pop3ConnectionException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
