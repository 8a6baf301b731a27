package org.mailwire.imap.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer target for the client side response decoder. Under plain {@code mvn verify} it replays
 * the seed corpus of server transcripts in
 * {@code src/test/resources/org/mailwire/imap/codec/ImapResponseDecoderFuzzTestInputs/decodeResponses/};
 * with {@code JAZZER_FUZZ=1} it fuzzes.
 *
 * <p>Input layout, as {@link FuzzedDataProvider} reads it (numbers from the end, one byte each):
 * the last byte picks the configuration (low bit: defaults or small limits), then the pause flag
 * (low bit), the chunk count (1 to 8) and one byte per chunk size; everything before is the
 * server's bytes.
 */
class ImapResponseDecoderFuzzTest {

    static ImapResponseDecoderConfig config(int choice) {
        ImapResponseDecoderConfig d = ImapResponseDecoderConfig.defaults();
        return choice == 1 ? d.withMaxLine(30).withMaxResponse(60).withMaxLiteral(4).withMaxStreamedLiteral(8)
                .withMaxNestingDepth(1).withMaxListLength(2).withMaxResultLine(60).withMaxThreadNesting(2).withMaxThreadNodes(5) : d;
    }

    @FuzzTest(maxDuration = "5m")
    void decodeResponses(FuzzedDataProvider data) {
        ImapResponseDecoderConfig config = config(data.consumeInt(0, 1));
        boolean pause = data.consumeBoolean();
        int[] chunks = new int[data.consumeInt(1, 8)];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = data.consumeInt(1, 255);
        }
        byte[] input = data.consumeRemainingAsBytes();

        // ClientFeed fails on a decode that neither consumes nor reports (SECURITY.md row 10).
        ClientFeed.Outcome whole = ClientFeed.whole(input, config);
        ClientFeed.Outcome chunked = ClientFeed.feed(input, chunks, config, pause);
        assertEquals(input.length, chunked.consumed());
        assertEquals(whole.events(), chunked.events());
    }
}
