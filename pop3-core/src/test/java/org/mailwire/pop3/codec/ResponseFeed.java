package org.mailwire.pop3.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Feeds a {@link Pop3ResponseDecoder} in chunks, after enqueueing {@code shapes}, checking after
 * every call that it drained the chunk or paused on an event.
 */
final class ResponseFeed {

    record Outcome(List<ClientEvent> events, List<String> chunks, long consumed, int pending, boolean failed) {
    }

    private ResponseFeed() {
    }

    static Outcome whole(byte[] input, List<ResponseShape> shapes, Pop3DecoderConfig config) {
        return feed(input, shapes, new int[] {Math.max(1, input.length)}, config, false, false);
    }

    static Outcome whole(String input, List<ResponseShape> shapes, Pop3DecoderConfig config) {
        return whole(input.getBytes(StandardCharsets.UTF_8), shapes, config);
    }

    static Outcome feed(byte[] input, List<ResponseShape> shapes, int[] chunkSizes, Pop3DecoderConfig config,
            boolean pause, boolean direct) {
        Pop3ResponseDecoder decoder = new Pop3ResponseDecoder(config);
        shapes.forEach(decoder::expect);
        RecordingResponseSink sink = new RecordingResponseSink(decoder, true, pause);
        int offset = 0;
        int turn = 0;
        long consumed = 0;
        while (offset < input.length) {
            int size = chunkSizes[turn++ % chunkSizes.length];
            if (size <= 0) {
                consumed += run(decoder, sink, ServerFeed.wrap(new byte[0], direct));
                size = 1;
            }
            int end = Math.min(input.length, offset + size);
            consumed += run(decoder, sink, ServerFeed.wrap(Arrays.copyOfRange(input, offset, end), direct));
            offset = end;
        }
        return new Outcome(sink.events(), sink.chunks(), consumed, decoder.pendingResponses(), decoder.failed());
    }

    private static long run(Pop3ResponseDecoder decoder, RecordingResponseSink sink, ByteBuffer chunk) {
        int start = chunk.position();
        int guard = 0;
        while (true) {
            int before = chunk.position();
            long callsBefore = sink.calls();
            decoder.decode(chunk, sink);
            boolean paused = sink.takePaused();
            if (!paused) {
                if (chunk.hasRemaining()) {
                    throw new AssertionError("decode returned early without a pause");
                }
                return chunk.position() - start;
            }
            if (chunk.position() == before && sink.calls() == callsBefore) {
                throw new AssertionError("paused without progress");
            }
            if (++guard > 1_000_000) {
                throw new AssertionError("no end");
            }
        }
    }
}
