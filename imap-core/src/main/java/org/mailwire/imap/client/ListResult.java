package org.mailwire.imap.client;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.mailwire.imap.ImapResponse;
import org.mailwire.imap.MailboxName;

/**
 * What an extended LIST returned: the LIST entries in the server's order (with their attributes,
 * special uses among them, and extended data), and with RETURN (STATUS ...) the STATUS of each
 * mailbox that reported one (RFC 5819 §2).
 */
public record ListResult(List<ImapResponse.ListEntry> entries, Map<MailboxName, ImapResponse.MailboxStatus> status) {
    public ListResult {
        entries = List.copyOf(entries);
        status = Map.copyOf(Objects.requireNonNull(status, "status"));
    }
}
