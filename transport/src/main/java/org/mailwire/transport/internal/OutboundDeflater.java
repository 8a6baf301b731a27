package org.mailwire.transport.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;

/**
 * The sending half of COMPRESS=DEFLATE (RFC 4978): plain bytes in, raw DEFLATE (RFC 1951, no zlib
 * header) out. Every batch ends with a flush, so the peer can decode each response as soon as it
 * arrives instead of waiting for bytes that follow it (RFC 4978 §4). Used by one thread at a time.
 */
final class OutboundDeflater {
    /** zlib's default level: most of the gain of level 9 at a fraction of its CPU. */
    static final int LEVEL = 6;
    /** The largest buffer handed to the socket in one write; a large batch becomes several. */
    static final int PIECE = 64 * 1024;
    /** Room for a flush marker and block headers when a batch is small. */
    private static final int SMALL_BATCH_OVERHEAD = 64;

    private final Deflater deflater = new Deflater(LEVEL, true);
    private boolean released;

    /**
     * Compresses {@code batch}'s remaining bytes (consuming them) and flushes.
     *
     * @param resetDictionary a full flush instead of a sync flush: later output cannot refer back to
     *     this batch, so its size tells nothing about what it held (compression oracles)
     * @return the compressed bytes in pieces of at most {@link #PIECE}; empty when there is nothing to send
     */
    List<ByteBuffer> deflate(ByteBuffer batch, boolean resetDictionary) {
        if (released) {
            throw new IllegalStateException("compression has ended");
        }
        int flush = resetDictionary ? Deflater.FULL_FLUSH : Deflater.SYNC_FLUSH;
        deflater.setInput(batch);
        List<ByteBuffer> pieces = new ArrayList<>();
        int size = (int) Math.min(PIECE, (long) batch.remaining() + SMALL_BATCH_OVERHEAD);
        while (true) {
            ByteBuffer piece = ByteBuffer.allocate(size);
            deflater.deflate(piece, flush);
            boolean full = !piece.hasRemaining();
            piece.flip();
            if (piece.hasRemaining()) {
                pieces.add(piece);
            }
            // A flush that filled the buffer may have more to say (Deflater#deflate(ByteBuffer, int)).
            if (!full) {
                return pieces;
            }
            size = PIECE;
        }
    }

    /** Frees zlib's native memory. */
    void release() {
        if (!released) {
            released = true;
            deflater.end();
        }
    }
}
