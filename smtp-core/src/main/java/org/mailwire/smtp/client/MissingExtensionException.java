package org.mailwire.smtp.client;

/**
 * The message or the options need an extension the server did not advertise: STARTTLS under
 * {@link StartTlsPolicy#REQUIRED}, AUTH (or a usable mechanism) with credentials, 8BITMIME for a
 * body with 8-bit octets, SMTPUTF8 for a non-ASCII address, CHUNKING and BINARYMIME for a binary
 * body. The client refuses rather than send something the server did not agree to take.
 */
public final class MissingExtensionException extends SmtpClientException {
    private static final long serialVersionUID = 1L;

    private final String extension;

    public MissingExtensionException(String extension, String why) {
        super("the server does not offer " + extension + ": " + why);
        this.extension = extension;
    }

    /** The EHLO keyword that was missing. */
    public String extension() {
        return extension;
    }
}
