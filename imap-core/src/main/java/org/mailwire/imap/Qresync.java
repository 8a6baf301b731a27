package org.mailwire.imap;

/**
 * SELECT/EXAMINE's QRESYNC parameter (RFC 7162 §3.2.5): what the client knew of the mailbox.
 *
 * @param uidValidity    the last known UIDVALIDITY, 1..2^32-1
 * @param modseq         the last known HIGHESTMODSEQ, 1..2^63-1
 * @param knownUids      the UIDs the client knows, or null
 * @param knownSequences with {@code knownSequenceUids}: the seq-match-data, or both null
 */
public record Qresync(long uidValidity, long modseq, SequenceSet knownUids, SequenceSet knownSequences,
        SequenceSet knownSequenceUids) {

    public Qresync {
        if (uidValidity < 1 || uidValidity > SequenceSet.MAX_NUMBER || modseq < 1) {
            throw new IllegalArgumentException("UIDVALIDITY is 1..2^32-1 and the mod-sequence 1..2^63-1");
        }
        if ((knownSequences == null) != (knownSequenceUids == null)) {
            throw new IllegalArgumentException("seq-match-data has both sets or neither");
        }
        for (SequenceSet s : new SequenceSet[] {knownUids, knownSequences, knownSequenceUids}) {
            if (s != null && s.saved()) {
                throw new IllegalArgumentException("$ is not allowed in QRESYNC");
            }
        }
    }

    public Qresync(long uidValidity, long modseq) {
        this(uidValidity, modseq, null, null, null);
    }

    @Override
    public String toString() {
        return "(" + uidValidity + " " + modseq + (knownUids == null ? "" : " " + knownUids)
                + (knownSequences == null ? "" : " (" + knownSequences + " " + knownSequenceUids + ")") + ")";
    }
}
