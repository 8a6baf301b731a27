package org.mailwire.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The CPU time the benchmark thread got, next to the wall-clock rates. JMH divides the field by
 * the measured time, so {@code cpuNanos} reads 10^9 when the thread had a whole core and less
 * when other processes took its core: on a busy machine, {@code bytes} divided by
 * {@code cpuNanos / 10^9} estimates the rate per CPU second. GC and JIT threads are not counted.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class CpuShare {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public long cpuNanos;

    @Setup(Level.Iteration)
    public void clear() {
        cpuNanos = 0;
    }

    /** The thread's CPU clock, to pass back to {@link #since}. */
    long now() {
        return THREADS.getCurrentThreadCpuTime();
    }

    void since(long start) {
        cpuNanos += THREADS.getCurrentThreadCpuTime() - start;
    }
}
