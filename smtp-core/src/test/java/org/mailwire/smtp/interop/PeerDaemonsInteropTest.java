package org.mailwire.smtp.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mailwire.smtp.Envelope;
import org.mailwire.smtp.ForwardPath;
import org.mailwire.smtp.Mailbox;
import org.mailwire.smtp.ReversePath;
import org.mailwire.smtp.client.BlockingSmtpClient;
import org.mailwire.smtp.client.SendResult;
import org.mailwire.smtp.client.SmtpClientOptions;
import org.mailwire.smtp.client.StartTlsPolicy;
import org.mailwire.tls.ClientTls;

/**
 * Our client against real daemons on loopback: Postfix's smtpd (STARTTLS required) and Dovecot's
 * LMTP server. {@code .ci/peers/postfix.sh} and {@code .ci/peers/dovecot-lmtp.sh} start them.
 */
@Tag("interop")
class PeerDaemonsInteropTest {
    private static final Path PEER_DIR = Path.of(System.getProperty("mailwire.peers.dir", "/tmp/mailwire-peers"));
    private static final int POSTFIX_PORT = Integer.getInteger("mailwire.peers.postfix.port", 2526);
    private static final int DOVECOT_LMTP_PORT = Integer.getInteger("mailwire.peers.dovecot.lmtp.port", 2424);

    /** Skips when the daemon is not running, except in CI, where .ci/run starts it. */
    private static void requireListening(int port, String daemon) {
        boolean listening;
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            listening = true;
        } catch (IOException e) {
            listening = false;
        }
        if ("true".equals(System.getenv("CI")) && !listening) {
            throw new AssertionError(daemon + " must be listening on 127.0.0.1:" + port + " in CI (.ci/peers)");
        }
        Assumptions.assumeTrue(listening, daemon + " is not running on 127.0.0.1:" + port);
    }

    private static SmtpClientOptions.Builder options() {
        return SmtpClientOptions.builder().ehloName("client.mailwire.test")
                .connectTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofSeconds(30));
    }

    private static Envelope envelope(String... to) {
        return Envelope.of(ReversePath.of(new Mailbox("sender", "client.mailwire.test")),
                Stream.of(to).map(address -> ForwardPath.of(new Mailbox(address.substring(0, address.indexOf('@')),
                        address.substring(address.indexOf('@') + 1)))).toList());
    }

    @Test
    void postfixWithRequiredStartTls() throws Exception {
        requireListening(POSTFIX_PORT, "postfix");
        ClientTls trust = ClientTls.builder().trustPem(PEER_DIR.resolve("postfix-cert.pem")).build();
        try (BlockingSmtpClient client = BlockingSmtpClient.connect("localhost", POSTFIX_PORT,
                options().startTlsPolicy(StartTlsPolicy.REQUIRED).clientTls(trust).build())) {
            assertTrue(client.async().isSecure());
            assertTrue(client.capabilities().pipelining(), "Postfix offers PIPELINING");
            for (int i = 0; i < 3; i++) {
                SendResult result = client.send(envelope("bob@example.org", "carol@example.org"),
                        ("Subject: to postfix " + i + "\r\n\r\n.leading dot\r\nhello\r\n").getBytes(StandardCharsets.US_ASCII));
                assertTrue(result.allDelivered(), result.toString());
            }
            client.quit();
        }
    }

    @Test
    void dovecotLmtpRepliesPerRecipient() throws Exception {
        requireListening(DOVECOT_LMTP_PORT, "dovecot lmtp");
        String alice = "alice" + System.nanoTime();
        String bob = "bob" + System.nanoTime();
        SendResult result;
        try (BlockingSmtpClient client = BlockingSmtpClient.connect("127.0.0.1", DOVECOT_LMTP_PORT,
                options().lmtp(true).startTlsPolicy(StartTlsPolicy.DISABLED).build())) {
            result = client.send(envelope(alice + "@mailwire.test", bob + "@mailwire.test"),
                    "Subject: via lmtp\r\n\r\nhello dovecot\r\n".getBytes(StandardCharsets.US_ASCII));
            client.quit();
        }
        assertEquals(2, result.delivered().size(), result.toString());
        for (String user : List.of(alice, bob)) {
            Path inbox = PEER_DIR.resolve("dovecot/home/" + user + "/Maildir/new");
            try (Stream<Path> files = Files.list(inbox)) {
                List<Path> messages = files.toList();
                assertEquals(1, messages.size(), user);
                assertTrue(Files.readString(messages.get(0)).contains("hello dovecot"));
            }
        }
    }
}
