package org.mailwire.smtp.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.mailwire.smtp.SmtpReply;

/**
 * Jazzer target for the client side reply decoder. Corpus:
 * {@code src/test/resources/org/mailwire/smtp/codec/SmtpReplyDecoderFuzzTestInputs/decodeReplies/}.
 *
 * <p>Input layout (numbers from the end, one byte each): small limits (low bit), the pause flag
 * (low bit), the chunk count (1 to 8) and one byte per chunk size; the rest is what the server sends.
 */
class SmtpReplyDecoderFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void decodeReplies(FuzzedDataProvider data) {
        boolean small = data.consumeBoolean();
        boolean pause = data.consumeBoolean();
        int[] chunks = new int[data.consumeInt(1, 8)];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = data.consumeInt(0, 255);
        }
        byte[] input = data.consumeRemainingAsBytes();
        SmtpDecoderConfig config = small
                ? SmtpDecoderConfig.builder().maxReplyLineLength(24).maxReplyLines(4).maxReplySize(64).build()
                : SmtpDecoderConfig.defaults();

        List<Object> whole = ReplyFeed.whole(input, config);
        List<Object> chunked = ReplyFeed.feed(input, chunks, config, pause);
        assertEquals(whole, chunked);
        for (int i = 0; i < whole.size(); i++) {
            Object event = whole.get(i);
            if (event instanceof SmtpReply reply) {
                assertTrue(reply.lines().size() <= config.maxReplyLines());
            } else {
                // Fatal: nothing is reported after a violation.
                assertEquals(whole.size() - 1, i);
            }
        }
    }
}
