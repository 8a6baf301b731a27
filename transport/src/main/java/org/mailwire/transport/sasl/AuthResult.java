package org.mailwire.transport.sasl;

import java.util.Objects;

/** What an {@link Authenticator} decided about one set of credentials. */
public sealed interface AuthResult {

    /**
     * Authenticated.
     *
     * @param identity the identity the session now acts as (the authorization identity if one was
     *                 asked for and granted, otherwise the user name); what the protocol reports
     *                 and hands to its hooks
     */
    record Success(String identity) implements AuthResult {
        public Success {
            Objects.requireNonNull(identity, "identity");
            if (identity.isEmpty()) {
                throw new IllegalArgumentException("identity must not be empty");
            }
        }
    }

    /**
     * Not authenticated.
     *
     * @param temporary the store could not decide now (the protocol answers with a temporary
     *                  error and the client may retry) rather than the credentials being wrong
     */
    record Failure(boolean temporary) implements AuthResult {
    }

    static Success success(String identity) {
        return new Success(identity);
    }

    /** Wrong credentials, unknown user, or an authorization identity that is not granted. */
    static Failure failure() {
        return new Failure(false);
    }

    static Failure temporaryFailure() {
        return new Failure(true);
    }
}
