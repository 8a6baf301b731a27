package org.mailwire.imap.client.internal;

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
import org.mailwire.transport.Connection;
import org.mailwire.transport.TlsDetails;

/** Records writes; runs tasks serially on the calling thread, as the transport's executor does. */
final class RecordingConnection implements Connection {
    final List<String> written = new ArrayList<>();
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private boolean running;

    @Override
    public long id() {
        return 1;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return new InetSocketAddress("127.0.0.1", 143);
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
    public CompletionStage<Void> write(ByteBuffer bytes) {
        written.add(StandardCharsets.UTF_8.decode(bytes).toString().trim());
        return CompletableFuture.completedFuture(null);
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
    public void execute(Runnable task) {
        tasks.add(task);
        if (running) {
            return;
        }
        running = true;
        try {
            for (Runnable t = tasks.poll(); t != null; t = tasks.poll()) {
                t.run();
            }
        } finally {
            running = false;
        }
    }

    @Override
    public CompletionStage<Void> close() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void abort() {
    }

    @Override
    public boolean isOpen() {
        return true;
    }
}
