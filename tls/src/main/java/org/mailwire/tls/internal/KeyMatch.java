package org.mailwire.tls.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Locale;

/**
 * Whether a private key belongs to a public key, proven by signing and verifying.
 *
 * <p>A server configured with a key that does not match its certificate fails every handshake
 * with an opaque alert; checking at load time turns that into an error that names the files.
 */
public final class KeyMatch {

    private static final byte[] CHALLENGE = "mailwire key match".getBytes(StandardCharsets.US_ASCII);

    private KeyMatch() {
    }

    /** @return true when {@code privateKey} produces signatures that {@code publicKey} verifies */
    public static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
        String algorithm = signatureAlgorithm(publicKey.getAlgorithm());
        if (algorithm == null) {
            throw new IllegalArgumentException("unsupported key algorithm " + publicKey.getAlgorithm());
        }
        try {
            Signature signer = Signature.getInstance(algorithm, BcProviders.get().crypto());
            signer.initSign(privateKey);
            signer.update(CHALLENGE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm, BcProviders.get().crypto());
            verifier.initVerify(publicKey);
            verifier.update(CHALLENGE);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            // a key of another type or curve cannot even be used with this algorithm: not a match
            return false;
        }
    }

    static String signatureAlgorithm(String keyAlgorithm) {
        return switch (keyAlgorithm.toUpperCase(Locale.ROOT)) {
            case "RSA" -> "SHA256withRSA";
            case "RSASSA-PSS" -> "SHA256withRSAandMGF1";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "ED25519" -> "Ed25519";
            case "ED448" -> "Ed448";
            case "DSA" -> "SHA256withDSA";
            default -> null;
        };
    }
}
