package org.mailwire.pop3.client;

import java.util.Optional;
import org.mailwire.transport.sasl.SaslMechanism;

/** The ways a POP3 client proves who it is: SASL AUTH (RFC 5034), APOP and USER/PASS (RFC 1939 §7). */
public enum Pop3LoginMethod {
    /** AUTH SCRAM-SHA-256 (RFC 7677): proves the password without sending it, and checks the server's proof. */
    SCRAM_SHA_256(SaslMechanism.SCRAM_SHA_256),
    /** AUTH CRAM-MD5 (RFC 2195). */
    CRAM_MD5(SaslMechanism.CRAM_MD5),
    /**
     * APOP (RFC 1939 §7): an MD5 digest of the greeting's timestamp and the shared secret. Only
     * when the greeting carries a timestamp and {@link Pop3ClientOptions#allowApop()} is set.
     */
    APOP(null),
    /** AUTH PLAIN (RFC 4616), the password itself, inside TLS. */
    PLAIN(SaslMechanism.PLAIN),
    /** USER and PASS (RFC 1939 §7), the password itself, inside TLS. */
    USER_PASS(null),
    /** AUTH OAUTHBEARER (RFC 7628), with a token. */
    OAUTHBEARER(SaslMechanism.OAUTHBEARER),
    /** AUTH XOAUTH2, with a token. */
    XOAUTH2(SaslMechanism.XOAUTH2);

    private final SaslMechanism sasl;

    Pop3LoginMethod(SaslMechanism sasl) {
        this.sasl = sasl;
    }

    /** The SASL mechanism, for the methods that use AUTH. */
    public Optional<SaslMechanism> sasl() {
        return Optional.ofNullable(sasl);
    }

    /** Whether this method logs in with a token rather than a password. */
    public boolean takesToken() {
        return this == OAUTHBEARER || this == XOAUTH2;
    }
}
