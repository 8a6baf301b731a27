package org.mailwire.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.mailwire.transport.testing.TestTls;

/** The client half of the COMPRESS=DEFLATE switch, against a scripted peer and against our server. */
class ConnectorCompressionTest {
    private static final String GO_AHEAD = "+OK begin compression";

    /** A collector that switches to compression inside the callback that read the go-ahead. */
    private static LineCollector switchingCollector(AtomicReference<Connection> connection) {
        LineCollector collector = new LineCollector();
        collector.stopAfter(GO_AHEAD::equals);
        collector.onLine(line -> {
            if (line.equals(GO_AHEAD)) {
                connection.get().startCompression(ByteBuffer.allocate(0));
            }
        });
        return collector;
    }

    private static Connection connect(Connector connector, int port, String host, LineCollector collector,
            AtomicReference<Connection> holder) throws Exception {
        Connection connection = connector.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                host, c -> collector).toCompletableFuture().get(20, TimeUnit.SECONDS);
        holder.set(connection);
        return connection;
    }

    /**
     * The server sends its OK and its first compressed bytes in one write: the client inflates
     * them instead of discarding them (as it would for STARTTLS).
     */
    @Test
    void compressedBytesBehindTheGoAheadAreInflated() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Connector connector = Connector.create(ConnectorConfig.builder().startTls(TestTls.CLIENT).build())) {
            CompletableFuture<String> serverSide = CompletableFuture.supplyAsync(() -> eagerServer(listening));
            AtomicReference<Connection> holder = new AtomicReference<>();
            LineCollector collector = switchingCollector(holder);
            Connection connection = connect(connector, listening.getLocalPort(), "localhost", collector, holder);
            assertEquals("+OK ready", collector.next());
            assertFalse(connection.isCompressed());

            connection.write(EchoProtocol.ascii("COMPRESS"));

            assertEquals(GO_AHEAD, collector.next());
            assertEquals("+OK first", collector.next());
            assertTrue(connection.isCompressed());
            connection.write(EchoProtocol.ascii("PING"));
            assertEquals("+OK PING", collector.next());
            assertEquals("PING", serverSide.get(20, TimeUnit.SECONDS));

            assertThrows(IllegalStateException.class, () -> connection.startCompression(ByteBuffer.allocate(0)));
            IllegalStateException noTls = assertThrows(IllegalStateException.class,
                    () -> connection.startTls(ByteBuffer.allocate(0)));
            assertTrue(noTls.getMessage().contains("COMPRESS"), noTls.getMessage());
            assertTrue(connector.counters().compressedBytesIn() > 0);
        }
    }

    private static String eagerServer(ServerSocket listening) {
        try (Socket socket = listening.accept()) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write("+OK ready\r\n".getBytes(StandardCharsets.US_ASCII));
            if (!"COMPRESS".equals(readLine(in))) {
                return "no COMPRESS";
            }
            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            Inflater inflater = new Inflater(true);
            ByteArrayOutputStream segment = new ByteArrayOutputStream();
            segment.write((GO_AHEAD + "\r\n").getBytes(StandardCharsets.US_ASCII));
            segment.write(CompressionTest.deflate(deflater, "+OK first\r\n"));
            out.write(segment.toByteArray());
            out.flush();
            String line = CompressionTest.readInflated(in, inflater, 1).replace("\r\n", "");
            out.write(CompressionTest.deflate(deflater, "+OK " + line + "\r\n"));
            out.flush();
            deflater.end();
            inflater.end();
            return line;
        } catch (Exception e) {
            return e.toString();
        }
    }

    /**
     * The server's last compressed words arrive just before it closes (a BYE, then the tagged OK of
     * a LOGOUT): every one of them reaches the handler before {@code onClosed}.
     */
    @Test
    void compressedBytesBeforeThePeerClosesAreDelivered() throws Exception {
        int lines = 20_000;
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Connector connector = Connector.create(ConnectorConfig.builder().startTls(TestTls.CLIENT).build())) {
            CompletableFuture<String> serverSide = CompletableFuture.supplyAsync(() -> {
                try (Socket socket = listening.accept()) {
                    socket.setSoTimeout(10_000);
                    OutputStream out = socket.getOutputStream();
                    out.write("+OK ready\r\n".getBytes(StandardCharsets.US_ASCII));
                    if (!"COMPRESS".equals(readLine(socket.getInputStream()))) {
                        return "no COMPRESS";
                    }
                    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
                    StringBuilder farewell = new StringBuilder();
                    java.util.Random random = new java.util.Random(7);
                    for (int i = 0; i < lines; i++) {
                        // random digits so the compressed stream spans several inflate chunks
                        farewell.append("* ").append(i).append(' ').append(random.nextLong()).append(random.nextLong())
                                .append("\r\n");
                    }
                    ByteArrayOutputStream segment = new ByteArrayOutputStream();
                    segment.write((GO_AHEAD + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    segment.write(CompressionTest.deflate(deflater, farewell.toString()));
                    out.write(segment.toByteArray());
                    out.flush();
                    deflater.end();
                    return "sent";
                } catch (Exception e) {
                    return e.toString();
                }
            });
            AtomicReference<Connection> holder = new AtomicReference<>();
            LineCollector collector = switchingCollector(holder);
            connect(connector, listening.getLocalPort(), "localhost", collector, holder);
            assertEquals("+OK ready", collector.next());
            holder.get().write(EchoProtocol.ascii("COMPRESS"));
            assertEquals(GO_AHEAD, collector.next());
            assertEquals("sent", serverSide.get(20, TimeUnit.SECONDS));
            for (int i = 0; i < lines; i++) {
                String line = collector.next();
                assertTrue(line.startsWith("* " + i + " "), "line " + i + ": " + line);
            }
            assertEquals(LineCollector.CLOSED, collector.next());
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

    /** Our client and our server: STARTTLS, then compression inside TLS, both ends on the transport. */
    @Test
    void compressionInsideTlsWithOurServer() throws Exception {
        try (EchoServer server = new EchoServer(config -> config.startTls(TestTls.SERVER));
                Connector connector = Connector.create(ConnectorConfig.builder().startTls(TestTls.CLIENT).build())) {
            AtomicReference<Connection> holder = new AtomicReference<>();
            LineCollector collector = switchingCollector(holder);
            Connection connection = connect(connector, server.port(), "localhost", collector, holder);
            assertEquals("+OK echo ready", collector.next());
            collector.stopAfter(line -> line.equals("+OK begin TLS") || line.equals(GO_AHEAD));
            connection.write(EchoProtocol.ascii("STLS"));
            assertEquals("+OK begin TLS", collector.next());
            connection.startTls(ByteBuffer.allocate(0)).toCompletableFuture().get(20, TimeUnit.SECONDS);
            assertEquals("<tls TLSv1.3>", collector.next());

            connection.write(EchoProtocol.ascii("COMPRESS"));
            assertEquals(GO_AHEAD, collector.next());

            // Write stages complete once the compressed bytes were handed to the socket.
            connection.write(EchoProtocol.ascii("Z?")).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals("+OK compressed", collector.next());
            connection.write(ByteBuffer.allocate(0)).toCompletableFuture().get(10, TimeUnit.SECONDS);
            connection.write(EchoProtocol.ascii(EchoProtocol.bigLine(500_000))).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            assertEquals("-ERR line too long", collector.next());
            connection.write(EchoProtocol.ascii("TLS?"));
            assertEquals("+OK secure", collector.next());
            connection.write(EchoProtocol.ascii("BIG 200000"));
            assertEquals("<overlong>", collector.next());
            connection.write(EchoProtocol.ascii("REPEAT 300 x"));
            for (int i = 0; i < 300; i++) {
                assertEquals("+OK x " + i, collector.next());
            }
            for (int i = 0; i < 300; i++) {
                connection.write(EchoProtocol.ascii("n" + i));
            }
            for (int i = 0; i < 300; i++) {
                assertEquals("+OK n" + i, collector.next());
            }
            connection.write(EchoProtocol.ascii("QUIT"));
            assertEquals("+OK bye", collector.next());
            assertEquals(LineCollector.CLOSED, collector.next());
            TransportCounters counters = connector.counters();
            assertTrue(counters.uncompressedBytesIn() > 200_000, counters.toString());
            assertTrue(counters.compressedBytesIn() < counters.uncompressedBytesIn(), counters.toString());
        }
    }
}
