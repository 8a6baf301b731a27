package org.mailwire.smtp.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.mailwire.smtp.SmtpReply;
import org.mailwire.smtp.client.SmtpConnectionException;
import org.mailwire.smtp.codec.SmtpDecoderConfig;
import org.mailwire.transport.Connection;
import org.mailwire.transport.TlsDetails;

/**
 * The reply channel's threading against the transport's contract, on a {@link Connection} that
 * behaves as MinaConnection does where it matters: {@code write} takes a monitor that the I/O thread
 * holds while it delivers bytes (MINA's {@code SSLHandlerG0}, synchronized in both {@code write} and
 * {@code receive}), and {@code execute} runs tasks one at a time on whichever thread submits while
 * none is running, as the transport's SerialExecutor does.
 */
class SmtpClientReplyChannelTest {
    private static final long WAIT_MILLIS = 5_000;

    /**
     * A user thread sends while the I/O thread, holding the TLS monitor, delivers a reply. The
     * channel must not hold a lock of its own across the write that the delivery then needs: both
     * threads finish, and the reply completes the command.
     */
    @Test
    void sendingWhileAReplyArrivesUnderTheTlsMonitorDoesNotDeadlock() throws Exception {
        FakeConnection connection = new FakeConnection();
        ReplyChannel channel = channel(connection);
        connection.deliver("220 ready\r\n");
        assertEquals(220, channel.greeting().get(WAIT_MILLIS, TimeUnit.MILLISECONDS).code());

        CountDownLatch ioHoldsTheMonitor = new CountDownLatch(1);
        AtomicReference<CompletableFuture<SmtpReply>> noop = new AtomicReference<>();
        Thread user = new Thread(() -> {
            await(ioHoldsTheMonitor);
            noop.set(channel.send(line("NOOP")));
        }, "user");
        user.setDaemon(true);
        Thread io = new Thread(() -> {
            synchronized (connection.tlsMonitor) {
                ioHoldsTheMonitor.countDown();
                // the user thread is inside send(), waiting for the monitor in write()
                waitUntil(() -> user.getState() == Thread.State.BLOCKED);
                // MinaConnection.received: hands the decrypted bytes to the serialised callbacks
                connection.deliver("250 2.0.0 ok\r\n");
            }
        }, "io");
        io.setDaemon(true);
        user.start();
        io.start();

        user.join(WAIT_MILLIS);
        io.join(WAIT_MILLIS);
        assertFalse(user.isAlive() || io.isAlive(), "deadlocked: user " + user.getState() + ", io " + io.getState());
        assertEquals(250, noop.get().get(WAIT_MILLIS, TimeUnit.MILLISECONDS).code());
        assertEquals(List.of("NOOP\r\n"), connection.written());
    }

    /**
     * A write that fails at once (the connection is already closed) fails the waiting requests;
     * their continuations run under no lock of the channel's, so one that waits for another thread
     * using the channel does not wait for itself.
     */
    @Test
    void continuationsOfAFailedWriteRunUnderNoLock() throws Exception {
        FakeConnection connection = new FakeConnection();
        connection.writesFail = true;
        ReplyChannel channel = channel(connection);
        AtomicBoolean otherThreadGotThrough = new AtomicBoolean();
        // the greeting waits from the start, so it is among what the failed write fails
        CompletableFuture<Void> continuationRan = channel.greeting().handle((reply, error) -> {
            Thread other = new Thread(() -> {
                channel.send(line("NOOP"));
                channel.failure();
            }, "other");
            other.start();
            try {
                other.join(WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            otherThreadGotThrough.set(!other.isAlive());
            return null;
        });

        CompletableFuture<SmtpReply> noop = channel.send(line("NOOP"));

        continuationRan.get(2 * WAIT_MILLIS, TimeUnit.MILLISECONDS);
        assertTrue(otherThreadGotThrough.get(), "a continuation ran while the channel was locked");
        ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> noop.get(WAIT_MILLIS, TimeUnit.MILLISECONDS));
        assertEquals(SmtpConnectionException.Reason.CLOSED, ((SmtpConnectionException) failed.getCause()).reason());
        assertFalse(channel.failure().isEmpty());
    }

    /** Requests from many threads at once: each reply completes the request whose bytes went first. */
    @Test
    void repliesMatchTheOrderOnTheWireWhateverThreadSent() throws Exception {
        FakeConnection connection = new FakeConnection();
        ReplyChannel channel = channel(connection);
        connection.deliver("220 ready\r\n");
        int threads = 4;
        int each = 25;
        List<Thread> senders = new ArrayList<>();
        List<CompletableFuture<SmtpReply>> futures = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.Map<CompletableFuture<SmtpReply>, String> sentAs = new java.util.concurrent.ConcurrentHashMap<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread sender = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    String command = "NOOP " + thread + "." + i;
                    CompletableFuture<SmtpReply> f = channel.send(line(command));
                    sentAs.put(f, command);
                    futures.add(f);
                }
            });
            senders.add(sender);
            sender.start();
        }
        for (Thread sender : senders) {
            sender.join(WAIT_MILLIS);
        }
        // the server answers each line with its own text, in the order it read them
        for (String written : connection.written()) {
            connection.deliver("250 " + written);
        }
        for (CompletableFuture<SmtpReply> f : futures) {
            assertEquals(sentAs.get(f), f.get(WAIT_MILLIS, TimeUnit.MILLISECONDS).lines().get(0));
        }
        assertEquals(threads * each, futures.size());
    }

    private static ReplyChannel channel(FakeConnection connection) {
        ReplyChannel channel = new ReplyChannel(SmtpDecoderConfig.defaults(), Duration.ofSeconds(30), 1000);
        channel.attach(connection);
        connection.handler = channel;
        connection.execute(channel::onOpen);
        return channel;
    }

    private static ByteBuffer line(String text) {
        return ByteBuffer.wrap((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    /** The parts of MinaConnection the channel relies on; the rest is inert. */
    private static final class FakeConnection implements Connection {
        /** Stands for MINA's SSLHandlerG0 monitor: taken by write, held by the I/O thread while it delivers. */
        final Object tlsMonitor = new Object();
        private final List<String> written = new ArrayList<>();
        private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
        private boolean running;
        volatile boolean writesFail;
        private volatile boolean open = true;
        ReplyChannel handler;

        void deliver(String bytes) {
            ByteBuffer b = ByteBuffer.wrap(bytes.getBytes(StandardCharsets.US_ASCII));
            execute(() -> handler.onBytes(b));
        }

        List<String> written() {
            synchronized (written) {
                return List.copyOf(written);
            }
        }

        @Override
        public CompletionStage<Void> write(ByteBuffer bytes) {
            if (writesFail) {
                open = false;
                return CompletableFuture.failedFuture(new IllegalStateException("connection closed"));
            }
            synchronized (tlsMonitor) {
                synchronized (written) {
                    written.add(StandardCharsets.US_ASCII.decode(bytes.duplicate()).toString());
                }
            }
            return CompletableFuture.completedFuture(null);
        }

        /** As the transport's SerialExecutor: one at a time, on the thread that found none running. */
        @Override
        public void execute(Runnable task) {
            synchronized (this) {
                queue.add(task);
                if (running) {
                    return;
                }
                running = true;
            }
            while (true) {
                Runnable next;
                synchronized (this) {
                    next = queue.poll();
                    if (next == null) {
                        running = false;
                        return;
                    }
                }
                next.run();
            }
        }

        @Override
        public long id() {
            return 1;
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return new InetSocketAddress("127.0.0.1", 25);
        }

        @Override
        public InetSocketAddress localAddress() {
            return new InetSocketAddress("127.0.0.1", 40000);
        }

        @Override
        public boolean isSecure() {
            return false;
        }

        @Override
        public Optional<TlsDetails> tlsDetails() {
            return Optional.empty();
        }

        @Override
        public void suspendReading() {
        }

        @Override
        public void resumeReading() {
        }

        @Override
        public CompletionStage<TlsDetails> startTls(ByteBuffer goAhead) {
            throw new IllegalStateException("no TLS here");
        }

        @Override
        public void armDeadline(Duration timeout) {
        }

        @Override
        public void clearDeadline() {
        }

        @Override
        public CompletionStage<Void> close() {
            open = false;
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void abort() {
            open = false;
        }

        @Override
        public boolean isOpen() {
            return open;
        }
    }
}
