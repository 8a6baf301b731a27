package org.mailwire.transport.sasl;

import java.util.Optional;

/**
 * The client side of one authentication, built by {@link SaslClients}. Not thread-safe; one per
 * AUTH/AUTHENTICATE command.
 *
 * <p>The protocol sends {@link #initialResponse()} with the command if the server allows it
 * (SASL-IR), and passes each decoded server challenge to {@link #respond}. When the server
 * reports success, the protocol calls {@link #verifyServerFinal} with any additional data it
 * received, and trusts the success only if that returns {@code true}.
 */
public interface SaslClientMechanism {

    SaslMechanism mechanism();

    /**
     * The first message, to send with the command; empty for mechanisms where the server speaks
     * first (LOGIN, CRAM-MD5). Asking for it counts as sending it.
     */
    Optional<byte[]> initialResponse();

    /**
     * The answer to a server challenge.
     *
     * @throws SaslException if the challenge breaks the mechanism or comes when none is expected;
     *                       the protocol then cancels the exchange ({@code *})
     */
    byte[] respond(byte[] challenge) throws SaslException;

    /**
     * Whether the server proved it knows the credential. SCRAM: checks the {@code v=} signature
     * of the server-final message ({@code serverFinal}, the success reply's additional data), or,
     * if the server already sent it as a challenge and {@code serverFinal} is empty, whether that
     * one checked out. The other mechanisms authenticate only the client: always {@code true}.
     */
    boolean verifyServerFinal(byte[] serverFinal);

    /**
     * The client has nothing more to send; for SCRAM, also the server's signature has been
     * verified.
     */
    boolean isComplete();
}
