package org.mailwire.smtp.server.internal;

import java.time.Duration;

/**
 * The deadline for the next part of a message body: never further than the data-block timeout, and
 * no later than the moment the body's average rate would fall under the minimum. A client that
 * trickles a byte a minute is cut off once its grace period is spent (SECURITY.md row 6).
 */
final class BodyPace {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long graceNanos;
    private final long minBytesPerSecond;
    private long startNanos;
    private long bytes;

    BodyPace(Duration grace, long minBytesPerSecond) {
        this.graceNanos = grace.toNanos();
        this.minBytesPerSecond = minBytesPerSecond;
    }

    void start(long nowNanos) {
        startNanos = nowNanos;
        bytes = 0;
    }

    void received(long count) {
        bytes += count;
    }

    Duration nextDeadline(long nowNanos) {
        // Each octet buys 1/rate seconds on top of the grace period (saturating for huge bodies).
        long earned = bytes > Long.MAX_VALUE / NANOS_PER_SECOND
                ? Long.MAX_VALUE / 2 : bytes * NANOS_PER_SECOND / minBytesPerSecond;
        long left = startNanos + Math.min(Long.MAX_VALUE / 2, graceNanos + earned) - nowNanos;
        return Duration.ofNanos(Math.max(1, Math.min(graceNanos, left)));
    }
}
