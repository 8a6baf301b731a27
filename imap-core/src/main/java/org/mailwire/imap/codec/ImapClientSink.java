package org.mailwire.imap.codec;

import java.nio.ByteBuffer;
import java.util.OptionalLong;
import org.mailwire.imap.ImapResponse;
import org.mailwire.imap.Section;

/**
 * The events of an {@link ImapResponseDecoder}. Every method returns {@code true} to keep decoding
 * or {@code false} to pause right after the event.
 *
 * <p>A FETCH body item ({@code BODY[..]}, {@code BINARY[..]}) that is not NIL gives
 * {@link #bodyBegin}, zero or more {@link #bodyData}, then {@link #bodyEnd}; the FETCH response
 * holding the item follows through {@link #response} once complete (SECURITY.md row 12: a body
 * literal is streamed, never buffered whole).
 */
public interface ImapClientSink {

    /** A complete response. */
    boolean response(ImapResponse response);

    /** The content of message {@code seq}'s body item starts; {@code size} octets follow. */
    boolean bodyBegin(long seq, boolean binary, Section section, OptionalLong origin, long size);

    /** Octets of the body item; valid only during the call. */
    boolean bodyData(ByteBuffer chunk);

    boolean bodyEnd();

    /** The server sent something the decoder refuses; the connection is unusable. Nothing follows. */
    boolean violation(ImapResponseViolation violation);
}
