package org.mailwire.imap.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mailwire.imap.FetchItem;
import org.mailwire.imap.Flag;
import org.mailwire.imap.ImapResponse;
import org.mailwire.imap.SequenceSet;

/**
 * Values the interop tests read out of what a real server answers: the items of a FETCH response and
 * the members of a sequence set. A missing item fails the test with the response in the message.
 */
final class ResponseValues {
    /** Sets in these tests are small; a larger range means a wrong answer, not a big mailbox. */
    private static final long MAX_RANGE = 10_000;

    private ResponseValues() {
    }

    static <T extends FetchItem> Optional<T> item(ImapResponse.Fetch fetch, Class<T> type) {
        return fetch.items().stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    static long uidOf(ImapResponse.Fetch fetch) {
        return item(fetch, FetchItem.Uid.class).orElseThrow(() -> new AssertionError("no UID in " + fetch)).uid();
    }

    static long modSeqOf(ImapResponse.Fetch fetch) {
        return item(fetch, FetchItem.ModSeq.class).orElseThrow(() -> new AssertionError("no MODSEQ in " + fetch))
                .modSeq();
    }

    static List<Flag> flagsOf(ImapResponse.Fetch fetch) {
        return item(fetch, FetchItem.Flags.class).orElseThrow(() -> new AssertionError("no FLAGS in " + fetch))
                .flags();
    }

    static SequenceSet one(long n) {
        return SequenceSet.of(SequenceSet.Range.of(n));
    }

    /** The members of a sequence set without {@code *}, in the order written, repeats kept. */
    static List<Long> members(SequenceSet set) {
        List<Long> out = new ArrayList<>();
        for (SequenceSet.Range r : set.ranges()) {
            long lo = Math.min(r.from(), r.to());
            long hi = Math.max(r.from(), r.to());
            assertTrue(hi - lo < MAX_RANGE, "a small set: " + set);
            for (long n = lo; n <= hi; n++) {
                out.add(n);
            }
        }
        return out;
    }
}
