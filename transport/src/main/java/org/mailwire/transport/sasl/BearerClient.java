package org.mailwire.transport.sasl;

import java.util.Optional;

/**
 * XOAUTH2 and OAUTHBEARER: one message; a challenge after it is the server's JSON error, which
 * the client acknowledges so the server can fail the exchange (RFC 7628 §3.2.3: {@code %x01};
 * XOAUTH2: an empty response).
 */
final class BearerClient implements SaslClientMechanism {

    private final SaslMechanism mechanism;
    private final byte[] message;
    private boolean sent;
    private boolean acknowledged;

    BearerClient(SaslMechanism mechanism, byte[] message) {
        this.mechanism = mechanism;
        this.message = message;
    }

    @Override
    public SaslMechanism mechanism() {
        return mechanism;
    }

    @Override
    public Optional<byte[]> initialResponse() {
        if (sent) {
            return Optional.empty();
        }
        sent = true;
        return Optional.of(message.clone());
    }

    @Override
    public byte[] respond(byte[] challenge) throws SaslException {
        if (!sent) {
            if (challenge.length != 0) {
                throw new SaslException(mechanism.wireName() + " expects an empty challenge before its message");
            }
            sent = true;
            return message.clone();
        }
        if (acknowledged) {
            throw new SaslException(mechanism.wireName() + " expects one error challenge at most");
        }
        acknowledged = true;
        return mechanism == SaslMechanism.OAUTHBEARER ? new byte[] {BearerMessage.KVSEP} : new byte[0];
    }

    @Override
    public boolean verifyServerFinal(byte[] serverFinal) {
        return true;
    }

    @Override
    public boolean isComplete() {
        return sent;
    }
}
