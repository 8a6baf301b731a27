package org.mailwire.imap.codec;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.mailwire.imap.ImapResponse;
import org.mailwire.imap.codec.ImapResponseViolation.Kind;

/**
 * The client side IMAP decoder: a pure, incremental function of the bytes a server sends, pushing
 * {@link ImapClientSink} events. Feeding the same bytes in any chunking gives the same events
 * (body data may arrive in different chunks, the same octets in the same order).
 *
 * <p>{@link #decode} never throws on any input and every step consumes input or stops: it stops
 * when the sink returns false, and the next call first delivers what is pending.
 *
 * <p>Literals ({@code {n}}, {@code ~{n}}) follow their line at once, as servers send them. Their
 * count is checked when the line ends, before anything is allocated (SECURITY.md row 4): a FETCH
 * {@code BODY[..]}/{@code BINARY[..]} value is streamed to the sink (row 12) up to
 * {@link ImapResponseDecoderConfig#maxStreamedLiteral()} (and so is an {@code RFC822},
 * {@code RFC822.HEADER} or {@code RFC822.TEXT} value); any other literal is collected up to
 * {@link ImapResponseDecoderConfig#maxLiteral()}. Lines and whole responses are bounded (row 5),
 * NUL is refused outside literal8 (row 7), lists are bounded in depth and length,
 * BODY/BODYSTRUCTURE in part nesting and part count (row 8), and THREAD in nesting and node
 * count. A SEARCH, SORT, THREAD or ESEARCH line, which grows with the mailbox, is bounded by
 * {@link ImapResponseDecoderConfig#maxResultLine()} in place of {@code maxLine}. Strings inside
 * ENVELOPE and BODYSTRUCTURE may be literals; they are collected like any other non-body literal.
 *
 * <p>Every refusal is fatal: the sink gets {@link ImapClientSink#violation} and the decoder then
 * discards all input.
 *
 * <p>Not thread-safe: one decoder per connection.
 */
public final class ImapResponseDecoder {

    private enum State {
        LINE, LITERAL, STREAM, FAILED
    }

    private final ImapResponseDecoderConfig config;
    private State state = State.LINE;

    private byte[] line = new byte[256];
    private int lineLen;
    private boolean cr;
    /** The line being read is a SEARCH/SORT/THREAD/ESEARCH result, allowed up to maxResultLine. */
    private boolean resultLine;
    private long used;

    private final List<byte[]> lines = new ArrayList<>();
    private final List<Object> literals = new ArrayList<>();
    private byte[] literal;
    private int literalPos;
    private long remaining;

    private final ArrayDeque<Object> pending = new ArrayDeque<>();
    private boolean paused;
    private ImapClientSink sink;

    public ImapResponseDecoder(ImapResponseDecoderConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public ImapResponseDecoderConfig config() {
        return config;
    }

    /** True once a violation was reported: the connection is unusable. */
    public boolean failed() {
        return state == State.FAILED;
    }

    /**
     * Consumes {@code in} until it is exhausted or the sink returns false. Never throws on any
     * input; an exception thrown by the sink propagates.
     */
    public void decode(ByteBuffer in, ImapClientSink sink) {
        Objects.requireNonNull(in, "in");
        this.sink = Objects.requireNonNull(sink, "sink");
        paused = false;
        try {
            deliver();
            while (!paused && in.hasRemaining()) {
                switch (state) {
                    case LINE -> lineByte(in.get());
                    case LITERAL -> collect(in);
                    case STREAM -> stream(in);
                    default -> in.position(in.limit());
                }
                deliver();
            }
        } finally {
            this.sink = null;
        }
    }

    /** Forgets any partial response and pending events (after a TLS handshake, say). */
    public void reset() {
        state = State.LINE;
        lineLen = 0;
        cr = false;
        resultLine = false;
        used = 0;
        lines.clear();
        literals.clear();
        literal = null;
        pending.clear();
    }

    private void deliver() {
        while (!paused && !pending.isEmpty()) {
            Object e = pending.poll();
            boolean go;
            if (e instanceof ImapResponse r) {
                go = sink.response(r);
            } else if (e instanceof ResponseParser.BodyBegin b) {
                go = b.rfc822() != null ? sink.rfc822Begin(b.seq(), b.rfc822(), b.size())
                        : sink.bodyBegin(b.seq(), b.binary(), b.section(), b.origin(), b.size());
            } else if (e instanceof ByteBuffer chunk) {
                go = sink.bodyData(chunk);
            } else if (e == ResponseParser.BODY_END) {
                go = sink.bodyEnd();
            } else {
                go = sink.violation((ImapResponseViolation) e);
            }
            if (!go) {
                paused = true;
            }
        }
    }

    private void fail(Kind kind) {
        state = State.FAILED;
        lines.clear();
        literals.clear();
        literal = null;
        line = new byte[0];
        pending.add(new ImapResponseViolation(kind));
    }

    private void lineByte(byte b) {
        if (cr) {
            cr = false;
            if (b != '\n') {
                fail(Kind.BARE_CR_OR_LF);
                return;
            }
            endLine();
            return;
        }
        if (b == '\r') {
            cr = true;
            return;
        }
        if (b == '\n') {
            fail(Kind.BARE_CR_OR_LF);
            return;
        }
        if (b == 0) {
            fail(Kind.NUL);
            return;
        }
        if (lineLen == config.maxLine()) {
            resultLine = lines.isEmpty() && ResultLines.starts(line, lineLen);
        }
        int limit = resultLine ? config.maxResultLine() : config.maxLine();
        if (lineLen >= limit) {
            fail(Kind.LINE_TOO_LONG);
            return;
        }
        if (lineLen == line.length) {
            line = Arrays.copyOf(line, (int) Math.min(limit, line.length * 2L));
        }
        line[lineLen++] = b;
    }

    private void endLine() {
        byte[] l = Arrays.copyOf(line, lineLen);
        lineLen = 0;
        // a result line's octets past maxLine were bounded by maxResultLine instead
        used += Math.min(l.length, config.maxLine()) + 2;
        if (resultLine) {
            resultLine = false;
            if (line.length > config.maxLine()) {
                line = new byte[256]; // do not keep a result-sized buffer for the next lines
            }
        }
        if (used > config.maxResponse()) {
            fail(Kind.RESPONSE_TOO_LONG);
            return;
        }
        lines.add(l);
        LiteralHeader h = LiteralHeader.at(l, l.length);
        if (h == null) {
            complete(ResponseParser.parse(lines, literals, config));
            return;
        }
        Object p = ResponseParser.prefix(lines, literals, config);
        if (p instanceof ResponseParser.Parsed) {
            complete(p);
            return;
        }
        if (h.malformed() || h.nonSync()) {
            fail(Kind.BAD_LITERAL);
            return;
        }
        if (literals.size() >= config.maxLiteralsPerResponse()) {
            fail(Kind.TOO_MANY_LITERALS);
            return;
        }
        if (p instanceof Kind) {
            complete(p);
            return;
        }
        if (p instanceof ResponseParser.BodyBegin b) {
            if (h.size() > config.maxStreamedLiteral()) {
                fail(Kind.LITERAL_TOO_BIG);
                return;
            }
            pending.add(b);
            literals.add(h.size());
            if (h.size() == 0) {
                pending.add(ResponseParser.BODY_END);
            } else {
                remaining = h.size();
                state = State.STREAM;
            }
            return;
        }
        if (h.size() > config.maxLiteral()) {
            fail(Kind.LITERAL_TOO_BIG);
            return;
        }
        if (used + h.size() > config.maxResponse()) {
            fail(Kind.RESPONSE_TOO_LONG);
            return;
        }
        used += h.size();
        literal = new byte[(int) h.size()];
        literalPos = 0;
        if (literal.length == 0) {
            literals.add(literal);
            literal = null;
        } else {
            state = State.LITERAL;
        }
    }

    private void complete(Object result) {
        lines.clear();
        literals.clear();
        used = 0;
        if (result instanceof ResponseParser.Parsed parsed) {
            pending.addAll(parsed.before());
            pending.add(parsed.response());
        } else {
            fail((Kind) result);
        }
    }

    private void collect(ByteBuffer in) {
        int n = Math.min(in.remaining(), literal.length - literalPos);
        in.get(literal, literalPos, n);
        literalPos += n;
        if (literalPos == literal.length) {
            literals.add(literal);
            literal = null;
            state = State.LINE;
        }
    }

    private void stream(ByteBuffer in) {
        int n = (int) Math.min(in.remaining(), remaining);
        ByteBuffer chunk = in.slice();
        chunk.limit(n);
        chunk = chunk.asReadOnlyBuffer();
        in.position(in.position() + n);
        remaining -= n;
        if (!sink.bodyData(chunk)) {
            paused = true;
        }
        if (remaining == 0) {
            pending.add(ResponseParser.BODY_END);
            state = State.LINE;
        }
    }
}
