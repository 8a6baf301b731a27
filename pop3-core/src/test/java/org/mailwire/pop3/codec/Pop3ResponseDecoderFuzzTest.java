package org.mailwire.pop3.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;

/**
 * Jazzer target for the client side response decoder, answering every continuation by expecting
 * the next AUTH step as a client would. Corpus:
 * {@code src/test/resources/org/mailwire/pop3/codec/Pop3ResponseDecoderFuzzTestInputs/decodeResponses/}.
 *
 * <p>Input layout (numbers from the end, one byte each): the leniency bits (low two), small limits
 * (low bit), the pause flag (low bit), the number of expected responses (0 to 16) and one byte per
 * {@link ResponseShape} (its ordinal, modulo 4: SINGLE_LINE, MULTI_LINE_IF_OK, AUTH_STEP,
 * LISTING_IF_OK), the chunk count (1 to 8) and one byte per chunk size; the rest is what the server
 * sends.
 */
class Pop3ResponseDecoderFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void decodeResponses(FuzzedDataProvider data) {
        Pop3DecoderConfig config = Pop3CommandDecoderFuzzTest.config(data.consumeInt(0, 3), data.consumeBoolean());
        boolean pause = data.consumeBoolean();
        List<ResponseShape> shapes = new ArrayList<>();
        int count = data.consumeInt(0, 16);
        for (int i = 0; i < count; i++) {
            shapes.add(ResponseShape.values()[data.consumeInt(0, 3)]);
        }
        int[] chunks = new int[data.consumeInt(1, 8)];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = data.consumeInt(0, 255);
        }
        byte[] input = data.consumeRemainingAsBytes();

        ResponseFeed.Outcome whole = ResponseFeed.whole(input, shapes, config);
        ResponseFeed.Outcome chunked = ResponseFeed.feed(input, shapes, chunks, config, pause, true, true);
        assertEquals(input.length, chunked.consumed());
        assertEquals(whole.events(), chunked.events());
        assertEquals(whole.failed(), chunked.failed());
        Pop3CodecProperties.checkFatal(whole.events());
    }
}
