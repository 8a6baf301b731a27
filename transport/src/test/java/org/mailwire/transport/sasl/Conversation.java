package org.mailwire.transport.sasl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Drives one of our clients against one server exchange, the way a protocol would. */
final class Conversation {

    /** How the SCRAM server-final reaches the client (RFC 4422 §5 leaves it to the protocol). */
    enum ServerFinal { AS_CHALLENGE, WITH_SUCCESS }

    /**
     * @param last            the server's last step (Success or Failure)
     * @param serverVerified  after a Success: whether the client accepted the server's proof
     * @param challenges      how many challenges the server sent
     */
    record Outcome(SaslStep last, boolean serverVerified, int challenges) {
    }

    private Conversation() {
    }

    static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes();

    static SaslServer server(Authenticator authenticator) {
        return new SaslServer(authenticator, new SecureRandom(), SECRET);
    }

    /** The completed step; every stage in these tests comes from an already-complete store. */
    static SaslStep done(CompletionStage<SaslStep> stage) {
        CompletableFuture<SaslStep> future = stage.toCompletableFuture();
        assertTrue(future.isDone(), "the step must be complete: the authenticator answered at once");
        assertFalse(future.isCompletedExceptionally(), "a step never completes exceptionally");
        return future.join();
    }

    static Outcome run(SaslClientMechanism client, SaslServerExchange server, boolean initialResponse,
            ServerFinal serverFinal) throws SaslException {
        Optional<byte[]> first = initialResponse ? client.initialResponse() : Optional.empty();
        SaslStep step = done(server.start(first));
        int challenges = 0;
        while (step instanceof SaslStep.Challenge challenge) {
            challenges++;
            step = done(server.respond(client.respond(challenge.data())));
        }
        boolean verified = false;
        if (step instanceof SaslStep.Success success) {
            byte[] data = success.additionalData();
            if (data.length > 0 && serverFinal == ServerFinal.AS_CHALLENGE) {
                assertArrayEquals(new byte[0], client.respond(data), "server-final is answered empty");
                verified = client.verifyServerFinal(new byte[0]);
            } else {
                verified = client.verifyServerFinal(data);
            }
        }
        return new Outcome(step, verified, challenges);
    }

    static Outcome run(SaslClientMechanism client, SaslServerExchange server) throws SaslException {
        return run(client, server, true, ServerFinal.WITH_SUCCESS);
    }
}
