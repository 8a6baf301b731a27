package org.mailwire.transport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.mailwire.transport.line.LineScanner;
import org.mailwire.transport.line.LineScannerConfig;
import org.mailwire.transport.line.LineSink;
import org.mailwire.transport.line.LineViolation;

/**
 * A tiny line protocol for exercising the transport the way a mail protocol does. The server greets
 * with {@code +OK echo ready} and answers each line:
 * <ul>
 * <li>{@code STLS} or {@code STARTTLS}: {@code +OK begin TLS}, then the TLS switch (POP3-shaped, so
 * {@code openssl s_client -starttls pop3} can drive it);
 * <li>{@code TLS?}: {@code +OK secure} or {@code +OK plain};
 * <li>{@code COMPRESS}: {@code +OK begin compression}, then both directions switch to raw DEFLATE
 * (IMAP-shaped, RFC 4978); {@code Z?}: {@code +OK compressed} or {@code +OK uncompressed};
 * <li>{@code REPEAT n text}: n lines {@code +OK text i}, each its own write;
 * <li>{@code BIG n}: one line of n characters, in one write;
 * <li>{@code RESET text}: {@code +OK text}, written with the compressor's dictionary reset after it;
 * <li>{@code SLOW n}: stops reading, answers {@code +OK slow done} after n milliseconds, resumes;
 * <li>{@code DEADLINE n}: arms the per-command deadline, answered by {@code -ERR deadline};
 * <li>{@code BOOM}: throws, as a protocol bug would;
 * <li>{@code QUIT}: {@code +OK bye} and close;
 * <li>anything else: {@code +OK } and the line; an over-long line: {@code -ERR line too long}.
 * </ul>
 * A switch the transport refuses is answered {@code -ERR} and the refusal's message.
 */
final class EchoProtocol implements ConnectionHandler, LineSink {
    static final int MAX_LINE = 64;

    /** What every connection of one listener shares, so tests can watch the server side. */
    static final class Shared {
        final ScheduledExecutorService slowWork = Executors.newSingleThreadScheduledExecutor();
        final List<String> received = new CopyOnWriteArrayList<>();
        final AtomicInteger deliveriesWhilePaused = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        volatile CountDownLatch paused = new CountDownLatch(1);
        volatile CountDownLatch release;

        void shutdown() {
            slowWork.shutdownNow();
        }
    }

    private final Connection connection;
    private final Shared shared;
    private final LineScanner scanner = new LineScanner(LineScannerConfig.strict(MAX_LINE));
    private volatile boolean slow;

    EchoProtocol(Connection connection, Shared shared) {
        this.connection = connection;
        this.shared = shared;
    }

    @Override
    public void onOpen() {
        reply("+OK echo ready");
    }

    @Override
    public void onBytes(ByteBuffer bytes) {
        if (slow) {
            shared.deliveriesWhilePaused.incrementAndGet();
        }
        scanner.scan(bytes, this);
    }

    @Override
    public boolean onLine(ByteBuffer content, Set<LineViolation> violations) {
        String line = StandardCharsets.UTF_8.decode(content).toString();
        shared.received.add(line);
        String verb = line.contains(" ") ? line.substring(0, line.indexOf(' ')) : line;
        switch (verb) {
            case "STLS", "STARTTLS" -> {
                if (connection.isSecure()) {
                    reply("-ERR already secure");
                    return true;
                }
                try {
                    connection.startTls(ascii("+OK begin TLS"));
                } catch (IllegalStateException refused) {
                    reply("-ERR " + refused.getMessage());
                    return true;
                }
                // Stop here: whatever follows the command in this read must not be read as cleartext.
                return false;
            }
            case "TLS?" -> reply(connection.isSecure() ? "+OK secure" : "+OK plain");
            case "COMPRESS" -> {
                try {
                    connection.startCompression(ascii("+OK begin compression"));
                } catch (IllegalStateException refused) {
                    reply("-ERR " + refused.getMessage());
                    return true;
                }
                // What follows the command in this read is the start of the client's compressed stream.
                return false;
            }
            case "Z?" -> reply(connection.isCompressed() ? "+OK compressed" : "+OK uncompressed");
            case "REPEAT" -> {
                String[] words = line.split(" ", 3);
                for (int i = 0; i < Integer.parseInt(words[1]); i++) {
                    reply("+OK " + words[2] + " " + i);
                }
            }
            case "BIG" -> reply(bigLine(Integer.parseInt(line.substring(4))));
            case "RESET" -> connection.writeAndResetCompression(ascii("+OK " + line.substring(6)));
            case "SLOW" -> {
                slow = true;
                connection.suspendReading();
                long millis = Long.parseLong(line.substring(5));
                shared.paused.countDown();
                shared.slowWork.schedule(this::finishSlow, millis, TimeUnit.MILLISECONDS);
                return false;
            }
            case "DEADLINE" -> connection.armDeadline(Duration.ofMillis(Long.parseLong(line.substring(9))));
            case "BOOM" -> throw new IllegalStateException("a protocol bug");
            case "QUIT" -> {
                reply("+OK bye");
                connection.close();
                return false;
            }
            default -> reply("+OK " + line);
        }
        return true;
    }

    private void finishSlow() {
        CountDownLatch gate = shared.release;
        if (gate != null) {
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        connection.execute(() -> {
            slow = false;
            reply("+OK slow done");
            connection.resumeReading();
        });
    }

    @Override
    public boolean onOverlongLine(long length, Set<LineViolation> violations) {
        reply("-ERR line too long");
        return true;
    }

    @Override
    public void onTlsEstablished(TlsDetails details) {
        // Nothing learned in cleartext survives the switch.
        scanner.reset();
    }

    @Override
    public void onIdle(Connection idle) {
        reply("-ERR idle timeout");
        connection.close();
    }

    @Override
    public void onDeadline(Connection late) {
        reply("-ERR deadline");
        connection.close();
    }

    @Override
    public void onShutdown(Connection closing) {
        reply("* shutting down");
    }

    @Override
    public void onClosed() {
        shared.closed.incrementAndGet();
    }

    private void reply(String line) {
        connection.write(ascii(line));
    }

    /** A line of {@code length} characters that compresses, but not to nothing. */
    static String bigLine(int length) {
        StringBuilder line = new StringBuilder(length);
        for (int i = 0; line.length() < length; i++) {
            line.append(i).append(' ');
        }
        line.setLength(length);
        return line.toString();
    }

    static ByteBuffer ascii(String line) {
        return ByteBuffer.wrap((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }
}
