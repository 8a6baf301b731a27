package org.mailwire.smtp.codec;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.mailwire.smtp.SmtpCommand;

/**
 * Records events and, when {@code session} is set, switches the decoder the way a session would:
 * DATA → expectData, BDAT → expectBdat, AUTH without initial response → expectAuthResponse,
 * MAIL with SMTPUTF8 → utf8PathsAllowed. Pauses after every event when {@code pause} is set.
 */
class RecordingServerSink implements SmtpServerSink {

    private final SmtpCommandDecoder decoder;
    private final boolean session;
    private final boolean pause;
    private final long maxDataSize;
    private final List<ServerEvent> events = new ArrayList<>();
    private boolean paused;
    /** Callbacks so far: data chunks are merged into one event, so events alone do not count progress. */
    private long calls;

    RecordingServerSink(SmtpCommandDecoder decoder, boolean session, boolean pause, long maxDataSize) {
        this.decoder = decoder;
        this.session = session;
        this.pause = pause;
        this.maxDataSize = maxDataSize;
    }

    List<ServerEvent> events() {
        return events;
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
    public boolean command(SmtpCommand command) {
        events.add(new ServerEvent.Command(command));
        if (session) {
            if (command instanceof SmtpCommand.Data) {
                decoder.expectData(maxDataSize);
            } else if (command instanceof SmtpCommand.Bdat b) {
                decoder.expectBdat(b.chunkSize(), true);
            } else if (command instanceof SmtpCommand.Auth a && a.initialResponse().isEmpty()) {
                decoder.expectAuthResponse();
            } else if (command instanceof SmtpCommand.Mail m) {
                decoder.utf8PathsAllowed(m.parameters().smtpUtf8());
            } else if (command instanceof SmtpCommand.Rset) {
                decoder.utf8PathsAllowed(false);
            }
        }
        return done();
    }

    @Override
    public boolean invalidCommand(CommandViolation violation) {
        events.add(new ServerEvent.Invalid(violation.kind()));
        return done();
    }

    @Override
    public boolean authResponse(String line) {
        events.add(new ServerEvent.AuthLine(line));
        return done();
    }

    @Override
    public boolean dataChunk(ByteBuffer chunk) {
        if (!chunk.hasRemaining()) {
            throw new AssertionError("empty data chunk");
        }
        String bytes = ServerEvent.latin1(chunk);
        if (!events.isEmpty() && events.get(events.size() - 1) instanceof ServerEvent.Data d) {
            events.set(events.size() - 1, new ServerEvent.Data(d.bytes() + bytes));
        } else {
            events.add(new ServerEvent.Data(bytes));
        }
        return done();
    }

    @Override
    public boolean dataEnd(DataOutcome outcome) {
        events.add(new ServerEvent.DataEnd(outcome));
        if (session) {
            decoder.utf8PathsAllowed(false);
        }
        return done();
    }

    @Override
    public boolean bdatChunk(ByteBuffer chunk) {
        String bytes = ServerEvent.latin1(chunk);
        if (!events.isEmpty() && events.get(events.size() - 1) instanceof ServerEvent.Bdat d) {
            events.set(events.size() - 1, new ServerEvent.Bdat(d.bytes() + bytes));
        } else {
            events.add(new ServerEvent.Bdat(bytes));
        }
        return done();
    }

    @Override
    public boolean bdatEnd(long chunkSize) {
        events.add(new ServerEvent.BdatEnd(chunkSize));
        return done();
    }
}
