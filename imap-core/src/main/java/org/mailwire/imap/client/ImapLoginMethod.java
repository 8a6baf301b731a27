package org.mailwire.imap.client;

import java.util.Optional;
import org.mailwire.transport.sasl.SaslMechanism;

/** The ways an IMAP client proves who it is: AUTHENTICATE (RFC 3501 §6.2.2) and LOGIN (§6.2.3). */
public enum ImapLoginMethod {
    /** AUTHENTICATE SCRAM-SHA-256 (RFC 7677): proves the password without sending it, and checks the server's proof. */
    SCRAM_SHA_256(SaslMechanism.SCRAM_SHA_256),
    /** AUTHENTICATE PLAIN (RFC 4616), the password itself, inside TLS. */
    PLAIN(SaslMechanism.PLAIN),
    /**
     * The LOGIN command, the password itself, inside TLS. Never sent when the server lists
     * LOGINDISABLED (RFC 3501 §6.2.3).
     */
    LOGIN(null),
    /** AUTHENTICATE OAUTHBEARER (RFC 7628), with a token. */
    OAUTHBEARER(SaslMechanism.OAUTHBEARER),
    /** AUTHENTICATE XOAUTH2, with a token. */
    XOAUTH2(SaslMechanism.XOAUTH2);

    private final SaslMechanism sasl;

    ImapLoginMethod(SaslMechanism sasl) {
        this.sasl = sasl;
    }

    /** The SASL mechanism, for the methods that use AUTHENTICATE. */
    public Optional<SaslMechanism> sasl() {
        return Optional.ofNullable(sasl);
    }

    /** Whether this method logs in with a token rather than a password. */
    public boolean takesToken() {
        return this == OAUTHBEARER || this == XOAUTH2;
    }
}
