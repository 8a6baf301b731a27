package org.mailwire.transport.sasl;

import java.util.Optional;

/** PLAIN: one message, as the initial response or in answer to the server's empty challenge. */
final class OneMessageClient implements SaslClientMechanism {

    private final SaslMechanism mechanism;
    private final byte[] message;
    private boolean sent;

    OneMessageClient(SaslMechanism mechanism, byte[] message) {
        this.mechanism = mechanism;
        this.message = message.clone();
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
        // RFC 4616 §3 / RFC 4422 §5: the only challenge is the empty one before the message.
        if (sent || challenge.length != 0) {
            throw new SaslException(mechanism.wireName() + " expects no challenge but an empty one before its message");
        }
        sent = true;
        return message.clone();
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
