package org.mailwire.imap.client;

import java.util.List;
import java.util.Objects;
import org.mailwire.imap.Flag;
import org.mailwire.imap.ImapCommand;
import org.mailwire.imap.SequenceSet;

/**
 * A STORE or UID STORE (RFC 3501 §6.4.6) with RFC 7162's UNCHANGEDSINCE.
 *
 * @param uid            UID STORE: {@code set} holds UIDs
 * @param set            the messages
 * @param mode           replace, add or remove
 * @param flags          the flags
 * @param silent         {@code .SILENT}: the server sends no FETCH responses for the change
 * @param unchangedSince UNCHANGEDSINCE (needs CONDSTORE): only messages whose mod-sequence is not
 *                       above it change, the others are reported in {@code [MODIFIED]}; -1 for none
 */
public record StoreRequest(boolean uid, SequenceSet set, ImapCommand.StoreMode mode, List<Flag> flags,
        boolean silent, long unchangedSince) {

    public StoreRequest {
        Objects.requireNonNull(set, "set");
        Objects.requireNonNull(mode, "mode");
        flags = List.copyOf(flags);
        if (unchangedSince < -1) {
            throw new IllegalArgumentException("UNCHANGEDSINCE is a mod-sequence: " + unchangedSince);
        }
    }

    public static StoreRequest add(SequenceSet set, Flag... flags) {
        return new StoreRequest(false, set, ImapCommand.StoreMode.ADD, List.of(flags), false, -1);
    }

    public static StoreRequest remove(SequenceSet set, Flag... flags) {
        return new StoreRequest(false, set, ImapCommand.StoreMode.REMOVE, List.of(flags), false, -1);
    }

    public static StoreRequest replace(SequenceSet set, Flag... flags) {
        return new StoreRequest(false, set, ImapCommand.StoreMode.REPLACE, List.of(flags), false, -1);
    }

    /** The same request as UID STORE: {@code set} holds UIDs. */
    public StoreRequest byUid() {
        return new StoreRequest(true, set, mode, flags, silent, unchangedSince);
    }

    /** The same request with {@code .SILENT}. */
    public StoreRequest silently() {
        return new StoreRequest(uid, set, mode, flags, true, unchangedSince);
    }

    /** The same request with UNCHANGEDSINCE {@code modSeq}. */
    public StoreRequest unchangedSince(long modSeq) {
        return new StoreRequest(uid, set, mode, flags, silent, modSeq);
    }
}
