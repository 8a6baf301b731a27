package org.mailwire.imap.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.mailwire.imap.ImapResponse;
import org.mailwire.imap.SequenceSet;

/**
 * What STORE reported.
 *
 * @param fetched  the FETCH responses with the new flags (none with {@code .SILENT}, except those
 *                 RFC 7162 §3.1.3 requires for messages changed by others)
 * @param modified {@code [MODIFIED]} (RFC 7162 §3.1.3): the messages UNCHANGEDSINCE kept
 *                 unchanged, as numbers of the request's kind (UIDs for UID STORE)
 */
public record StoreResult(List<ImapResponse.Fetch> fetched, Optional<SequenceSet> modified) {
    public StoreResult {
        fetched = List.copyOf(fetched);
        Objects.requireNonNull(modified, "modified");
    }
}
