package org.mailwire.transport.line;

import java.nio.ByteBuffer;
import java.util.Set;

/**
 * Receives the lines a {@link LineScanner} finds. Returning {@code false} pauses the scanner right
 * after the line just reported, which is how a protocol hands the following bytes to someone else
 * (a body decoder after DATA, or a connection close after STARTTLS, where any further byte is a
 * plaintext-injection attempt).
 */
public interface LineSink {

    /**
     * One complete line.
     *
     * @param content    the octets without the terminator, between position and limit; a read-only
     *                   view that is valid only during this call (copy what must outlive it)
     * @param violations those seen inside this line: an unmodifiable set, the same empty instance
     *                   for every clean line
     * @return {@code true} to keep scanning, {@code false} to pause right after this line
     */
    boolean onLine(ByteBuffer content, Set<LineViolation> violations);

    /**
     * A line whose content crossed {@link LineScannerConfig#maxLineLength()}: reported once, when
     * its terminator finally arrives. Its octets were skipped, never buffered.
     *
     * @param length     the total content length, without the terminator
     * @param violations those seen anywhere in the line, including the skipped part
     * @return as {@link #onLine}
     */
    boolean onOverlongLine(long length, Set<LineViolation> violations);
}
