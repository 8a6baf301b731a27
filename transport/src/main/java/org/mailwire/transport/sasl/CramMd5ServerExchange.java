package org.mailwire.transport.sasl;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * CRAM-MD5 (RFC 2195): a server challenge {@code <random.timestamp@hostname>}, answered with
 * {@code user SP hex(HMAC-MD5(secret, challenge))}. The digest is compared in constant time, so
 * response timing does not leak how many leading octets were right.
 */
final class CramMd5ServerExchange extends StepwiseExchange {

    private static final int DIGEST_HEX_LENGTH = 32;

    private final Authenticator authenticator;
    private final byte[] challenge;

    /** @param challenge the exact challenge, as {@link SaslServer} makes it or a test fixes it */
    CramMd5ServerExchange(Authenticator authenticator, String challenge) {
        super(SaslMechanism.CRAM_MD5);
        this.authenticator = authenticator;
        this.challenge = challenge.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    CompletionStage<SaslStep> first(Optional<byte[]> initialResponse) {
        // RFC 2195 §2: the server speaks first, so there is nothing an initial response could be.
        return initialResponse.isPresent() ? now(MALFORMED) : challenge(challenge);
    }

    @Override
    CompletionStage<SaslStep> next(byte[] response) {
        Optional<String> text = SaslText.utf8(response);
        if (text.isEmpty()) {
            return now(MALFORMED);
        }
        // The user name may hold spaces; the digest never does, so the last space separates them.
        int space = text.get().lastIndexOf(' ');
        if (space < 1 || text.get().length() - space - 1 != DIGEST_HEX_LENGTH) {
            return now(MALFORMED);
        }
        String username = text.get().substring(0, space);
        Optional<byte[]> digest = SaslText.lowerHex(text.get().substring(space + 1));
        if (digest.isEmpty() || PlainMessage.parsePart(SaslText.utf8(username)).isEmpty()) {
            return now(MALFORMED);
        }
        return ask(() -> authenticator.sharedSecret(username), secret -> {
            if (secret.isEmpty() || secret.get().isEmpty()) {
                return BAD_CREDENTIALS;
            }
            byte[] expected = hmacMd5(SaslText.utf8(secret.get()), challenge);
            return MessageDigest.isEqual(expected, digest.get())
                    ? new SaslStep.Success(username, new byte[0]) : BAD_CREDENTIALS;
        });
    }

    static byte[] hmacMd5(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key, "HmacMD5"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK must provide HmacMD5", e);
        }
    }
}
