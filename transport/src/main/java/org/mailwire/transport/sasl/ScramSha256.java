package org.mailwire.transport.sasl;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The RFC 5802 §2.2 functions with SHA-256 as H (RFC 7677), shared by client and server. */
final class ScramSha256 {

    static final int KEY_LENGTH = 32;

    private static final String HMAC = "HmacSHA256";
    private static final byte[] CLIENT_KEY = "Client Key".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SERVER_KEY = "Server Key".getBytes(StandardCharsets.US_ASCII);

    private ScramSha256() {
    }

    /** Hi(str, salt, i): PBKDF2 with HMAC-SHA-256 and one output block. {@code str} not empty. */
    static byte[] hi(byte[] str, byte[] salt, int iterations) {
        Mac mac = mac(str);
        mac.update(salt);
        byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = mac.doFinal(u);
            for (int j = 0; j < result.length; j++) {
                result[j] ^= u[j];
            }
        }
        return result;
    }

    static byte[] hmac(byte[] key, byte[] data) {
        return mac(key).doFinal(data);
    }

    static byte[] h(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK must provide SHA-256", e);
        }
    }

    static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }

    static byte[] clientKey(byte[] saltedPassword) {
        return hmac(saltedPassword, CLIENT_KEY);
    }

    static byte[] serverKey(byte[] saltedPassword) {
        return hmac(saltedPassword, SERVER_KEY);
    }

    /** SaltedPassword for a password as the caller gave it (prepared here). */
    static byte[] saltedPassword(String password, byte[] salt, int iterations) {
        byte[] prepared = SaslPrepLite.prepare(password).getBytes(StandardCharsets.UTF_8);
        if (prepared.length == 0) {
            throw new IllegalArgumentException("password is empty after SASLprep mapping");
        }
        return hi(prepared, salt, iterations);
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK must provide " + HMAC, e);
        }
    }
}
