package org.mailwire.transport.internal;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Runs one connection's callbacks one at a time, in submission order, on whichever thread submits
 * while none is running. No lock is held while a callback runs: a callback may write to the session
 * (which takes MINA's TLS lock) while the I/O thread, holding that lock, submits the next read,
 * without either waiting on the other.
 */
final class SerialExecutor implements Executor {
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private final Consumer<Throwable> onFailure;
    private boolean running;

    /** @param onFailure told of a callback that threw; the callbacks queued behind it still run */
    SerialExecutor(Consumer<Throwable> onFailure) {
        this.onFailure = onFailure;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            queue.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        drain();
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = queue.poll();
                if (next == null) {
                    running = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (Throwable e) {
                // The callbacks queued behind a failed one still run: among them is the close
                // notification that releases the connection's resources. Errors too: an
                // OutOfMemoryError in one connection's handler must not wedge that connection.
                onFailure.accept(e);
            }
        }
    }
}
