package org.mailwire.transport.sasl;

import java.util.Optional;

/** CRAM-MD5 (RFC 2195): {@code user SP lowercase-hex(HMAC-MD5(secret, challenge))}. */
final class CramMd5Client implements SaslClientMechanism {

    private final String user;
    private final String secret;
    private boolean answered;

    CramMd5Client(String user, String secret) {
        this.user = user;
        this.secret = secret;
    }

    @Override
    public SaslMechanism mechanism() {
        return SaslMechanism.CRAM_MD5;
    }

    @Override
    public Optional<byte[]> initialResponse() {
        return Optional.empty();
    }

    @Override
    public byte[] respond(byte[] challenge) throws SaslException {
        if (answered) {
            throw new SaslException("CRAM-MD5 expects one challenge only");
        }
        if (challenge.length == 0) {
            throw new SaslException("CRAM-MD5 challenge is empty");
        }
        answered = true;
        byte[] digest = CramMd5ServerExchange.hmacMd5(SaslText.utf8(secret), challenge);
        return SaslText.utf8(user + " " + SaslText.hex(digest));
    }

    @Override
    public boolean verifyServerFinal(byte[] serverFinal) {
        return true;
    }

    @Override
    public boolean isComplete() {
        return answered;
    }
}
