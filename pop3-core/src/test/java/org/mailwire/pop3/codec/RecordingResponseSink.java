package org.mailwire.pop3.codec;

import java.util.ArrayList;
import java.util.List;
import org.mailwire.pop3.StatusLine;

/**
 * Records a {@link Pop3ResponseDecoder}'s events, merging body chunks. When {@code client} is set it
 * answers every continuation the way a client would, expecting the next AUTH step (and putting it
 * ahead of nothing else: a client does not pipeline during SASL). It checks that listing chunks
 * are whole lines and body chunks are never empty. Pauses after every event when {@code pause} is set.
 */
class RecordingResponseSink implements Pop3ResponseSink {

    private final Pop3ResponseDecoder decoder;
    private final boolean client;
    private final boolean pause;
    private final List<ClientEvent> events = new ArrayList<>();
    private final List<String> chunks = new ArrayList<>();
    private boolean paused;
    private long calls;

    RecordingResponseSink(Pop3ResponseDecoder decoder, boolean client, boolean pause) {
        this.decoder = decoder;
        this.client = client;
        this.pause = pause;
    }

    List<ClientEvent> events() {
        return events;
    }

    /** Every multiLineChunk as delivered, unmerged. */
    List<String> chunks() {
        return chunks;
    }

    long calls() {
        return calls;
    }

    boolean takePaused() {
        boolean p = paused;
        paused = false;
        return p;
    }

    private boolean done() {
        calls++;
        paused = pause;
        return !pause;
    }

    @Override
    public boolean status(StatusLine line) {
        events.add(new ClientEvent.Status(line));
        return done();
    }

    @Override
    public boolean continuation(String base64) {
        events.add(new ClientEvent.Continuation(base64));
        if (client) {
            decoder.expect(ResponseShape.AUTH_STEP);
        }
        return done();
    }

    @Override
    public boolean multiLineChunk(java.nio.ByteBuffer chunk) {
        if (!chunk.hasRemaining()) {
            throw new AssertionError("empty chunk");
        }
        String bytes = ClientEvent.latin1(chunk);
        chunks.add(bytes);
        if (!events.isEmpty() && events.get(events.size() - 1) instanceof ClientEvent.Body b) {
            events.set(events.size() - 1, new ClientEvent.Body(b.bytes() + bytes));
        } else {
            events.add(new ClientEvent.Body(bytes));
        }
        return done();
    }

    @Override
    public boolean multiLineEnd() {
        events.add(new ClientEvent.End());
        return done();
    }

    @Override
    public boolean violation(Pop3ResponseViolation v) {
        if (!v.fatal()) {
            throw new AssertionError("every response violation is fatal");
        }
        events.add(new ClientEvent.Violation(v.kind()));
        return done();
    }
}
