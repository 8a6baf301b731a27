package org.mailwire.transport.sasl;

import java.security.MessageDigest;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * SCRAM-SHA-256 (RFC 5802, RFC 7677) without channel binding: client-first, server-first,
 * client-final, and the server signature as {@link SaslStep.Success#additionalData()}.
 *
 * <p>Refused: {@code p=} (we advertise no {@code -PLUS}, RFC 5802 §6) and the reserved {@code m=}
 * (RFC 5802 §5.1: a server that does not understand it MUST fail), both as
 * {@link FailureReason#UNSUPPORTED}; an authorization identity other than the user name, as
 * {@link FailureReason#BAD_CREDENTIALS}. {@code y} is accepted: it means the client could bind
 * but thinks we cannot, which is true, so it is no sign of a downgrade (RFC 5802 §6).
 *
 * <p>An unknown user gets a stand-in credential ({@link UnknownUserScram}) and fails at the proof
 * exactly like a wrong password.
 */
final class ScramServerExchange extends StepwiseExchange {

    private static final SaslStep UNSUPPORTED = new SaslStep.Failure(FailureReason.UNSUPPORTED);

    private final Authenticator authenticator;
    private final UnknownUserScram unknownUsers;
    private final String serverNonce;

    private boolean awaitingClientFirst = true;
    private String gs2Header;
    private String clientFirstBare;
    private String username;
    private String nonce;
    private String serverFirst;
    private ScramCredential credential;

    /** @param serverNonce the server's part of the nonce: printable, no comma (RFC 5802 §7) */
    ScramServerExchange(Authenticator authenticator, UnknownUserScram unknownUsers, String serverNonce) {
        super(SaslMechanism.SCRAM_SHA_256);
        if (!ScramMessages.isNonce(serverNonce)) {
            throw new IllegalArgumentException("a SCRAM nonce is printable ASCII without a comma");
        }
        this.authenticator = authenticator;
        this.unknownUsers = unknownUsers;
        this.serverNonce = serverNonce;
    }

    @Override
    CompletionStage<SaslStep> first(Optional<byte[]> initialResponse) {
        return initialResponse.isPresent() ? next(initialResponse.get()) : challenge(new byte[0]);
    }

    @Override
    CompletionStage<SaslStep> next(byte[] response) {
        Optional<String> text = SaslText.utf8(response);
        if (text.isEmpty()) {
            return now(MALFORMED);
        }
        if (awaitingClientFirst) {
            awaitingClientFirst = false;
            return clientFirst(text.get());
        }
        return now(clientFinal(text.get()));
    }

    private CompletionStage<SaslStep> clientFirst(String message) {
        // gs2-header = gs2-cbind-flag "," [ authzid ] ","
        int firstComma = message.indexOf(',');
        int secondComma = firstComma < 0 ? -1 : message.indexOf(',', firstComma + 1);
        if (secondComma < 0) {
            return now(MALFORMED);
        }
        String flag = message.substring(0, firstComma);
        if (flag.startsWith("p=")) {
            return now(UNSUPPORTED);
        }
        if (!flag.equals("n") && !flag.equals("y")) {
            return now(MALFORMED);
        }
        String authzidField = message.substring(firstComma + 1, secondComma);
        String authzid = "";
        if (!authzidField.isEmpty()) {
            Optional<String> a = ScramMessages.value(authzidField, 'a').flatMap(ScramMessages::unescape);
            if (a.isEmpty()) {
                return now(MALFORMED);
            }
            authzid = a.get();
        }
        String bare = message.substring(secondComma + 1);
        String[] attributes = ScramMessages.attributes(bare);
        if (ScramMessages.value(attributes[0], 'm').isPresent()) {
            return now(UNSUPPORTED);
        }
        if (attributes.length < 2 || !ScramMessages.areExtensions(attributes, 2)) {
            return now(MALFORMED);
        }
        Optional<String> user = ScramMessages.value(attributes[0], 'n').flatMap(ScramMessages::unescape);
        Optional<String> clientNonce = ScramMessages.value(attributes[1], 'r');
        if (user.isEmpty() || clientNonce.isEmpty() || !ScramMessages.isNonce(clientNonce.get())) {
            return now(MALFORMED);
        }
        if (!authzid.isEmpty() && !authzid.equals(user.get())) {
            return now(BAD_CREDENTIALS);
        }
        gs2Header = message.substring(0, secondComma + 1);
        clientFirstBare = bare;
        username = user.get();
        nonce = clientNonce.get() + serverNonce;
        String name = username;
        return ask(() -> authenticator.scramCredential(name), stored -> {
            credential = stored.orElseGet(() -> unknownUsers.credentialFor(name));
            serverFirst = "r=" + nonce + ",s=" + SaslText.base64(credential.salt()) + ",i=" + credential.iterations();
            return new SaslStep.Challenge(SaslText.utf8(serverFirst));
        });
    }

    private SaslStep clientFinal(String message) {
        // client-final-message = client-final-message-without-proof "," proof
        int proofAt = message.lastIndexOf(",p=");
        if (proofAt < 0) {
            return MALFORMED;
        }
        String withoutProof = message.substring(0, proofAt);
        Optional<byte[]> proof = SaslText.base64(message.substring(proofAt + 3));
        String[] attributes = ScramMessages.attributes(withoutProof);
        if (proof.isEmpty() || proof.get().length != ScramSha256.KEY_LENGTH
                || attributes.length < 2 || !ScramMessages.areExtensions(attributes, 2)) {
            return MALFORMED;
        }
        Optional<String> channelBinding = ScramMessages.value(attributes[0], 'c');
        Optional<String> finalNonce = ScramMessages.value(attributes[1], 'r');
        if (channelBinding.isEmpty() || finalNonce.isEmpty()) {
            return MALFORMED;
        }
        // RFC 5802 §5.1: without channel binding c= is the base64 of the gs2 header, unchanged
        // from client-first, so an attacker cannot flip "y" to "n" in transit.
        if (!channelBinding.get().equals(SaslText.base64(SaslText.utf8(gs2Header)))
                || !finalNonce.get().equals(nonce)) {
            return MALFORMED;
        }
        byte[] authMessage = SaslText.utf8(clientFirstBare + "," + serverFirst + "," + withoutProof);
        byte[] clientSignature = ScramSha256.hmac(credential.storedKey(), authMessage);
        byte[] clientKey = ScramSha256.xor(proof.get(), clientSignature);
        if (!MessageDigest.isEqual(ScramSha256.h(clientKey), credential.storedKey())) {
            return BAD_CREDENTIALS;
        }
        byte[] serverSignature = ScramSha256.hmac(credential.serverKey(), authMessage);
        return new SaslStep.Success(username, SaslText.utf8("v=" + SaslText.base64(serverSignature)));
    }
}
