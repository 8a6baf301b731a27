package org.mailwire.transport.sasl;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * XOAUTH2 and OAUTHBEARER (RFC 7628): one client message with a bearer token, checked by
 * {@link Authenticator#checkBearerToken}. A rejected token is answered with a JSON error
 * challenge (RFC 7628 §3.2.2; Google's XOAUTH2 does the same), and the exchange fails once the
 * client has acknowledged it: an empty response for XOAUTH2, {@code %x01} for OAUTHBEARER
 * (RFC 7628 §3.2.3). A temporary failure fails at once, since the error object has no status for
 * it.
 */
final class BearerServerExchange extends StepwiseExchange {

    private static final byte[] OAUTHBEARER_ACK = {BearerMessage.KVSEP};
    private static final byte[] XOAUTH2_ACK = {};

    private final Authenticator authenticator;
    private boolean errorSent;

    BearerServerExchange(SaslMechanism mechanism, Authenticator authenticator) {
        super(mechanism);
        if (mechanism != SaslMechanism.XOAUTH2 && mechanism != SaslMechanism.OAUTHBEARER) {
            throw new IllegalArgumentException("not a bearer token mechanism: " + mechanism);
        }
        this.authenticator = authenticator;
    }

    @Override
    CompletionStage<SaslStep> first(Optional<byte[]> initialResponse) {
        return initialResponse.isPresent() ? next(initialResponse.get()) : challenge(new byte[0]);
    }

    @Override
    CompletionStage<SaslStep> next(byte[] response) {
        if (errorSent) {
            byte[] ack = mechanism() == SaslMechanism.OAUTHBEARER ? OAUTHBEARER_ACK : XOAUTH2_ACK;
            return now(Arrays.equals(response, ack) ? BAD_CREDENTIALS : MALFORMED);
        }
        BearerMessage.Parsed parsed = mechanism() == SaslMechanism.OAUTHBEARER
                ? BearerMessage.parseOauthBearer(response) : BearerMessage.parseXoauth2(response);
        if (parsed.message().isEmpty()) {
            return now(new SaslStep.Failure(parsed.refusal() == BearerMessage.Refusal.CHANNEL_BINDING
                    ? FailureReason.UNSUPPORTED : FailureReason.MALFORMED));
        }
        BearerMessage message = parsed.message().get();
        return ask(() -> authenticator.checkBearerToken("", message.user(), message.token()), result -> {
            SaslStep step = verdict(result);
            if (step instanceof SaslStep.Failure failure && failure.reason() == FailureReason.BAD_CREDENTIALS) {
                errorSent = true;
                return new SaslStep.Challenge(SaslText.utf8(errorJson()));
            }
            return step;
        });
    }

    /** RFC 7628 §3.2.2 status from RFC 6750 §3.1; XOAUTH2 servers send an HTTP status code. */
    private String errorJson() {
        String status = mechanism() == SaslMechanism.OAUTHBEARER ? "invalid_token" : "401";
        return "{\"status\":\"" + status + "\",\"schemes\":\"bearer\"}";
    }
}
