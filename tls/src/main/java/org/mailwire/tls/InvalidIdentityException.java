package org.mailwire.tls;

import java.io.IOException;

/**
 * A certificate or key file that could be read but not used: malformed PEM, a wrong password, a key
 * that does not belong to the certificate. An {@link IOException} like the JDK's own
 * {@link java.security.KeyStore#load} failures, so that loading has a single checked exception.
 *
 * <p>Messages name the file and the problem; they never contain key material or passwords.
 */
public final class InvalidIdentityException extends IOException {

    private static final long serialVersionUID = 1L;

    public InvalidIdentityException(String message) {
        super(message);
    }

    public InvalidIdentityException(String message, Throwable cause) {
        super(message, cause);
    }
}
