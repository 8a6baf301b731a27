package org.mailwire.imap.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * An APPEND message: its size known before the literal is announced, its octets produced a chunk at
 * a time and written with backpressure (the next chunk is produced only when the previous one has
 * been handed to the socket), so a large message never sits whole in memory.
 */
public abstract sealed class MessageSource {

    /** Octets read from a file or stream per write. */
    static final int CHUNK = 64 * 1024;

    /** The literal's octet count. */
    public abstract long size();

    /**
     * Whether the message holds NUL, which only a literal8 can carry (RFC 3516 §4.3). Known for
     * arrays and files (scanned); a stream is assumed clean and checked while it is sent.
     */
    public abstract boolean hasNul() throws IOException;

    /**
     * Whether the header (up to the first empty line) holds an octet above 127: an
     * internationalised header (RFC 6532), which RFC 6855 §4 sends as {@code UTF8 (~{n})} once
     * UTF8=ACCEPT is enabled. Known for arrays and files; a stream cannot be read ahead, so false.
     */
    public abstract boolean hasEightBitHeader() throws IOException;

    /**
     * Writes the octets through {@code write}, waiting for each stage before producing more.
     * Blocking reads run on {@code reader}. Fails when the source is shorter than {@link #size()},
     * or (unless {@code binary}) holds a NUL.
     */
    public abstract CompletionStage<Void> writeTo(Function<ByteBuffer, CompletionStage<Void>> write, Executor reader,
            boolean binary);

    public static MessageSource of(byte[] message) {
        return new Bytes(message.clone());
    }

    public static MessageSource of(Path file) {
        return new FileSource(Objects.requireNonNull(file, "file"));
    }

    public static MessageSource of(InputStream in, long size) {
        return new StreamSource(Objects.requireNonNull(in, "in"), size);
    }

    /**
     * Looks for 8-bit octets in a header fed a block at a time, up to the empty line that ends it
     * (CRLF CRLF, or LF LF): the body may hold 8-bit octets under 8BITMIME without the header
     * being internationalised.
     */
    static final class HeaderScan {
        /** Octets since the last LF that are not CR; 0 means at the start of a line. */
        private int lineLength;
        private boolean ended;
        private boolean eightBit;

        /** Feeds one block; returns true once the answer is known (8-bit seen, or the header ended). */
        boolean feed(byte[] block, int from, int to) {
            for (int i = from; i < to && !ended && !eightBit; i++) {
                int b = block[i] & 0xff;
                if (b >= 0x80) {
                    eightBit = true;
                } else if (b == '\n') {
                    ended = lineLength == 0;
                    lineLength = 0;
                } else if (b != '\r') {
                    lineLength++;
                }
            }
            return ended || eightBit;
        }

        boolean eightBit() {
            return eightBit;
        }
    }

    static boolean containsNul(ByteBuffer b) {
        for (int i = b.position(); i < b.limit(); i++) {
            if (b.get(i) == 0) {
                return true;
            }
        }
        return false;
    }

    private static final class Bytes extends MessageSource {
        private final byte[] message;

        Bytes(byte[] message) {
            this.message = message;
        }

        @Override
        public long size() {
            return message.length;
        }

        @Override
        public boolean hasNul() {
            return containsNul(ByteBuffer.wrap(message));
        }

        @Override
        public boolean hasEightBitHeader() {
            HeaderScan scan = new HeaderScan();
            scan.feed(message, 0, message.length);
            return scan.eightBit();
        }

        @Override
        public CompletionStage<Void> writeTo(Function<ByteBuffer, CompletionStage<Void>> write, Executor reader,
                boolean binary) {
            if (!binary && hasNul()) {
                return CompletableFuture.failedFuture(new IllegalArgumentException("NUL needs a literal8"));
            }
            return write.apply(ByteBuffer.wrap(message));
        }
    }

    /** Reads a stream a chunk at a time; each read on the reader, each write awaited. */
    private abstract static sealed class Streamed extends MessageSource {
        abstract InputStream open() throws IOException;

        @Override
        public CompletionStage<Void> writeTo(Function<ByteBuffer, CompletionStage<Void>> write, Executor reader,
                boolean binary) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            reader.execute(() -> {
                try {
                    InputStream in = open();
                    next(in, size(), write, reader, binary, done);
                } catch (IOException | RuntimeException e) {
                    done.completeExceptionally(e);
                }
            });
            return done;
        }

        abstract void finished(InputStream in);

        /** On the reader: one chunk, then the next once its write completed. */
        private void next(InputStream in, long left, Function<ByteBuffer, CompletionStage<Void>> write,
                Executor reader, boolean binary, CompletableFuture<Void> done) {
            if (left == 0) {
                finished(in);
                done.complete(null);
                return;
            }
            byte[] chunk = new byte[(int) Math.min(CHUNK, left)];
            int got;
            try {
                got = in.readNBytes(chunk, 0, chunk.length);
            } catch (IOException e) {
                finished(in);
                done.completeExceptionally(new UncheckedIOException(e));
                return;
            }
            if (got < chunk.length) {
                finished(in);
                done.completeExceptionally(new IOException("the message ended " + (left - got)
                        + " octets before its declared size"));
                return;
            }
            ByteBuffer bytes = ByteBuffer.wrap(chunk);
            if (!binary && containsNul(bytes)) {
                finished(in);
                done.completeExceptionally(new IllegalArgumentException("NUL in a message sent as a plain literal"));
                return;
            }
            write.apply(bytes).whenComplete((v, e) -> {
                if (e != null) {
                    finished(in);
                    done.completeExceptionally(e);
                } else {
                    reader.execute(() -> next(in, left - got, write, reader, binary, done));
                }
            });
        }
    }

    private static final class FileSource extends Streamed {
        private final Path file;
        private final long size;

        FileSource(Path file) {
            this.file = file;
            try {
                this.size = Files.size(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public boolean hasNul() throws IOException {
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buf = new byte[CHUNK];
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    if (containsNul(ByteBuffer.wrap(buf, 0, n))) {
                        return true;
                    }
                }
            }
            return false;
        }

        @Override
        public boolean hasEightBitHeader() throws IOException {
            HeaderScan scan = new HeaderScan();
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buf = new byte[CHUNK];
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    if (scan.feed(buf, 0, n)) {
                        break;
                    }
                }
            }
            return scan.eightBit();
        }

        @Override
        InputStream open() throws IOException {
            return Files.newInputStream(file);
        }

        @Override
        void finished(InputStream in) {
            try {
                in.close();
            } catch (IOException ignored) {
                // read-only file: nothing lost
            }
        }
    }

    private static final class StreamSource extends Streamed {
        private final InputStream in;
        private final long size;

        StreamSource(InputStream in, long size) {
            this.in = in;
            this.size = size;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public boolean hasNul() {
            return false;
        }

        @Override
        public boolean hasEightBitHeader() {
            return false;
        }

        @Override
        InputStream open() {
            return in;
        }

        @Override
        void finished(InputStream stream) {
            // the caller's stream: the caller closes it
        }
    }
}
