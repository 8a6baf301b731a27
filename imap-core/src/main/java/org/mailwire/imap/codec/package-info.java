/**
 * The pure IMAP codec: an incremental command decoder pushing events to an
 * {@link org.mailwire.imap.codec.ImapServerSink}, and a command encoder; an incremental response
 * decoder pushing events to an {@link org.mailwire.imap.codec.ImapClientSink}, and a response
 * encoder. JDK and the model only.
 */
package org.mailwire.imap.codec;
