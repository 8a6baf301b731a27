package org.mailwire.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Starting, pausing and stopping: backpressure and graceful shutdown over real sockets. */
class ListenerLifecycleTest {

    @Test
    void ephemeralPortIsReadable() {
        try (EchoServer server = new EchoServer(config -> config.port(0))) {
            assertTrue(server.port() > 0);
            assertEquals(server.port(), server.listener.localAddress().getPort());
        }
    }

    @Test
    void gracefulShutdownLetsASessionFinish() throws Exception {
        EchoServer server = new EchoServer(config -> config);
        try (LineClient client = LineClient.connect(server.port())) {
            assertEquals("+OK echo ready", client.readLine());

            CompletableFuture<Boolean> shutdown = CompletableFuture.supplyAsync(
                    () -> server.listener.shutdown(Duration.ofSeconds(20)));

            assertEquals("* shutting down", client.readLine());
            assertThrows(ConnectException.class, () -> LineClient.connect(server.port()).close());
            client.sendLine("still here");
            assertEquals("+OK still here", client.readLine());
            client.sendLine("QUIT");
            assertEquals("+OK bye", client.readLine());
            assertTrue(shutdown.get(20, TimeUnit.SECONDS), "every session ended within the grace period");
        } finally {
            server.close();
        }
    }

    @Test
    void shutdownClosesSessionsLeftAfterTheGracePeriod() throws Exception {
        EchoServer server = new EchoServer(config -> config);
        try (LineClient client = LineClient.connect(server.port())) {
            assertEquals("+OK echo ready", client.readLine());

            assertFalse(server.listener.shutdown(Duration.ofMillis(200)));

            assertEquals("* shutting down", client.readLine());
            assertTrue(client.closedByPeer());
        } finally {
            server.close();
        }
    }

    @Test
    void slowHandlerStopsReadsAndLosesNothing() throws Exception {
        try (EchoServer server = new EchoServer(config -> config);
                LineClient client = LineClient.connect(server.port())) {
            assertEquals("+OK echo ready", client.readLine());
            server.shared.release = new CountDownLatch(1);

            // The lines behind SLOW arrive in the same segment: they wait, unread, for the handler.
            client.send("SLOW 0\r\nA\r\nB\r\n");
            assertTrue(server.shared.paused.await(10, TimeUnit.SECONDS));
            StringBuilder burst = new StringBuilder();
            for (int i = 0; i < 1000; i++) {
                burst.append("line ").append(i).append("\r\n");
            }
            client.send(burst.toString());
            long readBefore = server.listener.counters().bytesIn();
            Thread.sleep(300);
            long readAfter = server.listener.counters().bytesIn();
            server.shared.release.countDown();

            assertEquals(readBefore, readAfter, "nothing is read from the socket while the handler is busy");
            assertEquals(0, server.shared.deliveriesWhilePaused.get());
            assertEquals("+OK slow done", client.readLine());
            assertEquals("+OK A", client.readLine());
            assertEquals("+OK B", client.readLine());
            for (int i = 0; i < 1000; i++) {
                assertEquals("+OK line " + i, client.readLine());
            }
        }
    }

    @Test
    void failingHandlerLosesItsConnectionOnly() throws Exception {
        try (EchoServer server = new EchoServer(config -> config);
                LineClient bystander = LineClient.connect(server.port());
                LineClient client = LineClient.connect(server.port())) {
            assertEquals("+OK echo ready", bystander.readLine());
            assertEquals("+OK echo ready", client.readLine());

            client.sendLine("BOOM");

            assertTrue(client.closedByPeer());
            bystander.sendLine("still served");
            assertEquals("+OK still served", bystander.readLine());
        }
    }

    @Test
    void countersTrackConnectionsAndBytes() throws Exception {
        try (EchoServer server = new EchoServer(config -> config)) {
            for (int i = 0; i < 3; i++) {
                try (LineClient client = LineClient.connect(server.port())) {
                    assertEquals("+OK echo ready", client.readLine());
                    client.sendLine("QUIT");
                    assertEquals("+OK bye", client.readLine());
                }
            }
            StartTlsTest.awaitCount(() -> server.shared.closed.get(), 3);
            TransportCounters counters = server.listener.counters();
            assertEquals(0, counters.openConnections());
            assertEquals(3, counters.totalConnections());
            assertEquals(3 * "QUIT\r\n".length(), counters.bytesIn());
            assertEquals(3 * ("+OK echo ready\r\n".length() + "+OK bye\r\n".length()), counters.bytesOut());
        }
    }

    @Test
    void bindingATakenPortFails() {
        try (EchoServer server = new EchoServer(config -> config)) {
            var taken = ListenerConfig.builder().port(server.port()).build();
            var failure = assertThrows(java.io.UncheckedIOException.class,
                    () -> Listener.start(taken, connection -> new EchoProtocol(connection, server.shared)));
            assertTrue(failure.getCause() instanceof IOException);
        }
    }
}
