/**
 * Not public API: the client's session (the opening and every command), the command channel that
 * orders, tags, writes and attributes, one exchange type per command shape, the mailbox state and
 * the APPEND message sources.
 */
package org.mailwire.imap.client.internal;
