package org.mailwire.imap.client;

/**
 * A body collected into memory grew past the limit the caller gave. The rest of it was read and
 * dropped, so the connection stays usable.
 */
public final class MessageTooLargeException extends ImapClientException {
    private static final long serialVersionUID = 1L;

    private final long limit;

    public MessageTooLargeException(long limit) {
        super("the body is larger than the limit of " + limit + " octets");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
