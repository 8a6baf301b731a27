package org.mailwire.smtp.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mailwire.smtp.BodyType;
import org.mailwire.smtp.Envelope;
import org.mailwire.smtp.ForwardPath;
import org.mailwire.smtp.Mailbox;
import org.mailwire.smtp.ReversePath;
import org.mailwire.smtp.client.BlockingSmtpClient;
import org.mailwire.smtp.client.SendResult;
import org.mailwire.smtp.client.SmtpAuthenticationException;
import org.mailwire.smtp.client.SmtpClientOptions;
import org.mailwire.smtp.client.StartTlsPolicy;
import org.mailwire.smtp.server.SmtpMode;
import org.mailwire.smtp.server.SmtpServer;
import org.mailwire.tls.ClientTls;
import org.mailwire.tls.KeyType;
import org.mailwire.tls.SelfSignedCertificate;
import org.mailwire.tls.ServerIdentity;
import org.mailwire.tls.ServerTls;
import org.mailwire.transport.sasl.InMemoryUsers;
import org.mailwire.transport.sasl.SaslMechanism;

/** Our client against our server over real sockets: every AUTH mechanism, BDAT, DATA and LMTP. */
class ClientServerTest {
    private static final ServerIdentity IDENTITY = SelfSignedCertificate.generate(KeyType.EC_P256, List.of("localhost"), 2);

    record Received(Envelope envelope, byte[] body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private SmtpServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    private void start(SmtpMode mode) {
        InMemoryUsers users = new InMemoryUsers().withSharedSecrets();
        users.add("alice", "correct horse");
        users.addBearerToken("alice", "ya29.token-for-alice");
        server = SmtpServer.builder().hostname("mx.test").port(0).mode(mode)
                .startTls(ServerTls.create(IDENTITY)).authenticator(users).authFailures(Duration.ZERO, 3)
                .onMessage((envelope, body) -> received.add(new Received(envelope, body.readAllBytes())))
                .start();
    }

    private static SmtpClientOptions.Builder options() {
        return SmtpClientOptions.builder().ehloName("client.test")
                .clientTls(ClientTls.builder().trustCertificates(IDENTITY.chain()).build())
                .connectTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofSeconds(10));
    }

    private static Envelope envelope(String... to) {
        return Envelope.of(ReversePath.of(new Mailbox("alice", "mx.test")),
                java.util.Arrays.stream(to).map(local -> ForwardPath.of(new Mailbox(local, "example.test"))).toList());
    }

    private BlockingSmtpClient connect(SmtpClientOptions options) {
        return BlockingSmtpClient.connect("localhost", server.port(), options);
    }

    @ParameterizedTest
    @EnumSource(value = SaslMechanism.class, names = {"PLAIN", "LOGIN", "CRAM_MD5", "SCRAM_SHA_256"})
    void submissionWithEachPasswordMechanism(SaslMechanism mechanism) {
        start(SmtpMode.SUBMISSION);
        try (BlockingSmtpClient client = connect(options().password("alice", "correct horse")
                .mechanisms(List.of(mechanism)).build())) {
            assertTrue(client.async().isSecure(), "credentials force STARTTLS");
            assertTrue(client.async().isAuthenticated());
            SendResult result = client.send(envelope("bob"), "Subject: hi\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(result.allDelivered());
            client.quit();
        }
        assertEquals("Subject: hi\r\n\r\nhello\r\n", new String(received.get(0).body(), StandardCharsets.US_ASCII));
    }

    @ParameterizedTest
    @EnumSource(value = SaslMechanism.class, names = {"XOAUTH2", "OAUTHBEARER"})
    void submissionWithBearerTokens(SaslMechanism mechanism) {
        start(SmtpMode.SUBMISSION);
        try (BlockingSmtpClient client = connect(options().oauthToken("alice", "ya29.token-for-alice")
                .mechanisms(List.of(mechanism)).build())) {
            assertTrue(client.async().isAuthenticated());
            assertTrue(client.send(envelope("bob"), "x\r\n".getBytes(StandardCharsets.US_ASCII)).allDelivered());
        }
    }

    @Test
    void wrongPasswordFailsWithTheServersReply() {
        start(SmtpMode.SUBMISSION);
        var failure = assertThrows(RuntimeException.class, () -> connect(options().password("alice", "wrong").build()));
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        assertTrue(cause instanceof SmtpAuthenticationException, cause.toString());
        assertTrue(cause.getMessage() == null || !cause.getMessage().contains("wrong"), "no password in messages");
    }

    @Test
    void binaryBodyOverBdat() {
        start(SmtpMode.MX);
        byte[] body = new byte[300_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        Envelope binary = new Envelope(envelope("bob").from(),
                envelope("bob").mailParameters().withBody(BodyType.BINARY_MIME), envelope("bob").recipients());
        try (BlockingSmtpClient client = connect(options().startTlsPolicy(StartTlsPolicy.DISABLED).chunkSize(65536).build())) {
            assertTrue(client.capabilities().chunking());
            assertTrue(client.send(binary, new ByteArrayInputStream(body)).allDelivered());
        }
        assertEquals(BodyType.BINARY_MIME, received.get(0).envelope().mailParameters().body().orElseThrow());
        assertTrue(java.util.Arrays.equals(body, received.get(0).body()), "every octet, NUL and bare CR included");
    }

    @Test
    void textBodyOverDataWithStrayLineEndsCanonicalised() {
        start(SmtpMode.MX);
        try (BlockingSmtpClient client = connect(options().startTlsPolicy(StartTlsPolicy.OPTIONAL).useBdat(false).build())) {
            assertTrue(client.async().isSecure(), "OPTIONAL upgrades when offered");
            for (int i = 0; i < 3; i++) {
                assertTrue(client.send(envelope("bob", "carol"),
                        ("Subject: " + i + "\n\n.dot\rbare cr\nbare lf\r\n").getBytes(StandardCharsets.US_ASCII)).allDelivered());
            }
        }
        assertEquals(3, received.size());
        assertEquals("Subject: 0\r\n\r\n.dot\r\nbare cr\r\nbare lf\r\n", new String(received.get(0).body(), StandardCharsets.US_ASCII));
        assertEquals(2, received.get(2).envelope().recipients().size());
    }

    @Test
    void lmtpOneResultPerRecipient() {
        start(SmtpMode.LMTP);
        SendResult result;
        try (BlockingSmtpClient client = connect(options().lmtp(true).startTlsPolicy(StartTlsPolicy.DISABLED).build())) {
            result = client.send(envelope("bob", "carol"), "x\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        assertEquals(2, result.delivered().size());
    }
}
