package org.mailwire.pop3.client;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.mailwire.pop3.Pop3Capabilities;
import org.mailwire.pop3.ScanListing;
import org.mailwire.pop3.StatusLine;
import org.mailwire.pop3.UniqueId;

/**
 * The {@link Pop3Client}'s connection seen through methods that wait: each one calls the
 * asynchronous method and waits for it, throwing its {@link Pop3ClientException} as it is. Every
 * wait is bounded by the client's timeouts. Never call these on the client's I/O thread (from a
 * dependent stage of the asynchronous view), which they would wait for.
 */
public final class BlockingPop3Client implements AutoCloseable {
    private final Pop3Client client;

    BlockingPop3Client(Pop3Client client) {
        this.client = client;
    }

    /** Connects and opens the session (greeting, CAPA, STLS, login), waiting for all of it. */
    public static BlockingPop3Client connect(String host, int port, Pop3ClientOptions options) {
        return await(Pop3Client.connect(host, port, options)).blocking();
    }

    /** The asynchronous view of the same connection. */
    public Pop3Client async() {
        return client;
    }

    public Pop3Capabilities capabilities() {
        return client.capabilities();
    }

    public boolean isOpen() {
        return client.isOpen();
    }

    /** See {@link Pop3Client#utf8()}. */
    public StatusLine utf8() {
        return await(client.utf8());
    }

    /** See {@link Pop3Client#languages()}. */
    public List<Pop3Language> languages() {
        return await(client.languages());
    }

    /** See {@link Pop3Client#language(String)}. */
    public StatusLine language(String tag) {
        return await(client.language(tag));
    }

    public MaildropStat stat() {
        return await(client.stat());
    }

    public List<ScanListing> list() {
        return await(client.list());
    }

    public ScanListing list(int message) {
        return await(client.list(message));
    }

    public List<UniqueId> uidl() {
        return await(client.uidl());
    }

    public UniqueId uidl(int message) {
        return await(client.uidl(message));
    }

    /** See {@link Pop3Client#retrieve(int, Consumer)}. */
    public void retrieve(int message, Consumer<ByteBuffer> sink) {
        await(client.retrieve(message, sink));
    }

    /**
     * RETR, written to {@code out} as it arrives (on the I/O thread: a slow stream slows the
     * connection, which is the backpressure). The stream is not closed.
     *
     * @throws UncheckedIOException when {@code out} failed; the connection stays usable
     */
    public void retrieve(int message, OutputStream out) {
        await(client.retrieve(message, toStream(out)));
    }

    /** See {@link Pop3Client#retrieve(int, long)}. */
    public byte[] retrieve(int message, long maxSize) {
        return await(client.retrieve(message, maxSize));
    }

    public void top(int message, int lines, OutputStream out) {
        await(client.top(message, lines, toStream(out)));
    }

    public byte[] top(int message, int lines, long maxSize) {
        return await(client.top(message, lines, maxSize));
    }

    public void delete(int message) {
        await(client.delete(message));
    }

    public void reset() {
        await(client.reset());
    }

    public void noop() {
        await(client.noop());
    }

    /** See {@link Pop3Client#quit()}. */
    public boolean quit() {
        return await(client.quit());
    }

    @Override
    public void close() {
        client.close();
    }

    private static Consumer<ByteBuffer> toStream(OutputStream out) {
        return chunk -> {
            try {
                if (chunk.hasArray()) {
                    out.write(chunk.array(), chunk.arrayOffset() + chunk.position(), chunk.remaining());
                    chunk.position(chunk.limit());
                } else {
                    byte[] copy = new byte[chunk.remaining()];
                    chunk.get(copy);
                    out.write(copy);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    private static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Pop3ConnectionException(Pop3ConnectionException.Reason.CLOSED, "interrupted while waiting", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new Pop3ConnectionException(Pop3ConnectionException.Reason.CLOSED, String.valueOf(cause.getMessage()),
                    cause);
        }
    }
}
