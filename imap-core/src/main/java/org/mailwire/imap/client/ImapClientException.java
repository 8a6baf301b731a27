package org.mailwire.imap.client;

/**
 * Why an {@link ImapClient} operation failed. Asynchronous operations complete exceptionally with
 * one of these (wrapped in a {@link java.util.concurrent.CompletionException} by dependent stages);
 * the {@link BlockingImapClient} throws it as is.
 *
 * <p>Messages quote the server's response where there is one, never what the client sent: LOGIN
 * and AUTHENTICATE lines hold secrets (SECURITY.md row 16).
 */
public abstract sealed class ImapClientException extends RuntimeException
        permits ImapConnectionException, ImapCommandException, ImapAuthenticationException,
        MissingCapabilityException, MessageTooLargeException {
    private static final long serialVersionUID = 1L;

    ImapClientException(String message) {
        super(message);
    }

    ImapClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
