package org.mailwire.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailwire.transport.sasl.InMemoryUsers;
import org.mailwire.transport.testing.TestTls;

/** The hostile-input catalog (SECURITY.md), each attack sent over a real socket. */
class SmtpServerSecurityTest {
    private final RecordingSink sink = new RecordingSink();
    private SmtpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private SmtpTestClient start(java.util.function.UnaryOperator<SmtpServer.Builder> settings) throws Exception {
        InMemoryUsers users = new InMemoryUsers();
        users.add("alice", "correct horse");
        server = settings.apply(SmtpServer.builder().hostname("mx.test").port(0).messageSink(sink)
                .authenticator(users).authFailures(Duration.ZERO, 3)).start();
        SmtpTestClient client = new SmtpTestClient(server.port());
        assertEquals("220 mx.test ESMTP Mailwire", client.reply());
        return client;
    }

    private static String plain(String user, String password) {
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Row 1, SMTP smuggling: none of these sequences ends DATA, and the message is refused. */
    @ParameterizedTest
    @ValueSource(strings = {"\n.\n", "\n.\r\n", "\r.\r", "\r\n.\n"})
    void smugglingSequencesNeitherEndTheMessageNorSmuggleOne(String fakeEnd) throws Exception {
        try (SmtpTestClient client = start(b -> b)) {
            client.command("EHLO attacker.test");
            client.command("MAIL FROM:<a@attacker.test>");
            client.command("RCPT TO:<victim@mx.test>");
            client.command("DATA");
            client.send("Subject: first\r\n\r\nhello" + fakeEnd
                    + "MAIL FROM:<ceo@mx.test>\r\nRCPT TO:<victim@mx.test>\r\nDATA\r\nSubject: forged\r\n\r\nx\r\n.\r\n");

            assertEquals("550 5.6.0 Message contains a bare CR or LF (RFC 5321 section 2.3.8)", client.reply());
            assertEquals("250 2.0.0 OK", client.command("NOOP"));
        }
        assertEquals(0, sink.delivered.size(), "neither the message nor a smuggled one was delivered");
    }

    /** Row 3: a command pipelined behind STARTTLS closes the connection unanswered. */
    @Test
    void startTlsInjectionClosesTheConnection() throws Exception {
        try (SmtpTestClient client = start(b -> b.startTls(TestTls.SERVER))) {
            client.command("EHLO attacker.test");
            client.send("STARTTLS\r\nMAIL FROM:<injected@attacker.test>\r\n");

            assertTrue(client.closed());
        }
        assertEquals(0, sink.delivered.size());
    }

    /** Row 3: after the handshake the client starts again from EHLO. */
    @Test
    void startTlsForgetsTheCleartextSession() throws Exception {
        try (SmtpTestClient client = start(b -> b.startTls(TestTls.SERVER))) {
            assertTrue(client.command("EHLO client.test").contains("STARTTLS"));
            assertEquals("220 2.0.0 Ready to start TLS", client.command("STARTTLS"));
            client.upgrade(TestTls.jdkClient());

            assertEquals("503 5.5.1 Send HELO/EHLO first", client.command("MAIL FROM:<a@b.test>"));
            String ehlo = client.command("EHLO client.test");
            assertTrue(!ehlo.contains("STARTTLS") && ehlo.contains("REQUIRETLS") && ehlo.contains("AUTH "), ehlo);
            assertEquals("503 5.5.1 TLS already active", client.command("STARTTLS"));
        }
    }

    /** Row 5: an over-long command line is refused and the session goes on. */
    @Test
    void overlongCommandLine() throws Exception {
        try (SmtpTestClient client = start(b -> b)) {
            client.command("EHLO client.test");
            assertEquals("500 5.5.2 Line too long", client.command("NOOP " + "x".repeat(600)));
            assertEquals("250 2.0.0 OK", client.command("NOOP"));
        }
    }

    /** Row 6: too many bad commands end the session. */
    @Test
    void badCommandCap() throws Exception {
        try (SmtpTestClient client = start(b -> b.maxBadCommands(3))) {
            client.command("XYZZY");
            client.command("XYZZY");
            assertEquals("500 5.5.1 Command unrecognized\n421 4.7.0 Too many errors, closing connection",
                    client.command("XYZZY") + "\n" + client.reply());
            assertTrue(client.closed());
        }
    }

    /** Row 6: a whole AUTH exchange has one deadline, however the client paces its lines. */
    @Test
    void loginDeadline() throws Exception {
        try (SmtpTestClient client = start(b -> b.allowCleartextAuth(true).timeouts(new SmtpTimeouts(
                Duration.ofMinutes(5), Duration.ofMinutes(3), Duration.ofMinutes(2), Duration.ofMillis(500), 500)))) {
            client.command("EHLO client.test");
            assertTrue(client.command("AUTH LOGIN").startsWith("334 "));
            assertTrue(client.command(Base64.getEncoder().encodeToString("alice".getBytes(StandardCharsets.UTF_8)))
                    .startsWith("334 "));

            assertEquals("421 4.4.2 Timeout, closing connection", client.reply());
            assertTrue(client.closed());
        }
    }

    /** Row 6: a body trickled below the minimum rate is cut off once the grace period is spent. */
    @Test
    void minimumDataRate() throws Exception {
        try (SmtpTestClient client = start(b -> b.timeouts(new SmtpTimeouts(
                Duration.ofMinutes(5), Duration.ofMillis(600), Duration.ofMinutes(2), Duration.ofMinutes(2), 1000)))) {
            client.command("EHLO client.test");
            client.command("MAIL FROM:<a@x.test>");
            client.command("RCPT TO:<b@mx.test>");
            client.command("DATA");
            String reply = null;
            // At most 100 trickled lines of 10 octets, 100 ms apart: 100 octets/s, a tenth of the minimum.
            for (int i = 0; i < 100 && reply == null; i++) {
                try {
                    client.send("trickle..\r\n");
                } catch (java.io.IOException closed) {
                    break;
                }
                Thread.sleep(100);
                reply = client.replyIfAny();
            }
            assertEquals("421 4.4.2 Timeout, closing connection", reply == null ? client.reply() : reply);
        }
        assertEquals(0, sink.delivered.size());
    }

    /** Row 7: NUL in a command is refused. */
    @Test
    void nulInCommand() throws Exception {
        try (SmtpTestClient client = start(b -> b)) {
            client.command("EHLO client.test");
            assertTrue(client.command("MAIL FROM:<a\u0000b@x.test>").startsWith("500 5.5.2 "));
        }
    }

    /** Row 7: NUL inside DATA is refused; BDAT may carry it. */
    @Test
    void nulInData() throws Exception {
        try (SmtpTestClient client = start(b -> b)) {
            client.command("EHLO client.test");
            client.command("MAIL FROM:<a@x.test>");
            client.command("RCPT TO:<b@mx.test>");
            client.command("DATA");
            client.send("a\u0000b\r\n.\r\n");
            assertEquals("550 5.6.0 Message contains NUL; use BDAT with BINARYMIME", client.reply());
        }
        assertEquals(0, sink.delivered.size());
    }

    /** Row 14: cleartext AUTH on a plain connection is refused with 538, and not even offered. */
    @Test
    void cleartextAuthRefusedWithoutTls() throws Exception {
        try (SmtpTestClient client = start(b -> b.startTls(TestTls.SERVER))) {
            String ehlo = client.command("EHLO client.test");
            assertTrue(!ehlo.contains("PLAIN") && !ehlo.contains("LOGIN"), ehlo);
            assertEquals("538 5.7.11 Encryption required for requested authentication mechanism",
                    client.command("AUTH PLAIN " + plain("alice", "correct horse")));
        }
    }

    /** Row 14: loopback development may allow it explicitly. */
    @Test
    void cleartextAuthWhenExplicitlyAllowed() throws Exception {
        try (SmtpTestClient client = start(b -> b.allowCleartextAuth(true))) {
            client.command("EHLO client.test");
            assertEquals("235 2.7.0 Authentication successful", client.command("AUTH PLAIN " + plain("alice", "correct horse")));
            assertEquals("503 5.5.1 Already authenticated", client.command("AUTH PLAIN " + plain("alice", "correct horse")));
        }
    }

    /** Row 14: failures are counted and the connection closed after the cap. */
    @Test
    void authFailureCap() throws Exception {
        try (SmtpTestClient client = start(b -> b.allowCleartextAuth(true))) {
            client.command("EHLO client.test");
            assertEquals("535 5.7.8 Authentication credentials invalid", client.command("AUTH PLAIN " + plain("alice", "a")));
            assertEquals("535 5.7.8 Authentication credentials invalid", client.command("AUTH PLAIN " + plain("alice", "b")));
            assertEquals("421 4.7.0 Too many authentication failures, closing connection",
                    client.command("AUTH PLAIN " + plain("alice", "c")));
            assertTrue(client.closed());
        }
    }

    /** AUTH LOGIN's continuation lines, and a cancelled exchange. */
    @Test
    void authLoginExchangeAndCancel() throws Exception {
        try (SmtpTestClient client = start(b -> b.allowCleartextAuth(true))) {
            client.command("EHLO client.test");
            assertEquals("334 " + b64("Username:"), client.command("AUTH LOGIN"));
            assertEquals("501 5.0.0 Authentication cancelled", client.command("*"));
            assertEquals("334 " + b64("Username:"), client.command("AUTH LOGIN"));
            assertEquals("334 " + b64("Password:"), client.command(b64("alice")));
            assertEquals("235 2.7.0 Authentication successful", client.command(b64("correct horse")));
        }
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Row 15: STARTTLS is refused once authenticated. */
    @Test
    void startTlsAfterAuthIsRefused() throws Exception {
        try (SmtpTestClient client = start(b -> b.startTls(TestTls.SERVER).allowCleartextAuth(true))) {
            client.command("EHLO client.test");
            client.command("AUTH PLAIN " + plain("alice", "correct horse"));
            assertEquals("503 5.5.1 STARTTLS not allowed after AUTH (RFC 3207 section 4.2)", client.command("STARTTLS"));
        }
    }

    /** RFC 8689: REQUIRETLS only over TLS. */
    @Test
    void requireTlsNeedsTls() throws Exception {
        try (SmtpTestClient client = start(b -> b)) {
            client.command("EHLO client.test");
            assertEquals("530 5.7.10 REQUIRETLS needs an encrypted connection", client.command("MAIL FROM:<a@b.test> REQUIRETLS"));
        }
    }

    /** RFC 6409: submission refuses MAIL before AUTH. */
    @Test
    void submissionRequiresAuth() throws Exception {
        try (SmtpTestClient client = start(b -> b.mode(SmtpMode.SUBMISSION).allowCleartextAuth(true))) {
            client.command("EHLO client.test");
            assertEquals("530 5.7.0 Authentication required", client.command("MAIL FROM:<alice@mx.test>"));
            client.command("AUTH PLAIN " + plain("alice", "correct horse"));
            assertEquals("250 2.1.0 Sender OK", client.command("MAIL FROM:<alice@mx.test>"));
        }
    }

    /** Row 6: connection caps answer 421. */
    @Test
    void connectionCap() throws Exception {
        try (SmtpTestClient first = start(b -> b.maxConnections(1, 1));
                SmtpTestClient second = new SmtpTestClient(server.port())) {
            assertEquals("421 4.7.0 Too many connections, try again later", second.reply());
            assertTrue(second.closed());
        }
    }
}
