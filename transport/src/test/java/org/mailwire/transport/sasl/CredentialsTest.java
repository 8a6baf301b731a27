package org.mailwire.transport.sasl;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** ScramCredential, SASLprep-lite, InMemoryUsers and the secret-free toString of everything. */
class CredentialsTest {

    private static <T> T now(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    @Nested
    class Credential {

        @Test
        void rfc7677KeysDerivedFromPencil() {
            ScramCredential c = ScramCredential.derive("pencil", Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);
            assertEquals(4096, c.iterations());
            assertEquals(32, c.storedKey().length);
            assertEquals(c, ScramCredential.derive("pencil", Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096));
        }

        @Test
        void copiesDefensively() {
            byte[] salt = new byte[16];
            ScramCredential c = ScramCredential.derive("pencil", salt, 4096);
            salt[0] = 9;
            c.salt()[0] = 9;
            c.storedKey()[0] ^= 1;
            assertArrayEquals(new byte[16], c.salt());
            assertEquals(c, ScramCredential.derive("pencil", new byte[16], 4096));
        }

        @Test
        void refusesWeakOrBrokenParameters() {
            assertThrows(IllegalArgumentException.class, () -> ScramCredential.derive("p", new byte[16], 4095));
            assertThrows(IllegalArgumentException.class, () -> ScramCredential.derive("p", new byte[0], 4096));
            assertThrows(IllegalArgumentException.class, () -> ScramCredential.derive("", new byte[16], 4096));
            assertThrows(IllegalArgumentException.class, () -> new ScramCredential(new byte[16], 4096, new byte[31], new byte[32]));
            assertThrows(IllegalArgumentException.class, () -> new ScramCredential(new byte[16], 1, new byte[32], new byte[32]));
        }

        @Test
        void toStringHidesTheKeys() {
            ScramCredential c = ScramCredential.derive("pencil", new byte[16], 4096);
            assertEquals("ScramCredential[salt=16 octets, iterations=4096]", c.toString());
        }
    }

    @Nested
    class SaslPrep {

        @Test
        void asciiIsUntouched() {
            String ascii = "Pa ss\tW0rd!~";
            assertTrue(ascii == SaslPrepLite.prepare(ascii));
        }

        @Test
        void mappingThenNfkc() {
            assertEquals("IX", SaslPrepLite.prepare("I\u00ADX"));
            assertEquals("a b", SaslPrepLite.prepare("a\u00A0b"));
            assertEquals("a b", SaslPrepLite.prepare("a\u3000b"));
            assertEquals("ab", SaslPrepLite.prepare("a\u200Bb"), "U+200B is removed, not a space");
            assertEquals("IX", SaslPrepLite.prepare("\u2168"), "ROMAN NUMERAL NINE, NFKC");
            assertEquals("\u00E9", SaslPrepLite.prepare("e\u0301"), "composed");
            assertEquals("", SaslPrepLite.prepare("\uFEFF"));
        }

        @Test
        void equivalentPasswordsGiveOneCredential() {
            assertEquals(ScramCredential.derive("I\u00ADX", new byte[16], 4096), ScramCredential.derive("\u2168", new byte[16], 4096));
        }
    }

    @Nested
    class Users {

        private final InMemoryUsers users = new InMemoryUsers().withSharedSecrets().add("alice", "secret")
                .addBearerToken("alice", "tok");

        @Test
        void passwordsAndAuthorizationIdentities() {
            assertEquals(AuthResult.success("alice"), now(users.checkPassword("", "alice", "secret")));
            assertEquals(AuthResult.success("alice"), now(users.checkPassword("alice", "alice", "secret")));
            assertEquals(AuthResult.failure(), now(users.checkPassword("bob", "alice", "secret")));
            assertEquals(AuthResult.failure(), now(users.checkPassword("", "alice", "Secret")));
            assertEquals(AuthResult.failure(), now(users.checkPassword("", "bob", "secret")));
            assertEquals(AuthResult.failure(), now(users.checkPassword("", "alice", "")));
        }

        @Test
        void sharedSecretsOnlyWhenAskedBeforeAdding() {
            assertEquals(Optional.of("secret"), now(users.sharedSecret("alice")));
            assertTrue(users.supportsSharedSecret());
            InMemoryUsers plain = new InMemoryUsers().add("alice", "secret");
            assertFalse(plain.supportsSharedSecret());
            assertThrows(IllegalStateException.class, plain::withSharedSecrets);
        }

        @Test
        void bearerTokens() {
            assertFalse(new InMemoryUsers().supportsBearerTokens());
            assertTrue(users.supportsBearerTokens());
            assertEquals(AuthResult.success("alice"), now(users.checkBearerToken("", "alice", "tok")));
            assertEquals(AuthResult.success("alice"), now(users.checkBearerToken("", "", "tok")));
            assertEquals(AuthResult.failure(), now(users.checkBearerToken("", "bob", "tok")));
            assertEquals(AuthResult.failure(), now(users.checkBearerToken("", "alice", "other")));
        }

        @Test
        void removeForgetsUserAndTokens() {
            users.remove("alice");
            assertEquals(AuthResult.failure(), now(users.checkPassword("", "alice", "secret")));
            assertEquals(AuthResult.failure(), now(users.checkBearerToken("", "", "tok")));
            assertEquals(Optional.empty(), now(users.scramCredential("alice")));
        }

        @Test
        void freshSaltPerUser() {
            InMemoryUsers two = new InMemoryUsers().add("a", "same").add("b", "same");
            assertNotEquals(now(two.scramCredential("a")).orElseThrow(), now(two.scramCredential("b")).orElseThrow());
            assertEquals(16, now(two.scramCredential("a")).orElseThrow().salt().length);
        }
    }

    @Nested
    class SecretFreeText {

        @Test
        void stepsAndMessagesDoNotPrintTheirBytes() {
            byte[] secret = "hunter2".getBytes(UTF_8);
            assertFalse(new SaslStep.Challenge(secret).toString().contains("hunter2"));
            assertFalse(new SaslStep.Success("alice", secret).toString().contains("hunter2"));
            assertFalse(new PlainMessage("", "alice", "hunter2").toString().contains("hunter2"));
            assertFalse(new BearerMessage("alice", "hunter2").toString().contains("hunter2"));
        }

        @Test
        void stepsCompareByContent() {
            assertEquals(new SaslStep.Challenge(new byte[] {1}), new SaslStep.Challenge(new byte[] {1}));
            assertEquals(new SaslStep.Challenge(new byte[] {1}).hashCode(), new SaslStep.Challenge(new byte[] {1}).hashCode());
            assertNotEquals(new SaslStep.Success("a", new byte[] {1}), new SaslStep.Success("a", new byte[] {2}));
            assertThrows(IllegalArgumentException.class, () -> AuthResult.success(""));
        }
    }
}
