package org.mailwire.pop3.server;

import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * One user's maildrop as a POP3 session sees it: a fixed list of messages, taken when the session
 * locked the maildrop (RFC 1939 §8: messages that arrive meanwhile are not shown until the next session).
 */
public interface Maildrop {

    /** The messages, numbered 1, 2, ... in list order; the same list on every call. */
    List<MessageInfo> messages();

    /**
     * The message's octets as stored: CRLF line ends, ending in CRLF, exactly
     * {@link MessageInfo#size()} octets (else LIST and STAT disagree with what RETR sends). The session reads it in chunks on a worker
     * thread and closes it, so it is never held whole in memory; a stream that fails half-way makes
     * the session drop the connection rather than send a truncated message as if complete.
     */
    CompletionStage<InputStream> open(MessageInfo message);

    /**
     * Removes these messages for good: called once, in the UPDATE state (after QUIT), and the client
     * gets its {@code +OK} only once the stage completed. A stage that fails makes the reply
     * {@code -ERR [SYS/TEMP]}.
     */
    CompletionStage<Void> delete(Set<String> uniqueIds);
}
