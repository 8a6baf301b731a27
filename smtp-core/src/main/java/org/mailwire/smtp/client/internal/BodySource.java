package org.mailwire.smtp.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.mailwire.smtp.client.SmtpConnectionException;
import org.mailwire.smtp.client.SmtpConnectionException.Reason;

/**
 * A message body, read one chunk at a time so that no more than one chunk is held: from a buffer
 * the caller already has (read in place, known size), or from a stream (read on an executor, since
 * a stream may block, and the I/O threads must not).
 */
public sealed interface BodySource {

    /** Up to {@code max} bytes; {@code last} when the body ends with them (possibly with no bytes). */
    record Chunk(ByteBuffer bytes, boolean last) {
    }

    CompletableFuture<Chunk> next(int max);

    /** What is known of the whole body before sending it. */
    default OptionalLong size() {
        return OptionalLong.empty();
    }

    /** Whether the body is known to hold octets above 127; empty when it is only seen while streaming. */
    default java.util.Optional<Boolean> eightBit() {
        return java.util.Optional.empty();
    }

    static BodySource of(ByteBuffer body) {
        return new InMemory(body.duplicate());
    }

    static BodySource of(InputStream body, Executor reader) {
        return new Streamed(body, reader);
    }

    /** Whether any octet in {@code bytes} (between position and limit) is above 127. */
    static boolean hasEightBit(ByteBuffer bytes) {
        for (int i = bytes.position(); i < bytes.limit(); i++) {
            if (bytes.get(i) < 0) {
                return true;
            }
        }
        return false;
    }

    /** The caller's buffer, sliced in place; the caller must leave it unchanged until the send completes. */
    final class InMemory implements BodySource {
        private final ByteBuffer remaining;
        private final long canonicalSize;
        private final boolean eightBit;

        InMemory(ByteBuffer body) {
            this.remaining = body;
            long size = 0;
            boolean high = false;
            int previous = -1;
            // RFC 1870 counts the message as sent: with stray CR and LF made CRLF (SECURITY.md row 2)
            for (int i = body.position(); i < body.limit(); i++) {
                byte b = body.get(i);
                high |= b < 0;
                if (b == '\n' && previous != '\r') {
                    size += 2;
                } else if (b == '\r' && i + 1 < body.limit() && body.get(i + 1) != '\n') {
                    size += 2;
                } else {
                    size++;
                }
                previous = b;
            }
            this.canonicalSize = size;
            this.eightBit = high;
        }

        @Override
        public CompletableFuture<Chunk> next(int max) {
            int n = Math.min(max, remaining.remaining());
            ByteBuffer slice = remaining.slice();
            slice.limit(n);
            remaining.position(remaining.position() + n);
            return CompletableFuture.completedFuture(new Chunk(slice, !remaining.hasRemaining()));
        }

        @Override
        public OptionalLong size() {
            return OptionalLong.of(canonicalSize);
        }

        @Override
        public java.util.Optional<Boolean> eightBit() {
            return java.util.Optional.of(eightBit);
        }
    }

    /** A stream the caller owns and closes. */
    final class Streamed implements BodySource {
        private final InputStream in;
        private final Executor reader;

        Streamed(InputStream in, Executor reader) {
            this.in = in;
            this.reader = reader;
        }

        @Override
        public CompletableFuture<Chunk> next(int max) {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    byte[] bytes = in.readNBytes(max);
                    // fewer bytes than asked means end of stream; exactly max may be followed by none,
                    // which then goes out as an empty last chunk (RFC 3030 allows BDAT 0 LAST)
                    return new Chunk(ByteBuffer.wrap(bytes), bytes.length < max);
                } catch (IOException e) {
                    throw new SmtpConnectionException(Reason.BODY_READ_FAILED,
                            "reading the message body failed: " + e.getMessage(), e);
                }
            }, reader);
        }
    }
}
