package org.mailwire.pop3.codec;

import java.util.ArrayList;
import java.util.List;
import org.mailwire.pop3.Pop3Command;

/**
 * Records events and, when {@code session} is set, switches the decoder the way a session would:
 * AUTH with a mechanism is answered with a challenge when the mechanism needs more from the
 * client (PLAIN one response, or none after an initial response; LOGIN two; SCRAM two, or one
 * after an initial response; others one), so the next lines are AUTH responses; "*" cancels. Pauses after every event when {@code pause} is set.
 */
class RecordingServerSink implements Pop3ServerSink {

    private final Pop3CommandDecoder decoder;
    private final boolean session;
    private final boolean pause;
    private final List<ServerEvent> events = new ArrayList<>();
    private boolean paused;
    private int authSteps;

    RecordingServerSink(Pop3CommandDecoder decoder, boolean session, boolean pause) {
        this.decoder = decoder;
        this.session = session;
        this.pause = pause;
    }

    List<ServerEvent> events() {
        return events;
    }

    boolean takePaused() {
        boolean p = paused;
        paused = false;
        return p;
    }

    private boolean done() {
        paused = pause;
        return !pause;
    }

    @Override
    public boolean command(Pop3Command command) {
        events.add(new ServerEvent.Command(command));
        if (session && command instanceof Pop3Command.Auth a && a.mechanism().isPresent()) {
            authSteps = responsesAfter(a);
            if (authSteps > 0) {
                decoder.expectAuthResponse();
            }
        }
        return done();
    }

    private static int responsesAfter(Pop3Command.Auth auth) {
        String mechanism = auth.mechanism().orElseThrow();
        boolean initial = auth.initialResponse().isPresent();
        if (mechanism.startsWith("SCRAM")) {
            return initial ? 1 : 2;
        }
        if (mechanism.equals("LOGIN")) {
            return initial ? 1 : 2;
        }
        return initial ? 0 : 1;
    }

    @Override
    public boolean invalidCommand(Pop3CommandViolation violation) {
        events.add(new ServerEvent.Invalid(violation.kind()));
        authSteps = 0;
        return done();
    }

    @Override
    public boolean authResponse(String line) {
        events.add(new ServerEvent.AuthLine(line));
        if (session && --authSteps > 0 && !line.equals("*")) {
            decoder.expectAuthResponse();
        } else {
            authSteps = 0;
        }
        return done();
    }
}
