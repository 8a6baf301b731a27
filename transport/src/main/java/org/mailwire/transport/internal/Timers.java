package org.mailwire.transport.internal;

import java.util.concurrent.ScheduledThreadPoolExecutor;

/** The one timer thread a listener or connector owns for per-command deadlines. */
public final class Timers {
    private Timers() {
    }

    public static ScheduledThreadPoolExecutor deadlineTimer(String name) {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, name);
            // A forgotten listener must not keep the JVM alive.
            thread.setDaemon(true);
            return thread;
        });
        // Deadlines are re-armed on every command: cancelled ones must not pile up in the queue.
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
