package org.mailwire.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.mailwire.transport.testing.TestTls;

/**
 * The server half of the COMPRESS=DEFLATE switch (RFC 4978), driven over real sockets by a client
 * on the JDK's own DEFLATE streams.
 */
class CompressionTest {

    @Test
    void echoGoesOnCompressedAfterTheSwitch() throws Exception {
        try (EchoServer server = new EchoServer(config -> config);
                LineClient client = LineClient.connect(server.port())) {
            assertEquals("+OK echo ready", client.readLine());
            client.sendLine("Z?");
            assertEquals("+OK uncompressed", client.readLine());
            client.sendLine("COMPRESS");
            assertEquals("+OK begin compression", client.readLine());

            try (CompressedLines z = new CompressedLines(client.socket())) {
                exerciseEcho(z);
                z.sendLine("QUIT");
                assertEquals("+OK bye", z.readLine());
                assertTrue(z.closedByPeer());
            }
            StartTlsTest.awaitCount(() -> server.shared.closed.get(), 1);
            TransportCounters counters = server.listener.counters();
            assertTrue(counters.compressedBytesOut() < counters.uncompressedBytesOut(), counters.toString());
            assertTrue(counters.uncompressedBytesIn() > 1_000_000, counters.toString());
            // Only what followed the switch was compressed; every compressed byte crossed the wire.
            assertTrue(counters.compressedBytesIn() < counters.bytesIn(), counters.toString());
            assertTrue(counters.compressedBytesOut() < counters.bytesOut(), counters.toString());
        }
    }

    @Test
    void compressionInsideTls() throws Exception {
        try (EchoServer server = new EchoServer(config -> config.startTls(TestTls.SERVER));
                LineClient client = LineClient.connect(server.port())) {
            assertEquals("+OK echo ready", client.readLine());
            client.sendLine("STLS");
            assertEquals("+OK begin TLS", client.readLine());
            client.upgrade(TestTls.jdkClient(), "localhost");
            client.sendLine("COMPRESS");
            assertEquals("+OK begin compression", client.readLine());

            try (CompressedLines z = new CompressedLines(client.socket())) {
                z.sendLine("TLS?");
                assertEquals("+OK secure", z.readLine());
                exerciseEcho(z);
                z.sendLine("COMPRESS");
                assertEquals("-ERR compression is already on", z.readLine());
                z.sendLine("still here");
                assertEquals("+OK still here", z.readLine());
            }
        }
    }

    @Test
    void startTlsAfterCompressionAndASecondCompressionAreRefused() throws Exception {
        try (EchoServer server = new EchoServer(config -> config.startTls(TestTls.SERVER));
                LineClient client = LineClient.connect(server.port())) {
            assertEquals("+OK echo ready", client.readLine());
            client.sendLine("COMPRESS");
            assertEquals("+OK begin compression", client.readLine());

            try (CompressedLines z = new CompressedLines(client.socket())) {
                // TLS goes below compression, never inside it; and there is one compressed stream.
                z.sendLine("STLS");
                assertEquals("-ERR STARTTLS after COMPRESS", z.readLine());
                z.sendLine("COMPRESS");
                assertEquals("-ERR compression is already on", z.readLine());
                z.sendLine("TLS?");
                assertEquals("+OK plain", z.readLine());
            }
        }
    }

    /** Large lines both ways, many small writes, incompressible input: each checked line by line. */
    private static void exerciseEcho(CompressedLines z) throws IOException {
        z.sendLine("Z?");
        assertEquals("+OK compressed", z.readLine());
        z.sendLine("hello");
        assertEquals("+OK hello", z.readLine());

        z.sendLine("BIG 300000");
        assertEquals(EchoProtocol.bigLine(300_000), z.readLine());

        z.sendLine("REPEAT 2000 small");
        for (int i = 0; i < 2000; i++) {
            assertEquals("+OK small " + i, z.readLine());
        }

        // A megabyte of random letters: inflated across many chunks, skipped by the line limit.
        Random random = new Random(4978);
        byte[] noise = new byte[1 << 20];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (byte) ('a' + random.nextInt(26));
        }
        z.send(noise);
        z.send("\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals("-ERR line too long", z.readLine());

        StringBuilder burst = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            burst.append("line ").append(i).append("\r\n");
        }
        z.send(burst.toString().getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 500; i++) {
            assertEquals("+OK line " + i, z.readLine());
        }
    }

    /** The client's first compressed bytes in the same segment as COMPRESS: they are inflated, not lost. */
    @Test
    void compressedBytesBehindTheCommandInOneSegmentAreInflated() throws Exception {
        try (EchoServer server = new EchoServer(config -> config);
                LineClient client = LineClient.connect(server.port())) {
            assertEquals("+OK echo ready", client.readLine());
            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            byte[] first = deflate(deflater, "first\r\nsecond\r\n");
            byte[] command = "COMPRESS\r\n".getBytes(StandardCharsets.US_ASCII);
            byte[] segment = Arrays.copyOf(command, command.length + first.length);
            System.arraycopy(first, 0, segment, command.length, first.length);

            client.sendBytes(segment);

            assertEquals("+OK begin compression", client.readLine());
            Inflater inflater = new Inflater(true);
            assertEquals("+OK first\r\n+OK second\r\n", readInflated(client.socket().getInputStream(), inflater, 2));
            client.sendBytes(deflate(deflater, "third\r\n"));
            assertEquals("+OK third\r\n", readInflated(client.socket().getInputStream(), inflater, 1));
            deflater.end();
            inflater.end();
        }
    }

    @Test
    void corruptCompressedInputClosesThatConnectionOnly() throws Exception {
        try (EchoServer server = new EchoServer(config -> config);
                LineClient bystander = LineClient.connect(server.port());
                LineClient client = LineClient.connect(server.port())) {
            assertEquals("+OK echo ready", bystander.readLine());
            assertEquals("+OK echo ready", client.readLine());
            client.sendLine("COMPRESS");
            assertEquals("+OK begin compression", client.readLine());

            // 0xff opens a final block of the reserved type 3: not DEFLATE (RFC 1951 §3.2.3).
            byte[] garbage = new byte[64];
            Arrays.fill(garbage, (byte) 0xff);
            client.sendBytes(garbage);

            assertTrue(client.closedByPeer());
            bystander.sendLine("COMPRESS");
            assertEquals("+OK begin compression", bystander.readLine());
            try (CompressedLines z = new CompressedLines(bystander.socket())) {
                z.sendLine("still served");
                assertEquals("+OK still served", z.readLine());
            }
            try (LineClient next = LineClient.connect(server.port())) {
                assertEquals("+OK echo ready", next.readLine());
            }
        }
    }

    /**
     * A reset after a response: what follows is decodable by a fresh inflater, so it refers to
     * nothing before the reset. Without the reset the same response refers back (the control).
     */
    @Test
    void writeAndResetCompressionCutsBackReferences() throws Exception {
        String text = "words the peer chose, twice over";
        assertTrue(laterResponseStandsAlone("RESET " + text, text), "after a full flush");
        assertTrue(!laterResponseStandsAlone(text, text), "after a sync flush (the control)");
    }

    private static boolean laterResponseStandsAlone(String first, String second) throws Exception {
        try (EchoServer server = new EchoServer(config -> config);
                LineClient client = LineClient.connect(server.port())) {
            assertEquals("+OK echo ready", client.readLine());
            client.sendLine("COMPRESS");
            assertEquals("+OK begin compression", client.readLine());
            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            Inflater inflater = new Inflater(true);
            InputStream in = client.socket().getInputStream();
            try {
                client.sendBytes(deflate(deflater, first + "\r\n"));
                assertEquals("+OK " + first.replaceFirst("^RESET ", "") + "\r\n", readInflated(in, inflater, 1));
                client.sendBytes(deflate(deflater, second + "\r\n"));
                byte[] raw = readFlushedBatch(in);
                Inflater fresh = new Inflater(true);
                try {
                    fresh.setInput(raw);
                    byte[] out = new byte[1024];
                    int n = fresh.inflate(out);
                    return ("+OK " + second + "\r\n").equals(new String(out, 0, n, StandardCharsets.US_ASCII));
                } catch (DataFormatException referencesEarlierOutput) {
                    return false;
                } finally {
                    fresh.end();
                }
            } finally {
                deflater.end();
                inflater.end();
            }
        }
    }

    static byte[] deflate(Deflater deflater, String text) {
        deflater.setInput(text.getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        int n;
        do {
            n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
            out.write(buffer, 0, n);
        } while (n == buffer.length);
        return out.toByteArray();
    }

    /** Reads raw bytes up to the end of one flushed batch (the empty stored block 00 00 ff ff). */
    static byte[] readFlushedBatch(InputStream in) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        for (int i = 0; i < 1_000_000; i++) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("end of stream inside a batch");
            }
            raw.write(b);
            byte[] so = raw.toByteArray();
            int n = so.length;
            if (n >= 4 && so[n - 4] == 0 && so[n - 3] == 0 && so[n - 2] == (byte) 0xff && so[n - 1] == (byte) 0xff) {
                return so;
            }
        }
        throw new AssertionError("no flush marker");
    }

    /** Inflates flushed batches until {@code lines} CRLF lines came out. */
    static String readInflated(InputStream in, Inflater inflater, int lines) throws IOException, DataFormatException {
        StringBuilder text = new StringBuilder();
        byte[] out = new byte[8192];
        for (int batch = 0; batch < 100 && text.toString().split("\r\n", -1).length <= lines; batch++) {
            inflater.setInput(readFlushedBatch(in));
            int n;
            while ((n = inflater.inflate(out)) > 0) {
                text.append(new String(out, 0, n, StandardCharsets.US_ASCII));
            }
        }
        return text.toString();
    }
}
