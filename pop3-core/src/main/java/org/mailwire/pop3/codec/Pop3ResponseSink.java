package org.mailwire.pop3.codec;

import java.nio.ByteBuffer;
import org.mailwire.pop3.StatusLine;

/**
 * The events of a {@link Pop3ResponseDecoder}; return {@code false} to pause right after the
 * event. A sink may call {@link Pop3ResponseDecoder#expect} from inside a callback.
 */
public interface Pop3ResponseSink {

    /** A status line. For a multi-line shape and {@code +OK}, the body follows. */
    boolean status(StatusLine line);

    /**
     * An AUTH step's challenge (RFC 5034 §4): the base64 text after {@code "+ "}, possibly empty.
     * It may hold secrets: nobody logs it.
     */
    boolean continuation(String base64);

    /**
     * Body bytes of a multi-line response: dot-unstuffed, line ends kept, the terminating
     * {@code .CRLF} not included. A read-only view valid only during the call (copy what must
     * outlive it); never empty. For {@link ResponseShape#LISTING_IF_OK} every chunk is one line.
     */
    boolean multiLineChunk(ByteBuffer chunk);

    /** The terminating {@code .CRLF} of a multi-line response. */
    boolean multiLineEnd();

    /**
     * A response the client cannot trust. Always fatal: the client closes the connection. The
     * decoder discards everything after it (until {@link Pop3ResponseDecoder#reset()}).
     */
    boolean violation(Pop3ResponseViolation v);
}
