package org.mailwire.transport.sasl;

import java.util.Optional;

/** The SASL mechanisms Mailwire implements, in both roles. */
public enum SaslMechanism {

    /** RFC 4616. */
    PLAIN("PLAIN", true, true),
    /** draft-murchison-sasl-login: "Username:" then "Password:". */
    LOGIN("LOGIN", true, false),
    /** RFC 2195. */
    CRAM_MD5("CRAM-MD5", false, false),
    /** RFC 5802 with SHA-256 (RFC 7677), without channel binding. */
    SCRAM_SHA_256("SCRAM-SHA-256", false, true),
    /** Google's XOAUTH2 (the pre-standard form of OAUTHBEARER). */
    XOAUTH2("XOAUTH2", false, true),
    /** RFC 7628. */
    OAUTHBEARER("OAUTHBEARER", false, true);

    private final String wireName;
    private final boolean cleartextPassword;
    private final boolean clientFirst;

    SaslMechanism(String wireName, boolean cleartextPassword, boolean clientFirst) {
        this.wireName = wireName;
        this.cleartextPassword = cleartextPassword;
        this.clientFirst = clientFirst;
    }

    /** The name on the wire (EHLO AUTH, CAPA SASL, CAPABILITY AUTH=, and the commands). */
    public String wireName() {
        return wireName;
    }

    /**
     * The mechanism's exact name, ignoring the case of ASCII letters only (RFC 4422 §3.1: names
     * are upper-case ASCII, compared case-insensitively by the protocols). Not
     * {@link String#equalsIgnoreCase}: it folds U+017F LATIN SMALL LETTER LONG S to {@code S},
     * so {@code "ſCRAM-SHA-256"} would be taken for SCRAM.
     */
    public static Optional<SaslMechanism> fromWireName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (SaslMechanism mechanism : values()) {
            if (SaslText.asciiEqualsIgnoreCase(mechanism.wireName, name)) {
                return Optional.of(mechanism);
            }
        }
        return Optional.empty();
    }

    /**
     * The client sends the password itself (PLAIN, LOGIN), so the protocols refuse the mechanism
     * on an unencrypted connection unless explicitly allowed (SECURITY.md row 14; RFC 4954 §4,
     * RFC 9051 §6.2.3 LOGINDISABLED).
     */
    public boolean sendsCleartextPassword() {
        return cleartextPassword;
    }

    /**
     * The client sends a secret that can be replayed as it is: a password (PLAIN, LOGIN) or a
     * bearer token (XOAUTH2, OAUTHBEARER; RFC 7628 §5 requires TLS for them). {@link SaslServer}
     * does not offer these on an unencrypted connection unless cleartext is allowed there.
     */
    public boolean sendsReplayableSecret() {
        return cleartextPassword || this == XOAUTH2 || this == OAUTHBEARER;
    }

    /**
     * The first message comes from the client, so it can ride in the command as an initial
     * response (RFC 4954 §4, RFC 4959 SASL-IR). Our LOGIN server also takes an initial response
     * (as the user name), but clients should not count on that from other servers.
     */
    public boolean clientFirst() {
        return clientFirst;
    }
}
