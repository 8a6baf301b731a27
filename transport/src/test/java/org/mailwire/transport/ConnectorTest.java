package org.mailwire.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.mailwire.transport.testing.TestTls;

/** The client connector: plain, implicit TLS, STARTTLS, and what it must refuse. */
class ConnectorTest {

    private static Connection connect(Connector connector, int port, String host, LineCollector collector)
            throws Exception {
        return connector.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), host, c -> collector)
                .toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @Test
    void plainConnection() throws Exception {
        try (EchoServer server = new EchoServer(config -> config);
                Connector connector = Connector.create(ConnectorConfig.builder().build())) {
            LineCollector collector = new LineCollector();
            Connection connection = connect(connector, server.port(), null, collector);

            assertEquals("+OK echo ready", collector.next());
            connection.write(EchoProtocol.ascii("hello"));
            assertEquals("+OK hello", collector.next());
            connection.write(EchoProtocol.ascii("QUIT"));
            assertEquals("+OK bye", collector.next());
            assertEquals(LineCollector.CLOSED, collector.next());
            assertEquals(1, connector.counters().totalConnections());
        }
    }

    @Test
    void implicitTlsVerifiesTheServer() throws Exception {
        try (EchoServer server = new EchoServer(config -> config.implicitTls(TestTls.SERVER));
                Connector connector = Connector.create(ConnectorConfig.builder().implicitTls(TestTls.CLIENT).build())) {
            LineCollector collector = new LineCollector();
            Connection connection = connect(connector, server.port(), "localhost", collector);

            assertTrue(connection.isSecure());
            assertEquals("TLSv1.3", connection.tlsDetails().orElseThrow().protocol());
            assertEquals("<tls TLSv1.3>", collector.next());
            assertEquals("+OK echo ready", collector.next());
            connection.write(EchoProtocol.ascii("TLS?"));
            assertEquals("+OK secure", collector.next());
        }
    }

    @Test
    void implicitTlsRefusesAServerWithTheWrongName() throws Exception {
        try (EchoServer server = new EchoServer(config -> config.implicitTls(TestTls.SERVER));
                Connector connector = Connector.create(ConnectorConfig.builder().implicitTls(TestTls.CLIENT).build())) {
            CompletableFuture<Connection> connecting = connector.connect(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), "mail.example.org",
                    c -> new LineCollector()).toCompletableFuture();

            ExecutionException failure = assertThrows(ExecutionException.class, () -> connecting.get(20, TimeUnit.SECONDS));
            assertTrue(failure.getCause() instanceof javax.net.ssl.SSLException, failure.toString());
            assertEquals(1, connector.counters().tlsFailures());
        }
    }

    @Test
    void startTlsUpgradeWithOurServer() throws Exception {
        try (EchoServer server = new EchoServer(config -> config.startTls(TestTls.SERVER));
                Connector connector = Connector.create(ConnectorConfig.builder().startTls(TestTls.CLIENT).build())) {
            LineCollector collector = new LineCollector();
            collector.stopAfter(line -> line.equals("+OK begin TLS"));
            Connection connection = connect(connector, server.port(), "localhost", collector);
            assertEquals("+OK echo ready", collector.next());

            connection.write(EchoProtocol.ascii("STLS"));
            assertEquals("+OK begin TLS", collector.next());
            TlsDetails details = connection.startTls(java.nio.ByteBuffer.allocate(0))
                    .toCompletableFuture().get(20, TimeUnit.SECONDS);

            assertEquals("TLSv1.3", details.protocol());
            assertEquals("<tls TLSv1.3>", collector.next());
            connection.write(EchoProtocol.ascii("TLS?"));
            assertEquals("+OK secure", collector.next());
        }
    }

    /**
     * A server (or a man in the middle) that appends a forged response to its STARTTLS go-ahead:
     * the client must not take it for something said inside TLS.
     */
    @Test
    void startTlsDiscardsWhatTheServerSentBeforeTheHandshake() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Connector connector = Connector.create(ConnectorConfig.builder().startTls(TestTls.CLIENT).build())) {
            CompletableFuture<String> serverSide = CompletableFuture.supplyAsync(() -> forgingServer(listening));
            LineCollector collector = new LineCollector();
            collector.stopAfter(line -> line.equals("+OK begin TLS"));
            Connection connection = connect(connector, listening.getLocalPort(), "localhost", collector);
            assertEquals("+OK ready", collector.next());
            connection.write(EchoProtocol.ascii("STLS"));
            assertEquals("+OK begin TLS", collector.next());

            connection.startTls(java.nio.ByteBuffer.allocate(0)).toCompletableFuture().get(20, TimeUnit.SECONDS);

            assertEquals("<tls TLSv1.3>", collector.next());
            connection.write(EchoProtocol.ascii("TLS?"));
            assertEquals("+OK inside TLS", collector.next());
            assertEquals("TLS?", serverSide.get(20, TimeUnit.SECONDS));
            assertFalse(collector.lines.contains("+OK forged"), collector.lines.toString());
        }
    }

    private static String forgingServer(ServerSocket listening) {
        try (Socket socket = listening.accept()) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write("+OK ready\r\n".getBytes(StandardCharsets.US_ASCII));
            readLine(in);
            out.write("+OK begin TLS\r\n+OK forged\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            SSLSocket tls = (SSLSocket) TestTls.SERVER.context().getSocketFactory()
                    .createSocket(socket, "localhost", socket.getPort(), false);
            tls.setUseClientMode(false);
            tls.startHandshake();
            String line = readLine(tls.getInputStream());
            tls.getOutputStream().write("+OK inside TLS\r\n".getBytes(StandardCharsets.US_ASCII));
            tls.getOutputStream().flush();
            return line;
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Test
    void readTimeoutClosesASilentConnection() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Connector connector = Connector.create(
                        ConnectorConfig.builder().readTimeout(Duration.ofSeconds(1)).build())) {
            LineCollector collector = new LineCollector();
            connect(connector, silent.getLocalPort(), null, collector);
            try (Socket accepted = silent.accept()) {
                assertEquals(LineCollector.CLOSED, collector.next());
            }
        }
    }

    /**
     * A listener that never accepts, with its backlog full: the kernel drops further SYNs, so a connect
     * hangs like one to an unreachable host, and only the connect timeout ends it.
     */
    @Test
    void connectTimeoutEndsAHangingConnect() throws Exception {
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Connector connector = Connector.create(
                        ConnectorConfig.builder().connectTimeout(Duration.ofMillis(500)).build())) {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort());
            CompletableFuture<Connection> connecting = null;
            // The connects that do complete sit in the backlog and fill it.
            for (int attempt = 0; attempt < 16; attempt++) {
                connecting = connector.connect(address, null, c -> new LineCollector()).toCompletableFuture();
                try {
                    connecting.get(5, TimeUnit.SECONDS);
                } catch (ExecutionException timedOut) {
                    break;
                }
            }
            assertTrue(connecting.isCompletedExceptionally(), "a connect into a full backlog timed out");
            Throwable cause = assertThrows(ExecutionException.class, connecting::get).getCause();
            assertTrue(String.valueOf(cause.getMessage()).toLowerCase().contains("timed out")
                    || cause instanceof java.net.SocketTimeoutException, cause.toString());
        }
    }

    @Test
    void connectionRefusedFailsTheStage() throws Exception {
        int freePort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = probe.getLocalPort();
        }
        try (Connector connector = Connector.create(ConnectorConfig.builder().build())) {
            CompletableFuture<Connection> connecting = connector.connect(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), freePort), null, c -> new LineCollector())
                    .toCompletableFuture();
            ExecutionException failure = assertThrows(ExecutionException.class, () -> connecting.get(20, TimeUnit.SECONDS));
            assertTrue(failure.getCause() instanceof IOException
                    || failure.getCause() instanceof org.apache.mina.core.RuntimeIoException, failure.toString());
        }
    }
}
