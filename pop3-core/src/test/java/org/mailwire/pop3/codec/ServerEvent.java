package org.mailwire.pop3.codec;

import org.mailwire.pop3.Pop3Command;

/** What a {@link RecordingServerSink} saw. */
sealed interface ServerEvent {

    record Command(Pop3Command command) implements ServerEvent {
    }

    record Invalid(Pop3CommandViolation.Kind kind) implements ServerEvent {
    }

    record AuthLine(String line) implements ServerEvent {
    }
}
