package org.mailwire.pop3.client;

/**
 * The options or an operation need something the server did not offer. During the opening: STLS
 * under {@link StartTlsPolicy#REQUIRED}, a login method that fits the credentials, or UTF8 (RFC 6856
 * §2) for a user name or password that is not ASCII; the client then sends QUIT rather than fall
 * back to something the caller did not allow. Afterwards: UTF8 or LANG (RFC 6856), which CAPA did
 * not list; the command is not sent and the connection stays usable.
 */
public final class MissingCapabilityException extends Pop3ClientException {
    private static final long serialVersionUID = 1L;

    private final String capability;

    public MissingCapabilityException(String capability, String why) {
        super("the server does not offer " + capability + ": " + why);
        this.capability = capability;
    }

    /** The CAPA tag (or login method) that was missing. */
    public String capability() {
        return capability;
    }
}
