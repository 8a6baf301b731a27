package org.mailwire.transport.internal;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.mailwire.transport.Refusal;

/**
 * Admission control: a cap on connections in total and per remote address, so that one host
 * opening sockets in a loop (slowloris, a brute-force client) cannot starve the others.
 */
public final class ConnectionLimits {
    private final int maxConnections;
    private final int maxPerAddress;
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();
    private int open;

    public ConnectionLimits(int maxConnections, int maxPerAddress) {
        this.maxConnections = maxConnections;
        this.maxPerAddress = maxPerAddress;
    }

    /** Counts the connection in, or says why it may not come in. */
    synchronized Optional<Refusal> admit(InetAddress address) {
        if (open >= maxConnections) {
            return Optional.of(Refusal.TOO_MANY_CONNECTIONS);
        }
        int fromAddress = perAddress.getOrDefault(address, 0);
        if (fromAddress >= maxPerAddress) {
            return Optional.of(Refusal.TOO_MANY_FROM_ADDRESS);
        }
        open++;
        perAddress.put(address, fromAddress + 1);
        return Optional.empty();
    }

    synchronized void release(InetAddress address) {
        open--;
        perAddress.computeIfPresent(address, (key, count) -> count == 1 ? null : count - 1);
    }
}
