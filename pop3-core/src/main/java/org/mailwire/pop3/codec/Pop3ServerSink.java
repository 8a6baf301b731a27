package org.mailwire.pop3.codec;

import org.mailwire.pop3.Pop3Command;

/**
 * The events of a {@link Pop3CommandDecoder}. Every method returns {@code true} to keep decoding
 * or {@code false} to pause right after this event: {@code decode} then returns with the input's
 * position right after the bytes of the event, so the session can wait for an asynchronous hook,
 * or check that nothing follows STLS (any further byte is an injection attempt, SECURITY.md row 3).
 *
 * <p>A sink may call {@link Pop3CommandDecoder#expectAuthResponse()} or
 * {@link Pop3CommandDecoder#reset()} from inside a callback; the bytes after the event are then
 * decoded in the new mode.
 */
public interface Pop3ServerSink {

    /** A valid command. */
    boolean command(Pop3Command command);

    /** A line that was refused; the session sends {@code violation.reply()}. */
    boolean invalidCommand(Pop3CommandViolation violation);

    /**
     * In AUTH_RESPONSE mode: the client's line without its CRLF, base64 text or "*" to cancel
     * (RFC 5034 §4), always ASCII. It holds credentials: nobody logs it.
     */
    boolean authResponse(String line);
}
