package org.mailwire.pop3.server.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.mailwire.transport.Connection;
import org.mailwire.transport.line.DotStuffer;

/**
 * Sends one message (RETR) or its first lines (TOP) as a dot-stuffed multi-line body, chunk by chunk
 * (SECURITY.md row 12): a chunk is read from the store's stream on a reader thread (the read may
 * block), stuffed, and written; the next read waits until the connection took that write, so a
 * client that reads slowly holds back the store, not the heap. Each write arms the connection's
 * deadline, so a client that stops reading is dropped when it passes.
 *
 * <p>The stream is closed in every outcome. The returned stage fails if the stream fails half-way:
 * the caller must then drop the connection, because a {@code .} now would present a truncated
 * message as complete.
 */
final class MessageStreamer {
    static final int READ_CHUNK = 16 * 1024;

    private final Connection connection;
    private final InputStream in;
    private final TopCut cut;
    private final Executor reader;
    private final Duration writeDeadline;
    private final DotStuffer stuffer = new DotStuffer();
    private final byte[] buffer = new byte[READ_CHUNK];
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile boolean cancelled;

    private MessageStreamer(Connection connection, InputStream in, TopCut cut, Executor reader, Duration writeDeadline) {
        this.connection = connection;
        this.in = in;
        this.cut = cut;
        this.reader = reader;
        this.writeDeadline = writeDeadline;
    }

    /**
     * Starts streaming; the stage completes once the terminating {@code .CRLF} was handed to the socket.
     *
     * @param cut the TOP limit, or null for the whole message
     */
    static MessageStreamer start(Connection connection, InputStream in, TopCut cut, Executor reader, Duration writeDeadline) {
        MessageStreamer streamer = new MessageStreamer(connection, in, cut, reader, writeDeadline);
        streamer.next();
        return streamer;
    }

    CompletionStage<Void> completion() {
        return done;
    }

    /** The connection is gone: stop at the next step and close the stream. */
    void cancel() {
        cancelled = true;
    }

    private void next() {
        try {
            reader.execute(this::step);
        } catch (RejectedExecutionException shuttingDown) {
            fail(shuttingDown);
        }
    }

    private void step() {
        if (cancelled) {
            fail(new IOException("connection closed"));
            return;
        }
        List<ByteBuffer> out = new ArrayList<>();
        boolean last;
        try {
            int n = in.read(buffer);
            if (n < 0) {
                last = true;
            } else {
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                if (cut != null) {
                    cut.cut(chunk);
                }
                stuffer.write(chunk, stuffed -> out.add(copy(stuffed)));
                last = cut != null && cut.done();
            }
            if (last) {
                stuffer.finish(stuffed -> out.add(copy(stuffed)));
                in.close();
            }
        } catch (IOException | RuntimeException failure) {
            fail(failure);
            return;
        }
        if (out.isEmpty()) {
            next();
            return;
        }
        connection.armDeadline(writeDeadline);
        connection.write(join(out)).whenComplete((ignored, failure) -> {
            if (failure != null) {
                fail(failure);
            } else if (last) {
                done.complete(null);
            } else {
                next();
            }
        });
    }

    private void fail(Throwable failure) {
        try {
            in.close();
        } catch (IOException ignored) {
            // The stream is abandoned either way.
        }
        done.completeExceptionally(failure);
    }

    private static ByteBuffer copy(ByteBuffer view) {
        ByteBuffer copy = ByteBuffer.allocate(view.remaining());
        copy.put(view).flip();
        return copy;
    }

    private static ByteBuffer join(List<ByteBuffer> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        int total = parts.stream().mapToInt(ByteBuffer::remaining).sum();
        ByteBuffer joined = ByteBuffer.allocate(total);
        parts.forEach(joined::put);
        return joined.flip();
    }
}
