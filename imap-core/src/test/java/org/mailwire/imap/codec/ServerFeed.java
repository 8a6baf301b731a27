package org.mailwire.imap.codec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.mailwire.imap.ImapCommand;
import org.mailwire.imap.Tag;

/**
 * Drives an {@link ImapCommandDecoder} as a session would: accepts every synchronising literal
 * (inside the callback, or between decode calls when {@code answerLater}), switches to IDLE mode
 * after IDLE and to AUTH_RESPONSE mode after AUTHENTICATE without an initial response, and marks
 * the session authenticated after LOGIN. Events are recorded as text; consecutive APPEND data
 * chunks are merged, since their boundaries depend on the chunking.
 */
final class ServerFeed {

    record Outcome(List<String> events, List<ImapCommand> commands, int consumed) {
    }

    private ServerFeed() {
    }

    static Outcome whole(byte[] input, ImapDecoderConfig config) {
        return feed(input, new int[] {Math.max(1, input.length)}, config, false, false);
    }

    static Outcome feed(byte[] input, int[] chunks, ImapDecoderConfig config, boolean pause, boolean answerLater) {
        ImapCommandDecoder decoder = new ImapCommandDecoder(config);
        Recorder r = new Recorder(decoder, pause, answerLater);
        int pos = 0;
        int ci = 0;
        int stuck = 0;
        while (pos < input.length) {
            int size = chunks.length == 0 ? input.length : chunks[ci++ % chunks.length];
            if (size <= 0) {
                size = 1;
            }
            int end = Math.min(input.length, pos + size);
            ByteBuffer in = ByteBuffer.wrap(input, pos, end - pos).slice();
            int before = r.events.size();
            while (in.hasRemaining()) {
                int p = in.position();
                int events = r.events.size();
                decoder.decode(in, r);
                if (decoder.awaitingContinuation()) {
                    decoder.acceptLiteral();
                    r.events.add("+ " + r.pendingSize);
                    continue;
                }
                if (in.position() == p && r.events.size() == events) {
                    stuck++;
                    assertTrue(stuck < 3, "decode neither consumed nor reported");
                } else {
                    stuck = 0;
                }
            }
            assertTrue(r.events.size() >= before);
            pos = end;
        }
        // Events held by a pause are delivered by decode calls without input (bounded: one each).
        for (int i = 0; i < 10_000 && decoder.hasPendingEvents(); i++) {
            decoder.decode(ByteBuffer.allocate(0), r);
            if (decoder.awaitingContinuation()) {
                decoder.acceptLiteral();
                r.events.add("+ " + r.pendingSize);
            }
        }
        assertTrue(!decoder.hasPendingEvents(), "pending events never delivered");
        r.flush();
        return new Outcome(r.events, r.commands, pos);
    }

    static class Recorder implements ImapServerSink {
        final List<String> events = new ArrayList<>();
        final List<ImapCommand> commands = new ArrayList<>();
        final ImapCommandDecoder decoder;
        final boolean pause;
        final boolean answerLater;
        final ByteArrayOutputStream data = new ByteArrayOutputStream();
        long pendingSize;
        private int count;

        Recorder(ImapCommandDecoder decoder, boolean pause, boolean answerLater) {
            this.decoder = decoder;
            this.pause = pause;
            this.answerLater = answerLater;
        }

        private boolean more() {
            return !pause || (++count % 2 == 0);
        }

        void flush() {
            if (data.size() > 0) {
                events.add("data " + HexFormat.of().formatHex(data.toByteArray()));
                data.reset();
            }
        }

        @Override
        public boolean command(ImapCommand command) {
            flush();
            events.add("command " + command);
            commands.add(command);
            if (command instanceof ImapCommand.Idle) {
                decoder.expectDone();
            } else if (command instanceof ImapCommand.Authenticate a && a.initialResponse() == null) {
                decoder.expectAuthResponse();
            } else if (command instanceof ImapCommand.Login) {
                decoder.authenticated(true);
            }
            return more();
        }

        @Override
        public boolean invalidCommand(ImapCommandViolation violation) {
            flush();
            events.add("invalid " + violation.reply() + (violation.fatal() ? " fatal" : ""));
            return more();
        }

        @Override
        public boolean literalRequest(Tag tag, long size) {
            flush();
            pendingSize = size;
            if (!answerLater) {
                events.add("+ " + size);
                decoder.acceptLiteral();
            }
            return more();
        }

        @Override
        public boolean appendBegin(ImapCommand.Append append, boolean awaitingContinuation) {
            flush();
            events.add("append " + append + " sync=" + awaitingContinuation);
            commands.add(append);
            pendingSize = append.size();
            if (awaitingContinuation && !answerLater) {
                events.add("+ " + append.size());
                decoder.acceptLiteral();
            }
            return more();
        }

        @Override
        public boolean catenateBegin(ImapCommand.Catenate message) {
            flush();
            events.add("catenate " + message);
            commands.add(message);
            return more();
        }

        @Override
        public boolean catenateUrl(Tag tag, String url) {
            flush();
            events.add("url " + tag + " " + url);
            return more();
        }

        @Override
        public boolean catenateText(Tag tag, long size, boolean utf8, boolean awaitingContinuation) {
            flush();
            events.add("text " + tag + " " + size + (utf8 ? " utf8" : "") + " sync=" + awaitingContinuation);
            pendingSize = size;
            if (awaitingContinuation && !answerLater) {
                events.add("+ " + size);
                decoder.acceptLiteral();
            }
            return more();
        }

        @Override
        public boolean appendData(ByteBuffer chunk) {
            byte[] b = new byte[chunk.remaining()];
            chunk.get(b);
            data.write(b, 0, b.length);
            return more();
        }

        @Override
        public boolean appendEnd(Tag tag) {
            flush();
            events.add("appendEnd " + tag);
            return more();
        }

        @Override
        public boolean authResponse(String line) {
            flush();
            events.add("auth " + line);
            return more();
        }

        @Override
        public boolean idleDone() {
            flush();
            events.add("done");
            return more();
        }
    }
}
