package org.mailwire.benchmarks;

import java.nio.ByteBuffer;

/**
 * One input cut once, at setup, into the read-only buffers a socket read would hand over: the
 * measured loop rewinds them instead of allocating.
 */
final class ChunkedInput {
    private final ByteBuffer[] chunks;
    private final int length;

    ChunkedInput(byte[] input, int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be positive");
        }
        this.length = input.length;
        this.chunks = new ByteBuffer[(input.length + chunkSize - 1) / chunkSize];
        ByteBuffer whole = ByteBuffer.wrap(input).asReadOnlyBuffer();
        for (int i = 0; i < chunks.length; i++) {
            int from = i * chunkSize;
            chunks[i] = whole.slice(from, Math.min(chunkSize, input.length - from));
        }
    }

    /** The chunk at {@code index}, rewound to its first byte. */
    ByteBuffer chunk(int index) {
        return chunks[index].clear();
    }

    int count() {
        return chunks.length;
    }

    int length() {
        return length;
    }
}
