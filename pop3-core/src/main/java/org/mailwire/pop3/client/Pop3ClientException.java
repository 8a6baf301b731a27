package org.mailwire.pop3.client;

/**
 * Why a {@link Pop3Client} operation failed. Asynchronous operations complete exceptionally with
 * one of these (wrapped in a {@link java.util.concurrent.CompletionException} by dependent stages);
 * the {@link BlockingPop3Client} throws it as is.
 *
 * <p>Messages quote the server's status line where there is one, never what the client sent: PASS,
 * APOP and AUTH lines hold secrets (SECURITY.md row 16).
 */
public abstract sealed class Pop3ClientException extends RuntimeException
        permits Pop3ConnectionException, Pop3ResponseException, Pop3AuthenticationException,
        MissingCapabilityException, MessageTooLargeException {
    private static final long serialVersionUID = 1L;

    Pop3ClientException(String message) {
        super(message);
    }

    Pop3ClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
