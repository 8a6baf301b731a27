package org.mailwire.pop3.client;

import java.util.Optional;
import org.mailwire.pop3.ResponseCode;
import org.mailwire.pop3.StatusLine;
import org.mailwire.pop3.client.internal.StatusLines;

/**
 * The login failed: the server refused the credentials ({@code -ERR}, often with {@code [AUTH]},
 * RFC 3206 §4), the SASL exchange broke down, or the server failed to prove itself (a SCRAM server
 * signature that does not verify). A refusal for another reason ({@code [IN-USE]},
 * {@code [LOGIN-DELAY]}, {@code [SYS/...]}) is a {@link Pop3ResponseException} instead.
 */
public final class Pop3AuthenticationException extends Pop3ClientException {
    private static final long serialVersionUID = 1L;

    private final transient StatusLine status;

    public Pop3AuthenticationException(String message, StatusLine status) {
        super(status == null ? message : message + ": " + StatusLines.describe(status));
        this.status = status;
    }

    public Pop3AuthenticationException(String message, Throwable cause) {
        super(message, cause);
        this.status = null;
    }

    /** The server's response, when the server refused; empty when the client gave up. */
    public Optional<StatusLine> status() {
        return Optional.ofNullable(status);
    }

    public Optional<ResponseCode> responseCode() {
        return status().flatMap(StatusLine::code);
    }
}
