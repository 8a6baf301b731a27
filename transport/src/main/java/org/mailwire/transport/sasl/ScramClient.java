package org.mailwire.transport.sasl;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;

/**
 * SCRAM-SHA-256 client (RFC 5802, RFC 7677), gs2 header {@code n} (no channel binding). The
 * server must prove itself: its nonce must extend ours (RFC 5802 §5.1), its iteration count must
 * be at least 4096 (RFC 7677 §4) and at most {@link SaslClients#MAX_SCRAM_ITERATIONS}, and its
 * final signature must match, or the exchange is refused.
 */
final class ScramClient implements SaslClientMechanism {

    private enum State { INITIAL, SENT_FIRST, SENT_FINAL, VERIFIED, FAILED }

    private final String gs2Header;
    private final String clientFirstBare;
    private final String clientNonce;
    private final String password;

    private State state = State.INITIAL;
    private byte[] expectedServerSignature;

    ScramClient(String authzid, String user, String password, String clientNonce) {
        this.gs2Header = "n," + (authzid.isEmpty() ? "" : "a=" + ScramMessages.escape(authzid)) + ",";
        this.clientFirstBare = "n=" + ScramMessages.escape(user) + ",r=" + clientNonce;
        this.clientNonce = clientNonce;
        this.password = password;
    }

    @Override
    public SaslMechanism mechanism() {
        return SaslMechanism.SCRAM_SHA_256;
    }

    @Override
    public Optional<byte[]> initialResponse() {
        if (state != State.INITIAL) {
            return Optional.empty();
        }
        state = State.SENT_FIRST;
        return Optional.of(clientFirst());
    }

    @Override
    public byte[] respond(byte[] challenge) throws SaslException {
        switch (state) {
            case INITIAL:
                if (challenge.length != 0) {
                    throw fail("SCRAM expects an empty challenge before client-first");
                }
                state = State.SENT_FIRST;
                return clientFirst();
            case SENT_FIRST:
                return clientFinal(challenge);
            case SENT_FINAL:
                // The server sent server-final as a challenge; the answer is an empty response.
                if (!checkServerFinal(challenge)) {
                    throw fail("server-final does not carry the server's SCRAM signature");
                }
                return new byte[0];
            default:
                throw fail("SCRAM expects no further challenge");
        }
    }

    @Override
    public boolean verifyServerFinal(byte[] serverFinal) {
        if (serverFinal.length == 0 || state == State.VERIFIED) {
            return state == State.VERIFIED;
        }
        if (state != State.SENT_FINAL) {
            return false;
        }
        return checkServerFinal(serverFinal);
    }

    @Override
    public boolean isComplete() {
        return state == State.VERIFIED;
    }

    private byte[] clientFirst() {
        return SaslText.utf8(gs2Header + clientFirstBare);
    }

    private byte[] clientFinal(byte[] challenge) throws SaslException {
        String serverFirst = SaslText.utf8(challenge).orElseThrow(() -> fail("server-first is not UTF-8"));
        String[] attributes = ScramMessages.attributes(serverFirst);
        if (ScramMessages.value(attributes[0], 'm').isPresent()) {
            throw fail("server-first carries a mandatory extension (m=)");
        }
        if (attributes.length < 3 || !ScramMessages.areExtensions(attributes, 3)) {
            throw fail("server-first is not r=,s=,i=");
        }
        String nonce = ScramMessages.value(attributes[0], 'r').orElseThrow(() -> fail("server-first lacks r="));
        // RFC 5802 §5.1: the server appends to our nonce; anything else is a replay or a relay.
        if (!ScramMessages.isNonce(nonce) || !nonce.startsWith(clientNonce) || nonce.length() == clientNonce.length()) {
            throw fail("server nonce does not extend the client nonce");
        }
        byte[] salt = ScramMessages.value(attributes[1], 's').flatMap(SaslText::base64)
                .filter(s -> s.length > 0).orElseThrow(() -> fail("server-first lacks a base64 salt"));
        int iterations = ScramMessages.value(attributes[2], 'i').map(ScramMessages::positiveNumber).orElse(-1);
        if (iterations < ScramCredential.MIN_ITERATIONS || iterations > SaslClients.MAX_SCRAM_ITERATIONS) {
            throw fail("iteration count must be between " + ScramCredential.MIN_ITERATIONS + " and "
                    + SaslClients.MAX_SCRAM_ITERATIONS);
        }
        String withoutProof = "c=" + SaslText.base64(SaslText.utf8(gs2Header)) + ",r=" + nonce;
        byte[] authMessage = SaslText.utf8(clientFirstBare + "," + serverFirst + "," + withoutProof);
        byte[] saltedPassword = ScramSha256.saltedPassword(password, salt, iterations);
        byte[] clientKey = ScramSha256.clientKey(saltedPassword);
        byte[] storedKey = ScramSha256.h(clientKey);
        byte[] proof = ScramSha256.xor(clientKey, ScramSha256.hmac(storedKey, authMessage));
        expectedServerSignature = ScramSha256.hmac(ScramSha256.serverKey(saltedPassword), authMessage);
        Arrays.fill(saltedPassword, (byte) 0);
        Arrays.fill(clientKey, (byte) 0);
        state = State.SENT_FINAL;
        return SaslText.utf8(withoutProof + ",p=" + SaslText.base64(proof));
    }

    /** RFC 5802 §7 server-final: {@code v=} signature (or {@code e=} error), then extensions. */
    private boolean checkServerFinal(byte[] message) {
        Optional<String> text = SaslText.utf8(message);
        boolean verified = false;
        if (text.isPresent()) {
            String[] attributes = ScramMessages.attributes(text.get());
            Optional<byte[]> signature = ScramMessages.value(attributes[0], 'v').flatMap(SaslText::base64);
            verified = signature.isPresent() && ScramMessages.areExtensions(attributes, 1)
                    && MessageDigest.isEqual(signature.get(), expectedServerSignature);
        }
        state = verified ? State.VERIFIED : State.FAILED;
        return verified;
    }

    private SaslException fail(String reason) {
        state = State.FAILED;
        return new SaslException(reason);
    }
}
