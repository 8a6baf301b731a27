package org.mailwire.transport.sasl;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a server stores for SCRAM-SHA-256 (RFC 5802 §3, RFC 7677): enough to verify a client and
 * to prove itself, but not the password, and not enough to log in as the user without it.
 *
 * <p>Arrays are copied in and out. {@code toString} shows the salt length and the iteration
 * count only: the keys are password-equivalent for an attacker who also sees an exchange.
 *
 * @param salt       at least one octet; {@link #DEFAULT_SALT_LENGTH} is what we generate
 * @param iterations at least {@link #MIN_ITERATIONS} (RFC 7677 §4)
 * @param storedKey  H(ClientKey), 32 octets
 * @param serverKey  HMAC(SaltedPassword, "Server Key"), 32 octets
 */
public record ScramCredential(byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {

    /** RFC 7677 §4: the iteration count SHOULD be at least 4096. We make it a must. */
    public static final int MIN_ITERATIONS = 4096;

    /** The salt length {@link InMemoryUsers} and unknown-user credentials use. */
    public static final int DEFAULT_SALT_LENGTH = 16;

    public ScramCredential {
        salt = Objects.requireNonNull(salt, "salt").clone();
        storedKey = Objects.requireNonNull(storedKey, "storedKey").clone();
        serverKey = Objects.requireNonNull(serverKey, "serverKey").clone();
        if (salt.length == 0) {
            throw new IllegalArgumentException("salt must not be empty");
        }
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be at least " + MIN_ITERATIONS
                    + " (RFC 7677 §4), was " + iterations);
        }
        if (storedKey.length != ScramSha256.KEY_LENGTH || serverKey.length != ScramSha256.KEY_LENGTH) {
            throw new IllegalArgumentException("storedKey and serverKey must be "
                    + ScramSha256.KEY_LENGTH + " octets (SHA-256)");
        }
    }

    /**
     * Derives the credential from a password. The password is prepared as described in
     * {@link SaslPrepLite} (RFC 4013 §2.1 mapping, then NFKC; no prohibited-output, bidi or
     * unassigned checks), encoded as UTF-8 and salted with Hi (RFC 5802 §2.2).
     *
     * @throws IllegalArgumentException if the password is empty after preparation, or for a bad
     *                                  salt or iteration count
     */
    public static ScramCredential derive(String password, byte[] salt, int iterations) {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(salt, "salt");
        if (salt.length == 0) {
            throw new IllegalArgumentException("salt must not be empty");
        }
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be at least " + MIN_ITERATIONS
                    + " (RFC 7677 §4), was " + iterations);
        }
        byte[] saltedPassword = ScramSha256.saltedPassword(password, salt, iterations);
        byte[] storedKey = ScramSha256.h(ScramSha256.clientKey(saltedPassword));
        byte[] serverKey = ScramSha256.serverKey(saltedPassword);
        Arrays.fill(saltedPassword, (byte) 0);
        return new ScramCredential(salt, iterations, storedKey, serverKey);
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] storedKey() {
        return storedKey.clone();
    }

    @Override
    public byte[] serverKey() {
        return serverKey.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScramCredential that && iterations == that.iterations
                && Arrays.equals(salt, that.salt) && Arrays.equals(storedKey, that.storedKey)
                && Arrays.equals(serverKey, that.serverKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(salt), iterations, Arrays.hashCode(storedKey),
                Arrays.hashCode(serverKey));
    }

    @Override
    public String toString() {
        return "ScramCredential[salt=" + salt.length + " octets, iterations=" + iterations + "]";
    }
}
