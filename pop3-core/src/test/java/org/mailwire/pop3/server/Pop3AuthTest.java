package org.mailwire.pop3.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailwire.transport.sasl.SaslClientMechanism;
import org.mailwire.transport.sasl.SaslClients;
import org.mailwire.transport.sasl.InMemoryUsers;
import org.mailwire.transport.testing.TestTls;

/** RFC 5034 AUTH exchanges over TLS, driven by the transport's SASL clients. */
class Pop3AuthTest {
    private final InMemoryMaildropStore store = new InMemoryMaildropStore();
    private Pop3Server server;

    @BeforeEach
    void start() {
        InMemoryUsers users = new InMemoryUsers().withSharedSecrets();
        users.add("alice", "correct horse");
        users.addBearerToken("alice", "token-123");
        server = Pop3Server.builder().hostname("mx.test").port(0).maildropStore(store).authenticator(users)
                .implicitTls(TestTls.SERVER).authFailures(Duration.ZERO, 10).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Pop3TestClient connect() throws Exception {
        Pop3TestClient client = Pop3TestClient.implicitTls(server.port(), TestTls.jdkClient());
        assertTrue(client.line().startsWith("+OK mx.test POP3 ready <"));
        return client;
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Runs a whole exchange; returns the final status line. */
    private static String exchange(Pop3TestClient client, SaslClientMechanism mechanism, boolean initialResponse)
            throws Exception {
        String command = "AUTH " + mechanism.mechanism().wireName();
        if (initialResponse) {
            var first = mechanism.initialResponse();
            if (first.isPresent()) {
                command += " " + (first.get().length == 0 ? "=" : b64(first.get()));
            }
        }
        String line = client.command(command);
        while (line.startsWith("+ ")) {
            byte[] challenge = Base64.getDecoder().decode(line.substring(2));
            if (mechanism.isComplete()) {
                // Additional data with success (SCRAM's server signature): answered empty.
                assertTrue(mechanism.verifyServerFinal(challenge));
                line = client.command("");
            } else {
                line = client.command(b64(mechanism.respond(challenge)));
            }
        }
        return line;
    }

    @Test
    void mechanismListAndCapa() throws Exception {
        try (Pop3TestClient client = connect()) {
            assertEquals("+OK Supported mechanisms follow\nSCRAM-SHA-256\nOAUTHBEARER\nXOAUTH2\nCRAM-MD5\nPLAIN\nLOGIN",
                    client.multiLine("AUTH"));
            assertTrue(client.multiLine("CAPA").contains("\nSASL SCRAM-SHA-256 OAUTHBEARER XOAUTH2 CRAM-MD5 PLAIN LOGIN\n"));
        }
    }

    @Test
    void plainWithAndWithoutInitialResponse() throws Exception {
        try (Pop3TestClient client = connect()) {
            assertEquals("-ERR [AUTH] Authentication failed", exchange(client, SaslClients.plain("", "alice", "nope"), true));
            assertEquals("+ ", client.command("AUTH PLAIN"));
            assertTrue(client.command(b64("\0alice\0correct horse")).startsWith("+OK maildrop has 0 messages"));
        }
        try (Pop3TestClient client = connect()) {
            assertTrue(exchange(client, SaslClients.plain("", "alice", "correct horse"), true).startsWith("+OK maildrop"));
        }
    }

    @Test
    void loginCancelAndBadBase64() throws Exception {
        try (Pop3TestClient client = connect()) {
            assertEquals("+ " + b64("Username:"), client.command("AUTH LOGIN"));
            assertEquals("-ERR Authentication cancelled", client.command("*"));
            assertEquals("+ " + b64("Username:"), client.command("AUTH LOGIN"));
            assertEquals("-ERR Invalid base64 data", client.command("!!!"));
            assertEquals("-ERR Syntax error in arguments", client.command("AUTH PLAIN !!!"));
            assertEquals("-ERR Unsupported authentication mechanism", client.command("AUTH GSSAPI"));
            assertTrue(exchange(client, SaslClients.login("alice", "correct horse"), false).startsWith("+OK maildrop"));
        }
    }

    @Test
    void cramMd5() throws Exception {
        try (Pop3TestClient client = connect()) {
            assertEquals("-ERR [AUTH] Authentication failed", exchange(client, SaslClients.cramMd5("alice", "wrong"), false));
            assertTrue(exchange(client, SaslClients.cramMd5("alice", "correct horse"), false).startsWith("+OK maildrop"));
        }
    }

    @Test
    void scramSha256WithTheServerSignature() throws Exception {
        try (Pop3TestClient client = connect()) {
            assertEquals("-ERR [AUTH] Authentication failed", exchange(client, SaslClients.scramSha256("", "alice", "wrong"), true));
            SaslClientMechanism scram = SaslClients.scramSha256("", "alice", "correct horse");
            assertTrue(exchange(client, scram, true).startsWith("+OK maildrop"));
            assertTrue(scram.isComplete());
        }
    }

    @Test
    void bearerTokens() throws Exception {
        try (Pop3TestClient client = connect()) {
            assertTrue(exchange(client, SaslClients.xoauth2("alice", "token-123"), true).startsWith("+OK maildrop"));
        }
        try (Pop3TestClient client = connect()) {
            String failed = exchange(client, SaslClients.oauthBearer("alice", "bad-token", "localhost", server.port()), true);
            assertTrue(failed.startsWith("-ERR"), failed);
            assertTrue(exchange(client, SaslClients.oauthBearer("alice", "token-123", "localhost", server.port()), true)
                    .startsWith("+OK maildrop"));
        }
    }
}
