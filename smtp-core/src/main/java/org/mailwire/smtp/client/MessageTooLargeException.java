package org.mailwire.smtp.client;

/** The message is larger than the server's advertised SIZE limit (RFC 1870), found before MAIL was sent. */
public final class MessageTooLargeException extends SmtpClientException {
    private static final long serialVersionUID = 1L;

    private final long size;
    private final long limit;

    public MessageTooLargeException(long size, long limit) {
        super("message of " + size + " octets exceeds the server's SIZE limit of " + limit);
        this.size = size;
        this.limit = limit;
    }

    public long size() {
        return size;
    }

    public long limit() {
        return limit;
    }
}
