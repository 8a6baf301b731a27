package org.mailwire.transport.sasl;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SaslClientsTest {

    private static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    /** SECURITY.md rows 11 and 16: refused before encoding, and the message does not repeat the value. */
    private static void refused(String secretPart, Executable build) {
        SaslException e = assertThrows(SaslException.class, build);
        assertFalse(e.getMessage().contains(secretPart.strip()), e.getMessage());
    }

    @Nested
    class Injection {

        @ParameterizedTest
        @ValueSource(strings = {"ali\rce", "ali\nce", "alice\r\nAUTH PLAIN", "ali\0ce"})
        void lineBreaksAndNulAreRefusedEverywhere(String bad) {
            refused(bad, () -> SaslClients.plain(bad, "u", "p"));
            refused(bad, () -> SaslClients.plain("", bad, "p"));
            refused(bad, () -> SaslClients.plain("", "u", bad));
            refused(bad, () -> SaslClients.login(bad, "p"));
            refused(bad, () -> SaslClients.login("u", bad));
            refused(bad, () -> SaslClients.cramMd5(bad, "s"));
            refused(bad, () -> SaslClients.cramMd5("u", bad));
            refused(bad, () -> SaslClients.scramSha256(bad, "u", "p"));
            refused(bad, () -> SaslClients.scramSha256("", bad, "p"));
            refused(bad, () -> SaslClients.scramSha256("", "u", bad));
            refused(bad, () -> SaslClients.xoauth2(bad, "token"));
            refused(bad, () -> SaslClients.xoauth2("u", bad));
            refused(bad, () -> SaslClients.oauthBearer(bad, "token", null, 0));
            refused(bad, () -> SaslClients.oauthBearer("u", bad, null, 0));
            refused(bad, () -> SaslClients.oauthBearer("u", "token", bad, 993));
        }

        @Test
        void fieldSeparatorsOfTheBearerMechanismsAreRefused() {
            refused("x", () -> SaslClients.xoauth2("alice\u0001auth=Bearer x", "token"));
            refused("x", () -> SaslClients.oauthBearer("alice", "tok\u0001host=x", null, 0));
            refused("tok en", () -> SaslClients.xoauth2("alice", "tok en"));
        }

        @Test
        void emptyNamesAndPasswordsAndOversizeParts() {
            assertThrows(SaslException.class, () -> SaslClients.plain("", "", "p"));
            assertThrows(SaslException.class, () -> SaslClients.plain("", "u", ""));
            assertThrows(SaslException.class, () -> SaslClients.plain("", "u".repeat(256), "p"));
            assertThrows(SaslException.class, () -> SaslClients.scramSha256("", "u", "\u00AD"));
            assertThrows(SaslException.class, () -> SaslClients.oauthBearer("u", "t", "h", 0));
            assertThrows(SaslException.class, () -> SaslClients.plain("", "u\uD800", "p"));
        }

        @Test
        void scramNamesAreEscaped() throws SaslException {
            SaslClientMechanism client = SaslClients.scramSha256WithNonce("a,b=c", "x=y,z", "p", "nonce");
            assertEquals("n,a=a=2Cb=3Dc,n=x=3Dy=2Cz,r=nonce", new String(client.initialResponse().orElseThrow(), UTF_8));
        }
    }

    @Nested
    class ScramServerChecks {

        private SaslClientMechanism started() throws SaslException {
            SaslClientMechanism client = SaslClients.scramSha256WithNonce("", "user", "pencil", "rOprNGfwEbeRWgbNEkqO");
            client.initialResponse();
            return client;
        }

        @ParameterizedTest
        @ValueSource(strings = {
            // nonce not extending ours, equal to ours, or missing
            "r=XXXXNGfwEbeRWgbNEkqO%hvY,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
            "r=rOprNGfwEbeRWgbNEkqO,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
            "s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
            // iterations below RFC 7677 §4, above our cap, not a number
            "r=rOprNGfwEbeRWgbNEkqO%hvY,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4095",
            "r=rOprNGfwEbeRWgbNEkqO%hvY,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=1",
            "r=rOprNGfwEbeRWgbNEkqO%hvY,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=1000001",
            "r=rOprNGfwEbeRWgbNEkqO%hvY,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=99999999999",
            "r=rOprNGfwEbeRWgbNEkqO%hvY,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=04096",
            "r=rOprNGfwEbeRWgbNEkqO%hvY,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=-4096",
            // salt missing, empty or not base64
            "r=rOprNGfwEbeRWgbNEkqO%hvY,s=,i=4096",
            "r=rOprNGfwEbeRWgbNEkqO%hvY,s=!!!,i=4096",
            "r=rOprNGfwEbeRWgbNEkqO%hvY,i=4096",
            // mandatory extension, junk
            "m=x,r=rOprNGfwEbeRWgbNEkqO%hvY,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
            "", "e=other-error"})
        void badServerFirstIsRefused(String serverFirst) throws SaslException {
            SaslClientMechanism client = started();
            assertThrows(SaslException.class, () -> client.respond(b(serverFirst)));
            assertFalse(client.isComplete());
        }

        @Test
        void badServerSignatureIsRefusedEitherWay() throws SaslException {
            String serverFirst = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
            String forged = "v=7rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";
            SaslClientMechanism viaSuccess = started();
            viaSuccess.respond(b(serverFirst));
            assertFalse(viaSuccess.verifyServerFinal(b(forged)));
            assertFalse(viaSuccess.verifyServerFinal(new byte[0]), "a failed check stays failed");
            assertFalse(viaSuccess.isComplete());

            SaslClientMechanism viaChallenge = started();
            viaChallenge.respond(b(serverFirst));
            assertThrows(SaslException.class, () -> viaChallenge.respond(b(forged)));
            assertFalse(viaChallenge.isComplete());

            for (String bad : List.of("e=invalid-proof", "", "v=", "v=not base64")) {
                SaslClientMechanism client = started();
                client.respond(b(serverFirst));
                assertFalse(client.verifyServerFinal(b(bad)), bad);
            }
        }

        @Test
        void successWithoutServerFinalIsNotTrusted() throws SaslException {
            SaslClientMechanism client = started();
            client.respond(b("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"));
            assertFalse(client.verifyServerFinal(new byte[0]));
            SaslClientMechanism early = started();
            assertFalse(early.verifyServerFinal(b("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")));
        }

        @Test
        void noChallengeAfterVerification() throws SaslException {
            SaslClientMechanism client = started();
            client.respond(b("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"));
            assertArrayEquals(new byte[0], client.respond(b("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")));
            assertTrue(client.isComplete());
            assertThrows(SaslException.class, () -> client.respond(b("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")));
        }
    }

    @Nested
    class TurnTaking {

        @Test
        void plainAnswersOnlyTheEmptyChallengeOnce() throws SaslException {
            SaslClientMechanism plain = SaslClients.plain("", "u", "p");
            assertThrows(SaslException.class, () -> plain.respond(b("x")));
            assertArrayEquals(b("\0u\0p"), plain.respond(new byte[0]));
            assertTrue(plain.isComplete());
            assertEquals(Optional.empty(), plain.initialResponse());
            assertThrows(SaslException.class, () -> plain.respond(new byte[0]));
        }

        @Test
        void loginAnswersTwice() throws SaslException {
            SaslClientMechanism login = SaslClients.login("u", "p");
            assertEquals(Optional.empty(), login.initialResponse());
            assertArrayEquals(b("u"), login.respond(b("Username:")));
            assertFalse(login.isComplete());
            assertArrayEquals(b("p"), login.respond(b("Password:")));
            assertTrue(login.isComplete());
            assertThrows(SaslException.class, () -> login.respond(b("Password:")));
        }

        @Test
        void cramMd5AnswersOnce() throws SaslException {
            SaslClientMechanism cram = SaslClients.cramMd5("u", "s");
            assertThrows(SaslException.class, () -> cram.respond(new byte[0]));
            cram.respond(b("<1.2@h>"));
            assertThrows(SaslException.class, () -> cram.respond(b("<1.2@h>")));
        }

        @Test
        void bearerAcknowledgesTheErrorOnce() throws SaslException {
            SaslClientMechanism oauth = SaslClients.oauthBearer("u", "t", null, 0);
            assertEquals("n,a=u,\u0001auth=Bearer t\u0001\u0001", new String(oauth.initialResponse().orElseThrow(), UTF_8));
            assertArrayEquals(new byte[] {1}, oauth.respond(b("{\"status\":\"invalid_token\"}")));
            assertThrows(SaslException.class, () -> oauth.respond(b("{}")));
            SaslClientMechanism xoauth2 = SaslClients.xoauth2("u", "t");
            xoauth2.initialResponse();
            assertArrayEquals(new byte[0], xoauth2.respond(b("{\"status\":\"401\"}")));
        }
    }
}
