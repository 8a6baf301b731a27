package org.mailwire.imap.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.mailwire.imap.FetchItem;
import org.mailwire.imap.ImapResponse;
import org.mailwire.imap.MailboxName;
import org.mailwire.imap.SequenceSet;

/**
 * The mailbox view against the server's truth: a list of ascending UIDs that grows by EXISTS and
 * shrinks by EXPUNGE and VANISHED, of which the client learns some through FETCH UID. Whatever the
 * order, the view's count is the truth's, and every UID it knows sits at its true sequence number.
 */
class MailboxStateProperties {

    @Property(tries = 500)
    void theViewFollowsTheServer(@ForAll @Size(max = 80) List<@IntRange(min = 0, max = 3) Integer> ops,
            @ForAll @Size(min = 80, max = 80) List<@IntRange(min = 0, max = 1000) Integer> args) {
        List<Long> truth = new ArrayList<>();
        Set<Long> learnt = new HashSet<>();
        long nextUid = 1;
        MailboxState view = new MailboxState(MailboxName.INBOX, false);
        for (int i = 0; i < ops.size(); i++) {
            int arg = args.get(i);
            switch (ops.get(i)) {
                case 0 -> {
                    int added = 1 + arg % 3;
                    for (int k = 0; k < added; k++) {
                        truth.add(nextUid);
                        nextUid += 1 + arg % 2;
                    }
                    view.exists(truth.size());
                }
                case 1 -> {
                    if (!truth.isEmpty()) {
                        int seq = 1 + arg % truth.size();
                        long uid = truth.get(seq - 1);
                        view.fetched(new ImapResponse.Fetch(seq, List.of(new FetchItem.Uid(uid))));
                        learnt.add(uid);
                    }
                }
                case 2 -> {
                    if (!truth.isEmpty()) {
                        int seq = 1 + arg % truth.size();
                        long uid = truth.remove(seq - 1);
                        long reported = view.expunge(seq);
                        assertTrue(reported == 0 || reported == uid, "expunge reported the wrong UID");
                    }
                }
                default -> {
                    if (!truth.isEmpty()) {
                        int seq = 1 + arg % truth.size();
                        long uid = truth.remove(seq - 1);
                        view.vanished(SequenceSet.of(SequenceSet.Range.of(uid)), false);
                    }
                }
            }
            assertEquals(truth.size(), view.messageCount());
            for (int seq = 1; seq <= truth.size(); seq++) {
                long uid = truth.get(seq - 1);
                OptionalLong known = view.uid(seq);
                if (known.isPresent()) {
                    assertEquals(uid, known.getAsLong(), "the UID at " + seq);
                }
                if (learnt.contains(uid)) {
                    assertEquals(OptionalLong.of(uid), known, "a learnt UID is remembered");
                    assertEquals(OptionalLong.of(seq), view.sequenceNumber(uid));
                }
            }
        }
    }
}
