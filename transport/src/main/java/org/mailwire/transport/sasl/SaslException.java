package org.mailwire.transport.sasl;

/**
 * A client-side SASL mechanism refused its input or its own arguments: a server message that
 * breaks the mechanism, a server that failed to prove itself (SCRAM), or a caller argument that
 * would allow injection (SECURITY.md row 11).
 *
 * <p>Messages name the rule that was broken, never the data: no password, token, user name or
 * SASL payload (SECURITY.md row 16).
 */
public final class SaslException extends Exception {

    private static final long serialVersionUID = 1L;

    public SaslException(String message) {
        super(message);
    }
}
