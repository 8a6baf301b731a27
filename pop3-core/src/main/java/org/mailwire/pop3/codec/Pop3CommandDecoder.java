package org.mailwire.pop3.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;
import org.mailwire.pop3.Pop3Command;
import org.mailwire.pop3.codec.Pop3CommandViolation.Kind;
import org.mailwire.transport.line.LineScanner;
import org.mailwire.transport.line.LineScannerConfig;
import org.mailwire.transport.line.LineSink;
import org.mailwire.transport.line.LineViolation;

/**
 * The server side POP3 decoder: a pure, incremental function of the bytes a client sends, pushing
 * {@link Pop3ServerSink} events. Feeding the same bytes in any chunking gives the same events.
 *
 * <p>{@link #decode} never throws on any input: every defect becomes an
 * {@link Pop3ServerSink#invalidCommand} event, and every step consumes input or stops. Memory is
 * bounded by the configuration: a command line is buffered up to
 * {@link Pop3DecoderConfig#maxCommandLine()}, an AUTH response line up to
 * {@link Pop3DecoderConfig#maxAuthLine()}; longer lines are skipped to their end, never stored,
 * and refused.
 *
 * <p>Commands (RFC 1939 §3): a keyword matched whole and ignoring case, then arguments separated
 * by one space each; PASS takes the rest of the line. Arguments may be UTF-8 (RFC 6856); invalid
 * UTF-8, a control character, a wrong argument count or a number outside 1..2147483647 (0..
 * for TOP's line count) is a {@link Kind#SYNTAX_ERROR}. NUL, bare CR and bare LF refuse the whole
 * line (SECURITY.md rows 1 and 7), unless {@link Pop3Leniency#BARE_LF_ENDS_LINE} lets a bare LF
 * end it.
 *
 * <p>Modes. The decoder starts in {@link Mode#COMMAND}; the session switches it to
 * {@link Mode#AUTH_RESPONSE} with {@link #expectAuthResponse} after sending a {@code + } challenge,
 * from inside a sink callback or between two {@code decode} calls, and after one AUTH line it is
 * back in COMMAND mode. A switch is only allowed in COMMAND mode at a line boundary.
 *
 * <p>Pausing: when a callback returns false, {@code decode} returns with the input positioned right
 * after that event's line. After STLS the session pauses and refuses any byte left in the input.
 *
 * <p>Not thread-safe: one decoder per connection.
 */
public final class Pop3CommandDecoder {

    /** What the next line is. */
    public enum Mode {
        /** A command line. */
        COMMAND,
        /** One SASL response line (RFC 5034 §4): base64 or "*". */
        AUTH_RESPONSE
    }

    private final Pop3DecoderConfig config;
    private final LineScanner commandScanner;
    private final LineScanner authScanner;
    private final boolean bareLfEndsLine;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final LineSink commandLines = new CommandLines();
    private final LineSink authLines = new AuthLines();

    private Mode mode = Mode.COMMAND;
    /** Set by every mode switch, so a line scanner stops right after the line that caused it. */
    private boolean switched;
    /** Set when the sink returned false. */
    private boolean paused;
    private Pop3ServerSink sink;

    public Pop3CommandDecoder(Pop3DecoderConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.bareLfEndsLine = config.allows(Pop3Leniency.BARE_LF_ENDS_LINE);
        this.commandScanner = new LineScanner(new LineScannerConfig(config.maxCommandLine() - 2, bareLfEndsLine));
        this.authScanner = new LineScanner(new LineScannerConfig(config.maxAuthLine() - 2, bareLfEndsLine));
    }

    public Pop3DecoderConfig config() {
        return config;
    }

    public Mode mode() {
        return mode;
    }

    /**
     * Consumes {@code in} until it is exhausted or the sink returns false; then
     * {@code in.position()} is right after the line of the event just reported. Never throws on
     * any input; an exception thrown by the sink propagates.
     */
    public void decode(ByteBuffer in, Pop3ServerSink sink) {
        Objects.requireNonNull(in, "in");
        this.sink = Objects.requireNonNull(sink, "sink");
        paused = false;
        try {
            while (!paused && in.hasRemaining()) {
                switched = false;
                if (mode == Mode.COMMAND) {
                    commandScanner.scan(in, commandLines);
                } else {
                    authScanner.scan(in, authLines);
                }
            }
        } finally {
            this.sink = null;
        }
    }

    /** The next line is a SASL response (the session has sent a {@code + } challenge). */
    public void expectAuthResponse() {
        if (mode != Mode.COMMAND) {
            throw new IllegalStateException("mode switch while in " + mode);
        }
        if (!commandScanner.atLineBoundary()) {
            throw new IllegalStateException("mode switch after part of the next line was read: "
                    + "switch inside the command's callback or pause on it");
        }
        mode = Mode.AUTH_RESPONSE;
        switched = true;
    }

    /**
     * Forgets partial input and the mode, e.g. after STLS: nothing received before the handshake
     * may complete a line after it (CVE-2011-0411, SECURITY.md row 3).
     */
    public void reset() {
        commandScanner.reset();
        authScanner.reset();
        mode = Mode.COMMAND;
        switched = true;
    }

    private boolean proceed(boolean more) {
        if (!more) {
            paused = true;
        }
        return more && !switched;
    }

    /**
     * NUL, bare CR and bare LF make a line unusable whatever it says. Under BARE_LF_ENDS_LINE the
     * scanner ends a line at its first bare LF, so a BARE_LF reported then is the terminator itself.
     */
    private Kind lineDefect(Set<LineViolation> violations) {
        if (violations.isEmpty()) {
            return null;
        }
        if (violations.contains(LineViolation.NUL)) {
            return Kind.NUL;
        }
        if (violations.contains(LineViolation.BARE_CR)) {
            return Kind.BARE_CR;
        }
        if (violations.contains(LineViolation.BARE_LF) && !bareLfEndsLine) {
            return Kind.BARE_LF;
        }
        return null;
    }

    private final class CommandLines implements LineSink {
        @Override
        public boolean onLine(ByteBuffer content, Set<LineViolation> violations) {
            Kind defect = lineDefect(violations);
            Object result = defect != null ? defect : parse(content);
            return proceed(result instanceof Pop3Command command
                    ? sink.command(command)
                    : sink.invalidCommand(Pop3CommandViolation.of((Kind) result)));
        }

        @Override
        public boolean onOverlongLine(long length, Set<LineViolation> violations) {
            return proceed(sink.invalidCommand(Pop3CommandViolation.of(Kind.LINE_TOO_LONG)));
        }
    }

    private Object parse(ByteBuffer content) {
        byte[] octets = new byte[content.remaining()];
        content.get(octets);
        if (ascii(octets)) {
            return CommandParser.parse(new String(octets, StandardCharsets.ISO_8859_1), false);
        }
        try {
            return CommandParser.parse(utf8.decode(ByteBuffer.wrap(octets)).toString(), false);
        } catch (CharacterCodingException e) {
            return CommandParser.parse(new String(octets, StandardCharsets.ISO_8859_1), true);
        }
    }

    private final class AuthLines implements LineSink {
        @Override
        public boolean onLine(ByteBuffer content, Set<LineViolation> violations) {
            mode = Mode.COMMAND;
            switched = true;
            Kind defect = lineDefect(violations);
            if (defect == null) {
                byte[] octets = new byte[content.remaining()];
                content.get(octets);
                if (ascii(octets)) {
                    return proceed(sink.authResponse(new String(octets, StandardCharsets.ISO_8859_1)));
                }
                // RFC 5034 §4: a response is base64 or "*"; never hand out undecodable octets.
                defect = Kind.SYNTAX_ERROR;
            }
            return proceed(sink.invalidCommand(Pop3CommandViolation.of(defect)));
        }

        @Override
        public boolean onOverlongLine(long length, Set<LineViolation> violations) {
            mode = Mode.COMMAND;
            switched = true;
            return proceed(sink.invalidCommand(Pop3CommandViolation.of(Kind.AUTH_LINE_TOO_LONG)));
        }
    }

    private static boolean ascii(byte[] octets) {
        for (byte b : octets) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }
}
