package org.mailwire.imap.client;

import java.nio.ByteBuffer;
import org.mailwire.imap.ImapResponse;
import org.mailwire.imap.Section;
import org.mailwire.imap.SequenceSet;

/**
 * Receives what one {@link ImapClient#fetch(FetchRequest, FetchListener)} returns, as it arrives:
 * a body item's content chunk by chunk (never held whole by the client), then the complete FETCH
 * response that holds it, whose body items carry sizes only.
 *
 * <p>Called on the connection's I/O thread, in the server's order; while a method runs, nothing
 * more is read, so it must not block for long. A method that throws fails the fetch with what it
 * threw, after the rest of the response has been read and dropped, so the connection stays usable.
 */
public interface FetchListener {

    /**
     * A body item of message {@code seq} starts: {@code size} octets follow through
     * {@link #bodyChunk}.
     *
     * @param binary true for {@code BINARY[..]} (RFC 3516), whose content is decoded and may hold NUL
     */
    default void bodyBegin(long seq, Section section, boolean binary, long size) {
    }

    /** Octets of message {@code seq}'s body item {@code section}; the buffer is valid only during the call. */
    void bodyChunk(long seq, Section section, ByteBuffer chunk);

    /** A complete FETCH response for this request. */
    void fetched(ImapResponse.Fetch response);

    /** With {@link FetchRequest#vanished()}: UIDs expunged since the CHANGEDSINCE mod-sequence. */
    default void vanished(SequenceSet uids) {
    }
}
