package org.mailwire.pop3.client;

import java.util.Objects;

/**
 * What the client logs in with. The secret never appears in {@link #toString()}, so credentials can
 * sit in logged option objects without leaking (SECURITY.md row 16).
 */
public sealed interface Pop3Credentials {

    /** The authentication identity: the USER/APOP name, or the SASL authentication identity. */
    String user();

    static Pop3Credentials password(String user, String password) {
        return new Password(user, password);
    }

    static Pop3Credentials oauthToken(String user, String accessToken) {
        return new OAuthToken(user, accessToken);
    }

    /** A password (for APOP, the shared secret), for SCRAM-SHA-256, CRAM-MD5, APOP, PLAIN or USER/PASS. */
    record Password(String user, String password) implements Pop3Credentials {
        public Password {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Password[user=" + user + ", password=***]";
        }
    }

    /** An OAuth 2.0 access token, for OAUTHBEARER (RFC 7628) or XOAUTH2. */
    record OAuthToken(String user, String accessToken) implements Pop3Credentials {
        public OAuthToken {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(accessToken, "accessToken");
        }

        @Override
        public String toString() {
            return "OAuthToken[user=" + user + ", accessToken=***]";
        }
    }
}
