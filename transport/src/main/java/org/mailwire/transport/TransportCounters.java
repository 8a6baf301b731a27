package org.mailwire.transport;

/**
 * A snapshot of a listener's or connector's counters. Byte counts are wire bytes (TLS records
 * included), as a capacity plan needs them.
 */
public record TransportCounters(
        long openConnections,
        long totalConnections,
        long refusedConnections,
        long bytesIn,
        long bytesOut,
        long tlsHandshakes,
        long tlsFailures) {
}
