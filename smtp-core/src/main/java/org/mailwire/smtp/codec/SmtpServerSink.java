package org.mailwire.smtp.codec;

import java.nio.ByteBuffer;
import org.mailwire.smtp.SmtpCommand;

/**
 * The events of a {@link SmtpCommandDecoder}. Every method returns {@code true} to keep decoding or
 * {@code false} to pause right after this event: {@code decode} then returns with the input's
 * position right after the bytes of the event, so the session can wait for an asynchronous hook,
 * or hand what follows to TLS (after STARTTLS any further byte is an injection attempt).
 *
 * <p>A sink may switch the decoder's mode from inside a callback ({@code expectData},
 * {@code expectBdat}, {@code expectAuthResponse}, {@code reset}); the bytes after the event are
 * then decoded in the new mode.
 */
public interface SmtpServerSink {

    /** A valid command. */
    boolean command(SmtpCommand command);

    /** A command line that was refused; the session sends {@code violation.reply()}. */
    boolean invalidCommand(CommandViolation violation);

    /**
     * In AUTH mode: the continuation line without its CRLF, e.g. base64 text or "*" (cancel,
     * RFC 4954 §4). It holds credentials: nobody logs it.
     */
    boolean authResponse(String line);

    /**
     * Message bytes of DATA: dot-unstuffed, CRLF line ends kept. A read-only view valid only during
     * the call (copy what must outlive it). Never empty.
     */
    boolean dataChunk(ByteBuffer chunk);

    /** The {@code <CRLF>.<CRLF>} that ends DATA; the decoder is back in COMMAND mode. */
    boolean dataEnd(DataOutcome outcome);

    /** Octets of a BDAT chunk, as sent (NUL allowed); a read-only view valid only during the call. */
    boolean bdatChunk(ByteBuffer chunk);

    /** All {@code chunkSize} octets of a BDAT chunk were read; the decoder is back in COMMAND mode. */
    boolean bdatEnd(long chunkSize);
}
