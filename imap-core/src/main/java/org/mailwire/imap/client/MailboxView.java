package org.mailwire.imap.client;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.mailwire.imap.Flag;
import org.mailwire.imap.MailboxName;

/**
 * The selected mailbox as the client knows it, kept current from every response: the message
 * count from EXISTS; sequence numbers and UIDs learnt from FETCH responses carrying UID; flags
 * and mod-sequences learnt from FETCH responses. EXPUNGE removes a message and shifts the numbers
 * of the ones after it; VANISHED removes messages by UID (RFC 7162 §3.2.10).
 *
 * <p>Readable from any thread; each method answers for one moment, so two calls may see different
 * states when responses arrive between them. A view belongs to one selection: after another
 * SELECT/EXAMINE, CLOSE or UNSELECT it stops changing and {@link #isCurrent()} turns false.
 */
public interface MailboxView {

    MailboxName mailbox();

    /** EXAMINE, or {@code [READ-ONLY]} in the SELECT's tagged OK. */
    boolean readOnly();

    /** Whether this is still the selected mailbox. */
    boolean isCurrent();

    /** How many messages the mailbox holds (the last EXISTS, less expunges since). */
    long messageCount();

    /** {@code [UIDVALIDITY]}; empty when the server did not send it. */
    OptionalLong uidValidity();

    /** {@code [UIDNEXT]} as of the selection (servers need not update it). */
    OptionalLong uidNext();

    /** The highest mod-sequence seen: {@code [HIGHESTMODSEQ]}, raised by FETCH MODSEQ; empty under NOMODSEQ or without CONDSTORE. */
    OptionalLong highestModSeq();

    /** The FLAGS response: the flags the mailbox uses. */
    List<Flag> flags();

    /** {@code [PERMANENTFLAGS]} as sent, {@code \*} included when the server allows new keywords. */
    List<String> permanentFlags();

    /** The UID of message {@code seq}, when the client has learnt it. */
    OptionalLong uid(long seq);

    /** The sequence number of the message with {@code uid}, when the client has learnt it. */
    OptionalLong sequenceNumber(long uid);

    /** The flags of message {@code seq} as last seen in a FETCH response. */
    Optional<Set<Flag>> flags(long seq);

    /** The mod-sequence of message {@code seq} as last seen in a FETCH response. */
    OptionalLong modSeq(long seq);
}
