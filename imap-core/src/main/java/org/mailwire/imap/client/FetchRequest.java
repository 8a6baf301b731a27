package org.mailwire.imap.client;

import java.util.List;
import java.util.Objects;
import org.mailwire.imap.FetchAttribute;
import org.mailwire.imap.SequenceSet;

/**
 * A FETCH or UID FETCH (RFC 3501 §6.4.5, RFC 9051 §6.4.5) with RFC 7162's modifiers.
 *
 * @param uid          UID FETCH: {@code set} holds UIDs
 * @param set          the messages
 * @param items        what to fetch; a macro (ALL, FAST, FULL) only alone
 * @param changedSince CHANGEDSINCE (needs CONDSTORE), or -1 for none
 * @param vanished     the VANISHED modifier (needs QRESYNC enabled, UID FETCH and CHANGEDSINCE):
 *                     UIDs expunged since then come back as {@code VANISHED (EARLIER)}
 */
public record FetchRequest(boolean uid, SequenceSet set, List<FetchAttribute> items, long changedSince,
        boolean vanished) {

    public FetchRequest {
        Objects.requireNonNull(set, "set");
        items = List.copyOf(items);
        if (items.isEmpty()) {
            throw new IllegalArgumentException("FETCH needs an item");
        }
        if (items.size() > 1 && items.stream().anyMatch(i -> i instanceof FetchAttribute.Macro)) {
            throw new IllegalArgumentException("a macro stands alone");
        }
        if (changedSince < -1) {
            throw new IllegalArgumentException("CHANGEDSINCE is a mod-sequence: " + changedSince);
        }
        if (vanished && (!uid || changedSince < 0)) {
            throw new IllegalArgumentException("VANISHED needs UID FETCH and CHANGEDSINCE (RFC 7162 §3.2.6)");
        }
    }

    /** FETCH by sequence numbers. */
    public static FetchRequest of(SequenceSet set, FetchAttribute... items) {
        return new FetchRequest(false, set, List.of(items), -1, false);
    }

    /** UID FETCH. */
    public static FetchRequest uid(SequenceSet uids, FetchAttribute... items) {
        return new FetchRequest(true, uids, List.of(items), -1, false);
    }

    /** The same request with CHANGEDSINCE {@code modSeq}. */
    public FetchRequest changedSince(long modSeq) {
        return new FetchRequest(uid, set, items, modSeq, vanished);
    }

    /** The same request with the VANISHED modifier. */
    public FetchRequest withVanished() {
        return new FetchRequest(uid, set, items, changedSince, true);
    }

    /** Whether an item asks for body content, which is streamed ({@code BODY[..]}, {@code BINARY[..]}, RFC822*). */
    public boolean hasBodyItems() {
        for (FetchAttribute a : items) {
            if (a instanceof FetchAttribute.BodySection || a instanceof FetchAttribute.Binary
                    || a == FetchAttribute.Simple.RFC822 || a == FetchAttribute.Simple.RFC822_HEADER
                    || a == FetchAttribute.Simple.RFC822_TEXT) {
                return true;
            }
        }
        return false;
    }
}
