package org.mailwire.transport.sasl;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mailwire.transport.sasl.Conversation.done;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * No client input makes a server exchange throw or complete exceptionally; bad input only ever
 * ends in a Failure, and a tampered SCRAM proof never authenticates.
 */
class ServerExchangeProperties {

    private static final String HOST = "mail.example";
    private static final String TOKEN = "ya29.token";
    private static final InMemoryUsers USERS = new InMemoryUsers().withSharedSecrets()
            .add("alice", "secret").addBearerToken("alice", TOKEN);
    private static final SaslServer SERVER = Conversation.server(USERS);

    /**
     * Supports every mechanism and answers at once without key stretching, for the properties
     * that run tens of thousands of exchanges: they are about the parsers, not the store.
     */
    private static final SaslServer CHEAP_SERVER = Conversation.server(new Authenticator() {
        @Override
        public CompletionStage<AuthResult> checkPassword(String authorizationId, String username, String password) {
            return CompletableFuture.completedFuture(AuthResult.failure());
        }

        @Override
        public CompletionStage<Optional<ScramCredential>> scramCredential(String username) {
            return CompletableFuture.completedFuture(Optional.empty());
        }

        @Override
        public boolean supportsScram() {
            return true;
        }

        @Override
        public CompletionStage<Optional<String>> sharedSecret(String username) {
            return CompletableFuture.completedFuture(Optional.of("secret"));
        }

        @Override
        public boolean supportsSharedSecret() {
            return true;
        }

        @Override
        public CompletionStage<AuthResult> checkBearerToken(String authorizationId, String username, String token) {
            return CompletableFuture.completedFuture(AuthResult.failure());
        }

        @Override
        public boolean supportsBearerTokens() {
            return true;
        }
    });

    private static final String RFC_CLIENT_FIRST = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
    private static final String RFC_CLIENT_FINAL = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
            + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    private static final InMemoryUsers RFC_USER = new InMemoryUsers().add("user",
            ScramCredential.derive("pencil", Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096));

    private static final List<byte[]> VALID_FIRST_MESSAGES = List.of(
            b("\0alice\0secret"), b("alice\0alice\0secret"), b("alice"),
            b("alice 0123456789abcdef0123456789abcdef"), b(RFC_CLIENT_FIRST), b("y,a=alice,n=alice,r=abc,x=1"),
            b("user=alice\u0001auth=Bearer ya29.token\u0001\u0001"),
            b("n,a=alice,\u0001host=h\u0001port=1\u0001auth=Bearer ya29.token\u0001\u0001"));

    private static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    /** Feeds the messages in turn while the server keeps asking; every step must be a clean step. */
    private static SaslStep converse(SaslServerExchange exchange, Optional<byte[]> initial, List<byte[]> responses) {
        SaslStep step = done(exchange.start(initial));
        for (byte[] response : responses) {
            if (!(step instanceof SaslStep.Challenge)) {
                break;
            }
            step = done(exchange.respond(response));
        }
        return step;
    }

    @Property
    void arbitraryBytesNeverThrow(@ForAll SaslMechanism mechanism, @ForAll boolean initialResponse,
            @ForAll @Size(max = 4) List<@Size(max = 300) byte[]> messages) {
        SaslServerExchange exchange = SERVER.start(mechanism, HOST).orElseThrow();
        Optional<byte[]> initial = initialResponse && !messages.isEmpty() ? Optional.of(messages.get(0)) : Optional.empty();
        List<byte[]> rest = initial.isPresent() ? messages.subList(1, messages.size()) : messages;
        SaslStep step = converse(exchange, initial, rest);
        if (step instanceof SaslStep.Success success) {
            // Only a message that really carries alice's secret can get here.
            assertEquals("alice", success.identity());
        }
    }

    @Property
    void nearValidMessagesNeverThrow(@ForAll SaslMechanism mechanism, @ForAll("nearValid") byte[] message,
            @ForAll("nearValid") byte[] second) {
        SaslServerExchange exchange = SERVER.start(mechanism, HOST).orElseThrow();
        converse(exchange, Optional.of(message), List.of(second, second));
        SaslServerExchange asked = SERVER.start(mechanism, HOST).orElseThrow();
        converse(asked, Optional.empty(), List.of(message, second));
    }

    /**
     * Messages assembled from the mechanisms' own tokens reach the corners random bytes miss:
     * short headers, doubled separators, a key without a value.
     */
    @Property(tries = 3000)
    void grammarFragmentsNeverThrow(@ForAll SaslMechanism mechanism, @ForAll("fragments") String message,
            @ForAll("fragments") String second) {
        SaslServerExchange exchange = CHEAP_SERVER.start(mechanism, HOST).orElseThrow();
        converse(exchange, Optional.of(b(message)), List.of(b(second), b(second)));
        SaslServerExchange asked = CHEAP_SERVER.start(mechanism, HOST).orElseThrow();
        converse(asked, Optional.empty(), List.of(b(message), b(second)));
    }

    /**
     * Every sequence of up to four structural tokens, for every mechanism: the short, exact
     * shapes (such as {@code "n,,^A^A"}) that random generation is unlikely to hit.
     */
    @Property(generation = GenerationMode.EXHAUSTIVE, tries = 30_000)
    void everyShortTokenSequenceNeverThrows(@ForAll("shortTokenSequences") String message) {
        for (SaslMechanism mechanism : SaslMechanism.values()) {
            SaslServerExchange exchange = CHEAP_SERVER.start(mechanism, HOST).orElseThrow();
            converse(exchange, Optional.of(b(message)), List.of(b(message)));
        }
    }

    @Property
    void aTamperedScramClientFinalNeverAuthenticates(@ForAll("tamperedClientFinal") byte[] clientFinal) {
        ScramServerExchange server = new ScramServerExchange(RFC_USER,
                new UnknownUserScram(Conversation.SECRET, 16, 4096), "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0");
        assertTrue(done(server.start(Optional.of(b(RFC_CLIENT_FIRST)))) instanceof SaslStep.Challenge);
        SaslStep step = done(server.respond(clientFinal));
        if (step instanceof SaslStep.Success) {
            assertArrayEquals(b(RFC_CLIENT_FINAL), clientFinal);
        } else {
            assertTrue(step instanceof SaslStep.Failure);
        }
    }

    @Property
    void plainWithoutExactlyTwoNulsIsMalformed(@ForAll @Size(max = 600) byte[] message) {
        Assume.that(SaslText.count(message, (byte) 0) != 2);
        SaslServerExchange plain = SERVER.start(SaslMechanism.PLAIN, HOST).orElseThrow();
        assertEquals(new SaslStep.Failure(FailureReason.MALFORMED), done(plain.start(Optional.of(message))));
    }

    @Property
    void plainMessagesRoundTrip(@ForAll("plainPart") String authzid, @ForAll("plainPart") String authcid,
            @ForAll("plainPart") String password) {
        Assume.that(!authcid.isEmpty() && !password.isEmpty());
        PlainMessage message = new PlainMessage(authzid, authcid, password);
        assertEquals(Optional.of(message), PlainMessage.parse(message.encode()));
    }

    @Property
    void saslNamesRoundTrip(@ForAll @StringLength(min = 1, max = 40) String name) {
        Assume.that(name.indexOf('\0') < 0);
        String escaped = ScramMessages.escape(name);
        assertTrue(escaped.indexOf(',') < 0);
        assertEquals(Optional.of(name), ScramMessages.unescape(escaped));
    }

    @Property(tries = 40)
    void scramClientAndServerAgreeOnAnyNameAndPassword(@ForAll("name") String user, @ForAll("secret") String password)
            throws SaslException {
        Assume.that(!SaslPrepLite.prepare(password).isEmpty());
        InMemoryUsers users = new InMemoryUsers().add(user, password);
        SaslServerExchange server = Conversation.server(users).start(SaslMechanism.SCRAM_SHA_256, HOST).orElseThrow();
        Conversation.Outcome outcome = Conversation.run(SaslClients.scramSha256(user, user, password), server);
        assertEquals(new SaslStep.Success(user, ((SaslStep.Success) outcome.last()).additionalData()), outcome.last());
        assertTrue(outcome.serverVerified());
    }

    @Provide
    Arbitrary<byte[]> nearValid() {
        return mutationsOf(Arbitraries.of(VALID_FIRST_MESSAGES));
    }

    @Provide
    Arbitrary<String> fragments() {
        return Arbitraries.of("n", "y", "p=tls-unique", ",", ",,", "=", "a=alice", "a=", "n=alice", "n=", "r=abc", "r=",
                "m=x", "c=biws", "c=", "p=", "s=", "i=4096", "i=", "x=y", "\u0001", "\u0001\u0001", "auth=Bearer ya29.token",
                "auth=", "Bearer", " ", "host=h", "port=1", "user=alice", "user=", "alice", "\0", "0123456789abcdef",
                "=2C", "=3D", "=2", "\u00e9", "\r\n")
                .list().ofMaxSize(10).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<String> shortTokenSequences() {
        return Arbitraries.of("n", ",", ",,", "\u0001", "\u0001\u0001", "=", "a=x", "p=", "\0", "r=a",
                "auth=Bearer t", "alice 0123456789abcdef0123456789abcdef")
                .list().ofMaxSize(4).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<byte[]> tamperedClientFinal() {
        return mutationsOf(Arbitraries.just(b(RFC_CLIENT_FINAL)));
    }

    /** Up to six replacements, insertions or deletions, with bytes that matter to these grammars. */
    private static Arbitrary<byte[]> mutationsOf(Arbitrary<byte[]> originals) {
        Arbitrary<Byte> interesting = Arbitraries.oneOf(Arbitraries.of((byte) 0, (byte) 1, (byte) ',', (byte) '=',
                (byte) ' ', (byte) 'a', (byte) 'p', (byte) '\r', (byte) 0xC3, (byte) 0xFF), Arbitraries.bytes());
        return Combinators.combine(originals, Arbitraries.integers().between(0, 1 << 16).list().ofMinSize(1).ofMaxSize(6),
                interesting.list().ofMinSize(1).ofMaxSize(6)).as(ServerExchangeProperties::mutate);
    }

    private static byte[] mutate(byte[] original, List<Integer> edits, List<Byte> values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] current = original;
        for (int i = 0; i < edits.size(); i++) {
            int at = edits.get(i) % (current.length + 1);
            byte value = values.get(i % values.size());
            out.reset();
            out.write(current, 0, at);
            switch (edits.get(i) % 3) {
                case 0 -> {
                    out.write(value);
                    out.write(current, Math.min(at + 1, current.length), current.length - Math.min(at + 1, current.length));
                }
                case 1 -> {
                    out.write(value);
                    out.write(current, at, current.length - at);
                }
                default -> out.write(current, Math.min(at + 1, current.length), current.length - Math.min(at + 1, current.length));
            }
            current = out.toByteArray();
        }
        return current;
    }

    @Provide
    Arbitrary<String> plainPart() {
        return Arbitraries.strings().all().excludeChars('\0').ofMaxLength(60)
                .filter(s -> SaslText.utf8(SaslText.utf8(s)).map(s::equals).orElse(false));
    }

    @Provide
    Arbitrary<String> name() {
        return Arbitraries.strings().withCharRange('!', '~').withChars('é', 'ß', ',', '=', ' ').ofMinLength(1).ofMaxLength(20)
                .filter(s -> !s.isBlank());
    }

    @Provide
    Arbitrary<String> secret() {
        return Arbitraries.strings().withCharRange(' ', '~').withChars('é', '\u00A0', '\u00AD', '\u2168', 'ﬁ')
                .ofMinLength(1).ofMaxLength(20);
    }
}
