package org.mailwire.imap.client.internal;

import java.util.EnumSet;
import java.util.Set;

/**
 * How a command may share the wire with others (RFC 3501 §5.5, RFC 9051 §5.5), checked before it
 * is written against every command still in flight.
 *
 * @param barrier     nothing else in flight while it is: it changes the state the others run in
 *                    (SELECT, CLOSE, STARTTLS, ...) or waits for a {@code +}, which carries no tag
 * @param collects    the kinds of untagged response it takes as its result; two commands sharing a
 *                    kind would not know whose response is whose
 * @param seqNumbers  it names messages by sequence number, which an EXPUNGE in the middle would shift
 * @param expungeSafe the server may not send EXPUNGE while it runs (FETCH, STORE, SEARCH by
 *                    sequence number), so sequence-number commands may follow it
 */
public record CommandTraits(boolean barrier, Set<Collect> collects, boolean seqNumbers, boolean expungeSafe) {

    /** Kinds of untagged data a command may take as its result. */
    public enum Collect {
        FETCH, SEARCH, LIST, LSUB, STATUS, CAPABILITY, ENABLED, COPYUID, NAMESPACE, ID, SORT, THREAD
    }

    public CommandTraits {
        collects = collects.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(collects));
    }

    public static final CommandTraits BARRIER = new CommandTraits(true, Set.of(), false, false);
    public static final CommandTraits PLAIN = new CommandTraits(false, Set.of(), false, false);

    public static CommandTraits barrierCollecting(Collect... kinds) {
        return new CommandTraits(true, Set.of(kinds), false, false);
    }

    public static CommandTraits collecting(Collect... kinds) {
        return new CommandTraits(false, Set.of(kinds), false, false);
    }

    /** FETCH, STORE, SEARCH, COPY, MOVE: by sequence number unless {@code uid}. */
    public static CommandTraits messages(boolean uid, boolean expungeSafeWhenSeq, Collect... kinds) {
        return new CommandTraits(false, Set.of(kinds), !uid, !uid && expungeSafeWhenSeq);
    }

    /** Whether this command may be written while {@code other} is in flight. */
    public boolean mayFollow(CommandTraits other) {
        if (barrier || other.barrier) {
            return false;
        }
        for (Collect c : collects) {
            if (other.collects.contains(c)) {
                return false;
            }
        }
        return !seqNumbers || other.expungeSafe;
    }
}
