/**
 * The pure IMAP codec: an incremental command decoder pushing events to an
 * {@link org.mailwire.imap.codec.ImapServerSink} (APPEND's messages streamed as events), and a
 * command encoder that also cuts commands where a client must wait for {@code +} and writes
 * APPEND heads for streaming ({@link org.mailwire.imap.codec.AppendHead}); an incremental response
 * decoder pushing events to an {@link org.mailwire.imap.codec.ImapClientSink}, and a response
 * encoder. JDK and the model only.
 */
package org.mailwire.imap.codec;
