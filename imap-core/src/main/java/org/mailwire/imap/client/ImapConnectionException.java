package org.mailwire.imap.client;

/**
 * The connection failed under an operation: it closed, timed out, broke the protocol, failed TLS,
 * or the server refused it. Every pending and later operation on the same client fails too.
 */
public final class ImapConnectionException extends ImapClientException {
    private static final long serialVersionUID = 1L;

    /** What happened to the connection. */
    public enum Reason {
        /** Could not connect, or the connection closed (or the server said BYE) before the response came. */
        CLOSED,
        /** The server greeted with BYE (RFC 3501 §7.1.5): it does not want this connection. */
        REFUSED,
        /** No response (or no progress in one) within the read timeout, or the IDLE bound. */
        TIMEOUT,
        /** The TLS handshake failed, e.g. the server's certificate was refused. */
        TLS_FAILED,
        /** The server sent something that is not a valid response, or one over the configured limits. */
        PROTOCOL_VIOLATION
    }

    private final Reason reason;

    public ImapConnectionException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ImapConnectionException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
