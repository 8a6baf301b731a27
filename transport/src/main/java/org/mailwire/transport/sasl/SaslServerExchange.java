package org.mailwire.transport.sasl;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * One authentication exchange on the server, created per AUTH/AUTHENTICATE command by
 * {@link SaslServer#start}.
 *
 * <p>The protocol calls {@link #start} once, then {@link #respond} once per client line while the
 * last step was a {@link SaslStep.Challenge}, always waiting for the previous stage to complete.
 * Calling out of turn (twice {@code start}, {@code respond} before {@code start}, while a step is
 * pending, or after a {@link SaslStep.Success} or {@link SaslStep.Failure}) throws
 * {@link IllegalStateException}: that is a bug in the caller, not client input. Client input
 * never makes these methods throw, and the stages they return never complete exceptionally: a
 * failing {@link Authenticator} becomes a {@link SaslStep.Failure}.
 *
 * <p>A client cancelling the exchange ({@code *}) is the protocol's business: it drops the
 * exchange.
 */
public interface SaslServerExchange {

    SaslMechanism mechanism();

    /**
     * The first step, with the client's initial response (RFC 4954 §4, RFC 4959) if it sent
     * one. An empty initial response ({@code =} on the wire) is not the same as none: pass
     * {@code Optional.of(new byte[0])}.
     */
    CompletionStage<SaslStep> start(Optional<byte[]> initialResponse);

    /** The next client response, already base64-decoded by the protocol. */
    CompletionStage<SaslStep> respond(byte[] response);
}
