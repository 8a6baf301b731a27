package org.mailwire.transport.internal;

import java.util.concurrent.atomic.LongAdder;
import org.apache.mina.core.service.IoService;
import org.mailwire.transport.TransportCounters;

/** The counters behind {@link TransportCounters}; bytes are read from MINA's own statistics. */
public final class LiveCounters {
    final LongAdder open = new LongAdder();
    final LongAdder total = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder tlsHandshakes = new LongAdder();
    final LongAdder tlsFailures = new LongAdder();
    final LongAdder compressedIn = new LongAdder();
    final LongAdder uncompressedIn = new LongAdder();
    final LongAdder compressedOut = new LongAdder();
    final LongAdder uncompressedOut = new LongAdder();

    public TransportCounters snapshot(IoService service) {
        var statistics = service.getStatistics();
        return new TransportCounters(open.sum(), total.sum(), refused.sum(),
                statistics.getReadBytes(), statistics.getWrittenBytes(),
                compressedIn.sum(), uncompressedIn.sum(), compressedOut.sum(), uncompressedOut.sum(),
                tlsHandshakes.sum(), tlsFailures.sum());
    }
}
