package org.mailwire.smtp.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.EnumSet;
import java.util.List;

/**
 * Jazzer target for the server side command decoder, switching into DATA, BDAT and AUTH on the
 * matching commands as a session would. Under plain {@code mvn verify} it replays the seed corpus
 * in {@code src/test/resources/org/mailwire/smtp/codec/SmtpCommandDecoderFuzzTestInputs/decodeSession/};
 * with {@code JAZZER_FUZZ=1} it fuzzes.
 *
 * <p>Input layout, as {@link FuzzedDataProvider} reads it (numbers from the end, one byte each,
 * bytes from the start): the last byte's low four bits pick the {@link SmtpLeniency} set; the one
 * before chooses small limits (low bit); then the pause-after-every-event flag (low bit), the chunk
 * count (1 to 8) and one byte per chunk size (0 feeds an empty buffer); everything before that is
 * the client's bytes. The seeds are transcripts followed by such a trailer.
 */
class SmtpCommandDecoderFuzzTest {

    static SmtpDecoderConfig config(int leniencyMask, boolean small) {
        EnumSet<SmtpLeniency> leniencies = EnumSet.noneOf(SmtpLeniency.class);
        for (SmtpLeniency l : SmtpLeniency.values()) {
            if ((leniencyMask & (1 << l.ordinal())) != 0) {
                leniencies.add(l);
            }
        }
        SmtpDecoderConfig.Builder b = SmtpDecoderConfig.builder().leniencies(leniencies);
        if (small) {
            b.maxCommandLine(24).sizeAllowance(4).authAllowance(4).dsnMailAllowance(4).dsnRcptAllowance(4)
                    .smtpUtf8Allowance(4).maxAuthLine(20).maxTextLine(16);
        }
        return b.build();
    }

    @FuzzTest(maxDuration = "5m")
    void decodeSession(FuzzedDataProvider data) {
        SmtpDecoderConfig config = config(data.consumeInt(0, 15), data.consumeBoolean());
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
        checkDataSizes(chunked.events());
    }

    /** Every DATA outcome counts at least what was delivered, and TOO_LARGE is the only reason for less. */
    static void checkDataSizes(List<ServerEvent> events) {
        long delivered = 0;
        for (ServerEvent e : events) {
            if (e instanceof ServerEvent.Data d) {
                delivered += d.bytes().length();
            } else if (e instanceof ServerEvent.DataEnd end) {
                DataOutcome o = end.outcome();
                assertTrue(o.size() >= delivered, o::toString);
                assertTrue(o.size() == delivered || o.violations().contains(DataOutcome.DataViolation.TOO_LARGE),
                        o::toString);
                delivered = 0;
            }
        }
    }
}
