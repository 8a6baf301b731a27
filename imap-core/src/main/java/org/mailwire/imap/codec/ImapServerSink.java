package org.mailwire.imap.codec;

import java.nio.ByteBuffer;
import org.mailwire.imap.ImapCommand;
import org.mailwire.imap.Tag;

/**
 * The events of an {@link ImapCommandDecoder}. Every method returns {@code true} to keep decoding
 * or {@code false} to pause right after the event.
 *
 * <p><b>APPEND</b> (RFC 3501, RFC 3502 MULTIAPPEND, RFC 4469 CATENATE, RFC 6855 UTF8) is never
 * delivered as one {@link #command}: every message and every CATENATE TEXT part is streamed, so a
 * server stores it as it arrives and buffers nothing. The events of one APPEND, in this order:
 * <pre>
 * append  = message 1*(message) appendEnd(tag)        one or more messages, then one final event
 * message = appendBegin(Append) *appendData            a message whose data is one literal
 *         / catenateBegin(Catenate) 1*(part)           a message built from parts
 * part    = catenateUrl(tag, url)                      an IMAP URL to copy from
 *         / catenateText(tag, size, utf8, sync) *appendData
 * </pre>
 * Every event carries the command's tag (its {@code Append} or {@code Catenate} record does)
 * except {@link #appendData}, which always falls between an event that does and the next one. A
 * message ends where the next one begins or at {@link #appendEnd}; the octets of all the
 * {@code appendData} after one {@code appendBegin} (or {@code catenateText}) are exactly its
 * {@code size}. Events keep their wire order; URL parts and the start of a CATENATE message are
 * delivered together when the decoder reaches the next streamed literal (a TEXT part or a
 * further message) or the end of the command, so a string literal inside a URL part is asked
 * for ({@link #literalRequest}) before the URL events that precede it are delivered.
 *
 * <p>Each message and part is checked before its literal is accepted: its count against
 * {@link ImapDecoderConfig#maxAppendMessages()} and {@link ImapDecoderConfig#maxCatenateParts()},
 * its size against the literal limit. When the literal is synchronising ({@code sync} or
 * {@code awaitingContinuation} true) the decoder reads nothing more until the session calls
 * {@link ImapCommandDecoder#acceptLiteral()} (after sending {@code +}) or
 * {@link ImapCommandDecoder#refuseLiteral()} (after a tagged NO, e.g. {@code [TOOBIG]}); after a
 * refusal nothing more of this APPEND is delivered. At any point after the first event, an
 * {@link #invalidCommand} with the same tag may end the APPEND instead of {@code appendEnd}: the
 * session then discards everything it stored for it (a MULTIAPPEND is all or nothing, RFC 3502
 * §6.3.11). A plain APPEND of one literal message is thus {@code appendBegin}, {@code appendData*},
 * {@code appendEnd}, as it always was.
 *
 * <p>When a callback returns false in the middle of an APPEND's events, the rest are held: call
 * {@link ImapCommandDecoder#decode} again (with an empty buffer if no input is left) while
 * {@link ImapCommandDecoder#hasPendingEvents()}.
 *
 * <p>STARTTLS: the session returns false from {@link #command} and treats any byte left in the
 * input as a plaintext-injection attempt (SECURITY.md row 3), then calls
 * {@link ImapCommandDecoder#reset()} after the handshake. COMPRESS is the same: the bytes after
 * its line are compressed and belong to the next decoder stage.
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
     * A message whose data is one literal of {@code append.size()} octets: the first of an APPEND
     * or a further one of a MULTIAPPEND. When {@code awaitingContinuation}, the literal is
     * synchronising: the session answers as for {@link #literalRequest}.
     */
    boolean appendBegin(ImapCommand.Append append, boolean awaitingContinuation);

    /** A message built by CATENATE: its flags and date; its parts follow. */
    boolean catenateBegin(ImapCommand.Catenate message);

    /** A CATENATE {@code URL} part (RFC 4469): the IMAP URL, not yet checked. */
    boolean catenateUrl(Tag tag, String url);

    /**
     * A CATENATE {@code TEXT} part of {@code size} octets (with {@code utf8}, an RFC 6855
     * {@code UTF8 (~{n})} part, a literal8), streamed as {@link #appendData}. When
     * {@code awaitingContinuation}, the session answers as for {@link #literalRequest}.
     */
    boolean catenateText(Tag tag, long size, boolean utf8, boolean awaitingContinuation);

    /** Octets of the current message or TEXT part; valid only during the call. */
    boolean appendData(ByteBuffer chunk);

    /** The APPEND is complete: every message and its final CRLF arrived. */
    boolean appendEnd(Tag tag);

    /** After {@link ImapCommandDecoder#expectAuthResponse()}: one SASL line, ASCII. A secret: never logged. */
    boolean authResponse(String line);

    /** After {@link ImapCommandDecoder#expectDone()}: the client ended IDLE. */
    boolean idleDone();
}
