package org.mailwire.transport.sasl;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mailwire.transport.sasl.Conversation.done;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ServerExchangeTest {

    private static final String HOST = "mail.example";
    private static final String TOKEN = "ya29.token";
    private static final SaslStep MALFORMED = new SaslStep.Failure(FailureReason.MALFORMED);
    private static final SaslStep BAD = new SaslStep.Failure(FailureReason.BAD_CREDENTIALS);
    private static final SaslStep TEMPORARY = new SaslStep.Failure(FailureReason.TEMPORARY);
    private static final SaslStep UNSUPPORTED = new SaslStep.Failure(FailureReason.UNSUPPORTED);
    private static final SaslStep OK_ALICE = new SaslStep.Success("alice", new byte[0]);

    private static final SaslServer SERVER = Conversation.server(new InMemoryUsers().withSharedSecrets()
            .add("alice", "secret").addBearerToken("alice", TOKEN));

    private static SaslServerExchange exchange(SaslMechanism mechanism) {
        return SERVER.start(mechanism, HOST).orElseThrow();
    }

    private static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    private static SaslStep first(SaslMechanism mechanism, String message) {
        return done(exchange(mechanism).start(Optional.of(b(message))));
    }

    private static String repeat(char c, int n) {
        return String.valueOf(c).repeat(n);
    }

    @Nested
    class Plain {

        @ParameterizedTest
        @ValueSource(strings = {"", "\0", "\0\0", "alice\0secret", "\0alice\0secret\0", "\0\0secret", "\0alice\0",
            "\0\0\0", "x\0alice\0sec\0ret", "alice secret"})
        void malformed(String message) {
            assertEquals(MALFORMED, first(SaslMechanism.PLAIN, message));
        }

        @Test
        void invalidUtf8IsMalformed() {
            for (byte[] bad : new byte[][] {{0, 'a', 0, (byte) 0xC3}, {0, (byte) 0xC0, (byte) 0x80, 0, 's'},
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80, 0, 'a', 0, 's'}}) {
                assertEquals(MALFORMED, done(exchange(SaslMechanism.PLAIN).start(Optional.of(bad))), Arrays.toString(bad));
            }
        }

        @Test
        void eachPartMayHave255OctetsAndNotOneMore() {
            String at255 = repeat('u', 255);
            InMemoryUsers users = new InMemoryUsers().add(at255, repeat('p', 255));
            SaslServer server = Conversation.server(users);
            SaslStep ok = done(server.start(SaslMechanism.PLAIN, HOST).orElseThrow()
                    .start(Optional.of(b(at255 + "\0" + at255 + "\0" + repeat('p', 255)))));
            assertEquals(new SaslStep.Success(at255, new byte[0]), ok);
            for (String message : new String[] {repeat('z', 256) + "\0u\0p", "\0" + repeat('u', 256) + "\0p",
                "\0u\0" + repeat('p', 256)}) {
                assertEquals(MALFORMED, done(server.start(SaslMechanism.PLAIN, HOST).orElseThrow()
                        .start(Optional.of(b(message)))));
            }
        }

        @Test
        void limitCountsOctetsNotCharacters() {
            // 128 two-octet characters: 128 chars, 256 octets.
            assertEquals(MALFORMED, first(SaslMechanism.PLAIN, "\0" + repeat('é', 128) + "\0secret"));
        }

        @Test
        void wrongPasswordAndRightOne() {
            assertEquals(BAD, first(SaslMechanism.PLAIN, "\0alice\0Secret"));
            assertEquals(OK_ALICE, first(SaslMechanism.PLAIN, "\0alice\0secret"));
            assertEquals(OK_ALICE, first(SaslMechanism.PLAIN, "alice\0alice\0secret"));
        }
    }

    @Nested
    class Login {

        @Test
        void usernameThenPassword() {
            SaslServerExchange login = exchange(SaslMechanism.LOGIN);
            assertEquals(new SaslStep.Challenge(b("Username:")), done(login.start(Optional.empty())));
            assertEquals(new SaslStep.Challenge(b("Password:")), done(login.respond(b("alice"))));
            assertEquals(OK_ALICE, done(login.respond(b("secret"))));
        }

        @Test
        void initialResponseIsTheUsername() {
            SaslServerExchange login = exchange(SaslMechanism.LOGIN);
            assertEquals(new SaslStep.Challenge(b("Password:")), done(login.start(Optional.of(b("alice")))));
            assertEquals(BAD, done(login.respond(b("wrong"))));
        }

        @Test
        void emptyOrNulOrOverlongValuesAreMalformed() {
            assertEquals(MALFORMED, first(SaslMechanism.LOGIN, ""));
            assertEquals(MALFORMED, first(SaslMechanism.LOGIN, "al\0ice"));
            assertEquals(MALFORMED, first(SaslMechanism.LOGIN, repeat('u', 256)));
            SaslServerExchange login = exchange(SaslMechanism.LOGIN);
            done(login.start(Optional.of(b("alice"))));
            assertEquals(MALFORMED, done(login.respond(new byte[] {(byte) 0xFF})));
        }
    }

    @Nested
    class CramMd5 {

        @Test
        void challengeIsAMessageIdWithTheHostName() {
            SaslStep step = done(exchange(SaslMechanism.CRAM_MD5).start(Optional.empty()));
            String challenge = new String(((SaslStep.Challenge) step).data(), UTF_8);
            assertTrue(challenge.matches("<[0-9]+\\.[0-9]+@mail\\.example>"), challenge);
        }

        @Test
        void challengesDiffer() {
            assertTrue(!done(exchange(SaslMechanism.CRAM_MD5).start(Optional.empty()))
                    .equals(done(exchange(SaslMechanism.CRAM_MD5).start(Optional.empty()))));
        }

        @Test
        void anInitialResponseIsMalformed() {
            assertEquals(MALFORMED, first(SaslMechanism.CRAM_MD5, "alice 0123456789abcdef0123456789abcdef"));
            assertEquals(MALFORMED, done(exchange(SaslMechanism.CRAM_MD5).start(Optional.of(new byte[0]))));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "alice", "alice ", " 0123456789abcdef0123456789abcdef",
            "alice 0123456789ABCDEF0123456789ABCDEF", "alice 0123456789abcdef0123456789abcde",
            "alice 0123456789abcdef0123456789abcdef0", "alice 0123456789abcdeg0123456789abcdef",
            "al\0ce 0123456789abcdef0123456789abcdef", "alice\t0123456789abcdef0123456789abcdef"})
        void malformedResponses(String response) {
            SaslServerExchange cram = exchange(SaslMechanism.CRAM_MD5);
            done(cram.start(Optional.empty()));
            assertEquals(MALFORMED, done(cram.respond(b(response))));
        }

        @Test
        void userNamesMayHoldSpaces() {
            String challenge = "<1.2@mail.example>";
            InMemoryUsers users = new InMemoryUsers().withSharedSecrets().add("Alice Liddell", "secret");
            CramMd5ServerExchange cram = new CramMd5ServerExchange(users, challenge);
            done(cram.start(Optional.empty()));
            String digest = SaslText.hex(CramMd5ServerExchange.hmacMd5(b("secret"), b(challenge)));
            assertEquals(new SaslStep.Success("Alice Liddell", new byte[0]), done(cram.respond(b("Alice Liddell " + digest))));
        }

        @Test
        void userWithoutSharedSecretFails() {
            // Added by credential only: the store has no secret for CRAM-MD5.
            InMemoryUsers users = new InMemoryUsers().withSharedSecrets()
                    .add("carol", ScramCredential.derive("secret", new byte[16], 4096));
            CramMd5ServerExchange cram = new CramMd5ServerExchange(users, "<1.2@h>");
            done(cram.start(Optional.empty()));
            String digest = SaslText.hex(CramMd5ServerExchange.hmacMd5(b("secret"), b("<1.2@h>")));
            assertEquals(BAD, done(cram.respond(b("carol " + digest))));
        }
    }

    @Nested
    class Scram {

        private SaslServerExchange afterClientFirst(String clientFirst) {
            SaslServerExchange scram = exchange(SaslMechanism.SCRAM_SHA_256);
            assertTrue(done(scram.start(Optional.of(b(clientFirst)))) instanceof SaslStep.Challenge);
            return scram;
        }

        private String serverFirst(SaslServerExchange scram, String clientFirst) {
            return new String(((SaslStep.Challenge) done(scram.start(Optional.of(b(clientFirst))))).data(), UTF_8);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "n", "n,", "n,,", "x,,n=alice,r=abc", "n,,n=alice", "n,,r=abc,n=alice",
            "n,,n=,r=abc", "n,,n=alice,r=", "n,,n=al=ice,r=abc", "n,,n=al=2cice,r=abc", "n,b=x,n=alice,r=abc",
            "n,a=,n=alice,r=abc", "n,,n=alice,r=a bc", "n,,n=alice,r=abc,", "n,,n=alice,r=abc,1=x",
            "n,,n=alice,r=abc,x=", "n,,n=alice,r=abc,xy", "n,,n=al\0ice,r=abc", ",,n=alice,r=abc",
            "n,,n=alice,r=abc\u00e9", "N,,n=alice,r=abc"})
        void malformedClientFirst(String message) {
            assertEquals(MALFORMED, first(SaslMechanism.SCRAM_SHA_256, message));
        }

        @Test
        void channelBindingAndMandatoryExtensionsAreUnsupported() {
            assertEquals(UNSUPPORTED, first(SaslMechanism.SCRAM_SHA_256, "p=tls-unique,,n=alice,r=abc"));
            assertEquals(UNSUPPORTED, first(SaslMechanism.SCRAM_SHA_256, "p=tls-exporter,a=alice,n=alice,r=abc"));
            assertEquals(UNSUPPORTED, first(SaslMechanism.SCRAM_SHA_256, "n,,m=ext,n=alice,r=abc"));
        }

        @Test
        void yFlagAndAnExtensionAreAccepted() {
            afterClientFirst("y,,n=alice,r=abc");
            afterClientFirst("n,,n=alice,r=abc,x=future");
            afterClientFirst("n,a=alice,n=alice,r=abc");
        }

        @Test
        void differingAuthorizationIdentityFails() {
            assertEquals(BAD, first(SaslMechanism.SCRAM_SHA_256, "n,a=bob,n=alice,r=abc"));
        }

        @Test
        void clientFinalMustEchoTheHeaderAndNonce() throws SaslException {
            SaslClientMechanism client = SaslClients.scramSha256WithNonce("", "alice", "secret", "abc");
            SaslServerExchange scram = exchange(SaslMechanism.SCRAM_SHA_256);
            String serverFirst = new String(((SaslStep.Challenge) done(scram.start(client.initialResponse()))).data(), UTF_8);
            String good = new String(client.respond(b(serverFirst)), UTF_8);
            String nonce = serverFirst.substring(2, serverFirst.indexOf(','));
            // "eSws" is base64("y,,"): a flipped flag, the downgrade RFC 5802 §6 guards against.
            String[] bad = {good.replace("c=biws", "c=eSws"), good.replace("r=" + nonce, "r=" + nonce + "x"),
                good.replace("r=" + nonce, "r=abc"), good.substring(0, good.indexOf(",p=")), good + "=",
                good.replace(",p=", ",p=AAAA"), good.replace("c=biws,", ""), good.replace("c=biws", "c=biws=")};
            for (String message : bad) {
                SaslServerExchange again = exchange(SaslMechanism.SCRAM_SHA_256);
                SaslClientMechanism replay = SaslClients.scramSha256WithNonce("", "alice", "secret", "abc");
                done(again.start(replay.initialResponse()));
                assertEquals(MALFORMED, done(again.respond(b(message))), message);
            }
        }

        @Test
        void wrongProofIsBadCredentials() throws SaslException {
            SaslClientMechanism client = SaslClients.scramSha256("", "alice", "not secret");
            SaslServerExchange scram = exchange(SaslMechanism.SCRAM_SHA_256);
            SaslStep challenge = done(scram.start(client.initialResponse()));
            assertEquals(BAD, done(scram.respond(client.respond(((SaslStep.Challenge) challenge).data()))));
        }

        @Test
        void emptyInitialResponseIsMalformedButNoneAsksForClientFirst() {
            assertEquals(MALFORMED, done(exchange(SaslMechanism.SCRAM_SHA_256).start(Optional.of(new byte[0]))));
            SaslServerExchange scram = exchange(SaslMechanism.SCRAM_SHA_256);
            assertEquals(new SaslStep.Challenge(new byte[0]), done(scram.start(Optional.empty())));
            assertTrue(done(scram.respond(b("n,,n=alice,r=abc"))) instanceof SaslStep.Challenge);
        }
    }

    @Nested
    class Bearer {

        @ParameterizedTest
        @ValueSource(strings = {"", "\u0001", "user=alice\u0001auth=Bearer ya29.token\u0001",
            "user=alice\u0001auth=Bearer ya29.token", "auth=Bearer ya29.token\u0001user=alice\u0001\u0001",
            "user=\u0001auth=Bearer ya29.token\u0001\u0001", "user=alice\u0001auth=Basic ya29.token\u0001\u0001",
            "user=alice\u0001auth=Bearer\u0001\u0001", "user=alice\u0001auth=Bearerya29.token\u0001\u0001",
            "user=alice\u0001auth=Bearer ya29 token\u0001\u0001", "user=alice\u0001auth=Bearer =x\u0001\u0001",
            "user=alice\u0001host=x\u0001auth=Bearer ya29.token\u0001\u0001", "user=al\rice\u0001auth=Bearer t\u0001\u0001"})
        void malformedXoauth2(String message) {
            assertEquals(MALFORMED, first(SaslMechanism.XOAUTH2, message));
        }

        @Test
        void xoauth2SchemeIsCaseInsensitive() {
            assertEquals(OK_ALICE, first(SaslMechanism.XOAUTH2, "user=alice\u0001auth=bearer ya29.token\u0001\u0001"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "\u0001", "n,,\u0001\u0001", "n,,auth=Bearer ya29.token\u0001\u0001",
            "n,,\u0001auth=Bearer ya29.token\u0001", "n,,\u0001auth=Bearer ya29.token", "x,,\u0001auth=Bearer t\u0001\u0001",
            "n,a=,\u0001auth=Bearer ya29.token\u0001\u0001", "n,u=alice,\u0001auth=Bearer ya29.token\u0001\u0001",
            "n,,\u0001host=a\u0001host=b\u0001auth=Bearer ya29.token\u0001\u0001",
            "n,,\u0001auth=Bearer ya29.token\u0001auth=Bearer ya29.token\u0001\u0001",
            "n,,\u0001h0st=a\u0001auth=Bearer ya29.token\u0001\u0001", "n,,\u0001=a\u0001auth=Bearer ya29.token\u0001\u0001",
            "n,,\u0001host\u0001auth=Bearer ya29.token\u0001\u0001", "n,,\u0001host=\u00e9\u0001auth=Bearer ya29.token\u0001\u0001",
            "n,,\u0001auth=Bearer ya29.token\u0001\u0001\u0001", "n,a=al=ice,\u0001auth=Bearer ya29.token\u0001\u0001",
            "n,,\u0001host=a\u0001\u0001"})
        void malformedOauthBearer(String message) {
            assertEquals(MALFORMED, first(SaslMechanism.OAUTHBEARER, message));
        }

        @Test
        void oauthBearerIgnoresUnknownKeysAndAcceptsY() {
            assertEquals(OK_ALICE, first(SaslMechanism.OAUTHBEARER,
                    "y,a=alice,\u0001future=x y\u0001auth=Bearer ya29.token\u0001\u0001"));
        }

        @Test
        void oauthBearerChannelBindingIsUnsupported() {
            assertEquals(UNSUPPORTED, first(SaslMechanism.OAUTHBEARER, "p=tls-unique,,\u0001auth=Bearer ya29.token\u0001\u0001"));
        }

        @Test
        void errorChallengeThenOnlyTheRightAcknowledgementEndsInBadCredentials() {
            String wrong = "n,a=alice,\u0001auth=Bearer ya29.wrong\u0001\u0001";
            SaslServerExchange bearer = exchange(SaslMechanism.OAUTHBEARER);
            SaslStep error = done(bearer.start(Optional.of(b(wrong))));
            assertEquals(new SaslStep.Challenge(b("{\"status\":\"invalid_token\",\"schemes\":\"bearer\"}")), error);
            assertEquals(BAD, done(bearer.respond(b("\u0001"))));

            SaslServerExchange other = exchange(SaslMechanism.OAUTHBEARER);
            done(other.start(Optional.of(b(wrong))));
            assertEquals(MALFORMED, done(other.respond(new byte[0])));

            SaslServerExchange xoauth2 = exchange(SaslMechanism.XOAUTH2);
            SaslStep xerror = done(xoauth2.start(Optional.of(b("user=alice\u0001auth=Bearer ya29.wrong\u0001\u0001"))));
            assertEquals(new SaslStep.Challenge(b("{\"status\":\"401\",\"schemes\":\"bearer\"}")), xerror);
            assertEquals(BAD, done(xoauth2.respond(new byte[0])));
        }
    }

    @Nested
    class Bounds {

        @ParameterizedTest
        @EnumSource(SaslMechanism.class)
        void aMessageOverTwelveKibibytesIsMalformed(SaslMechanism mechanism) {
            byte[] huge = new byte[SaslServer.MAX_MESSAGE_LENGTH + 1];
            Arrays.fill(huge, (byte) 'a');
            assertEquals(MALFORMED, done(exchange(mechanism).start(Optional.of(huge))));
            SaslServerExchange exchange = exchange(mechanism);
            done(exchange.start(Optional.empty()));
            assertEquals(MALFORMED, done(exchange.respond(huge)));
        }

        @Test
        void aBearerTokenOfTwelveKibibytesIsFine() {
            String token = "t".repeat(SaslServer.MAX_MESSAGE_LENGTH - 40);
            SaslServer server = Conversation.server(new InMemoryUsers().addBearerToken("alice", token));
            String message = "user=alice\u0001auth=Bearer " + token + "\u0001\u0001";
            assertTrue(b(message).length <= SaslServer.MAX_MESSAGE_LENGTH);
            assertEquals(OK_ALICE, done(server.start(SaslMechanism.XOAUTH2, HOST).orElseThrow().start(Optional.of(b(message)))));
        }
    }

    @Nested
    class TurnTaking {

        @Test
        void startTwiceRespondEarlyAndRespondAfterTheEndAreCallerBugs() {
            SaslServerExchange plain = exchange(SaslMechanism.PLAIN);
            assertThrows(IllegalStateException.class, () -> plain.respond(b("\0alice\0secret")));
            done(plain.start(Optional.empty()));
            assertThrows(IllegalStateException.class, () -> plain.start(Optional.empty()));
            done(plain.respond(b("\0alice\0secret")));
            assertThrows(IllegalStateException.class, () -> plain.respond(b("\0alice\0secret")));
        }

        @Test
        void respondingWhileAStepIsPendingIsACallerBug() {
            CompletableFuture<AuthResult> later = new CompletableFuture<>();
            SaslServerExchange plain = Conversation.server((authzid, user, password) -> later)
                    .start(SaslMechanism.PLAIN, HOST).orElseThrow();
            CompletionStage<SaslStep> pending = plain.start(Optional.of(b("\0alice\0secret")));
            assertThrows(IllegalStateException.class, () -> plain.respond(b("x")));
            later.complete(AuthResult.success("alice"));
            assertEquals(OK_ALICE, done(pending));
        }

        @Test
        void theExchangeKeepsItsOwnCopyOfTheInput() {
            byte[] message = b("\0alice\0secret");
            SaslServerExchange plain = exchange(SaslMechanism.PLAIN);
            CompletionStage<SaslStep> step = plain.start(Optional.of(message));
            Arrays.fill(message, (byte) 0);
            assertEquals(OK_ALICE, done(step));
        }
    }

    @Nested
    class AuthenticatorTrouble {

        private SaslStep plainWith(Authenticator authenticator) {
            return done(Conversation.server(authenticator).start(SaslMechanism.PLAIN, HOST).orElseThrow()
                    .start(Optional.of(b("\0alice\0secret"))));
        }

        private Authenticator passwords(Supplier<CompletionStage<AuthResult>> answer) {
            return (authzid, user, password) -> answer.get();
        }

        @Test
        void temporaryFailure() {
            assertEquals(TEMPORARY, plainWith(passwords(() -> CompletableFuture.completedFuture(AuthResult.temporaryFailure()))));
        }

        @Test
        void exceptionalStageThrowNullStageAndNullResultAreTemporary() {
            assertEquals(TEMPORARY, plainWith(passwords(() -> CompletableFuture.failedFuture(new IllegalStateException("db")))));
            assertEquals(TEMPORARY, plainWith(passwords(() -> {
                throw new IllegalStateException("db");
            })));
            assertEquals(TEMPORARY, plainWith(passwords(() -> null)));
            assertEquals(TEMPORARY, plainWith(passwords(() -> CompletableFuture.completedFuture(null))));
        }

        @Test
        void stageCompletingLaterOnAnotherThread() throws Exception {
            CompletableFuture<AuthResult> later = new CompletableFuture<>();
            CompletionStage<SaslStep> step = Conversation.server(passwords(() -> later)).start(SaslMechanism.PLAIN, HOST)
                    .orElseThrow().start(Optional.of(b("\0alice\0secret")));
            Thread completer = new Thread(() -> later.complete(AuthResult.success("alice")));
            completer.start();
            completer.join();
            assertEquals(OK_ALICE, step.toCompletableFuture().get());
        }

        @Test
        void unsupportedOperationBecomesUnsupported() {
            assertEquals(UNSUPPORTED, plainWith(passwords(
                    () -> CompletableFuture.failedFuture(new UnsupportedOperationException()))));
        }

        @Test
        void scramLookupFailureIsTemporary() {
            Authenticator broken = new Authenticator() {
                @Override
                public CompletionStage<AuthResult> checkPassword(String a, String u, String p) {
                    return CompletableFuture.completedFuture(AuthResult.failure());
                }

                @Override
                public boolean supportsScram() {
                    return true;
                }

                @Override
                public CompletionStage<Optional<ScramCredential>> scramCredential(String username) {
                    return CompletableFuture.failedFuture(new RuntimeException("ldap down"));
                }
            };
            assertEquals(TEMPORARY, done(Conversation.server(broken).start(SaslMechanism.SCRAM_SHA_256, HOST).orElseThrow()
                    .start(Optional.of(b("n,,n=alice,r=abc")))));
        }

        @Test
        void aStoreThatSaysItSupportsScramButKeepsTheDefaultIsUnsupported() {
            Authenticator liar = new Authenticator() {
                @Override
                public CompletionStage<AuthResult> checkPassword(String a, String u, String p) {
                    return CompletableFuture.completedFuture(AuthResult.failure());
                }

                @Override
                public boolean supportsScram() {
                    return true;
                }
            };
            assertEquals(UNSUPPORTED, done(Conversation.server(liar).start(SaslMechanism.SCRAM_SHA_256, HOST).orElseThrow()
                    .start(Optional.of(b("n,,n=alice,r=abc")))));
        }
    }
}
