package org.mailwire.transport.sasl;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The turn-taking every server mechanism shares: the API state checks, the message size bound,
 * and the translation of whatever an {@link Authenticator} does (complete, fail, throw, return
 * null) into a {@link SaslStep}.
 */
abstract class StepwiseExchange implements SaslServerExchange {

    private enum State { NEW, AWAITING_RESPONSE, PENDING, DONE }

    static final SaslStep MALFORMED = new SaslStep.Failure(FailureReason.MALFORMED);
    static final SaslStep BAD_CREDENTIALS = new SaslStep.Failure(FailureReason.BAD_CREDENTIALS);

    private final SaslMechanism mechanism;
    private volatile State state = State.NEW;

    StepwiseExchange(SaslMechanism mechanism) {
        this.mechanism = mechanism;
    }

    @Override
    public final SaslMechanism mechanism() {
        return mechanism;
    }

    @Override
    public final CompletionStage<SaslStep> start(Optional<byte[]> initialResponse) {
        Objects.requireNonNull(initialResponse, "initialResponse");
        enter(State.NEW, "start");
        if (initialResponse.isPresent() && tooLong(initialResponse.get())) {
            return settle(CompletableFuture.completedFuture(MALFORMED));
        }
        return settle(first(initialResponse.map(byte[]::clone)));
    }

    @Override
    public final CompletionStage<SaslStep> respond(byte[] response) {
        Objects.requireNonNull(response, "response");
        enter(State.AWAITING_RESPONSE, "respond");
        if (tooLong(response)) {
            return settle(CompletableFuture.completedFuture(MALFORMED));
        }
        return settle(next(response.clone()));
    }

    /** The mechanism's first step; the initial response is already bounded. */
    abstract CompletionStage<SaslStep> first(Optional<byte[]> initialResponse);

    /** The mechanism's next step after a challenge; the response is already bounded. */
    abstract CompletionStage<SaslStep> next(byte[] response);

    static CompletionStage<SaslStep> now(SaslStep step) {
        return CompletableFuture.completedFuture(step);
    }

    static CompletionStage<SaslStep> challenge(byte[] data) {
        return now(new SaslStep.Challenge(data));
    }

    /**
     * Calls the authenticator and maps its outcome; a synchronous throw, a null stage and an
     * exceptional completion all become {@link FailureReason#TEMPORARY} (or
     * {@link FailureReason#UNSUPPORTED} for {@link UnsupportedOperationException}), so a broken
     * store never breaks the protocol's state machine.
     */
    static <T> CompletionStage<SaslStep> ask(Supplier<CompletionStage<T>> call, Function<T, SaslStep> then) {
        CompletionStage<T> stage;
        try {
            stage = call.get();
        } catch (RuntimeException e) {
            return now(failureFor(e));
        }
        if (stage == null) {
            return now(new SaslStep.Failure(FailureReason.TEMPORARY));
        }
        return stage.handle((value, error) -> {
            if (error != null) {
                return failureFor(error);
            }
            if (value == null) {
                return new SaslStep.Failure(FailureReason.TEMPORARY);
            }
            return then.apply(value);
        });
    }

    /** AuthResult to step, for the mechanisms whose whole verdict is the authenticator's. */
    static SaslStep verdict(AuthResult result) {
        if (result instanceof AuthResult.Success success) {
            return new SaslStep.Success(success.identity(), new byte[0]);
        }
        return new SaslStep.Failure(((AuthResult.Failure) result).temporary()
                ? FailureReason.TEMPORARY : FailureReason.BAD_CREDENTIALS);
    }

    private static SaslStep failureFor(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return new SaslStep.Failure(cause instanceof UnsupportedOperationException
                ? FailureReason.UNSUPPORTED : FailureReason.TEMPORARY);
    }

    private static boolean tooLong(byte[] message) {
        return message.length > SaslServer.MAX_MESSAGE_LENGTH;
    }

    private synchronized void enter(State expected, String call) {
        if (state != expected) {
            throw new IllegalStateException(call + " called while the exchange is " + state);
        }
        state = State.PENDING;
    }

    private CompletionStage<SaslStep> settle(CompletionStage<SaslStep> step) {
        return step.thenApply(s -> {
            state = s instanceof SaslStep.Challenge ? State.AWAITING_RESPONSE : State.DONE;
            return s;
        });
    }
}
