package org.mailwire.smtp.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.mailwire.smtp.SmtpCommand;
import org.mailwire.smtp.codec.CommandViolation.Kind;
import org.mailwire.smtp.codec.DataOutcome.DataViolation;
import org.mailwire.transport.line.LineScanner;
import org.mailwire.transport.line.LineScannerConfig;
import org.mailwire.transport.line.LineSink;
import org.mailwire.transport.line.LineViolation;

/**
 * The server side SMTP/LMTP decoder: a pure, incremental function of the bytes a client sends,
 * pushing {@link SmtpServerSink} events. Feeding the same bytes in any chunking gives the same
 * events (DATA and BDAT bytes may be cut into different chunks, with the same concatenation).
 *
 * <p>{@link #decode} never throws on any input: every defect becomes an
 * {@link SmtpServerSink#invalidCommand} event or a {@link DataOutcome} violation, and every step
 * consumes input or stops. Memory is bounded by the configuration: a command line is buffered up
 * to {@link SmtpDecoderConfig#maxBufferedCommandLine()}, DATA and BDAT bytes are never buffered
 * (chunks are views of the input).
 *
 * <p>Modes. The decoder starts in {@link Mode#COMMAND}. The session switches it, from inside a
 * sink callback or between two {@code decode} calls, with {@link #expectData},
 * {@link #expectBdat} and {@link #expectAuthResponse}; after the DATA terminator, the last BDAT
 * octet or one AUTH line it is back in COMMAND mode. A switch is only allowed in COMMAND mode at a
 * line boundary, i.e. inside the callback of the command, or after pausing on it: a session that
 * lets the decoder read past DATA or BDAT before switching gets an {@link IllegalStateException}.
 *
 * <p>DATA (RFC 5321 §4.5.2, SECURITY.md row 1): only {@code <CRLF>.<CRLF>} ends the message; a
 * bare CR or bare LF is content, reported as a violation and delivered as is (or, for LF, as CRLF
 * under {@link SmtpLeniency#BARE_LF_IN_DATA_NORMALISED}), and it never starts a line: a dot after
 * it is neither a terminator nor unstuffed. The leading dot of any other line that starts with one
 * is removed. The CRLF before the terminating dot belongs to the message.
 *
 * <p>Pausing: when a callback returns false, {@code decode} returns with the input positioned right
 * after that event's bytes. Call {@code decode} again to resume; an event that needs no input (the
 * {@code bdatEnd} of a chunk whose last octet was already delivered) comes out even for an empty
 * buffer.
 *
 * <p>Not thread-safe: one decoder per connection.
 */
public final class SmtpCommandDecoder {

    /** What the next bytes are. */
    public enum Mode {
        /** Command lines. */
        COMMAND,
        /** A message after 354, up to {@code <CRLF>.<CRLF>}. */
        DATA,
        /** The octets of a BDAT chunk. */
        BDAT,
        /** One AUTH continuation line (RFC 4954 §4). */
        AUTH_RESPONSE
    }

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final ByteBuffer CR_ONLY = ByteBuffer.wrap(new byte[] {CR}).asReadOnlyBuffer();
    private static final ByteBuffer CRLF = ByteBuffer.wrap(new byte[] {CR, LF}).asReadOnlyBuffer();

    // DATA states: where the next byte is, relative to the line it is in.
    private static final int LINE_START = 0;
    private static final int MID_LINE = 1;
    private static final int AFTER_CR = 2;
    private static final int AFTER_DOT = 3;
    private static final int AFTER_DOT_CR = 4;

    private final SmtpDecoderConfig config;
    private final LineScanner commandScanner;
    private final LineScanner authScanner;
    private final CommandParser parser;
    private final boolean bareLfEndsCommand;
    private final boolean bareLfNormalised;
    private final long maxTextContent;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final LineSink commandLines = new CommandLines();
    private final LineSink authLines = new AuthLines();

    private Mode mode = Mode.COMMAND;
    private boolean utf8Paths;
    /** Set by every mode switch, so a line scanner stops right after the line that caused it. */
    private boolean switched;
    /** Set when the sink returned false. */
    private boolean paused;
    private SmtpServerSink sink;

    private int dataState;
    private long dataLimit;
    private long dataSize;
    private long dataLineLength;
    private final EnumSet<DataViolation> dataViolations = EnumSet.noneOf(DataViolation.class);

    private long bdatSize;
    private long bdatRemaining;
    private boolean bdatDeliver;

    public SmtpCommandDecoder(SmtpDecoderConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.bareLfEndsCommand = config.allows(SmtpLeniency.BARE_LF_ENDS_COMMAND);
        this.bareLfNormalised = config.allows(SmtpLeniency.BARE_LF_IN_DATA_NORMALISED);
        this.maxTextContent = config.maxTextLine() - 2L;
        this.commandScanner = new LineScanner(
                new LineScannerConfig(config.maxBufferedCommandLine() - 2, bareLfEndsCommand));
        this.authScanner = new LineScanner(new LineScannerConfig(config.maxAuthLine() - 2, bareLfEndsCommand));
        this.parser = new CommandParser(config);
    }

    public SmtpDecoderConfig config() {
        return config;
    }

    public Mode mode() {
        return mode;
    }

    /**
     * Consumes {@code in} until it is exhausted or the sink returns false; then
     * {@code in.position()} is right after the bytes of the event just reported. Never throws on
     * any input; an exception thrown by the sink propagates.
     */
    public void decode(ByteBuffer in, SmtpServerSink sink) {
        Objects.requireNonNull(in, "in");
        this.sink = Objects.requireNonNull(sink, "sink");
        paused = false;
        try {
            while (!paused) {
                switched = false;
                switch (mode) {
                    case COMMAND -> {
                        if (!in.hasRemaining()) {
                            return;
                        }
                        commandScanner.scan(in, commandLines);
                    }
                    case AUTH_RESPONSE -> {
                        if (!in.hasRemaining()) {
                            return;
                        }
                        authScanner.scan(in, authLines);
                    }
                    case DATA -> {
                        if (!in.hasRemaining()) {
                            return;
                        }
                        data(in);
                    }
                    case BDAT -> {
                        if (bdatRemaining > 0 && !in.hasRemaining()) {
                            return;
                        }
                        bdat(in);
                    }
                }
            }
        } finally {
            this.sink = null;
        }
    }

    /** {@link #expectData(long)} with {@link SmtpDecoderConfig#maxMessageSize()}. */
    public void expectData() {
        expectData(config.maxMessageSize());
    }

    /**
     * The next bytes are a message (the session has replied 354). Octets past {@code maxSize} are
     * counted but not delivered, and the outcome reports TOO_LARGE (RFC 1870 §6.3).
     */
    public void expectData(long maxSize) {
        if (maxSize < 0) {
            throw new IllegalArgumentException("maxSize must not be negative");
        }
        requireCommandBoundary();
        mode = Mode.DATA;
        dataState = LINE_START;
        dataLimit = maxSize;
        dataSize = 0;
        dataLineLength = 0;
        dataViolations.clear();
        switched = true;
    }

    /**
     * The next {@code chunkSize} octets are a BDAT chunk (RFC 3030 §2). They are consumed even when
     * {@code deliver} is false, i.e. when the session refused the chunk: the client sends them
     * anyway, and they must not be read as commands.
     */
    public void expectBdat(long chunkSize, boolean deliver) {
        if (chunkSize < 0) {
            throw new IllegalArgumentException("chunkSize must not be negative");
        }
        requireCommandBoundary();
        mode = Mode.BDAT;
        bdatSize = chunkSize;
        bdatRemaining = chunkSize;
        bdatDeliver = deliver;
        switched = true;
    }

    /** The next line is an AUTH continuation (the session has replied 334), bounded by maxAuthLine. */
    public void expectAuthResponse() {
        requireCommandBoundary();
        mode = Mode.AUTH_RESPONSE;
        switched = true;
    }

    /**
     * Whether RCPT may carry UTF-8 paths: true after a MAIL with SMTPUTF8 until the transaction
     * ends (RFC 6531 §3.4). MAIL itself is judged by its own SMTPUTF8 parameter.
     */
    public void utf8PathsAllowed(boolean allowed) {
        utf8Paths = allowed;
    }

    /**
     * Forgets partial input, the mode and the transaction's UTF-8 permission, e.g. after STARTTLS:
     * nothing received before the handshake may complete a line after it (CVE-2011-0411).
     */
    public void reset() {
        commandScanner.reset();
        authScanner.reset();
        mode = Mode.COMMAND;
        utf8Paths = false;
        dataViolations.clear();
        dataSize = 0;
        bdatRemaining = 0;
        switched = true;
    }

    private void requireCommandBoundary() {
        if (mode != Mode.COMMAND) {
            throw new IllegalStateException("mode switch while in " + mode);
        }
        if (!commandScanner.atLineBoundary()) {
            throw new IllegalStateException("mode switch after part of the next line was read: "
                    + "switch inside the command's callback or pause on it");
        }
    }

    private boolean proceed(boolean more) {
        if (!more) {
            paused = true;
        }
        return more && !switched;
    }

    // ---------------------------------------------------------------- COMMAND

    private final class CommandLines implements LineSink {
        @Override
        public boolean onLine(ByteBuffer content, Set<LineViolation> violations) {
            Object result = commandLine(content, violations);
            return proceed(result instanceof SmtpCommand command
                    ? sink.command(command)
                    : sink.invalidCommand((CommandViolation) result));
        }

        @Override
        public boolean onOverlongLine(long length, Set<LineViolation> violations) {
            return proceed(sink.invalidCommand(CommandViolation.of(Kind.LINE_TOO_LONG)));
        }
    }

    private Object commandLine(ByteBuffer content, Set<LineViolation> violations) {
        CommandViolation lineDefect = lineDefect(violations);
        if (lineDefect != null) {
            return lineDefect;
        }
        int n = content.remaining();
        byte[] octets = new byte[n];
        content.get(octets);
        String line = ascii(octets) ? new String(octets, StandardCharsets.ISO_8859_1) : null;
        boolean badUtf8 = false;
        if (line == null) {
            try {
                line = utf8.decode(ByteBuffer.wrap(octets)).toString();
            } catch (CharacterCodingException e) {
                line = new String(octets, StandardCharsets.ISO_8859_1);
                badUtf8 = true;
            }
        }
        return parser.parse(line, n + 2, badUtf8, utf8Paths);
    }

    /**
     * NUL, bare CR and bare LF make a line unusable whatever it says (RFC 5321 §2.3.8, SECURITY.md
     * rows 1 and 7). Under BARE_LF_ENDS_COMMAND the scanner ends a line at its first bare LF, so a
     * BARE_LF reported then is the terminator itself.
     */
    private CommandViolation lineDefect(Set<LineViolation> violations) {
        if (violations.isEmpty()) {
            return null;
        }
        if (violations.contains(LineViolation.NUL)) {
            return CommandViolation.of(Kind.NUL);
        }
        if (violations.contains(LineViolation.BARE_CR)) {
            return CommandViolation.of(Kind.BARE_CR);
        }
        if (violations.contains(LineViolation.BARE_LF) && !bareLfEndsCommand) {
            return CommandViolation.of(Kind.BARE_LF);
        }
        return null;
    }

    private static boolean ascii(byte[] octets) {
        for (byte b : octets) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- AUTH_RESPONSE

    private final class AuthLines implements LineSink {
        @Override
        public boolean onLine(ByteBuffer content, Set<LineViolation> violations) {
            mode = Mode.COMMAND;
            switched = true;
            CommandViolation defect = lineDefect(violations);
            if (defect == null) {
                byte[] octets = new byte[content.remaining()];
                content.get(octets);
                if (ascii(octets)) {
                    return proceed(sink.authResponse(new String(octets, StandardCharsets.ISO_8859_1)));
                }
                // RFC 4954 §4: a response is base64 or "*"; never hand out undecodable octets.
                defect = CommandViolation.of(Kind.SYNTAX_ERROR);
            }
            return proceed(sink.invalidCommand(defect));
        }

        @Override
        public boolean onOverlongLine(long length, Set<LineViolation> violations) {
            mode = Mode.COMMAND;
            switched = true;
            return proceed(sink.invalidCommand(CommandViolation.of(Kind.AUTH_LINE_TOO_LONG)));
        }
    }

    // ---------------------------------------------------------------- DATA

    /** Runs the DATA state machine over {@code in} until it is exhausted, DATA ends or the sink pauses. */
    private void data(ByteBuffer in) {
        int pos = in.position();
        final int limit = in.limit();
        int sliceStart = pos;
        while (pos < limit) {
            byte b = in.get(pos);
            switch (dataState) {
                case LINE_START -> {
                    if (b == '.') {
                        if (!deliver(in, sliceStart, pos)) {
                            in.position(pos);
                            return;
                        }
                        // Held back: either the terminator or a stuffed dot, never content.
                        pos++;
                        sliceStart = pos;
                        countLine();
                        dataState = AFTER_DOT;
                        continue;
                    }
                    dataState = MID_LINE;
                }
                case AFTER_DOT -> {
                    if (b == CR) {
                        pos++;
                        sliceStart = pos;
                        dataState = AFTER_DOT_CR;
                        continue;
                    }
                    // RFC 5321 §4.5.2: a line starting with a dot and holding more loses that dot.
                    dataState = MID_LINE;
                }
                case AFTER_DOT_CR -> {
                    if (b == LF) {
                        in.position(pos + 1);
                        endData();
                        return;
                    }
                    // "<CRLF>.<CR>x": not the end (a <CR>.<CR> smuggling attempt ends up here);
                    // the dot was stuffing, the CR a bare CR of the content.
                    dataViolations.add(DataViolation.BARE_CR);
                    countLine();
                    dataState = MID_LINE;
                    if (!deliver(CR_ONLY.duplicate())) {
                        in.position(pos);
                        return;
                    }
                }
                case AFTER_CR -> {
                    if (b == LF) {
                        pos++;
                        dataLineLength = 0;
                        dataState = LINE_START;
                        continue;
                    }
                    dataViolations.add(DataViolation.BARE_CR);
                    countLine();
                    dataState = MID_LINE;
                }
                default -> {
                    // MID_LINE: handled below.
                }
            }
            if (b == CR) {
                dataState = AFTER_CR;
                pos++;
            } else if (b == LF) {
                // A bare LF: never a line break for the terminator or for unstuffing.
                if (bareLfNormalised) {
                    if (!deliver(in, sliceStart, pos)) {
                        in.position(pos);
                        return;
                    }
                    pos++;
                    sliceStart = pos;
                    dataLineLength = 0;
                    if (!deliver(CRLF.duplicate())) {
                        in.position(pos);
                        return;
                    }
                } else {
                    dataViolations.add(DataViolation.BARE_LF);
                    countLine();
                    pos++;
                }
            } else {
                if (b == 0) {
                    dataViolations.add(DataViolation.NUL);
                }
                countLine();
                pos++;
            }
        }
        in.position(limit);
        deliver(in, sliceStart, limit);
    }

    private void countLine() {
        if (++dataLineLength > maxTextContent) {
            dataViolations.add(DataViolation.LINE_TOO_LONG);
        }
    }

    /** Delivers in[from, to) as message bytes, up to the size limit; false if the sink paused. */
    private boolean deliver(ByteBuffer in, int from, int to) {
        if (to <= from) {
            return true;
        }
        ByteBuffer view = in.asReadOnlyBuffer();
        view.position(from).limit(to);
        return deliver(view);
    }

    private boolean deliver(ByteBuffer chunk) {
        int n = chunk.remaining();
        long room = Math.max(0, dataLimit - dataSize);
        dataSize += n;
        if (n > room) {
            dataViolations.add(DataViolation.TOO_LARGE);
            if (room == 0) {
                return true;
            }
            chunk.limit(chunk.position() + (int) room);
        }
        if (!sink.dataChunk(chunk)) {
            paused = true;
            return false;
        }
        return true;
    }

    private void endData() {
        DataOutcome outcome = new DataOutcome(dataSize, dataViolations);
        mode = Mode.COMMAND;
        dataViolations.clear();
        dataSize = 0;
        if (!sink.dataEnd(outcome)) {
            paused = true;
        }
    }

    // ---------------------------------------------------------------- BDAT

    private void bdat(ByteBuffer in) {
        if (bdatRemaining == 0) {
            mode = Mode.COMMAND;
            if (!sink.bdatEnd(bdatSize)) {
                paused = true;
            }
            return;
        }
        int n = (int) Math.min(bdatRemaining, in.remaining());
        int from = in.position();
        in.position(from + n);
        bdatRemaining -= n;
        if (bdatDeliver) {
            ByteBuffer view = in.asReadOnlyBuffer();
            view.position(from).limit(from + n);
            if (!sink.bdatChunk(view)) {
                paused = true;
            }
        }
    }
}
