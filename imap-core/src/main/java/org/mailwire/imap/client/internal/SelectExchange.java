package org.mailwire.imap.client.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.mailwire.imap.Flag;
import org.mailwire.imap.ImapCommand;
import org.mailwire.imap.ImapResponse;
import org.mailwire.imap.MailboxName;
import org.mailwire.imap.Qresync;
import org.mailwire.imap.ResponseCode;
import org.mailwire.imap.SequenceSet;
import org.mailwire.imap.Tag;
import org.mailwire.imap.client.SelectResult;
import org.mailwire.imap.codec.ImapCommandEncoder;

/**
 * SELECT or EXAMINE (RFC 3501 §6.3.1-2, RFC 7162 §3.1.8 and §3.2.5). A barrier: once written, every
 * untagged response is about the new mailbox, so the channel's selected state is replaced at
 * once; the responses also make up the {@link SelectResult}. A NO leaves nothing selected.
 */
final class SelectExchange extends Exchange<SelectResult> {
    private final MailboxName mailbox;
    private final boolean examine;
    private final boolean condstore;
    private final Qresync qresync;
    private final MailboxState state;
    private CommandChannel channel;
    private long exists;
    private OptionalLong recent = OptionalLong.empty();
    private List<Flag> flags = List.of();
    private List<String> permanentFlags = List.of();
    private OptionalLong uidValidity = OptionalLong.empty();
    private OptionalLong uidNext = OptionalLong.empty();
    private OptionalLong unseen = OptionalLong.empty();
    private OptionalLong highestModSeq = OptionalLong.empty();
    private boolean noModSeq;
    private final List<SequenceSet.Range> vanished = new ArrayList<>();
    private final List<ImapResponse.Fetch> changes = new ArrayList<>();

    SelectExchange(MailboxName mailbox, boolean examine, boolean condstore, Qresync qresync) {
        super(examine ? "EXAMINE" : "SELECT", CommandTraits.barrierCollecting(CommandTraits.Collect.FETCH));
        this.mailbox = mailbox;
        this.examine = examine;
        this.condstore = condstore;
        this.qresync = qresync;
        this.state = new MailboxState(mailbox, examine);
    }

    @Override
    java.util.List<byte[]> encode(Tag tag, ImapCommandEncoder encoder) {
        return encoder.encodeSegments(examine ? new ImapCommand.Examine(tag, mailbox, condstore, qresync)
                : new ImapCommand.Select(tag, mailbox, condstore, qresync));
    }

    @Override
    java.util.List<String> mailboxNames() {
        return java.util.List.of(mailbox.name());
    }

    @Override
    void sent(Link link) {
        channel = (CommandChannel) link;
        channel.select(state);
    }

    @Override
    boolean offer(ImapResponse r) {
        if (r instanceof ImapResponse.Exists e) {
            exists = e.count();
        } else if (r instanceof ImapResponse.Recent e) {
            recent = OptionalLong.of(e.count());
        } else if (r instanceof ImapResponse.Flags f) {
            flags = f.flags();
        } else if (r instanceof ImapResponse.Vanished v) {
            vanished.addAll(v.uids().ranges());
        } else if (r instanceof ImapResponse.Fetch f) {
            changes.add(f);
        } else if (r instanceof ImapResponse.UntaggedStatus s && s.status() == ImapResponse.Status.OK
                && s.code().isPresent()) {
            code(s.code().get());
        } else {
            return false;
        }
        return true;
    }

    private void code(ResponseCode c) {
        if (c instanceof ResponseCode.PermanentFlags p) {
            permanentFlags = p.flags();
        } else if (c instanceof ResponseCode.UidValidity v) {
            uidValidity = OptionalLong.of(v.value());
        } else if (c instanceof ResponseCode.UidNext n) {
            uidNext = OptionalLong.of(n.uid());
        } else if (c instanceof ResponseCode.Unseen u) {
            unseen = OptionalLong.of(u.seq());
        } else if (c instanceof ResponseCode.HighestModSeq h) {
            highestModSeq = OptionalLong.of(h.modSeq());
        } else if (c == ResponseCode.Simple.NOMODSEQ) {
            noModSeq = true;
        }
    }

    @Override
    boolean asksForFlags() {
        // QRESYNC's FETCH responses are the changes the client asked for
        return true;
    }

    @Override
    void completed(ImapResponse.Tagged response, Link link) {
        if (response.status() != ImapResponse.Status.OK) {
            // RFC 3501 §6.3.1: a failed SELECT leaves no mailbox selected
            if (channel != null) {
                channel.deselect(state);
            }
        } else {
            response.code().ifPresent(state::code);
        }
        super.completed(response, link);
    }

    @Override
    SelectResult ok(ImapResponse.Tagged response) {
        boolean readOnly = examine || response.code().orElse(null) == ResponseCode.Simple.READ_ONLY;
        Optional<SequenceSet> gone = vanished.isEmpty() ? Optional.empty()
                : Optional.of(new SequenceSet(vanished, false));
        return new SelectResult(mailbox, readOnly, exists, recent, flags, permanentFlags, uidValidity, uidNext,
                unseen, highestModSeq, noModSeq, gone, changes, state);
    }
}
