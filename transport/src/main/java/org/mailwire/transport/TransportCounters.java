package org.mailwire.transport;

/**
 * A snapshot of a listener's or connector's counters. {@code bytesIn} and {@code bytesOut} are wire
 * bytes (TLS records included), as a capacity plan needs them. The four compression counters cover
 * connections switched to COMPRESS=DEFLATE, from the switch on: the DEFLATE stream's bytes, and the
 * bytes the handler received or wrote on that stream, so their ratio is the compression achieved.
 */
public record TransportCounters(
        long openConnections,
        long totalConnections,
        long refusedConnections,
        long bytesIn,
        long bytesOut,
        long compressedBytesIn,
        long uncompressedBytesIn,
        long compressedBytesOut,
        long uncompressedBytesOut,
        long tlsHandshakes,
        long tlsFailures) {
}
