package org.mailwire.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/**
 * A decompression bomb (SECURITY.md: bounded buffers): about a megabyte of DEFLATE that inflates
 * to a gigabyte, sent to a handler that consumes slowly. The transport inflates only as the
 * handler consumes, never offers it more than a bounded amount at once, and stops reading the
 * socket while inflated bytes wait.
 */
class CompressionBombTest {
    private static final long INFLATED_SIZE = 1L << 30;
    private static final int BLOCK = 1 << 20;
    /** What the transport may hold inflated and unconsumed: one chunk of its inflater. */
    private static final int MOST_OFFERED_AT_ONCE = 64 * 1024;

    /** Consumes 4 KiB of the first offer, then holds until released; afterwards consumes everything. */
    private static final class SlowSink implements ConnectionHandler {
        final Connection connection;
        final CountDownLatch holding = new CountDownLatch(1);
        final CountDownLatch allInflated = new CountDownLatch(1);
        final AtomicLong consumed = new AtomicLong();
        final AtomicLong mostOffered = new AtomicLong();
        final AtomicLong offersWhileHeld = new AtomicLong();
        volatile boolean compressed;
        volatile boolean held;

        SlowSink(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void onOpen() {
        }

        @Override
        public void onBytes(ByteBuffer bytes) {
            if (!compressed) {
                byte[] command = new byte[Math.min(bytes.remaining(), "COMPRESS\r\n".length())];
                bytes.get(command);
                if (!"COMPRESS\r\n".equals(new String(command, StandardCharsets.US_ASCII))) {
                    connection.abort();
                    return;
                }
                compressed = true;
                connection.startCompression(EchoProtocol.ascii("+OK"));
                return;
            }
            mostOffered.accumulateAndGet(bytes.remaining(), Math::max);
            if (held) {
                offersWhileHeld.incrementAndGet();
            }
            if (consumed.get() == 0) {
                int part = Math.min(4096, bytes.remaining());
                bytes.position(bytes.position() + part);
                consumed.addAndGet(part);
                // Returning with bytes left holds reading, as a protocol waiting on a slow store does.
                held = true;
                holding.countDown();
                return;
            }
            long total = consumed.addAndGet(bytes.remaining());
            bytes.position(bytes.limit());
            if (total == INFLATED_SIZE) {
                allInflated.countDown();
            }
        }

        void release() {
            connection.execute(() -> {
                held = false;
                connection.resumeReading();
            });
        }
    }

    @Test
    void aBombIsInflatedOnlyAsFastAsTheHandlerConsumes() throws Exception {
        byte[] bomb = bomb();
        assertTrue(bomb.length < 2 * BLOCK, "the bomb is about a megabyte: " + bomb.length);
        CompletableFuture<SlowSink> sink = new CompletableFuture<>();
        try (Listener listener = Listener.start(ListenerConfig.builder().port(0).ioProcessors(1).build(),
                connection -> {
                    SlowSink handler = new SlowSink(connection);
                    sink.complete(handler);
                    return handler;
                });
                LineClient client = LineClient.connect(listener.port())) {
            client.sendLine("COMPRESS");
            assertEquals("+OK", client.readLine());
            OutputStream out = client.socket().getOutputStream();
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                try {
                    out.write(bomb);
                    out.flush();
                } catch (java.io.IOException closedAtTheEnd) {
                    // the test closes the socket if it fails early
                }
            });
            SlowSink handler = sink.get(10, TimeUnit.SECONDS);
            assertTrue(handler.holding.await(30, TimeUnit.SECONDS));

            long readBefore = listener.counters().bytesIn();
            Thread.sleep(300);
            long readAfter = listener.counters().bytesIn();

            assertEquals(readBefore, readAfter, "nothing is read from the socket while inflated bytes wait");
            assertEquals(0, handler.offersWhileHeld.get());
            assertTrue(readAfter < bomb.length / 4, "read " + readAfter + " of " + bomb.length + " bytes");
            assertTrue(listener.counters().uncompressedBytesIn() <= 2L * MOST_OFFERED_AT_ONCE,
                    "inflated " + listener.counters().uncompressedBytesIn() + " bytes for a handler that took 4096");

            handler.release();
            assertTrue(handler.allInflated.await(120, TimeUnit.SECONDS),
                    "inflated only " + handler.consumed.get() + " bytes");
            sending.get(30, TimeUnit.SECONDS);

            assertEquals(INFLATED_SIZE, handler.consumed.get());
            assertTrue(handler.mostOffered.get() <= MOST_OFFERED_AT_ONCE, "offered " + handler.mostOffered.get());
            assertEquals(bomb.length + "COMPRESS\r\n".length(), listener.counters().bytesIn());
        }
    }

    /** A gigabyte of zeros as raw DEFLATE, flushed but not finished, as a peer would send it. */
    private static byte[] bomb() {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream(BLOCK);
        byte[] zeros = new byte[BLOCK];
        byte[] buffer = new byte[64 * 1024];
        for (long written = 0; written < INFLATED_SIZE; written += BLOCK) {
            deflater.setInput(zeros);
            while (!deflater.needsInput()) {
                out.write(buffer, 0, deflater.deflate(buffer, 0, buffer.length, Deflater.NO_FLUSH));
            }
        }
        int n;
        do {
            n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
            out.write(buffer, 0, n);
        } while (n == buffer.length);
        deflater.end();
        return out.toByteArray();
    }
}
