package org.mailwire.imap.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.mailwire.imap.ImapCommand;
import org.mailwire.imap.Tag;
import org.mailwire.imap.codec.ImapCommandViolation.Kind;

/**
 * The server side IMAP decoder: a pure, incremental function of the bytes a client sends, pushing
 * {@link ImapServerSink} events. Feeding the same bytes in any chunking gives the same events
 * (APPEND data may arrive in different chunks, the same octets in the same order).
 *
 * <p>{@link #decode} never throws on any input and every step consumes input or stops: it stops
 * when the sink returns false, and while a synchronising literal waits for the session's answer
 * ({@link #acceptLiteral()} / {@link #refuseLiteral()}).
 *
 * <p>Literals (SECURITY.md row 4): the count in {@code {n}} is validated when its line ends,
 * before the session is asked to send {@code +} and before any buffer is allocated: malformed,
 * over the limit that applies (before/after authentication; for a string argument also
 * {@link ImapDecoderConfig#maxArgumentLiteral()}), or one literal too many, and the command gets
 * a tagged BAD. Before a synchronising literal is granted, the command up to it is parsed, so a
 * command already wrong (or an RFC 2971 ID string over its limit) is refused without a
 * continuation round trip. A non-synchronising literal the decoder refuses is on its way anyway,
 * so that refusal is fatal. APPEND's message literals (every message of a MULTIAPPEND, every
 * CATENATE TEXT part) are streamed, never buffered; their counts are bounded by
 * {@link ImapDecoderConfig#maxAppendMessages()} and {@link ImapDecoderConfig#maxCatenateParts()},
 * checked before each literal is accepted. NUL is refused everywhere but in a literal8 (row 7),
 * which only APPEND's message data may be.
 *
 * <p>Lines: the text of a command (all its lines, CRLFs included, literal octets excluded) is
 * bounded by the line limit of the current authentication state (row 5); a longer command is
 * skipped to its line end without being stored, then refused.
 *
 * <p>Not thread-safe: one decoder per connection.
 */
public final class ImapCommandDecoder {

    /** What the next line is. */
    public enum Mode {
        COMMAND,
        /** One SASL response line (RFC 3501 §6.2.2). */
        AUTH_RESPONSE,
        /** RFC 2177: the line ending IDLE. */
        IDLE
    }

    private enum State {
        LINE, SKIP, AWAIT, LITERAL, MESSAGE,
        /** Delivering the queued events of an APPEND step, then {@link #afterEvents}. */
        EVENTS
    }

    private static final int TAIL = 24;

    private final ImapDecoderConfig config;
    private boolean authenticated;
    private Mode mode = Mode.COMMAND;
    private State state = State.LINE;

    private byte[] line = new byte[256];
    private int lineLen;
    private int used;
    private int commandText;
    private boolean cr;
    private boolean bareCrLf;
    private boolean nul;
    private final byte[] tail = new byte[TAIL];
    private int tailLen;

    private final List<byte[]> lines = new ArrayList<>();
    private final List<byte[]> literals = new ArrayList<>();
    private Tag tag;

    private byte[] literal;
    private int literalPos;
    private long remaining;
    private boolean awaitMessage;
    private boolean binary;
    private boolean messageNul;
    /** Non-null inside an APPEND after one of its streamed literals. */
    private AppendProgress append;
    private AppendProgress appendNext;
    private int argumentLiterals;

    private final List<Object> pending = new ArrayList<>();
    private Tag eventTag;
    private int delivered;
    private boolean pendingSync;
    private State afterEvents;

    private boolean paused;
    private ImapServerSink sink;

    public ImapCommandDecoder(ImapDecoderConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public ImapDecoderConfig config() {
        return config;
    }

    public Mode mode() {
        return mode;
    }

    public boolean authenticated() {
        return authenticated;
    }

    /** Switches the line and literal limits to the authenticated ones (or back). */
    public void authenticated(boolean value) {
        authenticated = value;
    }

    /** True while a synchronising literal waits for {@link #acceptLiteral} or {@link #refuseLiteral}. */
    public boolean awaitingContinuation() {
        return state == State.AWAIT;
    }

    /**
     * True when events of an APPEND are decoded but not yet delivered because the sink paused:
     * call {@link #decode} again, with an empty buffer if no input is left.
     */
    public boolean hasPendingEvents() {
        return state == State.EVENTS;
    }

    /**
     * Consumes {@code in} until it is exhausted, the sink returns false, or a synchronising
     * literal waits for the session's answer. Never throws on any input; an exception thrown by
     * the sink propagates.
     */
    public void decode(ByteBuffer in, ImapServerSink sink) {
        Objects.requireNonNull(in, "in");
        this.sink = Objects.requireNonNull(sink, "sink");
        paused = false;
        try {
            while (!paused && (state == State.EVENTS || (state != State.AWAIT && in.hasRemaining()))) {
                switch (state) {
                    case LINE, SKIP -> lineByte(in.get());
                    case LITERAL -> collect(in);
                    case MESSAGE -> stream(in);
                    case EVENTS -> deliver();
                    default -> throw new IllegalStateException();
                }
            }
        } finally {
            this.sink = null;
        }
    }

    /** The session sent {@code + }: the literal's octets follow. */
    public void acceptLiteral() {
        check(state == State.AWAIT, "no literal awaits an answer");
        if (awaitMessage) {
            state = State.MESSAGE;
        } else {
            literal = new byte[(int) remaining];
            literalPos = 0;
            state = State.LITERAL;
        }
    }

    /** The session refused the literal (with a tagged NO or BAD): the command is dropped. */
    public void refuseLiteral() {
        check(state == State.AWAIT, "no literal awaits an answer");
        endCommand();
    }

    /** The next line is a SASL response (the session has sent a {@code + } challenge). */
    public void expectAuthResponse() {
        atBoundary();
        mode = Mode.AUTH_RESPONSE;
    }

    /** The next line ends IDLE (the session has sent {@code + idling}). */
    public void expectDone() {
        atBoundary();
        mode = Mode.IDLE;
    }

    /** Forgets partial input, mode and state, e.g. after STARTTLS (SECURITY.md row 3). */
    public void reset() {
        endCommand();
        mode = Mode.COMMAND;
    }

    private void atBoundary() {
        check(mode == Mode.COMMAND && state == State.LINE && lineLen == 0 && used == 0 && lines.isEmpty()
                && append == null,
                "mode switch inside a command: switch in the command's callback or pause on it");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }

    // ------------------------------------------------------------ lines

    private void lineByte(byte b) {
        used++;
        if (state == State.LINE && commandText + used > config.maxLine(authenticated)) {
            // Skipped to the line end, never stored; the tail shows a literal header ending it.
            state = State.SKIP;
            tailLen = Math.min(TAIL, lineLen);
            System.arraycopy(line, lineLen - tailLen, tail, 0, tailLen);
        }
        if (b == '\n') {
            if (!cr) {
                bareCrLf = true;
            }
            lineEnd();
            return;
        }
        if (cr) {
            bareCrLf = true;
            cr = false;
            store((byte) '\r');
        }
        if (b == '\r') {
            cr = true;
            return;
        }
        if (b == 0) {
            nul = true;
        }
        store(b);
    }

    private void store(byte b) {
        if (state == State.SKIP) {
            if (tailLen == TAIL) {
                System.arraycopy(tail, 1, tail, 0, TAIL - 1);
                tailLen--;
            }
            tail[tailLen++] = b;
            return;
        }
        if (lineLen == line.length) {
            line = Arrays.copyOf(line, Math.max(16, Math.min(line.length * 2, config.maxLine(authenticated))));
        }
        line[lineLen++] = b;
    }

    private void lineEnd() {
        boolean crlf = cr;
        cr = false;
        if (state == State.SKIP) {
            LiteralHeader h = LiteralHeader.at(tail, tailLen);
            if (mode == Mode.COMMAND && lines.isEmpty() && append == null) {
                // Only a tag seen whole (a space follows it): a cut one is not the client's tag.
                Tag t = CommandParser.tagOf(line, lineLen);
                tag = t != null && lineLen > t.value().length() ? t : null;
            }
            boolean fatal = mode == Mode.COMMAND && h != null && h.nonSync();
            Tag t = mode == Mode.COMMAND ? tag : null;
            endCommand();
            mode = Mode.COMMAND;
            emitViolation(Kind.LINE_TOO_LONG, t, fatal);
            return;
        }
        byte[] text = Arrays.copyOf(line, lineLen);
        boolean defect = nul || bareCrLf || !crlf;
        Kind defectKind = nul ? Kind.NUL : Kind.BARE_CR_OR_LF;
        commandText += used;
        lineLen = 0;
        used = 0;
        nul = false;
        bareCrLf = false;
        if (mode == Mode.AUTH_RESPONSE) {
            mode = Mode.COMMAND;
            endCommand();
            if (defect || !ascii(text)) {
                emitViolation(defect ? defectKind : Kind.SYNTAX_ERROR, null, false);
            } else {
                proceed(sink.authResponse(new String(text, StandardCharsets.US_ASCII)));
            }
            return;
        }
        if (mode == Mode.IDLE) {
            mode = Mode.COMMAND;
            endCommand();
            if (!defect && new String(text, StandardCharsets.ISO_8859_1).equalsIgnoreCase("DONE")) {
                proceed(sink.idleDone());
            } else {
                emitViolation(defect ? defectKind : Kind.EXPECTED_DONE, null, false);
            }
            return;
        }
        if (lines.isEmpty() && append == null) {
            tag = CommandParser.tagOf(text, text.length);
        }
        lines.add(text);
        LiteralHeader h = LiteralHeader.at(text, text.length);
        boolean nonSync = h != null && h.nonSync();
        if (defect) {
            reject(defectKind, nonSync);
            return;
        }
        if (messageNul) {
            // The last streamed literal held NUL without being a literal8 (SECURITY.md row 7).
            reject(Kind.NUL, nonSync);
            return;
        }
        if (h == null) {
            Tag t = tag;
            Object result = append != null
                    ? CommandParser.appendContinuation(lines, literals, config, false, append)
                    : CommandParser.parse(lines, literals, config);
            if (result instanceof AppendStep step && step.next() == null) {
                appendStep(step);
            } else if (result instanceof ImapCommand command && append == null) {
                endCommand();
                proceed(sink.command(command));
            } else {
                endCommand();
                emitViolation(result instanceof Kind k ? k : Kind.SYNTAX_ERROR, t, false);
            }
            return;
        }
        literalHeader(h);
    }

    private void literalHeader(LiteralHeader h) {
        boolean nonSync = h.nonSync();
        if (h.malformed()) {
            reject(Kind.BAD_LITERAL, nonSync);
            return;
        }
        if (argumentLiterals >= config.maxLiteralsPerCommand()) {
            reject(Kind.TOO_MANY_LITERALS, nonSync);
            return;
        }
        if (nonSync && (config.nonSyncLiterals() == NonSyncLiterals.NONE
                || (config.nonSyncLiterals() == NonSyncLiterals.LITERAL_MINUS
                        && h.size() > ImapDecoderConfig.LITERAL_MINUS_MAX))) {
            reject(Kind.NON_SYNC_LITERAL_REFUSED, true);
            return;
        }
        Object prefix = append != null
                ? CommandParser.appendContinuation(lines, literals, config, true, append)
                : CommandParser.prefix(lines, literals, config, nonSync);
        if (prefix instanceof Kind kind) {
            reject(kind, nonSync);
            return;
        }
        long limit = config.maxLiteral(authenticated);
        if (prefix instanceof AppendStep step) {
            if (step.header() == null) {
                reject(Kind.SYNTAX_ERROR, nonSync);
                return;
            }
            if (h.size() > limit) {
                reject(Kind.LITERAL_TOO_BIG, nonSync);
                return;
            }
            remaining = h.size();
            binary = h.binary();
            messageNul = false;
            awaitMessage = true;
            appendStep(step);
            return;
        }
        if (h.binary()) {
            reject(Kind.LITERAL8_NOT_ALLOWED, nonSync);
            return;
        }
        if (h.size() > Math.min(limit, config.maxArgumentLiteral())) {
            reject(Kind.LITERAL_TOO_BIG, nonSync);
            return;
        }
        remaining = h.size();
        awaitMessage = false;
        argumentLiterals++;
        if (nonSync) {
            literal = new byte[(int) remaining];
            literalPos = 0;
            state = State.LITERAL;
        } else {
            state = State.AWAIT;
            proceed(sink.literalRequest(tag, h.size()));
        }
    }

    /**
     * Queues an APPEND step's events. At a streamed literal the lines read so far are done with:
     * the command continues on fresh lines after the literal's octets, under the same tag and
     * the same (cumulative) line and literal limits.
     */
    private void appendStep(AppendStep step) {
        eventTag = tag;
        if (step.next() == null) {
            endCommand();
            pending.addAll(step.events());
            pending.add(eventTag);
            afterEvents = State.LINE;
        } else {
            pending.clear();
            pending.addAll(step.events());
            lines.clear();
            literals.clear();
            appendNext = step.next();
            pendingSync = !step.header().nonSync();
            afterEvents = pendingSync ? State.AWAIT : State.MESSAGE;
        }
        state = State.EVENTS;
    }

    /** Delivers one queued event; the last one of a step at a literal asks for its octets. */
    private void deliver() {
        Object e = pending.get(delivered++);
        boolean last = delivered == pending.size();
        if (last) {
            pending.clear();
            delivered = 0;
            state = afterEvents;
            if (afterEvents != State.LINE) {
                append = appendNext;
                appendNext = null;
            }
        }
        boolean sync = last && pendingSync && afterEvents == State.AWAIT;
        boolean more;
        if (e instanceof ImapCommand.Append a) {
            more = sink.appendBegin(a, sync);
        } else if (e instanceof ImapCommand.Catenate c) {
            more = sink.catenateBegin(c);
        } else if (e instanceof AppendStep.UrlPart u) {
            more = sink.catenateUrl(eventTag, u.url());
        } else if (e instanceof AppendStep.TextPart t) {
            more = sink.catenateText(eventTag, t.size(), t.utf8(), sync);
        } else {
            more = sink.appendEnd((Tag) e);
        }
        proceed(more);
    }

    // ------------------------------------------------------------ literals

    private void collect(ByteBuffer in) {
        int n = (int) Math.min(remaining, in.remaining());
        in.get(literal, literalPos, n);
        literalPos += n;
        remaining -= n;
        if (remaining == 0) {
            literals.add(literal);
            literal = null;
            state = State.LINE;
        }
    }

    private void stream(ByteBuffer in) {
        if (remaining == 0) {
            state = State.LINE;
            return;
        }
        int n = (int) Math.min(remaining, in.remaining());
        ByteBuffer chunk = in.slice();
        chunk.limit(n);
        in.position(in.position() + n);
        remaining -= n;
        if (!binary) {
            for (int i = 0; i < n; i++) {
                if (chunk.get(i) == 0) {
                    messageNul = true;
                    break;
                }
            }
        }
        if (remaining == 0) {
            state = State.LINE;
        }
        proceed(sink.appendData(chunk.asReadOnlyBuffer()));
    }

    // ------------------------------------------------------------ events

    private void reject(Kind kind, boolean fatal) {
        Tag t = tag;
        endCommand();
        emitViolation(kind, t, fatal);
    }

    private void emitViolation(Kind kind, Tag t, boolean fatal) {
        proceed(sink.invalidCommand(new ImapCommandViolation(kind, t, fatal)));
    }

    private void endCommand() {
        state = State.LINE;
        lines.clear();
        literals.clear();
        literal = null;
        remaining = 0;
        append = null;
        appendNext = null;
        argumentLiterals = 0;
        pending.clear();
        delivered = 0;
        pendingSync = false;
        afterEvents = null;
        awaitMessage = false;
        messageNul = false;
        binary = false;
        lineLen = 0;
        used = 0;
        commandText = 0;
        cr = false;
        nul = false;
        bareCrLf = false;
        tailLen = 0;
        tag = null;
        if (line.length > 4096) {
            line = new byte[256];
        }
    }

    private void proceed(boolean more) {
        if (!more) {
            paused = true;
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
