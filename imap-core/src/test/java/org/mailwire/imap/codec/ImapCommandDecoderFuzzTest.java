package org.mailwire.imap.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer target for the server side command decoder, driven as a session would drive it (literal
 * continuations accepted, IDLE and AUTHENTICATE mode switches, authentication after LOGIN). Under
 * plain {@code mvn verify} it replays the seed corpus in
 * {@code src/test/resources/org/mailwire/imap/codec/ImapCommandDecoderFuzzTestInputs/decodeSession/};
 * with {@code JAZZER_FUZZ=1} it fuzzes.
 *
 * <p>Input layout, as {@link FuzzedDataProvider} reads it (numbers from the end, one byte each):
 * the last byte picks the configuration (low two bits: defaults, small limits, APPEND's included,
 * no non-synchronising literals, LITERAL+); then the pause flag and the answer-later flag (low bit each), the chunk count
 * (1 to 8) and one byte per chunk size; everything before is the client's bytes. The seeds are
 * transcripts followed by such a trailer.
 */
class ImapCommandDecoderFuzzTest {

    static ImapDecoderConfig config(int choice) {
        return switch (choice) {
            case 1 -> ImapDecoderConfig.builder().maxLineBeforeAuth(40).maxLineAfterAuth(60).maxLiteralBeforeAuth(8)
                    .maxLiteralAfterAuth(30).maxArgumentLiteral(6).maxLiteralsPerCommand(2).maxNestingDepth(1)
                    .maxListLength(3).maxAppendMessages(2).maxCatenateParts(2).build();
            case 2 -> ImapDecoderConfig.builder().nonSyncLiterals(NonSyncLiterals.NONE).build();
            case 3 -> ImapDecoderConfig.builder().nonSyncLiterals(NonSyncLiterals.LITERAL_PLUS).build();
            default -> ImapDecoderConfig.defaults();
        };
    }

    @FuzzTest(maxDuration = "5m")
    void decodeSession(FuzzedDataProvider data) {
        ImapDecoderConfig config = config(data.consumeInt(0, 3));
        boolean pause = data.consumeBoolean();
        boolean answerLater = data.consumeBoolean();
        int[] chunks = new int[data.consumeInt(1, 8)];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = data.consumeInt(1, 255);
        }
        byte[] input = data.consumeRemainingAsBytes();

        // ServerFeed fails on a decode that neither consumes nor reports (SECURITY.md row 10).
        ServerFeed.Outcome whole = ServerFeed.whole(input, config);
        ServerFeed.Outcome chunked = ServerFeed.feed(input, chunks, config, pause, answerLater);
        assertEquals(input.length, chunked.consumed());
        assertEquals(whole.events(), chunked.events());
    }
}
