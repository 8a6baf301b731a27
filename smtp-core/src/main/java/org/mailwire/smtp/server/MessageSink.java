package org.mailwire.smtp.server;

import org.mailwire.smtp.Envelope;

/**
 * Where accepted messages go: a store, a queue, a relay. Opened once per transaction when the body
 * starts; the server then streams the body into the returned {@link BodySink}.
 */
@FunctionalInterface
public interface MessageSink {
    BodySink open(SessionInfo session, Envelope envelope);
}
