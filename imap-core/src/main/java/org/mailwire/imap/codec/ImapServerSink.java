package org.mailwire.imap.codec;

import java.nio.ByteBuffer;
import org.mailwire.imap.ImapCommand;
import org.mailwire.imap.Tag;

/**
 * The events of an {@link ImapCommandDecoder}. Every method returns {@code true} to keep decoding
 * or {@code false} to pause right after the event.
 *
 * <p>An APPEND gives {@link #appendBegin}, then zero or more {@link #appendData}, then either
 * {@link #appendEnd} or an {@link #invalidCommand} with the same tag (the session then discards
 * what it stored). When the session refuses a synchronising message literal, nothing follows.
 *
 * <p>STARTTLS: the session returns false from {@link #command} and treats any byte left in the
 * input as a plaintext-injection attempt (SECURITY.md row 3), then calls
 * {@link ImapCommandDecoder#reset()} after the handshake.
 */
public interface ImapServerSink {

    /** A complete command (APPEND excepted). */
    boolean command(ImapCommand command);

    /** A refused command; the session sends {@code violation.reply()}, then closes if fatal. */
    boolean invalidCommand(ImapCommandViolation violation);

    /**
     * A synchronising literal of {@code size} octets of a string argument. The decoder reads no
     * further until the session calls {@link ImapCommandDecoder#acceptLiteral()} (after sending
     * {@code + }) or {@link ImapCommandDecoder#refuseLiteral()} (after sending a tagged NO/BAD),
     * from inside this callback or later.
     */
    boolean literalRequest(Tag tag, long size);

    /**
     * APPEND up to its message literal. When {@code awaitingContinuation}, the literal is
     * synchronising: the session answers as for {@link #literalRequest}.
     */
    boolean appendBegin(ImapCommand.Append append, boolean awaitingContinuation);

    /** Octets of the message literal; valid only during the call. */
    boolean appendData(ByteBuffer chunk);

    /** The message literal and its CRLF are complete. */
    boolean appendEnd(Tag tag);

    /** After {@link ImapCommandDecoder#expectAuthResponse()}: one SASL line, ASCII. A secret: never logged. */
    boolean authResponse(String line);

    /** After {@link ImapCommandDecoder#expectDone()}: the client ended IDLE. */
    boolean idleDone();
}
