package org.mailwire.pop3.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.mailwire.pop3.Pop3Syntax;
import org.mailwire.pop3.ResponseCode;
import org.mailwire.pop3.StatusLine;
import org.mailwire.pop3.codec.Pop3ResponseViolation.Kind;
import org.mailwire.transport.line.LineScanner;
import org.mailwire.transport.line.LineScannerConfig;
import org.mailwire.transport.line.LineSink;
import org.mailwire.transport.line.LineViolation;

/**
 * The client side decoder of server responses: incremental, pure, split-invariant.
 *
 * <p>Expectations. POP3 responses do not say what they are: {@code +OK} starts a body only when
 * the command was RETR, TOP, CAPA, ... So the client tells the decoder, with {@link #expect}, the
 * {@link ResponseShape} of every response it awaits, in the order it sent the commands (the
 * greeting is {@link ResponseShape#SINGLE_LINE}); pipelined commands enqueue one shape each. A
 * byte that arrives when nothing is expected is an {@link Kind#UNEXPECTED_RESPONSE}.
 *
 * <p>Status lines (RFC 1939 §3): {@code +OK} or {@code -ERR}, then a space and text or the line
 * end. Text starting with a bracketed RFC 2449 §8 response code ({@code [SYS/TEMP]}) followed by a
 * space or the line end yields {@link StatusLine#code()}. Text is decoded as UTF-8 (RFC 6856);
 * undecodable octets and control characters other than HTAB become U+FFFD. In an
 * {@link ResponseShape#AUTH_STEP}, a {@code + base64} line is a {@link Pop3ResponseSink#continuation}.
 *
 * <p>Bodies (RFC 1939 §3): after {@code +OK} for a multi-line shape, lines up to {@code .CRLF};
 * a line that starts with "." and holds more loses that dot. Only {@code CRLF . CRLF} ends a
 * body: a bare CR or LF inside a streamed body is content and never starts a line (unless
 * {@link Pop3Leniency#BARE_LF_ENDS_LINE} lets an LF end one). {@link ResponseShape#MULTI_LINE_IF_OK}
 * bodies are streamed as views of the input, unbounded and never buffered;
 * {@link ResponseShape#LISTING_IF_OK} bodies are delivered one bounded line per chunk.
 *
 * <p>Memory and work are bounded (SECURITY.md row 5): status lines by maxStatusLine, AUTH steps by
 * maxAuthLine, listings by maxMultiLineLine and maxListingSize, all including CRLF. Every
 * {@link Pop3ResponseViolation} is fatal: after reporting it the decoder forgets its expectations
 * and discards all further input until {@link #reset()}. A NUL anywhere, a body included, is a
 * violation (SECURITY.md row 7). {@code decode} never throws on any input.
 *
 * <p>Not thread-safe: one decoder per connection.
 */
public final class Pop3ResponseDecoder {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte DOT = '.';
    private static final ByteBuffer CR_ONLY = ByteBuffer.wrap(new byte[] {CR}).asReadOnlyBuffer();

    // What the next bytes are.
    private static final int STATUS = 0;
    private static final int BODY = 1;
    private static final int LISTING = 2;

    // Body states: where the next byte is, relative to the line it is in.
    private static final int LINE_START = 0;
    private static final int MID_LINE = 1;
    private static final int AFTER_CR = 2;
    private static final int AFTER_DOT = 3;
    private static final int AFTER_DOT_CR = 4;

    private final Pop3DecoderConfig config;
    private final boolean bareLfEndsLine;
    private final boolean continuationWithoutSpace;
    private final LineScanner statusScanner;
    private final LineScanner authScanner;
    private final LineScanner listingScanner;
    private final LineSink statusLines = new StatusLines();
    private final LineSink listingLines = new ListingLines();
    private final ArrayDeque<ResponseShape> expected = new ArrayDeque<>();

    private Pop3ResponseSink sink;
    private boolean paused;
    private boolean failed;
    private int phase = STATUS;
    private int bodyState;
    private long listingSize;
    /** One listing line with its CRLF, reused; at most maxMultiLineLine octets. */
    private byte[] listingLine = new byte[0];

    public Pop3ResponseDecoder(Pop3DecoderConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.bareLfEndsLine = config.allows(Pop3Leniency.BARE_LF_ENDS_LINE);
        this.continuationWithoutSpace = config.allows(Pop3Leniency.CONTINUATION_WITHOUT_SPACE);
        this.statusScanner = new LineScanner(new LineScannerConfig(config.maxStatusLine() - 2, bareLfEndsLine));
        // An AUTH step is a continuation or a status line: buffer the longer of the two, check each after.
        this.authScanner = new LineScanner(new LineScannerConfig(
                Math.max(config.maxAuthLine(), config.maxStatusLine()) - 2, bareLfEndsLine));
        this.listingScanner = new LineScanner(new LineScannerConfig(config.maxMultiLineLine() - 2, bareLfEndsLine));
    }

    public Pop3DecoderConfig config() {
        return config;
    }

    /**
     * Enqueues the shape of one more response, in the order the commands were sent. May be called
     * at any time, from a sink callback included.
     */
    public void expect(ResponseShape shape) {
        expected.add(Objects.requireNonNull(shape, "shape"));
    }

    /** Responses expected and not yet complete (the one being decoded included). */
    public int pendingResponses() {
        return expected.size() + (phase == STATUS ? 0 : 1);
    }

    /** Whether a violation was reported; all input is then discarded until {@link #reset()}. */
    public boolean failed() {
        return failed;
    }

    /**
     * Forgets partial input, expectations and a past failure, e.g. after STLS: nothing the server
     * sent before the handshake may be read after it (SECURITY.md row 3).
     */
    public void reset() {
        statusScanner.reset();
        authScanner.reset();
        listingScanner.reset();
        expected.clear();
        failed = false;
        phase = STATUS;
    }

    /**
     * Consumes {@code in} until it is exhausted or the sink returns false; then its position is
     * right after the bytes of the event just reported. Never throws on any input; an exception
     * thrown by the sink propagates.
     */
    public void decode(ByteBuffer in, Pop3ResponseSink sink) {
        Objects.requireNonNull(in, "in");
        this.sink = Objects.requireNonNull(sink, "sink");
        paused = false;
        try {
            while (!paused && !failed && in.hasRemaining()) {
                if (phase == BODY) {
                    body(in);
                } else if (phase == LISTING) {
                    listingScanner.scan(in, listingLines);
                } else if (expected.isEmpty()) {
                    fail(Kind.UNEXPECTED_RESPONSE);
                } else {
                    (expected.peek() == ResponseShape.AUTH_STEP ? authScanner : statusScanner).scan(in, statusLines);
                }
            }
            if (failed && !paused) {
                in.position(in.limit());
            }
        } finally {
            this.sink = null;
        }
    }

    private boolean fail(Kind kind) {
        failed = true;
        expected.clear();
        phase = STATUS;
        if (!sink.violation(new Pop3ResponseViolation(kind))) {
            paused = true;
        }
        return false;
    }

    /** The kind a line's NUL, bare CR or (strict) bare LF gives, or null for a clean line. */
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

    // ---------------------------------------------------------------- status lines

    /** Every line completes a response or starts a body, so each one returns to {@link #decode}. */
    private final class StatusLines implements LineSink {
        @Override
        public boolean onLine(ByteBuffer content, Set<LineViolation> violations) {
            Kind defect = lineDefect(violations);
            if (defect != null) {
                return fail(defect);
            }
            ResponseShape shape = expected.peek();
            byte[] octets = new byte[content.remaining()];
            content.get(octets);
            int n = octets.length;
            if (shape == ResponseShape.AUTH_STEP && n > 0 && octets[0] == '+' && (n == 1 || octets[1] == ' ')) {
                return continuation(octets);
            }
            if (n + 2 > config.maxStatusLine()) {
                return fail(Kind.STATUS_LINE_TOO_LONG);
            }
            int textStart = statusIndicator(octets);
            if (textStart < 0) {
                return fail(Kind.MALFORMED_STATUS);
            }
            StatusLine line = statusLine(octets[0] == '+', textStart < n ? text(octets, textStart) : "");
            expected.poll();
            if (line.ok() && shape == ResponseShape.MULTI_LINE_IF_OK) {
                phase = BODY;
                bodyState = LINE_START;
            } else if (line.ok() && shape == ResponseShape.LISTING_IF_OK) {
                phase = LISTING;
                listingSize = 0;
            }
            if (!sink.status(line)) {
                paused = true;
            }
            return false;
        }

        @Override
        public boolean onOverlongLine(long length, Set<LineViolation> violations) {
            return fail(expected.peek() == ResponseShape.AUTH_STEP ? Kind.AUTH_LINE_TOO_LONG
                    : Kind.STATUS_LINE_TOO_LONG);
        }
    }

    /** RFC 5034 §4: {@code "+" SP [base64]}. */
    private boolean continuation(byte[] octets) {
        if (octets.length == 1 && !continuationWithoutSpace) {
            return fail(Kind.MALFORMED_CONTINUATION);
        }
        String base64 = octets.length <= 2 ? "" : new String(octets, 2, octets.length - 2, StandardCharsets.ISO_8859_1);
        if (!Pop3Syntax.isBase64(base64)) {
            return fail(Kind.MALFORMED_CONTINUATION);
        }
        expected.poll();
        if (!sink.continuation(base64)) {
            paused = true;
        }
        return false;
    }

    /**
     * The index where the text starts (after the space, or the length for a bare indicator), or -1
     * if the line is not {@code +OK} or {@code -ERR} followed by SP or its end. RFC 1939 §3: the
     * indicators are upper case.
     */
    private static int statusIndicator(byte[] o) {
        int length;
        if (o.length >= 3 && o[0] == '+' && o[1] == 'O' && o[2] == 'K') {
            length = 3;
        } else if (o.length >= 4 && o[0] == '-' && o[1] == 'E' && o[2] == 'R' && o[3] == 'R') {
            length = 4;
        } else {
            return -1;
        }
        if (o.length == length) {
            return length;
        }
        return o[length] == ' ' ? length + 1 : -1;
    }

    /** A leading {@code [code]} followed by SP or the end becomes the code; anything else is text. */
    private static StatusLine statusLine(boolean ok, String text) {
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close > 1 && (close == text.length() - 1 || text.charAt(close + 1) == ' ')) {
                String code = text.substring(1, close);
                if (Pop3Syntax.isResponseCode(code)) {
                    String rest = close + 2 <= text.length() ? text.substring(close + 2) : "";
                    return new StatusLine(ok, Optional.of(new ResponseCode(code)), rest);
                }
            }
        }
        return new StatusLine(ok, Optional.empty(), text);
    }

    /** The text from {@code from}, UTF-8 decoded, controls other than HTAB replaced. */
    private static String text(byte[] octets, int from) {
        String s = new String(octets, from, octets.length - from, StandardCharsets.UTF_8);
        StringBuilder clean = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // The JDK's UTF-8 decoder already turned malformed input into U+FFFD: no lone surrogates.
            boolean bad = (c < 0x20 && c != '\t') || (c >= 0x7F && c <= 0x9F);
            if (bad && clean == null) {
                clean = new StringBuilder(s.substring(0, i));
            }
            if (clean != null) {
                clean.append(bad ? '\uFFFD' : c);
            }
        }
        return clean == null ? s : clean.toString();
    }

    // ---------------------------------------------------------------- listings

    private final class ListingLines implements LineSink {
        @Override
        public boolean onLine(ByteBuffer content, Set<LineViolation> violations) {
            Kind defect = lineDefect(violations);
            if (defect != null) {
                return fail(defect);
            }
            int n = content.remaining();
            int start = content.position();
            boolean dot = n > 0 && content.get(start) == DOT;
            if (n == 1 && dot) {
                phase = STATUS;
                if (!sink.multiLineEnd()) {
                    paused = true;
                }
                return false;
            }
            listingSize += n + 2;
            if (listingSize > config.maxListingSize()) {
                return fail(Kind.LISTING_TOO_LARGE);
            }
            if (dot) {
                // RFC 1939 §3: a line that starts with the termination octet loses it.
                content.position(start + 1);
                n--;
            }
            if (listingLine.length < n + 2) {
                listingLine = new byte[Math.min(Math.max(n + 2, listingLine.length * 2), config.maxMultiLineLine())];
            }
            content.get(listingLine, 0, n);
            listingLine[n] = CR;
            listingLine[n + 1] = LF;
            if (!sink.multiLineChunk(ByteBuffer.wrap(listingLine, 0, n + 2).asReadOnlyBuffer())) {
                paused = true;
                return false;
            }
            return true;
        }

        @Override
        public boolean onOverlongLine(long length, Set<LineViolation> violations) {
            return fail(Kind.LISTING_LINE_TOO_LONG);
        }
    }

    // ---------------------------------------------------------------- streamed bodies

    /** Runs the body state machine over {@code in} until it is exhausted, the body ends, or the sink pauses or fails it. */
    private void body(ByteBuffer in) {
        int pos = in.position();
        final int limit = in.limit();
        int sliceStart = pos;
        while (pos < limit) {
            byte b = in.get(pos);
            if (b == 0) {
                // Deliver what came before, so that the events do not depend on the chunking.
                if (!deliver(in, sliceStart, pos)) {
                    in.position(pos);
                    return;
                }
                in.position(pos + 1);
                fail(Kind.NUL);
                return;
            }
            switch (bodyState) {
                case LINE_START -> {
                    if (b == DOT) {
                        if (!deliver(in, sliceStart, pos)) {
                            in.position(pos);
                            return;
                        }
                        // Held back: the terminator's or a stuffed dot, never content.
                        pos++;
                        sliceStart = pos;
                        bodyState = AFTER_DOT;
                        continue;
                    }
                    bodyState = MID_LINE;
                }
                case AFTER_DOT -> {
                    if (b == CR) {
                        pos++;
                        sliceStart = pos;
                        bodyState = AFTER_DOT_CR;
                        continue;
                    }
                    if (b == LF && bareLfEndsLine) {
                        in.position(pos + 1);
                        endBody();
                        return;
                    }
                    // RFC 1939 §3: a line starting with the termination octet and holding more loses it.
                    bodyState = MID_LINE;
                }
                case AFTER_DOT_CR -> {
                    if (b == LF) {
                        in.position(pos + 1);
                        endBody();
                        return;
                    }
                    // ".<CR>x": the dot was stuffing, the CR a bare CR of the content.
                    bodyState = MID_LINE;
                    if (!deliver(CR_ONLY.duplicate())) {
                        in.position(pos);
                        return;
                    }
                }
                case AFTER_CR -> {
                    if (b == LF) {
                        pos++;
                        bodyState = LINE_START;
                        continue;
                    }
                    bodyState = MID_LINE;
                }
                default -> {
                    // MID_LINE: handled below.
                }
            }
            if (b == CR) {
                bodyState = AFTER_CR;
            } else if (b == LF) {
                // A bare LF: content, and a line break only under the leniency.
                bodyState = bareLfEndsLine ? LINE_START : MID_LINE;
            }
            pos++;
        }
        in.position(limit);
        deliver(in, sliceStart, limit);
    }

    private void endBody() {
        phase = STATUS;
        if (!sink.multiLineEnd()) {
            paused = true;
        }
    }

    /** Delivers in[from, to) as body bytes; false if the sink paused. */
    private boolean deliver(ByteBuffer in, int from, int to) {
        if (to <= from) {
            return true;
        }
        ByteBuffer view = in.asReadOnlyBuffer();
        view.limit(to).position(from);
        return deliver(view);
    }

    private boolean deliver(ByteBuffer chunk) {
        if (!sink.multiLineChunk(chunk)) {
            paused = true;
            return false;
        }
        return true;
    }
}
