package org.mailwire.transport.sasl;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mailwire.transport.sasl.Conversation.done;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mailwire.transport.sasl.Conversation.Outcome;
import org.mailwire.transport.sasl.Conversation.ServerFinal;

/** Our clients against our server, every mechanism, both framings of the first message. */
class ClientServerTest {

    private static final String HOST = "mail.example";
    private static final String TOKEN = "ya29.a0AfH6SMC-token_value~1/2+3==";
    private static final SaslStep BAD = new SaslStep.Failure(FailureReason.BAD_CREDENTIALS);

    private static final InMemoryUsers USERS = new InMemoryUsers().withSharedSecrets()
            .add("alice", "correct horse").add("bob@example.com", "pässwörd, with = signs")
            .addBearerToken("alice", TOKEN);
    private static final SaslServer SERVER = Conversation.server(USERS);

    private static SaslServerExchange exchange(SaslMechanism mechanism) {
        return SERVER.start(mechanism, HOST).orElseThrow();
    }

    private static SaslClientMechanism client(SaslMechanism mechanism, String user, String secret) throws SaslException {
        return switch (mechanism) {
            case PLAIN -> SaslClients.plain("", user, secret);
            case LOGIN -> SaslClients.login(user, secret);
            case CRAM_MD5 -> SaslClients.cramMd5(user, secret);
            case SCRAM_SHA_256 -> SaslClients.scramSha256("", user, secret);
            case XOAUTH2 -> SaslClients.xoauth2(user, secret);
            case OAUTHBEARER -> SaslClients.oauthBearer(user, secret, HOST, 993);
        };
    }

    private static String rightSecret(SaslMechanism mechanism) {
        return mechanism == SaslMechanism.XOAUTH2 || mechanism == SaslMechanism.OAUTHBEARER ? TOKEN : "correct horse";
    }

    private static String wrongSecret(SaslMechanism mechanism) {
        return mechanism == SaslMechanism.XOAUTH2 || mechanism == SaslMechanism.OAUTHBEARER
                ? "ya29.wrong" : "correct horsE";
    }

    @ParameterizedTest
    @EnumSource(SaslMechanism.class)
    void rightCredentialsSucceedWithInitialResponse(SaslMechanism mechanism) throws SaslException {
        SaslClientMechanism client = client(mechanism, "alice", rightSecret(mechanism));
        Outcome outcome = Conversation.run(client, exchange(mechanism));
        assertEquals("alice", ((SaslStep.Success) outcome.last()).identity());
        assertTrue(outcome.serverVerified());
        assertTrue(client.isComplete());
    }

    @ParameterizedTest
    @EnumSource(SaslMechanism.class)
    void rightCredentialsSucceedWithoutInitialResponse(SaslMechanism mechanism) throws SaslException {
        SaslClientMechanism client = client(mechanism, "alice", rightSecret(mechanism));
        Outcome outcome = Conversation.run(client, exchange(mechanism), false, ServerFinal.AS_CHALLENGE);
        assertEquals("alice", ((SaslStep.Success) outcome.last()).identity());
        assertTrue(outcome.serverVerified());
        assertTrue(outcome.challenges() >= 1, "the server asked first");
    }

    @ParameterizedTest
    @EnumSource(SaslMechanism.class)
    void wrongSecretFailsAsBadCredentials(SaslMechanism mechanism) throws SaslException {
        Outcome outcome = Conversation.run(client(mechanism, "alice", wrongSecret(mechanism)), exchange(mechanism));
        assertEquals(BAD, outcome.last());
    }

    @ParameterizedTest
    @EnumSource(SaslMechanism.class)
    void unknownUserFailsAsBadCredentials(SaslMechanism mechanism) throws SaslException {
        Outcome outcome = Conversation.run(client(mechanism, "mallory", rightSecret(mechanism)), exchange(mechanism));
        assertEquals(BAD, outcome.last());
    }

    @Test
    void bearerTokenFailureSendsTheJsonErrorFirst() throws SaslException {
        Outcome xoauth2 = Conversation.run(SaslClients.xoauth2("alice", "ya29.wrong"), exchange(SaslMechanism.XOAUTH2));
        assertEquals(1, xoauth2.challenges());
        Outcome oauthBearer = Conversation.run(SaslClients.oauthBearer("alice", "ya29.wrong", null, 0),
                exchange(SaslMechanism.OAUTHBEARER));
        assertEquals(1, oauthBearer.challenges());
    }

    @Test
    void oauthBearerWithoutUserTakesTheIdentityFromTheToken() throws SaslException {
        Outcome outcome = Conversation.run(SaslClients.oauthBearer("", TOKEN, null, 0), exchange(SaslMechanism.OAUTHBEARER));
        assertEquals(new SaslStep.Success("alice", new byte[0]), outcome.last());
    }

    @Test
    void bearerTokenOfAnotherUserFails() throws SaslException {
        Outcome outcome = Conversation.run(SaslClients.xoauth2("bob@example.com", TOKEN), exchange(SaslMechanism.XOAUTH2));
        assertEquals(BAD, outcome.last());
    }

    @Test
    void scramHandlesNamesThatNeedEscapingAndNonAsciiPasswords() throws SaslException {
        Outcome outcome = Conversation.run(SaslClients.scramSha256("bob@example.com", "bob@example.com",
                "pässwörd, with = signs"), exchange(SaslMechanism.SCRAM_SHA_256));
        assertEquals("bob@example.com", ((SaslStep.Success) outcome.last()).identity());
        assertTrue(outcome.serverVerified());
    }

    @Test
    void scramWithAnotherAuthorizationIdentityFails() throws SaslException {
        Outcome outcome = Conversation.run(SaslClients.scramSha256("bob@example.com", "alice", "correct horse"),
                exchange(SaslMechanism.SCRAM_SHA_256));
        assertEquals(BAD, outcome.last());
    }

    @Test
    void scramPasswordsArePreparedTheSameOnBothSides() throws SaslException {
        // U+00A0 NO-BREAK SPACE maps to a space and U+00AD SOFT HYPHEN to nothing (RFC 4013 §2.1).
        Outcome outcome = Conversation.run(SaslClients.scramSha256("", "alice", "cor\u00ADrect\u00A0horse"),
                exchange(SaslMechanism.SCRAM_SHA_256));
        assertEquals("alice", ((SaslStep.Success) outcome.last()).identity());
    }

    @Test
    void scramClientRefusesAServerThatDoesNotKnowThePassword() throws SaslException {
        // A server with a different credential for alice answers with its own signature.
        SaslServer impostor = Conversation.server(new InMemoryUsers().add("alice", "something else"));
        SaslClientMechanism client = SaslClients.scramSha256("", "alice", "correct horse");
        Outcome outcome = Conversation.run(client, impostor.start(SaslMechanism.SCRAM_SHA_256, HOST).orElseThrow());
        assertEquals(BAD, outcome.last(), "the impostor cannot check the proof either");
        assertFalse(client.isComplete());
    }

    // --- unknown users look like wrong passwords (SCRAM) ---

    private static final Pattern SERVER_FIRST = Pattern.compile("r=([^,]+),s=([^,]+),i=([0-9]+)");

    private record ServerFirst(String nonce, byte[] salt, int iterations) {
    }

    private static ServerFirst serverFirst(SaslServer server, String user) throws SaslException {
        SaslClientMechanism client = SaslClients.scramSha256("", user, "whatever it is");
        SaslServerExchange exchange = server.start(SaslMechanism.SCRAM_SHA_256, HOST).orElseThrow();
        SaslStep step = done(exchange.start(client.initialResponse()));
        String text = new String(((SaslStep.Challenge) step).data(), UTF_8);
        Matcher m = SERVER_FIRST.matcher(text);
        assertTrue(m.matches(), text);
        // And the end is the same as for a wrong password.
        assertEquals(BAD, done(exchange.respond(client.respond(((SaslStep.Challenge) step).data()))));
        return new ServerFirst(m.group(1), Base64.getDecoder().decode(m.group(2)), Integer.parseInt(m.group(3)));
    }

    @Test
    void unknownScramUserGetsAServerFirstOfTheSameShapeAndTheSameEnd() throws SaslException {
        ServerFirst known = serverFirst(SERVER, "alice");
        ServerFirst unknown = serverFirst(SERVER, "mallory");
        assertEquals(known.nonce().length(), unknown.nonce().length());
        assertEquals(known.salt().length, unknown.salt().length);
        assertEquals(known.iterations(), unknown.iterations());
    }

    @Test
    void unknownScramUserGetsTheSameSaltEveryTimeAsARealUserWould() throws SaslException {
        ServerFirst first = serverFirst(SERVER, "mallory");
        ServerFirst again = serverFirst(Conversation.server(new InMemoryUsers()), "mallory");
        assertArrayEquals(first.salt(), again.salt(), "stable across attempts and server instances");
        assertNotEquals(first.nonce(), again.nonce(), "nonces are fresh");
        assertFalse(java.util.Arrays.equals(first.salt(), serverFirst(SERVER, "eve").salt()), "one salt per name");
        SaslServer otherSecret = new SaslServer(new InMemoryUsers(), new SecureRandom(), new byte[32]);
        assertFalse(java.util.Arrays.equals(first.salt(), serverFirst(otherSecret, "mallory").salt()),
                "the salt depends on the server secret");
    }

    @Test
    void unknownScramUserShapeFollowsTheConfiguredStore() throws SaslException {
        SaslServer server = new SaslServer(new InMemoryUsers(), new SecureRandom(), Conversation.SECRET, 28, 10000);
        ServerFirst unknown = serverFirst(server, "mallory");
        assertEquals(28, unknown.salt().length);
        assertEquals(10000, unknown.iterations());
    }

    @Test
    void everyMechanismIsCoveredByTheClientFactory() {
        // Guards the switch above: a new mechanism must get a client and a server.
        for (SaslMechanism mechanism : SaslMechanism.values()) {
            assertTrue(SERVER.start(mechanism, HOST).isPresent(), mechanism::toString);
        }
    }
}
