package org.mailwire.transport.sasl;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The user store an application implements once for SMTP, POP3 and IMAP.
 *
 * <p>Every method may complete later (a database, LDAP): the protocols never block an I/O thread
 * on it. A stage that completes exceptionally becomes a temporary failure
 * ({@link FailureReason#TEMPORARY}), except {@link UnsupportedOperationException}, which becomes
 * {@link FailureReason#UNSUPPORTED}. The defaults say "not supported", and {@link SaslServer}
 * offers a mechanism only if the {@code supports...} method for what it needs says yes.
 *
 * <p>User names, authorization identities and passwords arrive exactly as the client sent them
 * (valid UTF-8, no NUL); no case folding or normalisation is applied, so the store decides what
 * makes two names equal.
 */
public interface Authenticator {

    /**
     * PLAIN and LOGIN, and the protocols' USER/PASS and LOGIN commands.
     *
     * @param authorizationId the identity to act as, {@code ""} when none was asked for. RFC 4616
     *                        §2: if it is not empty and the user may not act as it, fail.
     */
    CompletionStage<AuthResult> checkPassword(String authorizationId, String username, String password);

    /**
     * SCRAM-SHA-256 (RFC 5802, RFC 7677): the user's stored credential, or empty for an unknown
     * user. The mechanism then goes on with a credential derived from the name and the server
     * secret and fails at the proof, so an unknown user looks exactly like a wrong password
     * (RFC 5802 §5.1 {@code e=unknown-user} is never sent).
     */
    default CompletionStage<Optional<ScramCredential>> scramCredential(String username) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("SCRAM credentials"));
    }

    default boolean supportsScram() {
        return false;
    }

    /**
     * CRAM-MD5 (RFC 2195): the shared secret itself (the mechanism's weakness: the store must
     * keep it recoverable), or empty for an unknown user.
     */
    default CompletionStage<Optional<String>> sharedSecret(String username) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("shared secrets"));
    }

    default boolean supportsSharedSecret() {
        return false;
    }

    /**
     * XOAUTH2 and OAUTHBEARER (RFC 7628): validate a bearer token for a user.
     *
     * @param authorizationId always {@code ""} today: both mechanisms name one user only
     * @param username        XOAUTH2's {@code user=}, OAUTHBEARER's {@code a=}; {@code ""} when
     *                        an OAUTHBEARER client left it out (RFC 7628 §3.1), so the identity
     *                        comes from the token
     */
    default CompletionStage<AuthResult> checkBearerToken(String authorizationId, String username, String token) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("bearer tokens"));
    }

    default boolean supportsBearerTokens() {
        return false;
    }
}
