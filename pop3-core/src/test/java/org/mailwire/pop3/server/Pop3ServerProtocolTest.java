package org.mailwire.pop3.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailwire.pop3.StatusLine;
import org.mailwire.transport.sasl.InMemoryUsers;

/** RFC 1939, 2449 and 6856, transcript by transcript, over real sockets. */
class Pop3ServerProtocolTest {
    static final String FIRST = "From: a@x.test\r\nSubject: one\r\n\r\nline 1\r\n.dot line\r\nline 3\r\n";
    static final String SECOND = "Subject: two\r\n\r\nsecond body\r\n";
    private static final Pattern GREETING = Pattern.compile("\\+OK mx\\.test POP3 ready (<[0-9]+\\.[0-9]+@mx\\.test>)");

    private final InMemoryMaildropStore store = new InMemoryMaildropStore();
    private final InMemoryUsers users = new InMemoryUsers().withSharedSecrets();
    private Pop3Server server;
    private String firstId;
    private String secondId;

    @BeforeEach
    void fill() {
        users.add("alice", "correct horse");
        users.add("bob", "battery staple");
        firstId = store.add("alice", FIRST.getBytes(StandardCharsets.UTF_8));
        secondId = store.add("alice", SECOND.getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(UnaryOperator<Pop3Server.Builder> settings) {
        server = settings.apply(Pop3Server.builder().hostname("mx.test").port(0).authenticator(users)
                .maildropStore(store).allowCleartextAuth(true).authFailures(Duration.ZERO, 3)).start();
    }

    private Pop3TestClient connect() throws IOException {
        Pop3TestClient client = new Pop3TestClient(server.port());
        assertTrue(GREETING.matcher(client.line()).matches());
        return client;
    }

    private Pop3TestClient login(String user, String password) throws IOException {
        Pop3TestClient client = connect();
        assertEquals("+OK Send PASS", client.command("USER " + user));
        assertTrue(client.command("PASS " + password).startsWith("+OK maildrop has "));
        return client;
    }

    /** Waits (bounded) until no session holds the user's maildrop. */
    private void awaitUnlocked(String user) throws InterruptedException {
        for (int i = 0; i < 500 && store.isLocked(user); i++) {
            Thread.sleep(10);
        }
        assertFalse(store.isLocked(user), "the lock was released");
    }

    @Test
    void greetingCarriesAUniqueApopTimestamp() throws Exception {
        start(b -> b);
        try (Pop3TestClient one = new Pop3TestClient(server.port()); Pop3TestClient two = new Pop3TestClient(server.port())) {
            Matcher first = GREETING.matcher(one.line());
            Matcher second = GREETING.matcher(two.line());
            assertTrue(first.matches() && second.matches());
            assertNotEquals(first.group(1), second.group(1));
        }
    }

    @Test
    void withoutSharedSecretsThereIsNoTimestampAndNoApop() throws Exception {
        InMemoryUsers plainUsers = new InMemoryUsers();
        plainUsers.add("alice", "correct horse");
        server = Pop3Server.builder().hostname("mx.test").port(0).authenticator(plainUsers).maildropStore(store).start();
        try (Pop3TestClient client = new Pop3TestClient(server.port())) {
            assertEquals("+OK mx.test POP3 ready", client.line());
            assertEquals("-ERR APOP not available", client.command("APOP alice 0123456789abcdef0123456789abcdef"));
        }
    }

    @Test
    void userPassStatListRetrQuit() throws Exception {
        start(b -> b);
        try (Pop3TestClient client = connect()) {
            assertEquals("+OK Send PASS", client.command("USER alice"));
            assertEquals("+OK maildrop has 2 messages (" + (FIRST.length() + SECOND.length()) + " octets)",
                    client.command("PASS correct horse"));
            assertEquals("+OK 2 " + (FIRST.length() + SECOND.length()), client.command("STAT"));
            assertEquals("+OK 2 messages (" + (FIRST.length() + SECOND.length()) + " octets)\n1 " + FIRST.length()
                    + "\n2 " + SECOND.length(), client.multiLine("LIST"));
            assertEquals("+OK " + FIRST.length() + " octets\nFrom: a@x.test\nSubject: one\n\nline 1\n..dot line\nline 3",
                    client.multiLine("RETR 1"));
            assertEquals("+OK", client.command("NOOP"));
            assertEquals("+OK mx.test POP3 server signing off (2 messages left)", client.command("QUIT"));
            assertTrue(client.closed());
        }
        awaitUnlocked("alice");
        assertEquals(2, store.messages("alice").size());
    }

    @Test
    void stateRules() throws Exception {
        start(b -> b);
        try (Pop3TestClient client = connect()) {
            for (String command : List.of("STAT", "LIST", "RETR 1", "DELE 1", "RSET", "NOOP", "TOP 1 1", "UIDL")) {
                assertEquals("-ERR Not logged in: command valid in TRANSACTION state only", client.command(command), command);
            }
            assertEquals("-ERR Send USER first", client.command("PASS correct horse"));
            assertEquals("+OK Send PASS", client.command("USER alice"));
            assertTrue(client.multiLine("CAPA").startsWith("+OK Capability list follows"));
            // RFC 1939 §7: after USER only PASS or QUIT; anything else forgets the name.
            assertEquals("-ERR Send USER first", client.command("PASS correct horse"));
            assertEquals("-ERR Unknown command", client.command("QUITX"));
            assertEquals("-ERR Syntax error in arguments", client.command("USER"));
            client.command("USER alice");
            client.command("PASS correct horse");
            assertEquals("-ERR Already logged in", client.command("USER alice"));
            assertEquals("-ERR Already logged in", client.command("PASS correct horse"));
            assertEquals("-ERR Already logged in", client.command("AUTH PLAIN"));
            assertEquals("-ERR UTF8 is valid in AUTHORIZATION state only", client.command("UTF8"));
            assertEquals("-ERR no such message, only 2 messages in maildrop", client.command("RETR 3"));
            assertEquals("-ERR Syntax error in arguments", client.command("RETR 0"));
        }
    }

    @Test
    void quitBeforeLoginEndsTheSession() throws Exception {
        start(b -> b);
        try (Pop3TestClient client = connect()) {
            assertEquals("+OK mx.test POP3 server signing off", client.command("QUIT"));
            assertTrue(client.closed());
        }
    }

    @Test
    void wrongPasswordAndUnknownUserLookTheSame() throws Exception {
        start(b -> b);
        try (Pop3TestClient client = connect()) {
            client.command("USER alice");
            assertEquals("-ERR [AUTH] Authentication failed", client.command("PASS wrong"));
            client.command("USER nobody");
            assertEquals("-ERR [AUTH] Authentication failed", client.command("PASS correct horse"));
        }
    }

    @Test
    void listUidlAndTop() throws Exception {
        start(b -> b);
        try (Pop3TestClient client = login("alice", "correct horse")) {
            assertEquals("+OK 2 " + SECOND.length(), client.command("LIST 2"));
            assertEquals("-ERR no such message, only 2 messages in maildrop", client.command("LIST 9"));
            assertEquals("+OK\n1 " + firstId + "\n2 " + secondId, client.multiLine("UIDL"));
            assertEquals("+OK 2 " + secondId, client.command("UIDL 2"));
            assertEquals("+OK top of message follows\nFrom: a@x.test\nSubject: one\n", client.multiLine("TOP 1 0"));
            assertEquals("+OK top of message follows\nFrom: a@x.test\nSubject: one\n\nline 1\n..dot line",
                    client.multiLine("TOP 1 2"));
            assertEquals("+OK top of message follows\nFrom: a@x.test\nSubject: one\n\nline 1\n..dot line\nline 3",
                    client.multiLine("TOP 1 100"));
        }
    }

    @Test
    void deletedMessagesAreHiddenAndRsetRestoresThem() throws Exception {
        start(b -> b);
        try (Pop3TestClient client = login("alice", "correct horse")) {
            assertEquals("+OK message 2 deleted", client.command("DELE 2"));
            assertEquals("-ERR message 2 already deleted", client.command("DELE 2"));
            assertEquals("-ERR message 2 already deleted", client.command("RETR 2"));
            assertEquals("-ERR message 2 already deleted", client.command("TOP 2 0"));
            assertEquals("-ERR message 2 already deleted", client.command("LIST 2"));
            assertEquals("-ERR message 2 already deleted", client.command("UIDL 2"));
            assertEquals("+OK 1 " + FIRST.length(), client.command("STAT"));
            assertEquals("+OK 1 messages (" + FIRST.length() + " octets)\n1 " + FIRST.length(), client.multiLine("LIST"));
            assertEquals("+OK\n1 " + firstId, client.multiLine("UIDL"));
            assertEquals("+OK maildrop has 2 messages (" + (FIRST.length() + SECOND.length()) + " octets)",
                    client.command("RSET"));
            assertEquals("+OK 2 " + secondId, client.command("UIDL 2"));
            assertEquals("+OK mx.test POP3 server signing off (2 messages left)", client.command("QUIT"));
        }
        awaitUnlocked("alice");
        assertEquals(List.of(firstId, secondId), store.uniqueIds("alice"));
    }

    @Test
    void quitAppliesTheDeletions() throws Exception {
        start(b -> b);
        try (Pop3TestClient client = login("alice", "correct horse")) {
            client.command("DELE 1");
            assertEquals("+OK mx.test POP3 server signing off (1 messages left)", client.command("QUIT"));
            assertTrue(client.closed());
        }
        awaitUnlocked("alice");
        assertEquals(List.of(secondId), store.uniqueIds("alice"));
    }

    @Test
    void aDroppedConnectionDeletesNothing() throws Exception {
        start(b -> b);
        try (Pop3TestClient client = login("alice", "correct horse")) {
            assertEquals("+OK message 1 deleted", client.command("DELE 1"));
            assertEquals("+OK message 2 deleted", client.command("DELE 2"));
        }
        awaitUnlocked("alice");
        assertEquals(List.of(firstId, secondId), store.uniqueIds("alice"));
    }

    @Test
    void aShutdownDeletesNothing() throws Exception {
        start(b -> b);
        try (Pop3TestClient client = login("alice", "correct horse")) {
            client.command("DELE 1");
            server.shutdown(Duration.ofSeconds(5));
            assertEquals("-ERR [SYS/TEMP] Server shutting down", client.line());
            assertTrue(client.closed());
        }
        assertFalse(store.isLocked("alice"));
        assertEquals(List.of(firstId, secondId), store.uniqueIds("alice"));
    }

    @Test
    void aSecondSessionOfTheSameUserIsToldInUse() throws Exception {
        start(b -> b);
        try (Pop3TestClient first = login("alice", "correct horse"); Pop3TestClient second = connect()) {
            second.command("USER alice");
            assertEquals("-ERR [IN-USE] maildrop already locked", second.command("PASS correct horse"));
            try (Pop3TestClient other = login("bob", "battery staple")) {
                assertEquals("+OK 0 0", other.command("STAT"));
            }
            first.command("QUIT");
            awaitUnlocked("alice");
            second.command("USER alice");
            assertTrue(second.command("PASS correct horse").startsWith("+OK maildrop has 2 messages"));
        }
    }

    @Test
    void apopWithTheRfc1939Digest() throws Exception {
        start(b -> b);
        try (Pop3TestClient client = new Pop3TestClient(server.port())) {
            Matcher greeting = GREETING.matcher(client.line());
            assertTrue(greeting.matches());
            String timestamp = greeting.group(1);
            assertEquals("-ERR [AUTH] Authentication failed", client.command("APOP alice " + md5(timestamp + "wrong")));
            assertEquals("-ERR [AUTH] Authentication failed", client.command("APOP nobody " + md5(timestamp + "correct horse")));
            assertTrue(client.command("APOP alice " + md5(timestamp + "correct horse")).startsWith("+OK maildrop has 2 messages"));
        }
    }

    @Test
    void apopIsTheRfc1939ExampleComputation() {
        // RFC 1939 §7's example: this timestamp and secret give this digest.
        assertEquals("c4c9334bac560ecc979e58001b3e22fb", md5("<1896.697170952@dbc.mtview.ca.us>tanstaaf"));
    }

    static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void capaBeforeAndAfterLogin() throws Exception {
        start(b -> b.expirePolicy("30").loginDelay(Duration.ofSeconds(900)));
        try (Pop3TestClient client = connect()) {
            String before = client.multiLine("CAPA");
            assertEquals(String.join("\n", "+OK Capability list follows", "TOP", "UIDL", "USER",
                    "SASL SCRAM-SHA-256 CRAM-MD5 PLAIN LOGIN", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING",
                    "EXPIRE 30", "LOGIN-DELAY 900", "UTF8 USER", "LANG", "IMPLEMENTATION Mailwire"), before);
            client.command("USER alice");
            client.command("PASS correct horse");
            String after = client.multiLine("CAPA");
            assertEquals(String.join("\n", "+OK Capability list follows", "TOP", "UIDL", "RESP-CODES",
                    "AUTH-RESP-CODE", "PIPELINING", "EXPIRE 30", "LOGIN-DELAY 900", "UTF8 USER", "LANG",
                    "IMPLEMENTATION Mailwire"), after);
        }
    }

    @Test
    void pipelinedCommandsAreAnsweredInOrder() throws Exception {
        start(b -> b);
        try (Pop3TestClient client = connect()) {
            client.send("USER alice\r\nPASS correct horse\r\nSTAT\r\nRETR 2\r\nUIDL 1\r\nTOP 1 0\r\nDELE 1\r\nLIST\r\nQUIT\r\n");
            assertEquals("+OK Send PASS", client.line());
            assertTrue(client.line().startsWith("+OK maildrop has 2 messages"));
            assertTrue(client.line().startsWith("+OK 2 "));
            assertEquals("+OK " + SECOND.length() + " octets\nSubject: two\n\nsecond body", client.multiLineReply());
            assertEquals("+OK 1 " + firstId, client.line());
            assertEquals("+OK top of message follows\nFrom: a@x.test\nSubject: one\n", client.multiLineReply());
            assertEquals("+OK message 1 deleted", client.line());
            assertEquals("+OK 1 messages (" + SECOND.length() + " octets)\n2 " + SECOND.length(), client.multiLineReply());
            assertEquals("+OK mx.test POP3 server signing off (1 messages left)", client.line());
            assertTrue(client.closed());
        }
        awaitUnlocked("alice");
        assertEquals(List.of(secondId), store.uniqueIds("alice"));
    }

    @Test
    void utf8AndLang() throws Exception {
        users.add("jörg", "pässword");
        start(b -> b);
        try (Pop3TestClient client = connect()) {
            assertEquals("+OK Language listing follows\nen English", client.multiLine("LANG"));
            assertEquals("+OK en Language changed", client.command("LANG en"));
            assertEquals("+OK en Language changed", client.command("LANG *"));
            assertEquals("-ERR invalid language", client.command("LANG fr"));
            assertEquals("-ERR [UTF8] UTF-8 user names and passwords need the UTF8 command first", client.command("USER jörg"));
            assertEquals("+OK UTF8 enabled", client.command("UTF8"));
            assertEquals("+OK Send PASS", client.command("USER jörg"));
            assertTrue(client.command("PASS pässword").startsWith("+OK maildrop has 0 messages"));
            assertEquals("+OK en Language changed", client.command("LANG EN"));
        }
    }

    @Test
    void aBigMessageIsStreamedToASlowReader() throws Exception {
        int size = 5 * 1024 * 1024;
        byte[] line = "0123456789abcdefghijklmnopqrstuvwxyz.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] message = new byte[size - size % line.length];
        for (int i = 0; i < message.length; i += line.length) {
            System.arraycopy(line, 0, message, i, line.length);
        }
        message[0] = '.';
        store.add("carol", message);
        users.add("carol", "pw");
        start(b -> b);
        try (Pop3TestClient client = new Pop3TestClient(server.port())) {
            client.receiveBufferSize(64 * 1024);
            client.line();
            client.command("USER carol");
            client.command("PASS pw");
            client.send("RETR 1\r\n");
            assertEquals("+OK " + message.length + " octets", client.line());
            InputStream in = client.input();
            // Reads slowly at first, so the server meets a full window and must wait for it.
            Thread.sleep(200);
            byte[] expected = new byte[message.length + 1 + 3];
            expected[0] = '.';
            System.arraycopy(message, 0, expected, 1, message.length);
            System.arraycopy(".\r\n".getBytes(StandardCharsets.US_ASCII), 0, expected, message.length + 1, 3);
            byte[] received = in.readNBytes(expected.length);
            assertTrue(java.util.Arrays.equals(expected, received), "the message came back stuffed and whole");
            assertEquals("+OK 1 " + message.length, client.command("STAT"));
        }
    }

    @Test
    void loginHookCanSayLoginDelay() throws Exception {
        start(b -> b.loginDelay(Duration.ofSeconds(300)).hooks(new Pop3Hooks() {
            @Override
            public CompletionStage<HookResult> onLogin(SessionInfo session, String identity) {
                return identity.equals("alice") ? HookResult.loginDelay("wait 5 minutes between logins")
                        : CompletableFuture.supplyAsync(() -> new HookResult.Accept(java.util.Optional.of(StatusLine.ok("welcome bob"))));
            }
        }));
        try (Pop3TestClient client = connect()) {
            client.command("USER alice");
            assertEquals("-ERR [LOGIN-DELAY] wait 5 minutes between logins", client.command("PASS correct horse"));
            client.command("USER bob");
            assertEquals("+OK welcome bob", client.command("PASS battery staple"));
        }
        awaitUnlocked("bob");
        assertFalse(store.isLocked("alice"));
    }

    @Test
    void connectHookMayRefuse() throws Exception {
        start(b -> b.hooks(new Pop3Hooks() {
            @Override
            public CompletionStage<HookResult> onConnect(SessionInfo session) {
                return HookResult.disconnect(StatusLine.err("go away"));
            }
        }));
        try (Pop3TestClient client = new Pop3TestClient(server.port())) {
            assertEquals("-ERR go away", client.line());
            assertTrue(client.closed());
        }
    }

    /** A store that fails where asked to, for the [SYS/TEMP] paths. */
    private static final class FailingStore implements MaildropStore {
        private final InMemoryMaildropStore inner;
        private final boolean failOpen;

        FailingStore(InMemoryMaildropStore inner, boolean failOpen) {
            this.inner = inner;
            this.failOpen = failOpen;
        }

        @Override
        public CompletionStage<MaildropLock> open(String user) {
            if (failOpen) {
                return CompletableFuture.failedFuture(new IOException("disk on fire"));
            }
            return inner.open(user).thenApply(lock -> new MaildropLock() {
                @Override
                public List<MessageInfo> messages() {
                    return lock.messages();
                }

                @Override
                public CompletionStage<InputStream> open(MessageInfo message) {
                    return message.number() == 1 ? lock.open(message)
                            : CompletableFuture.supplyAsync(() -> new InputStream() {
                                private final InputStream start = new ByteArrayInputStream(new byte[20_000]);

                                @Override
                                public int read() throws IOException {
                                    int b = start.read();
                                    if (b < 0) {
                                        throw new IOException("read error half-way");
                                    }
                                    return 'x';
                                }
                            });
                }

                @Override
                public CompletionStage<Void> delete(Set<String> uniqueIds) {
                    return CompletableFuture.supplyAsync(() -> {
                        throw new IllegalStateException("cannot delete");
                    });
                }

                @Override
                public void close() {
                    lock.close();
                }
            });
        }
    }

    @Test
    void storeFailuresAreTemporaryErrors() throws Exception {
        server = Pop3Server.builder().hostname("mx.test").port(0).authenticator(users).allowCleartextAuth(true)
                .maildropStore(new FailingStore(store, true)).start();
        try (Pop3TestClient client = connect()) {
            client.command("USER alice");
            assertEquals("-ERR [SYS/TEMP] maildrop temporarily unavailable", client.command("PASS correct horse"));
        }
        server.close();
        server = Pop3Server.builder().hostname("mx.test").port(0).authenticator(users).allowCleartextAuth(true)
                .maildropStore(new FailingStore(store, false)).start();
        try (Pop3TestClient client = login("alice", "correct horse")) {
            client.command("DELE 1");
            assertEquals("-ERR [SYS/TEMP] some deleted messages not removed", client.command("QUIT"));
            assertTrue(client.closed());
        }
        awaitUnlocked("alice");
        assertEquals(2, store.uniqueIds("alice").size());
    }

    @Test
    void aStreamThatFailsHalfWayDropsTheConnectionWithoutTheFinalDot() throws Exception {
        server = Pop3Server.builder().hostname("mx.test").port(0).authenticator(users).allowCleartextAuth(true)
                .maildropStore(new FailingStore(store, false)).start();
        try (Pop3TestClient client = login("alice", "correct horse")) {
            client.send("RETR 2\r\n");
            assertTrue(client.line().startsWith("+OK "));
            String rest = new String(client.input().readAllBytes(), StandardCharsets.US_ASCII);
            assertFalse(rest.endsWith("\r\n.\r\n"), "no terminator after a failed read");
        }
        awaitUnlocked("alice");
    }

    /** RFC 1939 §5: LIST's size is what RETR sends, for a stored message without a final line end too. */
    @Test
    void listSizeIsWhatRetrSends() throws Exception {
        store.add("alice", "Subject: x\r\n\r\nno final line end".getBytes(StandardCharsets.US_ASCII));
        store.add("alice", "Subject: y\n\n.dotted\nlast".getBytes(StandardCharsets.US_ASCII));
        start(b -> b);
        try (Pop3TestClient client = login("alice", "correct horse")) {
            for (int n = 3; n <= 4; n++) {
                String listed = client.command("LIST " + n);
                long size = Long.parseLong(listed.substring(("+OK " + n + " ").length()));
                client.send("RETR " + n + "\r\n");
                assertTrue(client.line().startsWith("+OK"));
                long received = 0;
                while (true) {
                    String next = client.line();
                    if (next.equals(".")) {
                        break;
                    }
                    // Without the stuffed dot, with the CRLF.
                    received += (next.startsWith(".") ? next.length() - 1 : next.length()) + 2;
                }
                assertEquals(size, received, "message " + n);
            }
        }
    }
}
