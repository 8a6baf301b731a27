package org.mailwire.pop3.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Feeds bytes to a {@link Pop3CommandDecoder} in chunks and checks after every call that it either
 * drained the chunk or paused, and that a pause consumed input.
 */
final class ServerFeed {

    /** What a run produced, and how many octets the decoder consumed in total. */
    record Outcome(List<ServerEvent> events, long consumed, Pop3CommandDecoder.Mode mode) {
    }

    private ServerFeed() {
    }

    static Outcome whole(byte[] input, Pop3DecoderConfig config, boolean session) {
        return feed(input, new int[] {Math.max(1, input.length)}, config, session, false, false);
    }

    static Outcome whole(String input, Pop3DecoderConfig config, boolean session) {
        return whole(input.getBytes(StandardCharsets.UTF_8), config, session);
    }

    /**
     * @param chunkSizes used in turn, cycled; 0 feeds an empty buffer, then one byte
     * @param direct     whether chunks are direct buffers (no array)
     */
    static Outcome feed(byte[] input, int[] chunkSizes, Pop3DecoderConfig config, boolean session,
            boolean pause, boolean direct) {
        Pop3CommandDecoder decoder = new Pop3CommandDecoder(config);
        RecordingServerSink sink = new RecordingServerSink(decoder, session, pause);
        int offset = 0;
        int turn = 0;
        long consumed = 0;
        while (offset < input.length) {
            int size = chunkSizes[turn++ % chunkSizes.length];
            if (size <= 0) {
                consumed += run(decoder, sink, wrap(new byte[0], direct));
                size = 1;
            }
            int end = Math.min(input.length, offset + size);
            consumed += run(decoder, sink, wrap(Arrays.copyOfRange(input, offset, end), direct));
            offset = end;
        }
        return new Outcome(sink.events(), consumed, decoder.mode());
    }

    private static long run(Pop3CommandDecoder decoder, RecordingServerSink sink, ByteBuffer chunk) {
        int start = chunk.position();
        int guard = 0;
        while (true) {
            int before = chunk.position();
            decoder.decode(chunk, sink);
            boolean paused = sink.takePaused();
            if (!paused) {
                if (chunk.hasRemaining()) {
                    throw new AssertionError("decode returned early without a pause");
                }
                return chunk.position() - start;
            }
            // SECURITY.md row 10: every event is a line, so every pause consumed input.
            if (chunk.position() == before) {
                throw new AssertionError("paused without progress");
            }
            if (++guard > 1_000_000) {
                throw new AssertionError("no end");
            }
        }
    }

    static ByteBuffer wrap(byte[] bytes, boolean direct) {
        if (direct) {
            ByteBuffer b = ByteBuffer.allocateDirect(bytes.length);
            b.put(bytes).flip();
            return b;
        }
        // Guard bytes around the chunk: a decoder must respect position, limit and arrayOffset.
        byte[] padded = new byte[bytes.length + 6];
        System.arraycopy(bytes, 0, padded, 3, bytes.length);
        return ByteBuffer.wrap(padded, 3, bytes.length).slice();
    }
}
