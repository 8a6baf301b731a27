package org.mailwire.pop3.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.mailwire.pop3.StatusLine;

/** What a {@link RecordingResponseSink} saw; body bytes as ISO-8859-1 text so equality is by content. */
sealed interface ClientEvent {

    record Status(StatusLine line) implements ClientEvent {
    }

    record Continuation(String base64) implements ClientEvent {
    }

    /** Consecutive chunks merged (for streamed bodies chunk boundaries are not part of the contract). */
    record Body(String bytes) implements ClientEvent {
    }

    record End() implements ClientEvent {
    }

    record Violation(Pop3ResponseViolation.Kind kind) implements ClientEvent {
    }

    static String latin1(ByteBuffer chunk) {
        byte[] b = new byte[chunk.remaining()];
        chunk.duplicate().get(b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
