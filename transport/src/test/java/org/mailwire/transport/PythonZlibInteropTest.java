package org.mailwire.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailwire.transport.testing.ExternalTool;

/**
 * COMPRESS=DEFLATE against a DEFLATE we did not write: Python's zlib bindings (raw DEFLATE,
 * {@code wbits=-15}) as the client of our server and as the server of our client, both directions
 * compressed. Skipped without python3, except in CI.
 */
class PythonZlibInteropTest {
    private static final String GO_AHEAD = "+OK begin compression";

    @TempDir
    Path work;

    @BeforeAll
    static void requirePython() {
        ExternalTool.require("python3");
    }

    private Path script() throws Exception {
        Path script = work.resolve("zlib_peer.py");
        try (InputStream in = getClass().getResourceAsStream("zlib_peer.py")) {
            Files.copy(in, script);
        }
        return script;
    }

    @Test
    void pythonClientAgainstOurServer() throws Exception {
        try (EchoServer server = new EchoServer(config -> config)) {
            ExternalTool.Result result = ExternalTool.run(
                    List.of("/usr/bin/python3", script().toString(), "client", String.valueOf(server.port())), "", work);

            assertEquals(0, result.exitCode(), result.all());
            List<String> expected = new ArrayList<>(List.of("+OK echo ready", GO_AHEAD, "+OK compressed",
                    "+OK hello from python", "<100000 bytes>"));
            for (int i = 0; i < 200; i++) {
                expected.add("+OK py " + i);
            }
            expected.add("-ERR line too long");
            for (int i = 0; i < 300; i++) {
                expected.add("+OK small " + i);
            }
            expected.add("+OK bye");
            expected.add("<end>");
            assertEquals(expected, result.stdout().lines().toList(), result.all());
            assertTrue(server.listener.counters().uncompressedBytesIn() > 1 << 20);
        }
    }

    @Test
    void ourClientAgainstPythonServer() throws Exception {
        Path portFile = work.resolve("port");
        Path script = script();
        CompletableFuture<ExternalTool.Result> python = CompletableFuture.supplyAsync(() -> {
            try {
                return ExternalTool.run(List.of("/usr/bin/python3", script.toString(), "server", portFile.toString()),
                        "", work);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        int port = awaitPort(portFile, python);
        try (Connector connector = Connector.create(ConnectorConfig.builder().build())) {
            AtomicReference<Connection> holder = new AtomicReference<>();
            LineCollector collector = new LineCollector();
            collector.stopAfter(GO_AHEAD::equals);
            collector.onLine(line -> {
                if (line.equals(GO_AHEAD)) {
                    holder.get().startCompression(ByteBuffer.allocate(0));
                }
            });
            Connection connection = connector.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                    null, c -> collector).toCompletableFuture().get(20, TimeUnit.SECONDS);
            holder.set(connection);
            assertEquals("+OK ready", collector.next());
            connection.write(EchoProtocol.ascii("COMPRESS"));
            assertEquals(GO_AHEAD, collector.next());
            // Sent in the same segment as the go-ahead: inflated, not dropped.
            assertEquals("+OK from python", collector.next());

            for (int i = 0; i < 100; i++) {
                connection.write(EchoProtocol.ascii("line " + i));
            }
            connection.write(EchoProtocol.ascii(EchoProtocol.bigLine(200_000)));
            for (int i = 0; i < 100; i++) {
                assertEquals("+OK line " + i, collector.next());
            }
            assertEquals("+OK " + EchoProtocol.bigLine(100), collector.next());
            connection.write(EchoProtocol.ascii("QUIT"));
            assertEquals("+OK bye", collector.next());
            assertEquals(LineCollector.CLOSED, collector.next());
        }
        ExternalTool.Result result = python.get(ExternalTool.TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
        assertEquals(0, result.exitCode(), result.all());
        List<String> read = result.stdout().lines().toList();
        assertEquals("read COMPRESS", read.get(0), result.all());
        assertEquals("read line 0", read.get(1), result.all());
        assertEquals("read <200000 bytes>", read.get(101), result.all());
        assertEquals(List.of("read QUIT", "<end>"), read.subList(102, read.size()), result.all());
    }

    private static int awaitPort(Path portFile, CompletableFuture<ExternalTool.Result> python) throws Exception {
        for (int i = 0; i < 1000 && !Files.exists(portFile); i++) {
            if (python.isDone()) {
                throw new AssertionError("python exited early: " + python.get().all());
            }
            Thread.sleep(20);
        }
        return Integer.parseInt(Files.readString(portFile).trim());
    }
}
