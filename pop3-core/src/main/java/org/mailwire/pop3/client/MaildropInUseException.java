package org.mailwire.pop3.client;

import org.mailwire.pop3.StatusLine;

/**
 * {@code -ERR [IN-USE]} (RFC 2449 §8.1.1): the credentials were accepted, but another session holds
 * the maildrop's lock. Trying again later may succeed; trying again with other credentials will not
 * help.
 */
public final class MaildropInUseException extends Pop3ResponseException {
    private static final long serialVersionUID = 1L;

    public MaildropInUseException(String command, StatusLine status) {
        super(command, status);
    }
}
