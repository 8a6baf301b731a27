package org.mailwire.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailwire.transport.sasl.InMemoryUsers;

/**
 * SECURITY.md row 16: with our loggers at DEBUG, an AUTH session (successes, failures, a cancelled
 * exchange, garbage) and a message body leave no password, SASL payload or body text in the log.
 */
class NoSecretsLoggedTest {
    private static final String PASSWORD = "s3cret-Passw0rd-9f2c";
    private static final String BODY_MARKER = "confidential-body-7d41";

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void authPayloadsPasswordsAndBodiesStayOutOfTheLog() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            InMemoryUsers users = new InMemoryUsers();
            users.add("alice", PASSWORD);
            try (SmtpServer server = SmtpServer.builder().hostname("mx.test").port(0).authenticator(users)
                    .allowCleartextAuth(true).authFailures(Duration.ZERO, 10).messageSink(new RecordingSink()).start();
                    SmtpTestClient client = new SmtpTestClient(server.port())) {
                client.reply();
                client.command("EHLO client.test");
                client.command("AUTH PLAIN " + b64("\0alice\0" + PASSWORD + "x"));
                client.command("AUTH LOGIN " + b64("alice"));
                client.command(b64(PASSWORD + "y"));
                client.command("AUTH LOGIN");
                client.command("*");
                client.command("AUTH PLAIN !!!" + PASSWORD);
                assertEquals("235 2.7.0 Authentication successful", client.command("AUTH PLAIN " + b64("\0alice\0" + PASSWORD)));
                client.command("MAIL FROM:<alice@mx.test>");
                client.command("RCPT TO:<bob@mx.test>");
                client.command("DATA");
                client.send("Subject: x\r\n\r\n" + BODY_MARKER + "\r\n.\r\n");
                client.reply();
                client.command("QUIT");
            }
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("authentication failed"), "the failures were logged at all:\n" + log);
        for (String secret : List.of(PASSWORD, b64(PASSWORD + "y"), b64("\0alice\0" + PASSWORD), BODY_MARKER)) {
            assertFalse(log.contains(secret), "logged: " + secret);
        }
    }
}
