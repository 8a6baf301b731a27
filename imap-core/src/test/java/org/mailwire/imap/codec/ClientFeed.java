package org.mailwire.imap.codec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.mailwire.imap.ImapResponse;
import org.mailwire.imap.Section;

/**
 * Drives an {@link ImapResponseDecoder} over input cut into chunks, pausing after every event when
 * asked. Events are recorded as text; consecutive body data chunks are merged, since their
 * boundaries depend on the chunking.
 */
final class ClientFeed {

    record Outcome(List<String> events, List<ImapResponse> responses, List<byte[]> bodies, int consumed) {
    }

    private ClientFeed() {
    }

    static Outcome whole(byte[] input, ImapResponseDecoderConfig config) {
        return feed(input, new int[] {Math.max(1, input.length)}, config, false);
    }

    static Outcome whole(String input) {
        return whole(input.getBytes(StandardCharsets.UTF_8), ImapResponseDecoderConfig.defaults());
    }

    static Outcome feed(byte[] input, int[] chunks, ImapResponseDecoderConfig config, boolean pause) {
        ImapResponseDecoder decoder = new ImapResponseDecoder(config);
        Recorder r = new Recorder(pause);
        int pos = 0;
        int ci = 0;
        int stuck = 0;
        while (pos < input.length) {
            int size = chunks.length == 0 ? input.length : chunks[ci++ % chunks.length];
            size = Math.max(1, size);
            int end = Math.min(input.length, pos + size);
            ByteBuffer in = ByteBuffer.wrap(input, pos, end - pos).slice();
            while (in.hasRemaining()) {
                int p = in.position();
                int events = r.count;
                decoder.decode(in, r);
                if (in.position() == p && r.count == events) {
                    stuck++;
                    assertTrue(stuck < 3, "decode neither consumed nor reported");
                } else {
                    stuck = 0;
                }
            }
            pos = end;
        }
        // deliver what a pause left pending
        for (int i = 0; i < 10_000; i++) {
            int events = r.count;
            decoder.decode(ByteBuffer.allocate(0), r);
            if (r.count == events) {
                break;
            }
        }
        return new Outcome(r.events, r.responses, r.bodies, pos);
    }

    static class Recorder implements ImapClientSink {
        final List<String> events = new ArrayList<>();
        final List<ImapResponse> responses = new ArrayList<>();
        final List<byte[]> bodies = new ArrayList<>();
        private final boolean pause;
        private java.io.ByteArrayOutputStream body;
        int count;

        Recorder(boolean pause) {
            this.pause = pause;
        }

        private boolean add(String e) {
            events.add(e);
            count++;
            return !pause;
        }

        @Override
        public boolean response(ImapResponse response) {
            responses.add(response);
            return add("response " + response);
        }

        @Override
        public boolean bodyBegin(long seq, boolean binary, Section section, OptionalLong origin, long size) {
            body = new java.io.ByteArrayOutputStream();
            return add("bodyBegin " + seq + " " + binary + " [" + section + "] " + origin + " " + size);
        }

        @Override
        public boolean rfc822Begin(long seq, org.mailwire.imap.FetchItem.Rfc822.Part part, long size) {
            body = new java.io.ByteArrayOutputStream();
            return add("rfc822Begin " + seq + " " + part + " " + size);
        }

        @Override
        public boolean bodyData(ByteBuffer chunk) {
            byte[] b = new byte[chunk.remaining()];
            chunk.get(b);
            body.writeBytes(b);
            count++;
            return !pause;
        }

        @Override
        public boolean bodyEnd() {
            byte[] b = body.toByteArray();
            bodies.add(b);
            events.add("data " + java.util.HexFormat.of().formatHex(b));
            return add("bodyEnd");
        }

        @Override
        public boolean violation(ImapResponseViolation violation) {
            return add("violation " + violation.kind());
        }
    }
}
