package org.mailwire.pop3.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.EnumSet;

/**
 * Jazzer target for the server side command decoder, switching into AUTH_RESPONSE mode on AUTH as
 * a session would. Under plain {@code mvn verify} it replays the seed corpus in
 * {@code src/test/resources/org/mailwire/pop3/codec/Pop3CommandDecoderFuzzTestInputs/decodeSession/};
 * with {@code JAZZER_FUZZ=1} it fuzzes.
 *
 * <p>Input layout, as {@link FuzzedDataProvider} reads it (numbers from the end, one byte each,
 * bytes from the start): the last byte's low two bits pick the {@link Pop3Leniency} set; the one
 * before chooses small limits (low bit); then the pause-after-every-event flag (low bit), the chunk
 * count (1 to 8) and one byte per chunk size (0 feeds an empty buffer); everything before that is
 * the client's bytes. The seeds are transcripts followed by such a trailer.
 */
class Pop3CommandDecoderFuzzTest {

    static Pop3DecoderConfig config(int leniencyMask, boolean small) {
        EnumSet<Pop3Leniency> leniencies = EnumSet.noneOf(Pop3Leniency.class);
        for (Pop3Leniency l : Pop3Leniency.values()) {
            if ((leniencyMask & (1 << l.ordinal())) != 0) {
                leniencies.add(l);
            }
        }
        Pop3DecoderConfig.Builder b = Pop3DecoderConfig.builder().leniencies(leniencies);
        if (small) {
            b.maxCommandLine(24).maxAuthLine(20).maxStatusLine(24).maxMultiLineLine(20).maxListingSize(48);
        }
        return b.build();
    }

    @FuzzTest(maxDuration = "5m")
    void decodeSession(FuzzedDataProvider data) {
        Pop3DecoderConfig config = config(data.consumeInt(0, 3), data.consumeBoolean());
        boolean pause = data.consumeBoolean();
        int[] chunks = new int[data.consumeInt(1, 8)];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = data.consumeInt(0, 255);
        }
        byte[] input = data.consumeRemainingAsBytes();

        // ServerFeed itself fails on a decode that neither drains its chunk nor pauses, and on a
        // pause without progress (SECURITY.md row 10: every step consumes input or stops).
        ServerFeed.Outcome whole = ServerFeed.whole(input, config, true);
        ServerFeed.Outcome chunked = ServerFeed.feed(input, chunks, config, true, pause, true);
        assertEquals(input.length, chunked.consumed());
        assertEquals(whole.events(), chunked.events());
        assertEquals(whole.mode(), chunked.mode());
    }
}
