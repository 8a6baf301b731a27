package org.mailwire.pop3.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mailwire.pop3.client.ClientFixtures.await;
import static org.mailwire.pop3.client.ClientFixtures.failure;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mailwire.pop3.ScanListing;
import org.mailwire.pop3.UniqueId;
import org.mailwire.pop3.server.InMemoryMaildropStore;
import org.mailwire.pop3.server.Pop3Server;
import org.mailwire.transport.sasl.InMemoryUsers;
import org.mailwire.transport.testing.TestTls;

/** Our client against our server, over STLS on loopback: every login method, pipelining, a 5 MB message. */
class Pop3ClientServerTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final String TOKEN = "ya29.a0Af-token";
    private static final String UTF8_USER = "jörg";
    private static final String UTF8_PASSWORD = "pässwörd 秘密";

    private InMemoryMaildropStore store;
    private Pop3Server server;
    private final List<String> uids = new ArrayList<>();

    @BeforeEach
    void start() {
        store = new InMemoryMaildropStore();
        InMemoryUsers users = new InMemoryUsers().withSharedSecrets().add("alice", PASSWORD)
                .addBearerToken("alice", TOKEN).add(UTF8_USER, UTF8_PASSWORD);
        server = Pop3Server.builder()
                .hostname("localhost")
                .bindAddress(InetAddress.getLoopbackAddress())
                .port(0)
                .startTls(TestTls.SERVER)
                .authenticator(users)
                .authFailures(Duration.ZERO, 10)
                .maildropStore(store)
                .start();
        uids.add(store.add("alice", ascii("Subject: one\r\n\r\n.starts with a dot\r\n..two dots\r\n.\r\nend\r\n")));
        uids.add(store.add("alice", ascii("Subject: two\r\n\r\nsecond body\r\n")));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Pop3ClientOptions.Builder alice() {
        return ClientFixtures.plain().startTlsPolicy(StartTlsPolicy.REQUIRED).clientTls(TestTls.CLIENT)
                .password("alice", PASSWORD);
    }

    private Pop3Client connect(Pop3ClientOptions options) throws Exception {
        return await(Pop3Client.connect(ClientFixtures.loopback(server.port()), "localhost", options));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** STLS, then SCRAM-SHA-256 (preferred by default), whose server signature the client checks. */
    @Test
    void stlsAndScramThenTheMaildrop() throws Exception {
        Pop3Client client = connect(alice().loginMethods(List.of(Pop3LoginMethod.SCRAM_SHA_256)).build());

        assertTrue(client.isSecure());
        assertTrue(client.isAuthenticated());
        assertFalse(client.capabilities().stls(), "the CAPA inside TLS lists no STLS");
        assertEquals(2, await(client.stat()).messages());
        assertEquals(List.of(new UniqueId(1, uids.get(0)), new UniqueId(2, uids.get(1))), await(client.uidl()));
        assertArrayEquals(store.messages("alice").get(0), await(client.retrieve(1, 1 << 20)),
                "dot-stuffed by the server, unstuffed by the client: the message as stored");
        assertTrue(await(client.quit()));
    }

    @ParameterizedTest
    @EnumSource(value = Pop3LoginMethod.class, names = {"SCRAM_SHA_256", "CRAM_MD5", "APOP", "PLAIN", "USER_PASS"})
    void everyPasswordMethod(Pop3LoginMethod method) throws Exception {
        Pop3Client client = connect(alice().loginMethods(List.of(method)).allowApop(true).build());

        assertTrue(client.isAuthenticated());
        assertTrue(client.apopTimestamp().isPresent(), "a server with shared secrets offers APOP");
        assertEquals(2, await(client.list()).size());
        assertTrue(await(client.quit()));
    }

    @ParameterizedTest
    @EnumSource(value = Pop3LoginMethod.class, names = {"OAUTHBEARER", "XOAUTH2"})
    void everyTokenMethod(Pop3LoginMethod method) throws Exception {
        Pop3Client client = connect(alice().oauthToken("alice", TOKEN).loginMethods(List.of(method)).build());

        assertTrue(client.isAuthenticated());
        assertTrue(await(client.quit()));
    }

    @Test
    void wrongPasswordIsRefused() throws Exception {
        Pop3AuthenticationException refused = failure(Pop3AuthenticationException.class, Pop3Client.connect(
                ClientFixtures.loopback(server.port()), "localhost", alice().password("alice", "wrong").build()));
        assertTrue(refused.status().isPresent());
    }

    /** One session per maildrop (RFC 1939 §8): the second login gets a typed [IN-USE]. */
    @Test
    void secondSessionFindsTheMaildropInUse() throws Exception {
        Pop3Client first = connect(alice().build());
        MaildropInUseException inUse = failure(MaildropInUseException.class, Pop3Client.connect(
                ClientFixtures.loopback(server.port()), "localhost", alice().build()));
        assertTrue(inUse.isTransient());
        assertTrue(await(first.quit()));
    }

    /** Many commands pipelined at once (the server lists PIPELINING), answered in order. */
    @Test
    void pipelinedCommandsAnsweredInOrder() throws Exception {
        Pop3Client client = connect(alice().build());
        assertTrue(client.isPipelining());

        List<CompletionStage<List<ScanListing>>> lists = new ArrayList<>();
        List<CompletionStage<UniqueId>> single = new ArrayList<>();
        List<CompletionStage<byte[]>> bodies = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            lists.add(client.list());
            single.add(client.uidl(1 + i % 2));
            bodies.add(client.retrieve(1 + i % 2, 1 << 20));
        }
        for (int i = 0; i < 100; i++) {
            assertEquals(2, await(lists.get(i)).size());
            assertEquals(uids.get(i % 2), await(single.get(i)).uid());
            assertArrayEquals(store.messages("alice").get(i % 2), await(bodies.get(i)));
        }
        assertTrue(await(client.quit()));
    }

    /** A pipelining window of two: a hundred commands still all go out, two at a time, in order. */
    @Test
    void smallPipelineWindow() throws Exception {
        Pop3Client client = connect(alice().maxPipelinedCommands(2).build());
        List<CompletionStage<UniqueId>> answers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            answers.add(client.uidl(1 + i % 2));
        }
        for (int i = 0; i < 100; i++) {
            assertEquals(uids.get(i % 2), await(answers.get(i)).uid());
        }
        assertTrue(await(client.quit()));
    }

    /** A 5 MB message streamed through the client: every octet arrives, none is held whole by the sink. */
    @Test
    void fiveMegabyteMessageStreams() throws Exception {
        StringBuilder text = new StringBuilder("Subject: big\r\n\r\n");
        for (int i = 0; text.length() < 5 * 1024 * 1024; i++) {
            text.append(i % 7 == 0 ? "." : "").append("line ").append(i).append(' ').append("x".repeat(i % 300))
                    .append("\r\n");
        }
        byte[] big = ascii(text.toString());
        store.add("alice", big);
        Pop3Client client = connect(alice().build());

        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        long[] octets = {0};
        await(client.retrieve(3, (ByteBuffer chunk) -> {
            octets[0] += chunk.remaining();
            digest.update(chunk);
        }));
        assertEquals(big.length, octets[0]);
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(big), digest.digest());
        assertEquals(big.length, await(client.list(3)).size());
        failure(MessageTooLargeException.class, client.retrieve(3, 1 << 20));
        assertEquals(3, await(client.stat()).messages(), "still in step after a refused in-memory retrieve");
        assertTrue(await(client.quit()));
    }

    /** Deletions happen in the UPDATE state only: a dropped session deletes nothing, QUIT does. */
    @Test
    void deletionsOnlyOnQuit() throws Exception {
        Pop3Client dropped = connect(alice().build());
        await(dropped.delete(1));
        dropped.abort();
        waitUntilUnlocked();
        assertEquals(2, store.messages("alice").size());

        Pop3Client client = connect(alice().build());
        await(client.delete(1));
        assertTrue(await(client.quit()));
        assertEquals(List.of(uids.get(1)), store.uniqueIds("alice"));
    }

    /**
     * RFC 6856: the option sends UTF8 after STLS, and each password method logs in with a UTF-8
     * user name and password (USER/PASS and APOP only because of it); then LANG lists English.
     */
    @ParameterizedTest
    @EnumSource(value = Pop3LoginMethod.class, names = {"USER_PASS", "APOP", "PLAIN", "SCRAM_SHA_256", "CRAM_MD5"})
    void utf8LoginAndLanguages(Pop3LoginMethod method) throws Exception {
        String uid = store.add(UTF8_USER, ascii("Subject: hej\r\n\r\nbody\r\n"));
        Pop3Client client = connect(alice().password(UTF8_USER, UTF8_PASSWORD).utf8(true).allowApop(true)
                .loginMethods(List.of(method)).build());

        assertTrue(client.isSecure());
        assertTrue(client.isUtf8());
        assertTrue(client.isAuthenticated());
        assertEquals(List.of(new UniqueId(1, uid)), await(client.uidl()));
        assertEquals(List.of(new Pop3Language("en", "English")), await(client.languages()));
        assertEquals("en Language changed", await(client.language("en")).text());
        assertTrue(await(client.language("*")).ok());
        assertEquals("LANG", failure(Pop3ResponseException.class, client.language("fr")).command());
        assertThrows(IllegalStateException.class, client::utf8);
        assertTrue(await(client.quit()));
    }

    /** Without the option, a UTF-8 user name never reaches USER: the client refuses first. */
    @Test
    void utf8UserNameNeedsTheOption() throws Exception {
        MissingCapabilityException missing = failure(MissingCapabilityException.class,
                Pop3Client.connect(ClientFixtures.loopback(server.port()), "localhost", alice()
                        .password(UTF8_USER, UTF8_PASSWORD).loginMethods(List.of(Pop3LoginMethod.USER_PASS)).build()));
        assertEquals("UTF8", missing.capability());
        assertFalse(store.isLocked(UTF8_USER));
    }

    /** UTF8 asked for by hand, on a session opened without credentials, and LANG before any login. */
    @Test
    void utf8AndLangBeforeLogin() throws Exception {
        BlockingPop3Client client = connect(ClientFixtures.plain().startTlsPolicy(StartTlsPolicy.REQUIRED)
                .clientTls(TestTls.CLIENT).build()).blocking();

        assertEquals("UTF8 enabled", client.utf8().text());
        assertTrue(client.async().isUtf8());
        assertEquals(List.of(new Pop3Language("en", "English")), client.languages());
        assertTrue(client.language("EN").ok());
        assertTrue(client.quit());
    }

    /** SECURITY.md row 16: with our loggers at DEBUG, no password, token or SASL payload reaches the log. */
    @Test
    void noSecretsInTheLog() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            for (Pop3LoginMethod method : List.of(Pop3LoginMethod.PLAIN, Pop3LoginMethod.USER_PASS,
                    Pop3LoginMethod.SCRAM_SHA_256)) {
                await(connect(alice().loginMethods(List.of(method)).build()).quit());
            }
            await(connect(alice().oauthToken("alice", TOKEN).loginMethods(List.of(Pop3LoginMethod.XOAUTH2)).build())
                    .quit());
            failure(Pop3AuthenticationException.class, Pop3Client.connect(ClientFixtures.loopback(server.port()),
                    "localhost", alice().password("alice", PASSWORD + "-wrong").build()));
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("login with"), "the client logged at all:\n" + log);
        for (String secret : List.of(PASSWORD, TOKEN, b64("\0alice\0" + PASSWORD))) {
            assertFalse(log.contains(secret), "logged: " + secret);
        }
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private void waitUntilUnlocked() throws InterruptedException {
        for (int i = 0; i < 1000 && store.isLocked("alice"); i++) {
            Thread.sleep(10);
        }
        assertFalse(store.isLocked("alice"), "the dropped session released its lock");
    }
}
