package org.mailwire.smtp.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
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

    /**
     * The octets BDAT sends (RFC 3030 §2: the body as it is, nothing added or changed), when known
     * before sending it.
     */
    default OptionalLong octets() {
        return OptionalLong.empty();
    }

    /**
     * The size RFC 1870 §3 declares for the body sent with DATA, when known before sending it: the
     * octets the client transmits after the 354, with every stray CR and LF made CRLF and the CRLF
     * that ends an unterminated last line, but not the dots added by stuffing nor the final
     * {@code .CRLF}; exactly what {@link org.mailwire.transport.line.DotStuffer} writes, less those.
     */
    default OptionalLong dataSize() {
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
        private final long octets;
        private final long dataSize;
        private final boolean eightBit;

        InMemory(ByteBuffer body) {
            this.remaining = body;
            this.octets = body.remaining();
            this.dataSize = canonicalSize(body);
            this.eightBit = hasEightBit(body);
        }

        /**
         * The body's size once canonicalised as the DotStuffer does it (SECURITY.md row 2): a CRLF
         * counts two, a stray CR or LF becomes a CRLF and counts two, and a body whose last line is
         * unterminated gets a CRLF (two more); an empty body stays empty.
         */
        static long canonicalSize(ByteBuffer body) {
            long size = 0;
            boolean crPending = false;
            boolean atLineStart = true;
            for (int i = body.position(); i < body.limit(); i++) {
                byte b = body.get(i);
                if (crPending) {
                    crPending = false;
                    size += 2;
                    atLineStart = true;
                    if (b == '\n') {
                        continue;
                    }
                }
                if (b == '\r') {
                    crPending = true;
                } else if (b == '\n') {
                    size += 2;
                    atLineStart = true;
                } else {
                    size++;
                    atLineStart = false;
                }
            }
            if (crPending || !atLineStart) {
                size += 2;
            }
            return size;
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
        public OptionalLong octets() {
            return OptionalLong.of(octets);
        }

        @Override
        public OptionalLong dataSize() {
            return OptionalLong.of(dataSize);
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

        /** Fails with {@link Reason#BODY_READ_FAILED} whatever the stream threw. */
        @Override
        public CompletableFuture<Chunk> next(int max) {
            try {
                return CompletableFuture.supplyAsync(() -> {
                    try {
                        byte[] bytes = in.readNBytes(max);
                        // fewer bytes than asked means end of stream; exactly max may be followed by
                        // none, which then goes out as an empty last chunk (RFC 3030 allows BDAT 0 LAST)
                        return new Chunk(ByteBuffer.wrap(bytes), bytes.length < max);
                    } catch (IOException | RuntimeException e) {
                        throw unreadable(e);
                    }
                }, reader);
            } catch (RejectedExecutionException e) {
                return CompletableFuture.failedFuture(unreadable(e));
            }
        }

        private static SmtpConnectionException unreadable(Exception e) {
            return new SmtpConnectionException(Reason.BODY_READ_FAILED,
                    "reading the message body failed: " + e, e);
        }
    }
}
