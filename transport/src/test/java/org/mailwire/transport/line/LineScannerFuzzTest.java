package org.mailwire.transport.line;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.mailwire.transport.line.ChunkedFeed.BufferKind;
import org.mailwire.transport.line.ChunkedFeed.Outcome;

/**
 * Jazzer target for the line scanner. Under plain {@code mvn verify} it replays the seed corpus
 * in {@code src/test/resources/org/mailwire/transport/line/LineScannerFuzzTestInputs/scanInChunks/};
 * with {@code JAZZER_FUZZ=1} it fuzzes.
 *
 * <p>Input layout, as {@link FuzzedDataProvider} reads it (numbers from the end, one byte each,
 * bytes from the start): the last byte's low bit is {@code bareLfEndsLine}; the one before is
 * {@code maxLineLength} (1 to 256); then the pause-after-every-line flag (low bit), the
 * {@link BufferKind} (0 to 2), the chunk count (1 to 8) and one byte per chunk size (0 feeds an
 * empty buffer); everything before that is the input to scan. The seeds are protocol transcripts
 * followed by such a trailer, each number written as a byte holding its own value, which Jazzer
 * maps to itself.
 */
class LineScannerFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void scanInChunks(FuzzedDataProvider data) {
        boolean bareLfEndsLine = data.consumeBoolean();
        int maxLineLength = data.consumeInt(1, 256);
        boolean pause = data.consumeBoolean();
        BufferKind kind = BufferKind.values()[data.consumeInt(0, BufferKind.values().length - 1)];
        int[] chunks = new int[data.consumeInt(1, 8)];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = data.consumeInt(0, 255);
        }
        byte[] input = data.consumeRemainingAsBytes();
        LineScannerConfig config = new LineScannerConfig(maxLineLength, bareLfEndsLine);

        // ChunkedFeed itself fails on a scan that neither drains its chunk nor pauses after a
        // line, and on more than maxLineLength + 1 bytes held.
        Outcome chunked = ChunkedFeed.feed(input, chunks, config, kind, pause);
        Outcome whole = ChunkedFeed.whole(input, config);
        ReferenceLineScanner.Result reference = ReferenceLineScanner.scan(input, config);

        assertEquals(input.length, chunked.consumed());
        assertEquals(whole.events(), chunked.events());
        assertEquals(whole.pendingBytes(), chunked.pendingBytes());
        assertEquals(reference.events(), chunked.events());
        assertEquals(reference.pendingBytes(), chunked.pendingBytes());
        if (pause) {
            assertEquals(reference.lineEnds(), chunked.pauseOffsets());
        }
        for (ScanEvent event : chunked.events()) {
            if (event instanceof ScanEvent.Line line) {
                assertTrue(line.content().length() <= maxLineLength, line::toString);
            } else if (event instanceof ScanEvent.Overlong overlong) {
                assertTrue(overlong.length() > maxLineLength, overlong::toString);
            }
        }
    }
}
