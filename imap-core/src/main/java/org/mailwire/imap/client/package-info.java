/**
 * The asynchronous IMAP client: {@link org.mailwire.imap.client.ImapClient} on one connection
 * (plain, STARTTLS or implicit TLS; LOGIN or SASL), its blocking view, the options, the selected
 * mailbox's live {@link org.mailwire.imap.client.MailboxView}, unsolicited
 * {@link org.mailwire.imap.client.ImapEvent}s, and the request and result records. Commands are
 * pipelined under the RFC 3501/9051 §5.5 rules described on {@code ImapClient}.
 */
package org.mailwire.imap.client;
