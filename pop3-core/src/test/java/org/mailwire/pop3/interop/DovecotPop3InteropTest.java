package org.mailwire.pop3.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mailwire.pop3.UniqueId;
import org.mailwire.pop3.client.BlockingPop3Client;
import org.mailwire.pop3.client.Pop3ClientOptions;
import org.mailwire.pop3.client.Pop3LoginMethod;
import org.mailwire.pop3.client.StartTlsPolicy;
import org.mailwire.tls.ClientTls;

/**
 * Our POP3 client against Dovecot's POP3 server on loopback, started by {@code .ci/peers/dovecot.sh}
 * with STLS and the users alice and bob. Mail is put in place through Dovecot's own LMTP server.
 */
@Tag("interop")
class DovecotPop3InteropTest {
    private static final Path PEER_DIR = Path.of(System.getProperty("mailwire.peers.dir", "/tmp/mailwire-peers"));
    private static final int POP3_PORT = Integer.getInteger("mailwire.peers.dovecot.pop3.port", 2110);
    private static final int LMTP_PORT = Integer.getInteger("mailwire.peers.dovecot.lmtp.port", 2424);

    private static void requireDovecot() {
        boolean listening;
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), POP3_PORT), 2000);
            listening = true;
        } catch (IOException e) {
            listening = false;
        }
        if ("true".equals(System.getenv("CI")) && !listening) {
            throw new AssertionError("dovecot must serve POP3 on 127.0.0.1:" + POP3_PORT + " in CI (.ci/peers)");
        }
        Assumptions.assumeTrue(listening, "dovecot is not running");
    }

    /** Delivers through Dovecot's LMTP with a raw, minimal exchange (no client of ours involved). */
    private static void deliver(String user, String message) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), LMTP_PORT), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("LHLO test\r\nMAIL FROM:<sender@example.org>\r\nRCPT TO:<" + user + "@mailwire.test>\r\nDATA\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write((message + ".\r\nQUIT\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String transcript = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(transcript.contains("Saved"), transcript);
        }
    }

    private static Pop3ClientOptions.Builder options(Pop3LoginMethod method) throws IOException {
        return Pop3ClientOptions.builder()
                .startTlsPolicy(StartTlsPolicy.REQUIRED)
                .clientTls(ClientTls.builder().trustPem(PEER_DIR.resolve("dovecot-cert.pem")).build())
                .password("bob", "bob-password")
                .loginMethods(List.of(method))
                .connectTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofSeconds(30));
    }

    @ParameterizedTest
    @EnumSource(value = Pop3LoginMethod.class, names = {"USER_PASS", "PLAIN"})
    void stlsLoginRetrieveAndDelete(Pop3LoginMethod method) throws Exception {
        requireDovecot();
        String marker = "marker-" + System.nanoTime();
        deliver("bob", "Subject: " + marker + "\r\n\r\n..a stuffed line\r\nhello bob\r\n");

        String uid = null;
        try (BlockingPop3Client client = BlockingPop3Client.connect("localhost", POP3_PORT, options(method).build())) {
            assertTrue(client.capabilities().pipelining(), "Dovecot offers PIPELINING");
            int count = client.stat().messages();
            assertTrue(count >= 1);
            List<UniqueId> ids = client.uidl();
            assertEquals(count, ids.size());
            for (UniqueId id : ids) {
                String text = new String(client.retrieve(id.message(), 1 << 20), StandardCharsets.US_ASCII);
                if (text.contains(marker)) {
                    assertTrue(text.contains("\r\n.a stuffed line\r\nhello bob\r\n"), text);
                    uid = id.uid();
                    client.delete(id.message());
                }
            }
            assertTrue(uid != null, "the delivered message was found");
            assertTrue(client.quit(), "UPDATE succeeded");
        }
        try (BlockingPop3Client client = BlockingPop3Client.connect("localhost", POP3_PORT, options(method).build())) {
            String deleted = uid;
            assertTrue(client.uidl().stream().noneMatch(id -> id.uid().equals(deleted)), "deleted on QUIT");
            client.quit();
        }
    }
}
