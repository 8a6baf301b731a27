package org.mailwire.pop3.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailwire.transport.sasl.InMemoryUsers;
import org.mailwire.transport.testing.TestTls;

/** The hostile-input catalog (SECURITY.md rows 3, 5, 6, 7, 11, 14, 15), each attack over a real socket. */
class Pop3ServerSecurityTest {
    private final InMemoryMaildropStore store = new InMemoryMaildropStore();
    private Pop3Server server;
    private String messageId;

    @BeforeEach
    void fill() {
        messageId = store.add("alice", "Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Pop3TestClient start(UnaryOperator<Pop3Server.Builder> settings) throws Exception {
        InMemoryUsers users = new InMemoryUsers();
        users.add("alice", "correct horse");
        server = settings.apply(Pop3Server.builder().hostname("mx.test").port(0).maildropStore(store)
                .authenticator(users).authFailures(Duration.ZERO, 3)).start();
        Pop3TestClient client = new Pop3TestClient(server.port());
        assertEquals("+OK mx.test POP3 ready", client.line());
        return client;
    }

    static String plain(String user, String password) {
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Row 3: a command pipelined behind STLS closes the connection, unanswered. */
    @Test
    void stlsInjectionClosesTheConnection() throws Exception {
        try (Pop3TestClient client = start(b -> b.startTls(TestTls.SERVER).allowCleartextAuth(true))) {
            client.send("STLS\r\nUSER alice\r\nPASS correct horse\r\nDELE 1\r\nQUIT\r\n");
            String answer = client.line();
            assertTrue(answer.equals("+OK Begin TLS negotiation") || answer.equals("<closed>"), answer);
            assertTrue(client.closed());
        }
        assertEquals(List.of(messageId), store.uniqueIds("alice"));
    }

    /** Row 3: after the handshake the session starts again; CAPA changes with it (RFC 2595 §4). */
    @Test
    void stlsForgetsTheCleartextSession() throws Exception {
        try (Pop3TestClient client = start(b -> b.startTls(TestTls.SERVER).allowCleartextAuth(true))) {
            String before = client.multiLine("CAPA");
            assertTrue(before.contains("\nSTLS") && before.contains("\nUSER"), before);
            assertEquals("+OK Send PASS", client.command("USER alice"));
            assertEquals("+OK Begin TLS negotiation", client.command("STLS"));
            client.upgrade(TestTls.jdkClient());

            assertEquals("-ERR Send USER first", client.command("PASS correct horse"));
            String after = client.multiLine("CAPA");
            assertTrue(!after.contains("STLS") && after.contains("\nUSER") && after.contains("PLAIN"), after);
            assertEquals("-ERR TLS already active", client.command("STLS"));
            client.command("USER alice");
            assertTrue(client.command("PASS correct horse").startsWith("+OK maildrop has 1 messages"));
        }
    }

    /** Row 14: without TLS, USER and cleartext SASL are refused and not even advertised. */
    @Test
    void cleartextAuthIsRefusedWithoutTls() throws Exception {
        try (Pop3TestClient client = start(b -> b.startTls(TestTls.SERVER))) {
            String capa = client.multiLine("CAPA");
            assertTrue(!capa.contains("\nUSER") && !capa.contains("PLAIN") && !capa.contains(" LOGIN") && capa.contains("\nSTLS"), capa);
            String refusal = "-ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.";
            assertEquals(refusal, client.command("USER alice"));
            assertEquals("-ERR Send USER first", client.command("PASS correct horse"));
            assertEquals(refusal, client.command("AUTH PLAIN " + plain("alice", "correct horse")));
            assertEquals(refusal, client.command("AUTH LOGIN"));
            assertEquals("+OK Supported mechanisms follow\nSCRAM-SHA-256", client.multiLine("AUTH"));
        }
        assertFalse(store.isLocked("alice"));
    }

    /** Row 14: implicit TLS (port 995 style) allows USER/PASS and offers no STLS. */
    @Test
    void implicitTls() throws Exception {
        InMemoryUsers users = new InMemoryUsers();
        users.add("alice", "correct horse");
        server = Pop3Server.builder().hostname("mx.test").port(0).maildropStore(store).authenticator(users)
                .implicitTls(TestTls.SERVER).start();
        try (Pop3TestClient client = Pop3TestClient.implicitTls(server.port(), TestTls.jdkClient())) {
            assertEquals("+OK mx.test POP3 ready", client.line());
            String capa = client.multiLine("CAPA");
            assertTrue(!capa.contains("STLS") && capa.contains("\nUSER"), capa);
            assertEquals("-ERR TLS already active", client.command("STLS"));
            client.command("USER alice");
            assertTrue(client.command("PASS correct horse").startsWith("+OK maildrop has 1 messages"));
        }
    }

    /** Row 14: failures are counted and the connection closed after the cap. */
    @Test
    void authFailureCap() throws Exception {
        try (Pop3TestClient client = start(b -> b.allowCleartextAuth(true))) {
            client.command("USER alice");
            assertEquals("-ERR [AUTH] Authentication failed", client.command("PASS a"));
            assertEquals("-ERR [AUTH] Authentication failed", client.command("AUTH PLAIN " + plain("alice", "b")));
            client.command("USER alice");
            assertEquals("-ERR [AUTH] Too many authentication failures, closing connection", client.command("PASS c"));
            assertTrue(client.closed());
        }
    }

    /** Row 14: the failure delay holds the reply back (and the pipeline behind it). */
    @Test
    void authFailureDelayKeepsOrder() throws Exception {
        try (Pop3TestClient client = start(b -> b.allowCleartextAuth(true).authFailures(Duration.ofMillis(300), 3))) {
            client.send("USER alice\r\nPASS wrong\r\nUSER alice\r\nPASS correct horse\r\n");
            assertEquals("+OK Send PASS", client.line());
            assertEquals("-ERR [AUTH] Authentication failed", client.line());
            assertEquals("+OK Send PASS", client.line());
            assertTrue(client.line().startsWith("+OK maildrop has"));
        }
    }

    /** Row 15: STLS is refused once logged in. */
    @Test
    void stlsAfterLoginIsRefused() throws Exception {
        try (Pop3TestClient client = start(b -> b.startTls(TestTls.SERVER).allowCleartextAuth(true))) {
            client.command("USER alice");
            client.command("PASS correct horse");
            assertEquals("-ERR STLS not allowed after login (RFC 2595 section 4)", client.command("STLS"));
            assertEquals("+OK", client.command("NOOP"));
        }
    }

    @Test
    void stlsWithoutTlsConfigured() throws Exception {
        try (Pop3TestClient client = start(b -> b)) {
            assertEquals("-ERR STLS not available", client.command("STLS"));
        }
    }

    /** Row 5: an over-long command line is refused and the session goes on. */
    @Test
    void overlongCommandLine() throws Exception {
        try (Pop3TestClient client = start(b -> b.allowCleartextAuth(true))) {
            assertEquals("-ERR Line too long", client.command("USER " + "x".repeat(300)));
            assertEquals("+OK Send PASS", client.command("USER alice"));
        }
    }

    /** Row 5: an over-long SASL response ends the exchange. */
    @Test
    void overlongAuthResponse() throws Exception {
        try (Pop3TestClient client = start(b -> b.allowCleartextAuth(true))) {
            assertEquals("+ ", client.command("AUTH PLAIN"));
            assertEquals("-ERR Authentication line too long", client.command("A".repeat(13_000)));
            assertEquals("+OK Send PASS", client.command("USER alice"));
        }
    }

    /** Row 7: NUL in a command is refused. */
    @Test
    void nulInCommand() throws Exception {
        try (Pop3TestClient client = start(b -> b.allowCleartextAuth(true))) {
            assertEquals("-ERR NUL octet not allowed in a command", client.command("USER al\u0000ice"));
            assertEquals("-ERR Bare LF not allowed, lines end with CRLF", client.command("USER a\nlice"));
        }
    }

    /** Row 6: too many bad commands end the session. */
    @Test
    void badCommandCap() throws Exception {
        try (Pop3TestClient client = start(b -> b.maxBadCommands(3))) {
            assertEquals("-ERR Unknown command", client.command("XYZZY"));
            assertEquals("-ERR Syntax error in arguments", client.command("RETR x"));
            assertEquals("-ERR Unknown command", client.command("XYZZY"));
            assertEquals("-ERR Too many errors, closing connection", client.line());
            assertTrue(client.closed());
        }
    }

    /** Row 6: a command trickled in and never finished hits the per-command deadline. */
    @Test
    void unfinishedCommandHitsTheCommandDeadline() throws Exception {
        Pop3Timeouts quick = new Pop3Timeouts(Duration.ofMinutes(10), Duration.ofMillis(300), Duration.ofMinutes(3),
                Duration.ofMinutes(1));
        try (Pop3TestClient client = start(b -> b.timeouts(quick))) {
            client.send("CA");
            assertEquals("-ERR Disconnected for inactivity", client.line());
            assertTrue(client.closed());
        }
    }

    /** Row 6: the whole login has a deadline, however busy the client keeps the connection. */
    @Test
    void loginDeadline() throws Exception {
        Pop3Timeouts quick = new Pop3Timeouts(Duration.ofMinutes(10), Duration.ofMinutes(2), Duration.ofMillis(500),
                Duration.ofMinutes(1));
        try (Pop3TestClient client = start(b -> b.timeouts(quick))) {
            String line = "";
            for (int i = 0; i < 10_000; i++) {
                line = client.multiLine("CAPA");
                if (!line.startsWith("+OK Capability list follows")) {
                    break;
                }
            }
            assertTrue(line.startsWith("-ERR Disconnected: login took too long") || line.equals("<closed>"), line);
            assertTrue(client.closed());
        }
    }

    /** The login deadline during the TLS switch closes without writing a cleartext -ERR into the handshake. */
    @Test
    void loginDeadlineDuringTheTlsSwitchJustCloses() throws Exception {
        Pop3Timeouts quick = new Pop3Timeouts(Duration.ofMinutes(10), Duration.ofMinutes(2), Duration.ofMillis(300),
                Duration.ofMinutes(1));
        try (Pop3TestClient client = start(b -> b.timeouts(quick).startTls(TestTls.SERVER))) {
            assertEquals("+OK Begin TLS negotiation", client.command("STLS"));
            // No handshake: the next thing the client sees is the end of the connection.
            assertEquals("<closed>", client.line());
        }
    }

    /**
     * Row 14 for APOP: where cleartext login is refused and TLS cannot be had, no timestamp is
     * offered and APOP is refused; before STLS it is refused too, and implicit TLS offers it.
     */
    @Test
    void apopFollowsTheCleartextRule() throws Exception {
        InMemoryUsers users = new InMemoryUsers().withSharedSecrets();
        users.add("alice", "correct horse");
        server = Pop3Server.builder().hostname("mx.test").port(0).maildropStore(store).authenticator(users).start();
        try (Pop3TestClient client = new Pop3TestClient(server.port())) {
            assertEquals("+OK mx.test POP3 ready", client.line());
            assertEquals("-ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.",
                    client.command("APOP alice 0123456789abcdef0123456789abcdef"));
        }
        server.close();
        server = Pop3Server.builder().hostname("mx.test").port(0).maildropStore(store).authenticator(users)
                .startTls(TestTls.SERVER).start();
        try (Pop3TestClient client = new Pop3TestClient(server.port())) {
            assertTrue(client.line().matches("\\+OK mx\\.test POP3 ready <[0-9]+\\.[0-9]+@mx\\.test>"));
            assertEquals("-ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.",
                    client.command("APOP alice 0123456789abcdef0123456789abcdef"));
        }
        server.close();
        server = Pop3Server.builder().hostname("mx.test").port(0).maildropStore(store).authenticator(users)
                .implicitTls(TestTls.SERVER).start();
        try (Pop3TestClient client = Pop3TestClient.implicitTls(server.port(), TestTls.jdkClient())) {
            String greeting = client.line();
            assertTrue(greeting.matches("\\+OK mx\\.test POP3 ready <[0-9]+\\.[0-9]+@mx\\.test>"), greeting);
        }
    }

    /** Row 6 and RFC 1939 §3: the idle timer; a timed-out session deletes nothing and unlocks. */
    @Test
    void idleTimeoutDeletesNothing() throws Exception {
        Pop3Timeouts quick = new Pop3Timeouts(Duration.ofMillis(500), Duration.ofMinutes(2), Duration.ofMinutes(3),
                Duration.ofMinutes(1));
        try (Pop3TestClient client = start(b -> b.timeouts(quick).allowCleartextAuth(true))) {
            client.command("USER alice");
            client.command("PASS correct horse");
            assertEquals("+OK message 1 deleted", client.command("DELE 1"));
            assertEquals("-ERR Disconnected for inactivity", client.line());
            assertTrue(client.closed());
        }
        for (int i = 0; i < 500 && store.isLocked("alice"); i++) {
            Thread.sleep(10);
        }
        assertFalse(store.isLocked("alice"));
        assertEquals(List.of(messageId), store.uniqueIds("alice"));
    }

    /** Row 6: the connection cap, with POP3's refusal line. */
    @Test
    void connectionCap() throws Exception {
        try (Pop3TestClient first = start(b -> b.maxConnections(1, 1));
                Pop3TestClient second = new Pop3TestClient(server.port())) {
            assertEquals("-ERR [SYS/TEMP] too many connections", second.line());
            assertTrue(second.closed());
            assertEquals("+OK Language listing follows\nen English", first.multiLine("LANG"));
        }
    }

    /** Row 12 and the lock: a client that vanishes in the middle of a big RETR releases the maildrop. */
    @Test
    void droppingOutOfABigRetrReleasesTheLock() throws Exception {
        store.add("alice", new byte[8 * 1024 * 1024]);
        try (Pop3TestClient client = start(b -> b.allowCleartextAuth(true))) {
            client.receiveBufferSize(16 * 1024);
            client.command("USER alice");
            client.command("PASS correct horse");
            client.command("DELE 1");
            client.send("RETR 2\r\n");
            assertTrue(client.line().startsWith("+OK "));
        }
        for (int i = 0; i < 1000 && store.isLocked("alice"); i++) {
            Thread.sleep(10);
        }
        assertFalse(store.isLocked("alice"));
        assertEquals(2, store.uniqueIds("alice").size());
    }
}
