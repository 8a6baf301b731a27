package org.mailwire.imap.codec;

import java.nio.ByteBuffer;
import java.util.OptionalLong;
import org.mailwire.imap.FetchItem;
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

    /**
     * The content of message {@code seq}'s {@code RFC822}, {@code RFC822.HEADER} or
     * {@code RFC822.TEXT} item starts; {@code size} octets follow. By default it is reported as
     * the {@code BODY[...]} section with the same content, for sinks that need not tell them apart.
     */
    default boolean rfc822Begin(long seq, FetchItem.Rfc822.Part part, long size) {
        return bodyBegin(seq, false, part.section(), OptionalLong.empty(), size);
    }

    /** Octets of the body item; valid only during the call. */
    boolean bodyData(ByteBuffer chunk);

    boolean bodyEnd();

    /** The server sent something the decoder refuses; the connection is unusable. Nothing follows. */
    boolean violation(ImapResponseViolation violation);
}
