package org.mailwire.transport.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;

/**
 * Jazzer target for the receiving half of COMPRESS=DEFLATE: whatever a peer sends, in whatever
 * read sizes, inflation either ends or refuses the input with a {@link DataFormatException}; it
 * never loops, never offers more than one chunk at a time, and never throws anything else. Under
 * plain {@code mvn verify} it replays the seeds in
 * {@code src/test/resources/org/mailwire/transport/internal/InboundInflaterFuzzTestInputs/inflateInChunks/};
 * with {@code JAZZER_FUZZ=1} it fuzzes.
 *
 * <p>Input layout: the last byte is the read size (1 to 255, as {@link FuzzedDataProvider} maps a
 * byte holding its own value); everything before it is what the peer sent after its COMPRESS.
 */
class InboundInflaterFuzzTest {
    /** DEFLATE expands at most 1032 to 1 (a 258-byte match in two bits), a little more with block headers. */
    private static final int MAX_EXPANSION = 1040;
    private static final int SPARE_STEPS = 16;

    @FuzzTest(maxDuration = "5m")
    void inflateInChunks(FuzzedDataProvider data) {
        int readSize = data.consumeInt(1, 255);
        byte[] input = data.consumeRemainingAsBytes();
        InboundInflater inflater = new InboundInflater();
        int steps = 0;
        // Per read: the chunks it can fill, one partial chunk and the empty answer that ends the read.
        long reads = (input.length + readSize - 1) / readSize;
        long stepLimit = 2 * reads + (long) input.length * MAX_EXPANSION / InboundInflater.CHUNK + SPARE_STEPS;
        try {
            for (int offset = 0; offset < input.length; offset += readSize) {
                inflater.add(ByteBuffer.wrap(input, offset, Math.min(readSize, input.length - offset)));
                while (true) {
                    ByteBuffer chunk = inflater.inflate();
                    assertTrue(chunk.remaining() <= InboundInflater.CHUNK);
                    assertTrue(++steps <= stepLimit, "inflation does not end");
                    if (!chunk.hasRemaining()) {
                        break;
                    }
                }
            }
        } catch (DataFormatException refused) {
            // The connection would be closed: the expected end for most fuzzed input.
        } finally {
            inflater.release();
        }
    }
}
