package org.mailwire.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Secondary results next to ops/s: input octets and decoded events (commands, chunks, replies) per
 * second. JMH divides each field by the measured time, so {@code bytes} reads as bytes/s.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class Volume {
    public long bytes;
    public long events;

    @Setup(Level.Iteration)
    public void clear() {
        bytes = 0;
        events = 0;
    }

    void add(long inputBytes, long decodedEvents) {
        bytes += inputBytes;
        events += decodedEvents;
    }
}
