package org.mailwire.imap.client;

/**
 * A body collected into memory grew past the limit the caller gave (the rest of it was read and
 * dropped), a search result would have more numbers than the decoder's list limit allows, or a
 * message to APPEND is larger than the server's RFC 7889 APPENDLIMIT (refused before anything is
 * sent). The connection stays usable.
 */
public final class MessageTooLargeException extends ImapClientException {
    private static final long serialVersionUID = 1L;

    private final long limit;

    public MessageTooLargeException(long limit) {
        super("the result is larger than the limit of " + limit);
        this.limit = limit;
    }

    /** {@code message} says what was too large. */
    public MessageTooLargeException(long limit, String message) {
        super(message);
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
