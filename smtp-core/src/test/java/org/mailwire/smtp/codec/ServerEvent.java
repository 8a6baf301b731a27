package org.mailwire.smtp.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.mailwire.smtp.SmtpCommand;

/** What a {@link RecordingServerSink} saw; message bytes as ISO-8859-1 text so equality is by content. */
sealed interface ServerEvent {

    record Command(SmtpCommand command) implements ServerEvent {
    }

    record Invalid(CommandViolation.Kind kind) implements ServerEvent {
    }

    record AuthLine(String line) implements ServerEvent {
    }

    /** Consecutive dataChunk calls merged: chunk boundaries are not part of the contract. */
    record Data(String bytes) implements ServerEvent {
    }

    record DataEnd(DataOutcome outcome) implements ServerEvent {
    }

    record Bdat(String bytes) implements ServerEvent {
    }

    record BdatEnd(long size) implements ServerEvent {
    }

    static String latin1(ByteBuffer chunk) {
        byte[] b = new byte[chunk.remaining()];
        chunk.duplicate().get(b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
