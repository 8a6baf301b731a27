package org.mailwire.pop3.client;

/**
 * The options need something the server did not offer: STLS under {@link StartTlsPolicy#REQUIRED},
 * or a login method that fits the credentials. The client sends QUIT rather than fall back to
 * something the caller did not allow.
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
