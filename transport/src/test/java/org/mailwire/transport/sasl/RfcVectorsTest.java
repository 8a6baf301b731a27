package org.mailwire.transport.sasl;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mailwire.transport.sasl.Conversation.done;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The examples printed in the RFCs, reproduced octet for octet in both roles. */
class RfcVectorsTest {

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, UTF_8);
    }

    @Nested
    class ScramSha256Rfc7677Section3 {

        static final String CLIENT_NONCE = "rOprNGfwEbeRWgbNEkqO";
        static final String SERVER_NONCE = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
        static final String SALT = "W22ZaJ0SNY7soEsUEjb6gQ==";
        static final String CLIENT_FIRST = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
        static final String SERVER_FIRST =
                "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
        static final String CLIENT_FINAL = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
        static final String SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

        @Test
        void clientProducesTheRfcMessagesAndAcceptsTheServerSignature() throws SaslException {
            SaslClientMechanism client = SaslClients.scramSha256WithNonce("", "user", "pencil", CLIENT_NONCE);
            assertEquals(CLIENT_FIRST, text(client.initialResponse().orElseThrow()));
            assertEquals(CLIENT_FINAL, text(client.respond(bytes(SERVER_FIRST))));
            assertTrue(client.verifyServerFinal(bytes(SERVER_FINAL)));
            assertTrue(client.isComplete());
        }

        @Test
        void serverProducesTheRfcMessagesAndAcceptsTheClientProof() {
            ScramCredential credential = ScramCredential.derive("pencil", Base64.getDecoder().decode(SALT), 4096);
            InMemoryUsers users = new InMemoryUsers().add("user", credential);
            ScramServerExchange server = new ScramServerExchange(users,
                    new UnknownUserScram(Conversation.SECRET, 16, 4096), SERVER_NONCE);
            assertEquals(new SaslStep.Challenge(bytes(SERVER_FIRST)), done(server.start(Optional.of(bytes(CLIENT_FIRST)))));
            assertEquals(new SaslStep.Success("user", bytes(SERVER_FINAL)), done(server.respond(bytes(CLIENT_FINAL))));
        }
    }

    @Nested
    class CramMd5Rfc2195Section2 {

        static final String CHALLENGE = "<1896.697170952@postoffice.reston.mci.net>";
        static final String CHALLENGE_BASE64 = "PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+";
        static final String RESPONSE_BASE64 = "dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw";

        @Test
        void theChallengeIsTheRfcs() {
            assertEquals(CHALLENGE, text(Base64.getDecoder().decode(CHALLENGE_BASE64)));
        }

        @Test
        void clientAnswersAsTheRfc() throws SaslException {
            SaslClientMechanism client = SaslClients.cramMd5("tim", "tanstaaftanstaaf");
            assertEquals(Optional.empty(), client.initialResponse());
            byte[] response = client.respond(bytes(CHALLENGE));
            assertEquals(RESPONSE_BASE64, Base64.getEncoder().encodeToString(response));
            assertEquals("tim b913a602c7eda7a495b4e6e7334d3890", text(response));
        }

        @Test
        void serverAcceptsTheRfcResponse() {
            InMemoryUsers users = new InMemoryUsers().withSharedSecrets().add("tim", "tanstaaftanstaaf");
            CramMd5ServerExchange server = new CramMd5ServerExchange(users, CHALLENGE);
            SaslStep challenge = done(server.start(Optional.empty()));
            assertEquals(new SaslStep.Challenge(Base64.getDecoder().decode(CHALLENGE_BASE64)), challenge);
            assertEquals(new SaslStep.Success("tim", new byte[0]),
                    done(server.respond(Base64.getDecoder().decode(RESPONSE_BASE64))));
        }
    }

    @Nested
    class PlainRfc4616Section4 {

        /** Records what the mechanism extracted, and grants whatever it is told to. */
        final class Recording implements Authenticator {
            final List<List<String>> calls = new ArrayList<>();
            final AuthResult answer;

            Recording(AuthResult answer) {
                this.answer = answer;
            }

            @Override
            public CompletionStage<AuthResult> checkPassword(String authorizationId, String username, String password) {
                calls.add(List.of(authorizationId, username, password));
                return CompletableFuture.completedFuture(answer);
            }
        }

        @Test
        void timWithoutAuthorizationIdentity() throws SaslException {
            byte[] message = bytes("\0tim\0tanstaaftanstaaf");
            assertArrayEquals(message, SaslClients.plain("", "tim", "tanstaaftanstaaf").initialResponse().orElseThrow());
            InMemoryUsers users = new InMemoryUsers().add("tim", "tanstaaftanstaaf");
            SaslServerExchange server = Conversation.server(users).start(SaslMechanism.PLAIN, "mail.example").orElseThrow();
            // RFC 4616 §4's first example sends the message after an empty challenge.
            assertEquals(new SaslStep.Challenge(new byte[0]), done(server.start(Optional.empty())));
            assertEquals(new SaslStep.Success("tim", new byte[0]), done(server.respond(message)));
        }

        @Test
        void urselKurtIsRefusedWhenKurtMayNotActAsUrsel() {
            byte[] message = bytes("Ursel\0Kurt\0xipj3plmq");
            InMemoryUsers users = new InMemoryUsers().add("Kurt", "xipj3plmq").add("Ursel", "other");
            SaslServerExchange server = Conversation.server(users).start(SaslMechanism.PLAIN, "mail.example").orElseThrow();
            assertEquals(new SaslStep.Failure(FailureReason.BAD_CREDENTIALS), done(server.start(Optional.of(message))));
        }

        @Test
        void urselKurtReachesTheAuthenticatorAsAuthzidAuthcidPassword() throws SaslException {
            byte[] message = bytes("Ursel\0Kurt\0xipj3plmq");
            assertArrayEquals(message, SaslClients.plain("Ursel", "Kurt", "xipj3plmq").initialResponse().orElseThrow());
            Recording store = new Recording(AuthResult.success("Ursel"));
            SaslServerExchange server = Conversation.server(store).start(SaslMechanism.PLAIN, "mail.example").orElseThrow();
            assertEquals(new SaslStep.Success("Ursel", new byte[0]), done(server.start(Optional.of(message))));
            assertEquals(List.of(List.of("Ursel", "Kurt", "xipj3plmq")), store.calls);
        }
    }

    @Nested
    class OauthBearerRfc7628Section4 {

        static final String TOKEN = "vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==";
        static final String INITIAL_RESPONSE_BASE64 = "bixhPXVzZXJAZXhhbXBsZS5jb20sAWhv"
                + "c3Q9c2VydmVyLmV4YW1wbGUuY29tAXBvcnQ9MTQzAWF1dGg9QmVhcmVyI"
                + "HZGOWRmdDRxbVRjMk52YjNSbGNrQmhiSFJoZG1semRHRXVZMjl0Q2c9PQ"
                + "EB";

        @Test
        void decodedMessageIsTheRfcs() {
            assertEquals("n,a=user@example.com,\u0001host=server.example.com\u0001port=143\u0001"
                    + "auth=Bearer " + TOKEN + "\u0001\u0001", text(Base64.getDecoder().decode(INITIAL_RESPONSE_BASE64)));
        }

        @Test
        void clientBuildsTheRfcMessage() throws SaslException {
            SaslClientMechanism client = SaslClients.oauthBearer("user@example.com", TOKEN, "server.example.com", 143);
            assertEquals(INITIAL_RESPONSE_BASE64, Base64.getEncoder().encodeToString(client.initialResponse().orElseThrow()));
        }

        @Test
        void serverAcceptsTheRfcMessage() {
            InMemoryUsers users = new InMemoryUsers().addBearerToken("user@example.com", TOKEN);
            SaslServerExchange server = Conversation.server(users).start(SaslMechanism.OAUTHBEARER, "mail.example").orElseThrow();
            assertEquals(new SaslStep.Success("user@example.com", new byte[0]),
                    done(server.start(Optional.of(Base64.getDecoder().decode(INITIAL_RESPONSE_BASE64)))));
        }
    }
}
