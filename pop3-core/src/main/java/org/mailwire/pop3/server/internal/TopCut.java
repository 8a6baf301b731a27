package org.mailwire.pop3.server.internal;

import java.nio.ByteBuffer;

/**
 * Where TOP's response ends (RFC 1939 §7): the header section, the blank line after it, then the
 * first {@code lines} lines of the body. That is always a prefix of the message, so this only finds
 * how many octets of each chunk to pass on. A line ends at LF, CRLF, or a bare CR, as
 * {@link org.mailwire.transport.line.DotStuffer} sees line ends.
 */
final class TopCut {
    private long bodyLinesLeft;
    private boolean inHeaders = true;
    private boolean lineEmpty = true;
    private boolean crPending;
    private boolean done;

    TopCut(long lines) {
        this.bodyLinesLeft = lines;
    }

    boolean done() {
        return done;
    }

    /** Limits {@code chunk} to the octets TOP sends; {@link #done()} tells whether it ended. */
    void cut(ByteBuffer chunk) {
        int start = chunk.position();
        for (int i = start; i < chunk.limit(); i++) {
            byte b = chunk.get(i);
            if (crPending) {
                crPending = false;
                if (b == '\n') {
                    lineEnded();
                    if (done) {
                        chunk.limit(i + 1);
                        return;
                    }
                    continue;
                }
                lineEnded();
                if (done) {
                    chunk.limit(i);
                    return;
                }
            }
            if (b == '\r') {
                crPending = true;
            } else if (b == '\n') {
                lineEnded();
                if (done) {
                    chunk.limit(i + 1);
                    return;
                }
            } else {
                lineEmpty = false;
            }
        }
    }

    private void lineEnded() {
        if (inHeaders) {
            if (lineEmpty) {
                inHeaders = false;
            }
        } else {
            bodyLinesLeft--;
        }
        lineEmpty = true;
        if (!inHeaders && bodyLinesLeft <= 0) {
            done = true;
        }
    }
}
