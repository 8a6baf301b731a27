package org.mailwire.smtp.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailwire.smtp.Envelope;
import org.mailwire.smtp.server.SmtpServer;
import org.mailwire.tls.KeyType;
import org.mailwire.tls.SelfSignedCertificate;
import org.mailwire.tls.ServerIdentity;
import org.mailwire.tls.ServerTls;
import org.mailwire.transport.sasl.InMemoryUsers;
import org.mailwire.transport.testing.ExternalTool;

/**
 * Command-line SMTP clients we did not write against our server: swaks (pipelining, STARTTLS, AUTH
 * PLAIN and LOGIN), curl (smtp:// with --ssl-reqd) and Python's smtplib (STARTTLS, login,
 * send_message, SMTPUTF8).
 */
@Tag("interop")
class SmtpToolsInteropTest {
    private static final ServerIdentity IDENTITY = SelfSignedCertificate.generate(KeyType.EC_P256, List.of("localhost"), 2);

    record Received(Envelope envelope, String body) {
    }

    @TempDir
    Path directory;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private SmtpServer server;
    private Path caFile;

    @BeforeEach
    void start() throws Exception {
        InMemoryUsers users = new InMemoryUsers();
        users.add("alice", "correct horse");
        server = SmtpServer.builder().hostname("mx.test").port(0)
                .startTls(ServerTls.create(IDENTITY)).authenticator(users)
                .onMessage((envelope, body) -> received.add(new Received(envelope,
                        new String(body.readAllBytes(), StandardCharsets.UTF_8))))
                .start();
        caFile = directory.resolve("ca.pem");
        Path key = directory.resolve("unused-key.pem");
        IDENTITY.writePem(caFile, key);
        Files.delete(key);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private List<String> swaks(String... extra) {
        List<String> command = new ArrayList<>(List.of("swaks", "--server", "127.0.0.1", "--port",
                String.valueOf(server.port()), "--helo", "client.test", "--from", "alice@client.test",
                "--to", "bob@mx.test", "--header", "Subject: swaks", "--body", "hello from swaks",
                "--timeout", "30"));
        command.addAll(List.of(extra));
        return command;
    }

    @Test
    void swaksWithPipelining() throws Exception {
        ExternalTool.require("swaks");
        var result = ExternalTool.run(swaks("--pipeline"), "", directory);

        assertEquals(0, result.exitCode(), result.all());
        assertTrue(result.stdout().contains("PIPELINING"), result.all());
        assertEquals(1, received.size());
        assertTrue(received.get(0).body().contains("hello from swaks"));
    }

    @Test
    void swaksStartTlsAuthPlain() throws Exception {
        ExternalTool.require("swaks");
        var result = ExternalTool.run(swaks("--tls", "--auth", "PLAIN", "--auth-user", "alice",
                "--auth-password", "correct horse"), "", directory);

        assertEquals(0, result.exitCode(), result.all());
        assertTrue(result.stdout().contains("235 2.7.0"), result.all());
        assertEquals(1, received.size());
    }

    @Test
    void swaksStartTlsAuthLogin() throws Exception {
        ExternalTool.require("swaks");
        var result = ExternalTool.run(swaks("--tls", "--auth", "LOGIN", "--auth-user", "alice",
                "--auth-password", "correct horse"), "", directory);

        assertEquals(0, result.exitCode(), result.all());
        assertEquals(1, received.size());
    }

    @Test
    void swaksWrongPasswordIsRefused() throws Exception {
        ExternalTool.require("swaks");
        var result = ExternalTool.run(swaks("--tls", "--auth", "PLAIN", "--auth-user", "alice",
                "--auth-password", "wrong"), "", directory);

        assertTrue(result.exitCode() != 0, result.all());
        assertTrue(result.stdout().contains("535 5.7.8"), result.all());
        assertEquals(0, received.size());
    }

    @Test
    void curlWithRequiredTls() throws Exception {
        ExternalTool.require("curl");
        Path message = directory.resolve("message.txt");
        Files.writeString(message, "Subject: curl\r\n\r\n.dot line\r\nhello from curl\r\n");
        var result = ExternalTool.run(List.of("curl", "--silent", "--show-error", "--ssl-reqd",
                "--cacert", caFile.toString(),
                "--resolve", "localhost:" + server.port() + ":127.0.0.1",
                "--url", "smtp://localhost:" + server.port() + "/client.test",
                "--user", "alice:correct horse",
                "--mail-from", "alice@client.test", "--mail-rcpt", "bob@mx.test",
                "--upload-file", message.toString(), "--max-time", "30"), "", directory);

        assertEquals(0, result.exitCode(), result.all());
        assertEquals(1, received.size());
        assertEquals("Subject: curl\r\n\r\n.dot line\r\nhello from curl\r\n", received.get(0).body());
    }

    @Test
    void pythonSmtplibStartTlsLoginAndSmtpUtf8() throws Exception {
        ExternalTool.require("python3");
        String script = """
                import smtplib, ssl, sys
                from email.message import EmailMessage
                port, cafile = int(sys.argv[1]), sys.argv[2]
                context = ssl.create_default_context(cafile=cafile)
                with smtplib.SMTP("127.0.0.1", port, local_hostname="client.test", timeout=30) as smtp:
                    smtp.starttls(context=context)
                    smtp.login("alice", "correct horse")
                    message = EmailMessage()
                    message["From"] = "alice@client.test"
                    message["To"] = "jörg@mx.test"
                    message["Subject"] = "Grüße"
                    message.set_content("Hallo Jörg\\n")
                    # smtplib declares SMTPUTF8 (and BODY=8BITMIME) itself for a non-ASCII address.
                    smtp.send_message(message)
                    smtp.send_message(message, to_addrs=["bob@mx.test"])
                print("sent")
                """;
        Path file = directory.resolve("send.py");
        Files.writeString(file, script);
        var result = ExternalTool.run(List.of("python3", file.toString(), String.valueOf(server.port()),
                caFile.toString()), "", directory);

        assertEquals(0, result.exitCode(), result.all());
        assertEquals(2, received.size());
        Envelope utf8 = received.get(0).envelope();
        assertTrue(utf8.mailParameters().smtpUtf8());
        assertEquals("jörg", utf8.recipients().get(0).path().mailbox().localPart());
    }
}
