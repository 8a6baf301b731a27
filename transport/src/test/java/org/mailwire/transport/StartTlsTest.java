package org.mailwire.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailwire.transport.testing.TestTls;

/** The server half of the STARTTLS switch, driven by the JDK's own TLS client over real sockets. */
class StartTlsTest {
    private EchoServer server;

    @BeforeEach
    void start() {
        server = new EchoServer(config -> config.startTls(TestTls.SERVER));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void upgradesInPlaceAndForgetsNothingItShouldKeep() throws Exception {
        try (LineClient client = LineClient.connect(server.port())) {
            assertEquals("+OK echo ready", client.readLine());
            client.sendLine("TLS?");
            assertEquals("+OK plain", client.readLine());
            client.sendLine("STLS");
            assertEquals("+OK begin TLS", client.readLine());

            SSLSocket tls = client.upgrade(TestTls.jdkClient(), "localhost");

            assertEquals("TLSv1.3", tls.getSession().getProtocol());
            client.sendLine("TLS?");
            assertEquals("+OK secure", client.readLine());
            client.sendLine("STLS");
            assertEquals("-ERR already secure", client.readLine());
            client.sendLine("QUIT");
            assertEquals("+OK bye", client.readLine());
        }
        assertEquals(1, server.listener.counters().tlsHandshakes());
    }

    @Test
    void commandPipelinedBehindStartTlsClosesTheConnection() throws Exception {
        try (LineClient client = LineClient.connect(server.port())) {
            assertEquals("+OK echo ready", client.readLine());

            // CVE-2011-0411: one segment holding STARTTLS and a command for the TLS session.
            client.send("STLS\r\nINJECTED\r\n");

            String reply;
            while ((reply = client.readLineOrNull()) != null) {
                assertEquals("+OK begin TLS", reply);
            }
        }
        assertEquals(java.util.List.of("STLS"), server.shared.received);
    }

    @Test
    void cleartextSentAfterTheGoAheadInsteadOfAHandshakeClosesTheConnection() throws Exception {
        try (LineClient client = LineClient.connect(server.port())) {
            assertEquals("+OK echo ready", client.readLine());
            client.sendLine("STLS");
            assertEquals("+OK begin TLS", client.readLine());

            client.sendLine("INJECTED");

            assertTrue(client.closedByPeer());
        }
        assertEquals(java.util.List.of("STLS"), server.shared.received);
        awaitCount(() -> server.listener.counters().tlsFailures(), 1);
    }

    static void awaitCount(java.util.function.LongSupplier value, long expected) throws InterruptedException {
        for (int i = 0; i < 500 && value.getAsLong() != expected; i++) {
            Thread.sleep(10);
        }
        assertEquals(expected, value.getAsLong());
    }
}
