package org.mailwire.imap.client;

import java.util.Optional;
import org.mailwire.imap.ImapResponse;

/**
 * The login failed: the server refused the credentials (a tagged NO, often with
 * {@code [AUTHENTICATIONFAILED]}, RFC 5530), the SASL exchange broke down, or the server failed to
 * prove itself (a SCRAM server signature that does not verify). The connection is closed after it.
 */
public final class ImapAuthenticationException extends ImapClientException {
    private static final long serialVersionUID = 1L;

    private final transient ImapResponse.Tagged response;

    public ImapAuthenticationException(String message, ImapResponse.Tagged response) {
        super(response == null ? message
                : message + ": " + response.status() + " " + response.code()
                        .map(c -> "[" + ImapCommandException.describe(c) + "] ").orElse("") + response.text());
        this.response = response;
    }

    public ImapAuthenticationException(String message, Throwable cause) {
        super(message, cause);
        this.response = null;
    }

    /** The server's tagged response when it refused; empty when the client gave up. */
    public Optional<ImapResponse.Tagged> response() {
        return Optional.ofNullable(response);
    }
}
