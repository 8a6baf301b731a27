package org.mailwire.transport.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/** The two DEFLATE halves on their own: bounds, flushes, and what they refuse. */
class DeflateStreamsTest {

    @Test
    void eachBatchIsDecodableOnArrival() throws Exception {
        OutboundDeflater deflater = new OutboundDeflater();
        Inflater jdk = new Inflater(true);
        for (String line : List.of("* OK ready\r\n", "a1 OK done\r\n", "* 1 EXISTS\r\n")) {
            byte[] batch = join(deflater.deflate(ascii(line), false));
            jdk.setInput(batch);
            byte[] out = new byte[100];
            // A sync flush: everything written so far comes out of the batch alone.
            assertEquals(line, new String(out, 0, jdk.inflate(out), StandardCharsets.US_ASCII));
        }
        deflater.release();
        jdk.end();
    }

    @Test
    void aLargeBatchLeavesInPiecesOfBoundedSize() throws Exception {
        OutboundDeflater deflater = new OutboundDeflater();
        byte[] noise = new byte[1 << 20];
        new Random(1951).nextBytes(noise);
        List<ByteBuffer> pieces = deflater.deflate(ByteBuffer.wrap(noise), false);
        assertTrue(pieces.size() > 1, "pieces: " + pieces.size());
        pieces.forEach(piece -> assertTrue(piece.remaining() <= OutboundDeflater.PIECE));
        InboundInflater inflater = new InboundInflater();
        pieces.forEach(inflater::add);
        assertArrayEquals(noise, drain(inflater));
        deflater.release();
        inflater.release();
    }

    @Test
    void anEmptyBatchAfterAFlushSendsNothing() {
        OutboundDeflater deflater = new OutboundDeflater();
        deflater.deflate(ascii("x"), false);
        assertEquals(List.of(), deflater.deflate(ByteBuffer.allocate(0), false));
        deflater.release();
        assertThrows(IllegalStateException.class, () -> deflater.deflate(ascii("late"), false));
    }

    @Test
    void inflationComesOutOneChunkAtATimeAndTheBacklogIsSeen() throws Exception {
        // 64 MiB of zeros: about 64 KiB compressed, so close to the backlog limit.
        Deflater bomb = new Deflater(Deflater.BEST_COMPRESSION, true);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] zeros = new byte[1 << 20];
        byte[] buffer = new byte[65536];
        for (int i = 0; i < 128; i++) {
            bomb.setInput(zeros);
            while (!bomb.needsInput()) {
                compressed.write(buffer, 0, bomb.deflate(buffer, 0, buffer.length, Deflater.NO_FLUSH));
            }
        }
        int n;
        while ((n = bomb.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH)) > 0) {
            compressed.write(buffer, 0, n);
        }
        bomb.end();
        assertTrue(compressed.size() > InboundInflater.BACKLOG_LIMIT, "compressed " + compressed.size());

        InboundInflater inflater = new InboundInflater();
        inflater.add(ByteBuffer.wrap(compressed.toByteArray()));
        assertTrue(inflater.backlogged());
        ByteBuffer first = inflater.inflate();
        assertEquals(InboundInflater.CHUNK, first.remaining());
        // The input was taken in one piece, so nothing waits any more, though much is left to inflate.
        assertFalse(inflater.backlogged());
        assertTrue(inflater.hasInput());
        long total = first.remaining();
        for (int i = 0; i < 10_000 && inflater.hasInput(); i++) {
            ByteBuffer next = inflater.inflate();
            assertTrue(next.remaining() <= InboundInflater.CHUNK);
            total += next.remaining();
        }
        assertEquals(128L << 20, total);
        inflater.release();
    }

    @Test
    void corruptInputIsRefused() {
        InboundInflater inflater = new InboundInflater();
        inflater.add(ByteBuffer.wrap(new byte[] {(byte) 0xff, 0x00, 0x11}));
        assertThrows(DataFormatException.class, inflater::inflate);
        inflater.release();
    }

    @Test
    void aFinishedStreamEndsCleanlyButNothingMayFollowIt() throws Exception {
        Deflater finishing = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        finishing.setInput("* BYE\r\n".getBytes(StandardCharsets.US_ASCII));
        finishing.finish();
        byte[] buffer = new byte[100];
        int n = finishing.deflate(buffer);
        finishing.end();

        InboundInflater clean = new InboundInflater();
        clean.add(ByteBuffer.wrap(buffer, 0, n));
        assertEquals("* BYE\r\n", StandardCharsets.US_ASCII.decode(clean.inflate()).toString());
        clean.release();

        InboundInflater trailing = new InboundInflater();
        trailing.add(ByteBuffer.wrap(buffer, 0, n));
        trailing.add(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertThrows(DataFormatException.class, () -> drain(trailing));
        trailing.release();
    }

    @Test
    void releasedStreamsHaveNothingToSay() throws Exception {
        InboundInflater inflater = new InboundInflater();
        inflater.add(ascii("anything"));
        inflater.release();
        assertFalse(inflater.hasInput());
        assertEquals(0, inflater.inflate().remaining());
    }

    static byte[] drain(InboundInflater inflater) throws DataFormatException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 100_000; i++) {
            ByteBuffer chunk = inflater.inflate();
            if (!chunk.hasRemaining()) {
                return out.toByteArray();
            }
            assertTrue(chunk.remaining() <= InboundInflater.CHUNK);
            out.write(chunk.array(), chunk.arrayOffset() + chunk.position(), chunk.remaining());
        }
        throw new AssertionError("inflation did not end");
    }

    static byte[] join(List<ByteBuffer> pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuffer piece : pieces) {
            out.write(piece.array(), piece.arrayOffset() + piece.position(), piece.remaining());
        }
        return out.toByteArray();
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }
}
