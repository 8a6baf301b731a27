package org.mailwire.transport.sasl;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** PLAIN (RFC 4616): one client message, checked by {@link Authenticator#checkPassword}. */
final class PlainServerExchange extends StepwiseExchange {

    private final Authenticator authenticator;

    PlainServerExchange(Authenticator authenticator) {
        super(SaslMechanism.PLAIN);
        this.authenticator = authenticator;
    }

    @Override
    CompletionStage<SaslStep> first(Optional<byte[]> initialResponse) {
        // RFC 4616 §3 and RFC 4422 §5: without an initial response the server sends an empty
        // challenge and the client answers with the message.
        return initialResponse.isPresent() ? next(initialResponse.get()) : challenge(new byte[0]);
    }

    @Override
    CompletionStage<SaslStep> next(byte[] response) {
        Optional<PlainMessage> message = PlainMessage.parse(response);
        if (message.isEmpty()) {
            return now(MALFORMED);
        }
        PlainMessage m = message.get();
        return ask(() -> authenticator.checkPassword(m.authzid(), m.authcid(), m.password()),
                StepwiseExchange::verdict);
    }
}
