package org.mailwire.imap.client.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import org.mailwire.imap.Flag;
import org.mailwire.imap.FetchItem;
import org.mailwire.imap.ImapResponse;
import org.mailwire.imap.MailboxName;
import org.mailwire.imap.ResponseCode;
import org.mailwire.imap.SequenceSet;
import org.mailwire.imap.client.MailboxView;

/**
 * The selected mailbox as learnt from responses. Only messages the server described are held (by
 * sequence number and by UID), never one entry per EXISTS: a hostile {@code * 4294967295 EXISTS}
 * costs nothing. Written in the callback context, read from any thread: every method locks this
 * object, which is never held across a write or a callback.
 */
public final class MailboxState implements MailboxView {

    /** What the client knows of one message. */
    private static final class Message {
        long seq;
        long uid;
        Set<Flag> flags;
        long modSeq;

        Message(long seq) {
            this.seq = seq;
        }
    }

    private final MailboxName mailbox;
    private boolean readOnly;
    private boolean current = true;
    private long count;
    private long uidValidity;
    private long uidNext;
    private long highestModSeq;
    private boolean noModSeq;
    private List<Flag> flags = List.of();
    private List<String> permanentFlags = List.of();
    private final TreeMap<Long, Message> bySeq = new TreeMap<>();
    private final Map<Long, Message> byUid = new HashMap<>();

    public MailboxState(MailboxName mailbox, boolean readOnly) {
        this.mailbox = mailbox;
        this.readOnly = readOnly;
    }

    @Override
    public MailboxName mailbox() {
        return mailbox;
    }

    @Override
    public synchronized boolean readOnly() {
        return readOnly;
    }

    synchronized void readOnly(boolean readOnly) {
        this.readOnly = readOnly;
    }

    @Override
    public synchronized boolean isCurrent() {
        return current;
    }

    synchronized void retire() {
        current = false;
    }

    @Override
    public synchronized long messageCount() {
        return count;
    }

    @Override
    public synchronized OptionalLong uidValidity() {
        return uidValidity == 0 ? OptionalLong.empty() : OptionalLong.of(uidValidity);
    }

    @Override
    public synchronized OptionalLong uidNext() {
        return uidNext == 0 ? OptionalLong.empty() : OptionalLong.of(uidNext);
    }

    @Override
    public synchronized OptionalLong highestModSeq() {
        return noModSeq || highestModSeq == 0 ? OptionalLong.empty() : OptionalLong.of(highestModSeq);
    }

    @Override
    public synchronized List<Flag> flags() {
        return flags;
    }

    @Override
    public synchronized List<String> permanentFlags() {
        return permanentFlags;
    }

    @Override
    public synchronized OptionalLong uid(long seq) {
        Message m = bySeq.get(seq);
        return m == null || m.uid == 0 ? OptionalLong.empty() : OptionalLong.of(m.uid);
    }

    @Override
    public synchronized OptionalLong sequenceNumber(long uid) {
        Message m = byUid.get(uid);
        return m == null ? OptionalLong.empty() : OptionalLong.of(m.seq);
    }

    @Override
    public synchronized Optional<Set<Flag>> flags(long seq) {
        Message m = bySeq.get(seq);
        return m == null || m.flags == null ? Optional.empty() : Optional.of(m.flags);
    }

    @Override
    public synchronized OptionalLong modSeq(long seq) {
        Message m = bySeq.get(seq);
        return m == null || m.modSeq == 0 ? OptionalLong.empty() : OptionalLong.of(m.modSeq);
    }

    // ---- updates, in the callback context ----

    synchronized void exists(long n) {
        count = n;
        // messages above the new count cannot exist (a server may shrink EXISTS only via EXPUNGE,
        // but a stale entry must not outlive it)
        bySeq.tailMap(n, false).values().forEach(m -> byUid.remove(m.uid));
        bySeq.tailMap(n, false).clear();
    }

    /** EXPUNGE: returns the UID of the message, 0 when unknown. */
    synchronized long expunge(long seq) {
        Message gone = bySeq.remove(seq);
        if (gone != null && gone.uid != 0) {
            byUid.remove(gone.uid);
        }
        List<Message> shifted = new ArrayList<>(bySeq.tailMap(seq, false).values());
        bySeq.tailMap(seq, false).clear();
        for (Message m : shifted) {
            m.seq--;
            bySeq.put(m.seq, m);
        }
        if (count > 0) {
            count--;
        }
        return gone == null ? 0 : gone.uid;
    }

    /**
     * VANISHED: the messages with these UIDs are gone. Without EARLIER every UID in the set is of a
     * message that existed (it stands for a run of EXPUNGEs, RFC 7162 §3.2.10), so the count drops
     * by the set's size, and a known message moves down by the number of vanished UIDs below its
     * own, whether the client knew those messages or not (UIDs ascend with sequence numbers). The
     * ranges are counted, never expanded: {@code 1:4294967295} is two numbers, not four billion.
     * With EARLIER the messages were gone before: known ones are dropped, nothing moves.
     */
    synchronized void vanished(SequenceSet uids, boolean earlier) {
        List<long[]> ranges = merged(uids);
        List<Message> kept = new ArrayList<>();
        for (Message m : bySeq.values()) {
            if (!covers(ranges, m.uid) || m.uid == 0) {
                kept.add(m);
            } else {
                byUid.remove(m.uid);
            }
        }
        bySeq.clear();
        long size = 0;
        for (long[] r : ranges) {
            size += r[1] - r[0] + 1;
        }
        for (Message m : kept) {
            if (!earlier) {
                if (m.uid != 0) {
                    m.seq -= below(ranges, m.uid);
                } else {
                    // a message known only by number: where it went is unknown, so it is forgotten
                    continue;
                }
            }
            if (m.seq >= 1) {
                bySeq.put(m.seq, m);
            } else if (m.uid != 0) {
                byUid.remove(m.uid);
            }
        }
        if (!earlier) {
            count = Math.max(0, count - size);
        }
    }

    /** The set's ranges sorted and merged, so that no UID is counted twice. */
    private static List<long[]> merged(SequenceSet set) {
        List<long[]> ranges = new ArrayList<>();
        for (SequenceSet.Range r : set.ranges()) {
            ranges.add(new long[] {r.from(), r.to()});
        }
        ranges.sort((a, b) -> Long.compare(a[0], b[0]));
        List<long[]> out = new ArrayList<>();
        for (long[] r : ranges) {
            long[] last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && r[0] <= last[1] + 1) {
                last[1] = Math.max(last[1], r[1]);
            } else {
                out.add(r);
            }
        }
        return out;
    }

    private static boolean covers(List<long[]> ranges, long uid) {
        for (long[] r : ranges) {
            if (uid >= r[0] && uid <= r[1]) {
                return true;
            }
        }
        return false;
    }

    /** How many UIDs of the ranges are below {@code uid}. */
    private static long below(List<long[]> ranges, long uid) {
        long n = 0;
        for (long[] r : ranges) {
            if (r[0] < uid) {
                n += Math.min(r[1], uid - 1) - r[0] + 1;
            }
        }
        return n;
    }

    /** A FETCH response: learns UID, flags and mod-sequence. */
    synchronized void fetched(ImapResponse.Fetch fetch) {
        Message m = bySeq.computeIfAbsent(fetch.seq(), Message::new);
        for (FetchItem item : fetch.items()) {
            if (item instanceof FetchItem.Uid u) {
                if (m.uid != 0 && m.uid != u.uid()) {
                    byUid.remove(m.uid);
                }
                Message other = byUid.put(u.uid(), m);
                if (other != null && other != m) {
                    // the server renumbered under us; the newer statement wins
                    bySeq.remove(other.seq, other);
                }
                m.uid = u.uid();
            } else if (item instanceof FetchItem.Flags f) {
                m.flags = Set.copyOf(new LinkedHashSet<>(f.flags()));
            } else if (item instanceof FetchItem.ModSeq ms) {
                m.modSeq = ms.modSeq();
                highestModSeq = Math.max(highestModSeq, ms.modSeq());
            }
        }
        if (fetch.seq() > count) {
            count = fetch.seq();
        }
    }

    synchronized void flagsResponse(List<Flag> flags) {
        this.flags = List.copyOf(flags);
    }

    /** A response code of an untagged OK (or the tagged OK of SELECT). */
    synchronized void code(ResponseCode code) {
        if (code instanceof ResponseCode.UidValidity v) {
            uidValidity = v.value();
        } else if (code instanceof ResponseCode.UidNext n) {
            uidNext = n.uid();
        } else if (code instanceof ResponseCode.HighestModSeq h) {
            highestModSeq = Math.max(highestModSeq, h.modSeq());
            noModSeq = false;
        } else if (code instanceof ResponseCode.PermanentFlags p) {
            permanentFlags = p.flags();
        } else if (code == ResponseCode.Simple.NOMODSEQ) {
            noModSeq = true;
        } else if (code == ResponseCode.Simple.READ_ONLY) {
            readOnly = true;
        } else if (code == ResponseCode.Simple.READ_WRITE) {
            readOnly = false;
        }
    }
}
