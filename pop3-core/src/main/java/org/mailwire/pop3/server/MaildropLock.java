package org.mailwire.pop3.server;

/**
 * A maildrop held exclusively by one session (RFC 1939 §8). The session closes it exactly once when
 * the connection ends, whatever the reason: QUIT, a dropped connection, a timeout or a shutdown.
 */
public interface MaildropLock extends Maildrop, AutoCloseable {

    /** Releases the lock; must not throw. */
    @Override
    void close();
}
