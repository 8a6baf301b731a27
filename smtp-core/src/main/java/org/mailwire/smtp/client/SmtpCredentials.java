package org.mailwire.smtp.client;

import java.util.Objects;

/**
 * What the client authenticates with (RFC 4954). The secret never appears in {@link #toString()},
 * so credentials can sit in logged option objects without leaking (SECURITY.md, logging secrets).
 */
public sealed interface SmtpCredentials {

    /** The authentication identity. */
    String user();

    static SmtpCredentials password(String user, String password) {
        return new Password(user, password);
    }

    static SmtpCredentials oauthToken(String user, String accessToken) {
        return new OAuthToken(user, accessToken);
    }

    /** A password, for SCRAM-SHA-256, CRAM-MD5, PLAIN or LOGIN. */
    record Password(String user, String password) implements SmtpCredentials {
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
    record OAuthToken(String user, String accessToken) implements SmtpCredentials {
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
