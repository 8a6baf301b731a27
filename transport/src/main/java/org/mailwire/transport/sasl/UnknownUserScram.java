package org.mailwire.transport.sasl;

import java.util.Arrays;

/**
 * Stand-in SCRAM credentials for user names the store does not know, so the server-first message
 * of an unknown user has the same shape (salt length, iteration count) as a real one and stays
 * the same on every attempt, as a real salt would. They are derived with HMAC from a server
 * secret: an attacker who cannot see the secret cannot tell them from stored salts, and no
 * password matches them. This replaces RFC 5802 §5.1's {@code e=unknown-user}, which would turn
 * the mechanism into a user-name oracle.
 */
final class UnknownUserScram {

    private final byte[] secret;
    private final int saltLength;
    private final int iterations;

    UnknownUserScram(byte[] secret, int saltLength, int iterations) {
        this.secret = secret.clone();
        this.saltLength = saltLength;
        this.iterations = iterations;
    }

    ScramCredential credentialFor(String username) {
        byte[] salt = Arrays.copyOf(derive("salt", username), saltLength);
        return new ScramCredential(salt, iterations, derive("stored-key", username), derive("server-key", username));
    }

    /** A label separates the three values; NUL cannot occur in a label, so no two inputs collide. */
    private byte[] derive(String label, String username) {
        byte[] prefix = SaslText.utf8("mailwire-unknown-user-scram\0" + label + "\0");
        byte[] name = SaslText.utf8(username);
        byte[] input = Arrays.copyOf(prefix, prefix.length + name.length);
        System.arraycopy(name, 0, input, prefix.length, name.length);
        return ScramSha256.hmac(secret, input);
    }
}
