package org.mailwire.smtp.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.mailwire.smtp.codec.DataOutcome.DataViolation;

/**
 * Jazzer target for the DATA path alone (SMTP smuggling, SECURITY.md row 1): the decoder is put in
 * DATA mode and fed the bytes in chunks; the result must match {@link ReferenceData} (the message
 * ends exactly at the first {@code <CRLF>.<CRLF>}, bytes unstuffed, bare CR/LF/NUL reported) and
 * the bytes after the terminator must be read as commands. Corpus:
 * {@code src/test/resources/org/mailwire/smtp/codec/SmtpDataFuzzTestInputs/decodeData/}.
 *
 * <p>Input layout (numbers from the end, one byte each): BARE_LF_IN_DATA_NORMALISED (low bit),
 * the size limit (0 to 255, 255 meaning none), the chunk count (1 to 8) and one byte per chunk
 * size; the rest is what the client sends after 354.
 */
class SmtpDataFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void decodeData(FuzzedDataProvider data) {
        boolean normalise = data.consumeBoolean();
        int limitByte = data.consumeInt(0, 255);
        long limit = limitByte == 255 ? Long.MAX_VALUE : limitByte;
        int[] chunks = new int[data.consumeInt(1, 8)];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = Math.max(1, data.consumeInt(0, 255));
        }
        byte[] input = data.consumeRemainingAsBytes();
        SmtpDecoderConfig config = normalise
                ? SmtpDecoderConfig.builder().allow(SmtpLeniency.BARE_LF_IN_DATA_NORMALISED).build()
                : SmtpDecoderConfig.defaults();

        SmtpCommandDecoder decoder = new SmtpCommandDecoder(config);
        RecordingServerSink sink = new RecordingServerSink(decoder, false, false, 0);
        decoder.expectData(limit);
        ByteArrayOutputStream delivered = new ByteArrayOutputStream();
        int offset = 0;
        int turn = 0;
        while (offset < input.length) {
            int n = Math.min(input.length - offset, chunks[turn++ % chunks.length]);
            ByteBuffer chunk = ByteBuffer.wrap(input, offset, n);
            decoder.decode(chunk, sink);
            assertEquals(0, chunk.remaining());
            offset += n;
        }
        List<ServerEvent> events = sink.events();
        ReferenceData.Result expected = ReferenceData.decode(input, normalise);
        int end = -1;
        for (ServerEvent e : events) {
            if (e instanceof ServerEvent.Data d && end < 0) {
                delivered.writeBytes(d.bytes().getBytes(StandardCharsets.ISO_8859_1));
            } else if (e instanceof ServerEvent.DataEnd dataEnd && end < 0) {
                end = 0;
                DataOutcome outcome = dataEnd.outcome();
                assertEquals(expected.body().length, outcome.size());
                Set<DataViolation> seen = EnumSet.noneOf(DataViolation.class);
                seen.addAll(outcome.violations());
                seen.remove(DataViolation.LINE_TOO_LONG);
                assertEquals(expected.body().length > limit, seen.remove(DataViolation.TOO_LARGE));
                assertEquals(expected.violations(), seen);
            }
        }
        assertEquals(expected.end() >= 0, end == 0, "terminator found where the reference finds it");
        byte[] got = delivered.toByteArray();
        byte[] want = expected.body();
        if (end == 0) {
            assertArrayEquals(java.util.Arrays.copyOf(want, (int) Math.min(want.length, limit)), got);
        } else {
            // Without a terminator the decoder may still hold back a CR after a dot at a line start.
            long wanted = Math.min(limit, want.length);
            assertTrue(got.length <= wanted && wanted - got.length <= 1, () -> got.length + " vs " + wanted);
            assertArrayEquals(java.util.Arrays.copyOf(want, got.length), got);
        }
        SmtpCommandDecoderFuzzTest.checkDataSizes(events);
    }
}
