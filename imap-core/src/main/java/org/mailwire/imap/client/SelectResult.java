package org.mailwire.imap.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.mailwire.imap.Flag;
import org.mailwire.imap.ImapResponse;
import org.mailwire.imap.MailboxName;
import org.mailwire.imap.SequenceSet;

/**
 * What SELECT or EXAMINE reported (RFC 3501 §6.3.1, RFC 9051 §6.3.2, RFC 7162 §3.1.2 and §3.2.5).
 *
 * @param mailbox        the mailbox selected
 * @param readOnly       EXAMINE, or {@code [READ-ONLY]} in the tagged OK
 * @param exists         the EXISTS count
 * @param recent         the RECENT count; IMAP4rev2 servers do not send it
 * @param flags          the FLAGS response
 * @param permanentFlags {@code [PERMANENTFLAGS]} as sent; empty when absent
 * @param uidValidity    {@code [UIDVALIDITY]}
 * @param uidNext        {@code [UIDNEXT]}
 * @param unseen         {@code [UNSEEN]}, the first unseen message (IMAP4rev1)
 * @param highestModSeq  {@code [HIGHESTMODSEQ]} (CONDSTORE)
 * @param noModSeq       {@code [NOMODSEQ]}: the mailbox keeps no mod-sequences
 * @param vanished       QRESYNC: the union of the {@code VANISHED (EARLIER)} responses, UIDs
 *                       expunged since the client's known state
 * @param changes        QRESYNC: the FETCH responses reporting messages changed since then
 * @param view           the live view of the selected mailbox, seeded with all of the above
 */
public record SelectResult(MailboxName mailbox, boolean readOnly, long exists, OptionalLong recent,
        List<Flag> flags, List<String> permanentFlags, OptionalLong uidValidity, OptionalLong uidNext,
        OptionalLong unseen, OptionalLong highestModSeq, boolean noModSeq, Optional<SequenceSet> vanished,
        List<ImapResponse.Fetch> changes, MailboxView view) {

    public SelectResult {
        Objects.requireNonNull(mailbox, "mailbox");
        Objects.requireNonNull(recent, "recent");
        flags = List.copyOf(flags);
        permanentFlags = List.copyOf(permanentFlags);
        Objects.requireNonNull(uidValidity, "uidValidity");
        Objects.requireNonNull(uidNext, "uidNext");
        Objects.requireNonNull(unseen, "unseen");
        Objects.requireNonNull(highestModSeq, "highestModSeq");
        Objects.requireNonNull(vanished, "vanished");
        changes = List.copyOf(changes);
        Objects.requireNonNull(view, "view");
    }
}
