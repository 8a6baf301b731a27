package org.mailwire.imap.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.mailwire.imap.Flag;
import org.mailwire.imap.ResponseCode;
import org.mailwire.imap.SequenceSet;

/**
 * Something the server told the client without being asked (RFC 3501 §7, RFC 9051 §7: untagged
 * responses may come at any time), delivered to the listeners added with
 * {@link ImapClient#addListener}. Events come in the order the server sent them, on the
 * connection's I/O thread, after the {@link MailboxView} has been updated with them; a listener
 * must not block.
 *
 * <p>Mailbox events ({@link Exists}, {@link Recent}, {@link Expunged}, {@link Vanished},
 * {@link FlagsChanged}) are delivered outside SELECT/EXAMINE, whose own responses make up the
 * {@link SelectResult}. A FETCH response's flags are an event unless a FETCH that asked for FLAGS
 * or a STORE without {@code .SILENT} collects it.
 */
public sealed interface ImapEvent {

    /** {@code * n EXISTS}: the selected mailbox now holds {@code count} messages. */
    record Exists(long count) implements ImapEvent {
    }

    /** {@code * n RECENT} (IMAP4rev1 only). */
    record Recent(long count) implements ImapEvent {
    }

    /**
     * {@code * n EXPUNGE}: message {@code seq} is gone; every later message's number dropped by one.
     *
     * @param uid its UID when the client had learnt it
     */
    record Expunged(long seq, OptionalLong uid) implements ImapEvent {
        public Expunged {
            Objects.requireNonNull(uid, "uid");
        }
    }

    /**
     * {@code * VANISHED [(EARLIER)] uids} (RFC 7162 §3.2.10): the messages with these UIDs are gone.
     * {@code earlier} is true for the answer to a UID FETCH with VANISHED, which reports expunges
     * the client missed rather than new ones.
     */
    record Vanished(boolean earlier, SequenceSet uids) implements ImapEvent {
        public Vanished {
            Objects.requireNonNull(uids, "uids");
        }
    }

    /**
     * A FETCH response with FLAGS the client did not ask for: the message's flags are now
     * {@code flags}.
     */
    record FlagsChanged(long seq, OptionalLong uid, List<Flag> flags, OptionalLong modSeq) implements ImapEvent {
        public FlagsChanged {
            Objects.requireNonNull(uid, "uid");
            flags = List.copyOf(flags);
            Objects.requireNonNull(modSeq, "modSeq");
        }
    }

    /** {@code [ALERT]} (RFC 3501 §7.1): text the RFC asks clients to show to the user. */
    record Alert(String text) implements ImapEvent {
        public Alert {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * {@code * BYE} outside LOGOUT: the server is closing the connection (RFC 3501 §7.1.5); every
     * pending operation fails with an {@link ImapConnectionException}.
     */
    record Bye(Optional<ResponseCode> code, String text) implements ImapEvent {
        public Bye {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(text, "text");
        }
    }
}
