package org.mailwire.smtp.codec;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mailwire.smtp.SmtpReply;

/** Feeds a {@link SmtpReplyDecoder} in chunks; events are SmtpReply or ReplyViolation.Kind. */
final class ReplyFeed {

    private ReplyFeed() {
    }

    static List<Object> whole(byte[] input, SmtpDecoderConfig config) {
        return feed(input, new int[] {Math.max(1, input.length)}, config, false);
    }

    static List<Object> feed(byte[] input, int[] chunkSizes, SmtpDecoderConfig config, boolean pause) {
        SmtpReplyDecoder decoder = new SmtpReplyDecoder(config);
        List<Object> events = new ArrayList<>();
        boolean[] paused = new boolean[1];
        SmtpReplySink sink = new SmtpReplySink() {
            @Override
            public boolean reply(SmtpReply reply) {
                events.add(reply);
                paused[0] = pause;
                return !pause;
            }

            @Override
            public boolean invalidReply(ReplyViolation violation) {
                events.add(violation.kind());
                paused[0] = pause;
                return !pause;
            }
        };
        int offset = 0;
        int turn = 0;
        while (offset < input.length) {
            int size = Math.max(1, chunkSizes[turn++ % chunkSizes.length]);
            int end = Math.min(input.length, offset + size);
            ByteBuffer chunk = ByteBuffer.wrap(Arrays.copyOfRange(input, offset, end));
            do {
                int before = chunk.position();
                decoder.decode(chunk, sink);
                boolean p = paused[0];
                paused[0] = false;
                if (!p && chunk.hasRemaining()) {
                    throw new AssertionError("returned early without a pause");
                }
                if (p && chunk.position() == before) {
                    throw new AssertionError("paused without consuming");
                }
            } while (chunk.hasRemaining());
            offset = end;
        }
        return events;
    }
}
