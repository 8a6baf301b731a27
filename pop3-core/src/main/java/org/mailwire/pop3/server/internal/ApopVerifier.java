package org.mailwire.pop3.server.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * APOP (RFC 1939 §7): the digest is MD5 over the greeting's timestamp followed by the shared secret,
 * in lower-case hex. Compared in constant time; an unknown user is compared against a random secret
 * so that both paths cost the same.
 */
final class ApopVerifier {
    private ApopVerifier() {
    }

    /**
     * The RFC 1939 §7 timestamp, {@code <process-id.clock@hostname>}: the random part makes every
     * connection's timestamp unique, so a recorded digest cannot be replayed.
     */
    static String timestamp(SecureRandom random, String hostname) {
        long unique = random.nextLong() & Long.MAX_VALUE;
        return "<" + unique + "." + System.currentTimeMillis() + "@" + hostname + ">";
    }

    static String digest(String timestamp, String secret) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            md5.update(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    static boolean matches(String timestamp, Optional<String> secret, String clientDigest, SecureRandom random) {
        String expected = digest(timestamp, secret.orElseGet(() -> decoy(random)));
        boolean equal = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                clientDigest.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        return equal && secret.isPresent();
    }

    private static String decoy(SecureRandom random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
