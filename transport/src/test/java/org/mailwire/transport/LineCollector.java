package org.mailwire.transport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.mailwire.transport.line.LineScanner;
import org.mailwire.transport.line.LineScannerConfig;
import org.mailwire.transport.line.LineSink;
import org.mailwire.transport.line.LineViolation;

/**
 * A client-side handler for tests: queues every line the server sends, and can stop at a line
 * (e.g. the STARTTLS go-ahead) so that what follows it in the same read is left to the transport.
 */
final class LineCollector implements ConnectionHandler, LineSink {
    static final String CLOSED = "<closed>";

    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final LineScanner scanner = new LineScanner(LineScannerConfig.strict(1000));
    private volatile Predicate<String> stopAfter = line -> false;
    private volatile Consumer<String> onLine = line -> { };

    void stopAfter(Predicate<String> condition) {
        stopAfter = condition;
    }

    /** Runs inside the callback that read each line, before {@link #stopAfter} is asked (a switch goes here). */
    void onLine(Consumer<String> action) {
        onLine = action;
    }

    String next() throws InterruptedException {
        String line = lines.poll(10, TimeUnit.SECONDS);
        return line == null ? "<timeout>" : line;
    }

    @Override
    public void onOpen() {
    }

    @Override
    public void onBytes(ByteBuffer bytes) {
        scanner.scan(bytes, this);
    }

    @Override
    public boolean onLine(ByteBuffer content, Set<LineViolation> violations) {
        String line = StandardCharsets.UTF_8.decode(content).toString();
        // The action first: a test that sees the line may act on the switch it made at once.
        onLine.accept(line);
        lines.add(line);
        return !stopAfter.test(line);
    }

    @Override
    public boolean onOverlongLine(long length, Set<LineViolation> violations) {
        lines.add("<overlong>");
        return true;
    }

    @Override
    public void onTlsEstablished(TlsDetails details) {
        scanner.reset();
        lines.add("<tls " + details.protocol() + ">");
    }

    @Override
    public void onClosed() {
        lines.add(CLOSED);
    }
}
