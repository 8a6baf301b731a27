package org.mailwire.pop3.client;

/**
 * The answer to STAT (RFC 1939 §5): how many messages the maildrop holds, not counting those marked
 * deleted, and their size in octets as the server sends them (CRLF line ends, before dot-stuffing).
 */
public record MaildropStat(int messages, long octets) {
    public MaildropStat {
        if (messages < 0 || octets < 0) {
            throw new IllegalArgumentException("STAT counts must not be negative");
        }
    }
}
