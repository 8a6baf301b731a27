package org.mailwire.transport.internal;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The receiving half of COMPRESS=DEFLATE (RFC 4978): raw DEFLATE (RFC 1951, no zlib header) in,
 * plain bytes out, never more than {@link #CHUNK} at a time. Compressed bytes wait here until the
 * handler wants more, so a small input that inflates to gigabytes (a decompression bomb) costs one
 * chunk of memory, not its inflated size. Used by one thread at a time.
 */
final class InboundInflater {
    /** The most inflated bytes one step produces: the bound on inflated, unconsumed data. */
    static final int CHUNK = 64 * 1024;
    /** Compressed bytes waiting for inflation beyond which the connection stops reading the socket. */
    static final int BACKLOG_LIMIT = 64 * 1024;

    private final Inflater inflater = new Inflater(true);
    private final ArrayDeque<ByteBuffer> waiting = new ArrayDeque<>();
    private long waitingBytes;
    /** The peer ended its stream with a final block; any byte after it is corrupt input. */
    private boolean streamEnded;
    private boolean released;

    /** Takes a copy of {@code compressed}'s remaining bytes and consumes them. */
    void add(ByteBuffer compressed) {
        if (!compressed.hasRemaining()) {
            return;
        }
        ByteBuffer copy = ByteBuffer.allocate(compressed.remaining());
        copy.put(compressed).flip();
        waiting.add(copy);
        waitingBytes += copy.remaining();
    }

    /**
     * Inflates up to {@link #CHUNK} bytes from what is waiting.
     *
     * @return the inflated bytes, empty when more input is needed
     * @throws DataFormatException when the input is not a raw DEFLATE stream, asks for a preset
     *     dictionary, or goes on after its final block
     */
    ByteBuffer inflate() throws DataFormatException {
        ByteBuffer out = ByteBuffer.allocate(CHUNK);
        while (out.hasRemaining() && !released) {
            if (inflater.needsInput()) {
                ByteBuffer next = waiting.poll();
                if (next == null) {
                    break;
                }
                waitingBytes -= next.remaining();
                if (streamEnded) {
                    throw new DataFormatException("data after the end of the compressed stream");
                }
                inflater.setInput(next);
            }
            int produced = inflater.inflate(out);
            if (inflater.needsDictionary()) {
                throw new DataFormatException("a preset dictionary is not part of RFC 4978");
            }
            if (inflater.finished()) {
                if (inflater.getRemaining() > 0) {
                    throw new DataFormatException("data after the end of the compressed stream");
                }
                streamEnded = true;
                inflater.reset();
                break;
            }
            if (produced == 0 && !inflater.needsInput()) {
                // zlib always progresses while it has input and room; this is only a guard against a loop.
                break;
            }
        }
        out.flip();
        return out;
    }

    /** Whether {@link #inflate()} may produce more without new input. */
    boolean hasInput() {
        return !released && (!waiting.isEmpty() || !inflater.needsInput());
    }

    /** Whether so much compressed input is waiting that the socket should not be read for now. */
    boolean backlogged() {
        return waitingBytes > BACKLOG_LIMIT;
    }

    /** Frees zlib's native memory; later calls see no input. */
    void release() {
        if (!released) {
            released = true;
            waiting.clear();
            waitingBytes = 0;
            inflater.end();
        }
    }
}
