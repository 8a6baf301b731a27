package org.mailwire.imap.client;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What SEARCH or UID SEARCH found (RFC 3501 §7.2.5).
 *
 * @param uid     the numbers are UIDs
 * @param numbers the matching messages, in the server's order
 * @param modSeq  RFC 7162 {@code (MODSEQ n)}: the highest mod-sequence of the matches, when a
 *                MODSEQ key was used
 */
public record SearchResult(boolean uid, List<Long> numbers, OptionalLong modSeq) {
    public SearchResult {
        numbers = List.copyOf(numbers);
        Objects.requireNonNull(modSeq, "modSeq");
    }
}
