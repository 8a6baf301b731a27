package org.mailwire.transport.line;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Feeds an input to a {@link LineScanner} in chunks, the way a transport delivers reads, and
 * checks the invariants that hold after every call: the scanner either drained the chunk or
 * paused after a line, and it never holds more than {@code maxLineLength + 1} bytes.
 */
final class ChunkedFeed {

    /** How each chunk is wrapped: the scanner has an array path and a get() path. */
    enum BufferKind {
        /** Heap buffer with a non-zero arrayOffset and position, guard bytes around it. */
        HEAP,
        /** Direct buffer: no accessible array. */
        DIRECT,
        /** Read-only heap buffer: hasArray() is false, so the get() path runs. */
        READ_ONLY
    }

    /**
     * @param events       every event, in order
     * @param pauseOffsets input offsets where a scan returned because the sink paused
     * @param pendingBytes the scanner's pendingBytes() after the last chunk
     * @param consumed     how far scan() advanced the chunks' positions, summed
     */
    record Outcome(List<ScanEvent> events, List<Integer> pauseOffsets, int pendingBytes, long consumed) {
    }

    private ChunkedFeed() {
    }

    static Outcome whole(byte[] input, LineScannerConfig config) {
        return feed(input, new int[] {Math.max(1, input.length)}, config, BufferKind.HEAP, false);
    }

    /**
     * @param chunkSizes sizes used in turn, cycled; a 0 feeds an empty buffer, then one byte
     * @param pause      whether the sink pauses after every line (the feed then resumes)
     */
    static Outcome feed(byte[] input, int[] chunkSizes, LineScannerConfig config, BufferKind kind,
            boolean pause) {
        LineScanner scanner = new LineScanner(config);
        RecordingSink sink = new RecordingSink(pause);
        List<Integer> pauses = new ArrayList<>();
        int offset = 0;
        int turn = 0;
        long consumed = 0;
        while (offset < input.length) {
            int size = chunkSizes[turn++ % chunkSizes.length];
            if (size <= 0) {
                ByteBuffer empty = wrap(new byte[0], kind);
                scanner.scan(empty, sink);
                check(!sink.takePaused() && !empty.hasRemaining(), "empty chunk produced an event");
                size = 1;
            }
            int end = Math.min(input.length, offset + size);
            ByteBuffer chunk = wrap(Arrays.copyOfRange(input, offset, end), kind);
            int base = chunk.position();
            do {
                int before = chunk.position();
                scanner.scan(chunk, sink);
                consumed += chunk.position() - before;
                boolean paused = sink.takePaused();
                check(paused || !chunk.hasRemaining(), "scan returned early without a pause");
                check(chunk.position() > before || !paused, "paused without consuming");
                check(chunk.limit() == base + (end - offset), "scan moved the limit");
                if (paused) {
                    pauses.add(offset + chunk.position() - base);
                }
                check(scanner.pendingBytes() <= config.maxLineLength() + 1,
                        "holds " + scanner.pendingBytes() + " bytes");
            } while (chunk.hasRemaining());
            offset = end;
        }
        return new Outcome(sink.events(), pauses, scanner.pendingBytes(), consumed);
    }

    /** Wraps bytes so that position, arrayOffset and the bytes around them are not trivial. */
    static ByteBuffer wrap(byte[] bytes, BufferKind kind) {
        // Guard bytes are CR and LF, so reading outside [position, limit) changes the events.
        byte[] backing = new byte[7 + bytes.length + 3];
        Arrays.fill(backing, (byte) '\n');
        backing[6] = '\r';
        System.arraycopy(bytes, 0, backing, 7, bytes.length);
        ByteBuffer heap = ByteBuffer.wrap(backing, 2, 5 + bytes.length).slice();
        heap.position(5);
        return switch (kind) {
            case HEAP -> heap;
            case READ_ONLY -> heap.asReadOnlyBuffer();
            case DIRECT -> {
                ByteBuffer direct = ByteBuffer.allocateDirect(backing.length);
                direct.put(backing).limit(7 + bytes.length).position(7);
                yield direct;
            }
        };
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }
}
