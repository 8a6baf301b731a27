package org.mailwire.imap.client;

import java.util.Objects;

/**
 * What the client logs in with. The secret never appears in {@link #toString()}, so credentials can
 * sit in logged option objects without leaking (SECURITY.md row 16).
 */
public sealed interface ImapCredentials {

    /** The authentication identity: the LOGIN user name, or the SASL authentication identity. */
    String user();

    static ImapCredentials password(String user, String password) {
        return new Password(user, password);
    }

    static ImapCredentials oauthToken(String user, String accessToken) {
        return new OAuthToken(user, accessToken);
    }

    /** A password, for SCRAM-SHA-256, PLAIN or the LOGIN command. */
    record Password(String user, String password) implements ImapCredentials {
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
    record OAuthToken(String user, String accessToken) implements ImapCredentials {
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
