package org.mailwire.smtp.client;

/** The connection failed under an operation: it closed, timed out, broke the protocol or failed TLS. */
public final class SmtpConnectionException extends SmtpClientException {
    private static final long serialVersionUID = 1L;


    /** What happened to the connection. */
    public enum Reason {
        /** Could not connect, or the connection closed before the reply came. */
        CLOSED,
        /** No reply (or no progress writing) within the read timeout. */
        TIMEOUT,
        /** The TLS handshake failed, e.g. the server's certificate was refused. */
        TLS_FAILED,
        /** The server sent something that is not a valid reply, or a reply over the configured limits. */
        PROTOCOL_VIOLATION,
        /** Reading the message body from the caller's stream failed. */
        BODY_READ_FAILED
    }

    private final Reason reason;

    public SmtpConnectionException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public SmtpConnectionException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
