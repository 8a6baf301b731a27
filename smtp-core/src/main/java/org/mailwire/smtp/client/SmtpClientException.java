package org.mailwire.smtp.client;

/**
 * Why an {@link SmtpClient} operation failed. Asynchronous operations complete exceptionally with
 * one of these (wrapped in a {@link java.util.concurrent.CompletionException} by dependent stages);
 * the {@link BlockingSmtpClient} throws it as is.
 *
 * <p>Messages quote the server's reply where there is one, never what the client sent: AUTH lines
 * and message bodies hold secrets (SECURITY.md row 16).
 */
public abstract sealed class SmtpClientException extends RuntimeException
        permits SmtpReplyException, SmtpConnectionException, SmtpAuthenticationException, MissingExtensionException,
        MessageTooLargeException, NoRecipientsAcceptedException {
    private static final long serialVersionUID = 1L;


    SmtpClientException(String message) {
        super(message);
    }

    SmtpClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
