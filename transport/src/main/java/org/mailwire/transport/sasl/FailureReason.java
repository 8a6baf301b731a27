package org.mailwire.transport.sasl;

/** Why a {@link SaslServerExchange} ended without authenticating; the protocol picks its reply. */
public enum FailureReason {

    /**
     * Wrong password, proof, digest or token; an unknown user; or an authorization identity the
     * user may not act as. Deliberately one reason, so no reply tells an attacker which user
     * names exist (SMTP 535 5.7.8, IMAP NO [AUTHENTICATIONFAILED], POP3 -ERR [AUTH]).
     */
    BAD_CREDENTIALS,

    /**
     * A client message that breaks the mechanism's grammar or bounds, or a message the exchange
     * did not expect (such as an initial response to a server-first mechanism). Bad base64 is the
     * protocol's to detect; this is about the decoded bytes (SMTP 501, IMAP BAD).
     */
    MALFORMED,

    /**
     * The {@link Authenticator} could not decide now: it said so, or its stage completed
     * exceptionally (database or directory down). SMTP 454 4.7.0, IMAP NO [UNAVAILABLE].
     */
    TEMPORARY,

    /**
     * The client asked for something this implementation does not offer: SCRAM channel binding
     * ({@code p=}, we advertise no {@code -PLUS} variant; RFC 5802 §6 "channel-binding-not-
     * supported") or an {@link Authenticator} method that completed with
     * {@link UnsupportedOperationException}.
     */
    UNSUPPORTED
}
