package org.mailwire.imap.client;

/**
 * The options or an operation need something the server did not advertise. During the opening:
 * STARTTLS under {@link StartTlsPolicy#REQUIRED}, or a login method that fits the credentials
 * (LOGIN is never sent under LOGINDISABLED); the client then sends LOGOUT rather than fall back to
 * something the caller did not allow. Afterwards: an extension command (ESEARCH, UIDPLUS for the
 * MOVE fallback, CONDSTORE, QRESYNC, ...) that the capabilities do not list; nothing is sent and
 * the connection stays usable.
 */
public final class MissingCapabilityException extends ImapClientException {
    private static final long serialVersionUID = 1L;

    private final String capability;

    public MissingCapabilityException(String capability, String why) {
        super("the server does not offer " + capability + ": " + why);
        this.capability = capability;
    }

    /** The capability (or login method) that was missing. */
    public String capability() {
        return capability;
    }
}
