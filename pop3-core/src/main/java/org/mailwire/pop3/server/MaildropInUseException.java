package org.mailwire.pop3.server;

/** The maildrop is locked by another session: the client is told {@code -ERR [IN-USE]}. */
public final class MaildropInUseException extends Exception {
    private static final long serialVersionUID = 1L;

    public MaildropInUseException() {
        super("maildrop already locked");
    }
}
