package org.mailwire.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mailwire.transport.testing.TestTls;

/** Every limit a listener enforces, crossed over real sockets. */
class ListenerLimitsTest {

    @Test
    void overlongLineIsRefusedAndTheConnectionGoesOn() throws Exception {
        try (EchoServer server = new EchoServer(config -> config);
                LineClient client = LineClient.connect(server.port())) {
            assertEquals("+OK echo ready", client.readLine());

            client.sendLine("x".repeat(EchoProtocol.MAX_LINE + 1));
            client.sendLine("x".repeat(EchoProtocol.MAX_LINE));

            assertEquals("-ERR line too long", client.readLine());
            assertEquals("+OK " + "x".repeat(EchoProtocol.MAX_LINE), client.readLine());
        }
    }

    @Test
    void totalConnectionCapRefusesWithTheProtocolLine() throws Exception {
        try (EchoServer server = new EchoServer(config -> config.maxConnections(2));
                LineClient first = LineClient.connect(server.port());
                LineClient second = LineClient.connect(server.port())) {
            assertEquals("+OK echo ready", first.readLine());
            assertEquals("+OK echo ready", second.readLine());

            try (LineClient third = LineClient.connect(server.port())) {
                assertEquals("-ERR [SYS/TEMP] TOO_MANY_CONNECTIONS", third.readLine());
                assertTrue(third.closedByPeer());
            }
            second.sendLine("QUIT");
            assertEquals("+OK bye", second.readLine());
            assertTrue(second.closedByPeer());
            StartTlsTest.awaitCount(() -> server.listener.counters().openConnections(), 1);

            try (LineClient again = LineClient.connect(server.port())) {
                assertEquals("+OK echo ready", again.readLine());
            }
            assertEquals(1, server.listener.counters().refusedConnections());
        }
    }

    @Test
    void implicitTlsListenerRefusesWithoutALine() throws Exception {
        try (EchoServer server = new EchoServer(config -> config.implicitTls(TestTls.SERVER).maxConnections(1));
                javax.net.ssl.SSLSocket first = (javax.net.ssl.SSLSocket) TestTls.jdkClient().getSocketFactory()
                        .createSocket(InetAddress.getLoopbackAddress(), server.port())) {
            first.startHandshake();
            try (LineClient refused = LineClient.connect(server.port())) {
                // No cleartext line on a TLS port, and no handshake spent on a refused peer.
                assertTrue(refused.closedByPeer());
            }
            assertEquals(1, server.listener.counters().refusedConnections());
        }
    }

    @Test
    void perAddressCapRefusesOnlyThatAddress() throws Exception {
        InetAddress other = InetAddress.getByName("127.0.0.2");
        try (EchoServer server = new EchoServer(config -> config.maxConnectionsPerAddress(1));
                LineClient first = LineClient.connect(server.port())) {
            assertEquals("+OK echo ready", first.readLine());

            try (LineClient sameAddress = LineClient.connect(server.port())) {
                assertEquals("-ERR [SYS/TEMP] TOO_MANY_FROM_ADDRESS", sameAddress.readLine());
                assertTrue(sameAddress.closedByPeer());
            }
            try (LineClient otherAddress = LineClient.connect(server.port(), other)) {
                assertEquals("+OK echo ready", otherAddress.readLine());
            }
        }
    }

    @Test
    void idleConnectionIsClosed() throws Exception {
        try (EchoServer server = new EchoServer(config -> config.idleTimeout(Duration.ofSeconds(1)));
                LineClient client = LineClient.connect(server.port())) {
            assertEquals("+OK echo ready", client.readLine());

            assertEquals("-ERR idle timeout", client.readLine());
            assertTrue(client.closedByPeer());
        }
    }

    /** A peer that starts TLS and then trickles (or sends nothing) is dropped when the handshake is late. */
    @Test
    void lateTlsHandshakesAreAbandoned() throws Exception {
        try (EchoServer server = new EchoServer(config -> config.startTls(TestTls.SERVER)
                .handshakeTimeout(Duration.ofMillis(300)));
                LineClient client = LineClient.connect(server.port())) {
            assertEquals("+OK echo ready", client.readLine());
            client.sendLine("STLS");
            assertEquals("+OK begin TLS", client.readLine());
            client.sendBytes(new byte[] {0x16, 0x03});

            assertTrue(client.closedByPeer());
            StartTlsTest.awaitCount(() -> server.listener.counters().tlsFailures(), 1);
        }
        try (EchoServer server = new EchoServer(config -> config.implicitTls(TestTls.SERVER)
                .handshakeTimeout(Duration.ofMillis(300)));
                LineClient silent = LineClient.connect(server.port())) {
            assertTrue(silent.closedByPeer());
        }
    }

    @Test
    void perCommandDeadlineReachesTheHandler() throws Exception {
        try (EchoServer server = new EchoServer(config -> config);
                LineClient client = LineClient.connect(server.port())) {
            assertEquals("+OK echo ready", client.readLine());

            client.sendLine("DEADLINE 100");

            assertEquals("-ERR deadline", client.readLine());
            assertTrue(client.closedByPeer());
        }
    }

    @Test
    void configRejectsNonsense() {
        var builder = ListenerConfig.builder();
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> builder.port(70000).build());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ListenerConfig.builder().maxConnections(0).build());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ListenerConfig.builder().idleTimeout(Duration.ofMillis(10)).build());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ListenerConfig.builder().tls(TlsMode.STARTTLS, null).build());
    }
}
