package org.mailwire.pop3.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.mailwire.transport.sasl.InMemoryUsers;

/**
 * SECURITY.md row 16: with our loggers at DEBUG (pop3-core's surefire configuration), USER/PASS,
 * APOP and AUTH sessions (successes, failures, a cancelled exchange, garbage) and a retrieved body
 * leave no password, SASL payload, digest or body text in the log.
 */
class NoSecretsLoggedTest {
    private static final String PASSWORD = "s3cret-Passw0rd-5e1a";
    private static final String BODY_MARKER = "confidential-body-90c3";

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void passwordsPayloadsAndBodiesStayOutOfTheLog() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        String apopDigest = Pop3ServerProtocolTest.md5("<1.2@x>" + PASSWORD);
        try {
            InMemoryUsers users = new InMemoryUsers().withSharedSecrets();
            users.add("alice", PASSWORD);
            InMemoryMaildropStore store = new InMemoryMaildropStore();
            store.add("alice", ("Subject: x\r\n\r\n" + BODY_MARKER + "\r\n").getBytes(StandardCharsets.US_ASCII));
            try (Pop3Server server = Pop3Server.builder().hostname("mx.test").port(0).authenticator(users)
                    .maildropStore(store).allowCleartextAuth(true).authFailures(Duration.ZERO, 10).start();
                    Pop3TestClient client = new Pop3TestClient(server.port())) {
                client.line();
                client.command("USER alice");
                client.command("PASS " + PASSWORD + "x");
                client.command("APOP alice " + apopDigest);
                client.command("AUTH PLAIN " + b64("\0alice\0" + PASSWORD + "y"));
                client.command("AUTH LOGIN " + b64("alice"));
                client.command(b64(PASSWORD + "z"));
                client.command("AUTH LOGIN");
                client.command("*");
                client.command("PASS " + PASSWORD);
                client.command("AUTH PLAIN !!!" + PASSWORD);
                assertTrue(client.command("AUTH PLAIN " + b64("\0alice\0" + PASSWORD)).startsWith("+OK maildrop"));
                assertTrue(client.multiLine("RETR 1").contains(BODY_MARKER));
                assertEquals("+OK mx.test POP3 server signing off (1 messages left)", client.command("QUIT"));
            }
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("authentication failed"), "the failures were logged at all:\n" + log);
        for (String secret : List.of(PASSWORD, b64(PASSWORD + "z"), b64("\0alice\0" + PASSWORD), apopDigest, BODY_MARKER)) {
            assertFalse(log.contains(secret), "logged: " + secret);
        }
    }

    /** A hook's or a store's exception message may carry client input: only the class is logged. */
    @Test
    void hookAndStoreExceptionMessagesStayOutOfTheLog() throws Exception {
        String marker = "hook-exception-marker-7f3e";
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            InMemoryUsers users = new InMemoryUsers();
            users.add("alice", PASSWORD);
            users.add("bob", PASSWORD);
            Pop3Hooks hooks = new Pop3Hooks() {
                @Override
                public CompletionStage<HookResult> onLogin(SessionInfo session, String identity) {
                    return identity.equals("alice")
                            ? CompletableFuture.failedFuture(new IllegalStateException(marker + " " + identity))
                            : CompletableFuture.completedFuture(new HookResult.Continue());
                }
            };
            MaildropStore store = user -> {
                throw new IllegalArgumentException(marker + " store " + user);
            };
            try (Pop3Server server = Pop3Server.builder().hostname("mx.test").port(0).authenticator(users)
                    .maildropStore(store).hooks(hooks).allowCleartextAuth(true).start();
                    Pop3TestClient client = new Pop3TestClient(server.port())) {
                client.line();
                client.command("USER alice");
                assertEquals("-ERR [SYS/TEMP] Local error, try again later", client.command("PASS " + PASSWORD));
                client.command("USER bob");
                assertEquals("-ERR [SYS/TEMP] maildrop temporarily unavailable", client.command("PASS " + PASSWORD));
            }
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains(IllegalStateException.class.getName()), "the failure was logged:\n" + log);
        assertTrue(log.contains(IllegalArgumentException.class.getName()), "the failure was logged:\n" + log);
        assertFalse(log.contains(marker), "logged an exception message:\n" + log);
    }
}
