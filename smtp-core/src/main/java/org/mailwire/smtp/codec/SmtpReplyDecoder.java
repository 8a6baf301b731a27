package org.mailwire.smtp.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.mailwire.smtp.EnhancedStatusCode;
import org.mailwire.smtp.SmtpReply;
import org.mailwire.transport.line.LineScanner;
import org.mailwire.transport.line.LineScannerConfig;
import org.mailwire.transport.line.LineSink;
import org.mailwire.transport.line.LineViolation;

/**
 * The client side decoder of server replies (RFC 5321 §4.2): incremental, pure, split-invariant.
 *
 * <p>A multi-line reply is {@code code "-" text} lines ended by one {@code code SP text} line (or
 * the bare code); every line must carry the same code. When the text of the first line starts
 * with an RFC 3463 enhanced status code of the reply's class (RFC 2034 §4), it becomes
 * {@link SmtpReply#status()} and is stripped from every line that carries it. Text is decoded as
 * UTF-8 (RFC 6531 servers may send it); undecodable octets and control characters other than
 * HTAB become U+FFFD, so that no reply line can hold CR, LF or NUL.
 *
 * <p>Memory and work are bounded (SECURITY.md row 5): a line by maxReplyLineLength, a reply by
 * maxReplyLines and maxReplySize, all including CRLF. Every {@link ReplyViolation} is fatal: after
 * reporting it the decoder consumes and discards all further input until {@link #reset()}, since a
 * client can no longer tell which reply answers which command. {@code decode} never throws on any
 * input.
 *
 * <p>Not thread-safe: one decoder per connection.
 */
public final class SmtpReplyDecoder {

    private final SmtpDecoderConfig config;
    private final LineScanner scanner;
    private final LineSink lines = new ReplyLines();

    private SmtpReplySink sink;
    private boolean paused;
    private boolean failed;
    /** The code of the reply being assembled, -1 between replies. */
    private int code = -1;
    private final List<String> pending = new ArrayList<>();
    private long pendingSize;

    public SmtpReplyDecoder(SmtpDecoderConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.scanner = new LineScanner(LineScannerConfig.strict(config.maxReplyLineLength() - 2));
    }

    public SmtpDecoderConfig config() {
        return config;
    }

    /** Whether a violation was reported; all input is then discarded until {@link #reset()}. */
    public boolean failed() {
        return failed;
    }

    /**
     * Consumes {@code in} until it is exhausted or the sink returns false; then its position is
     * right after the line that completed the event. Never throws on any input.
     */
    public void decode(ByteBuffer in, SmtpReplySink sink) {
        Objects.requireNonNull(in, "in");
        this.sink = Objects.requireNonNull(sink, "sink");
        paused = false;
        try {
            if (!failed) {
                scanner.scan(in, lines);
            }
            if (failed && !paused) {
                in.position(in.limit());
            }
        } finally {
            this.sink = null;
        }
    }

    /** Forgets partial input, a reply being assembled and a past failure (e.g. after STARTTLS). */
    public void reset() {
        scanner.reset();
        failed = false;
        clearPending();
    }

    private void clearPending() {
        code = -1;
        pending.clear();
        pendingSize = 0;
    }

    private boolean fail(ReplyViolation.Kind kind) {
        failed = true;
        clearPending();
        if (!sink.invalidReply(new ReplyViolation(kind))) {
            paused = true;
        }
        return false;
    }

    private final class ReplyLines implements LineSink {
        @Override
        public boolean onLine(ByteBuffer content, Set<LineViolation> violations) {
            if (violations.contains(LineViolation.NUL)) {
                return fail(ReplyViolation.Kind.NUL);
            }
            if (violations.contains(LineViolation.BARE_LF)) {
                return fail(ReplyViolation.Kind.BARE_LF);
            }
            if (violations.contains(LineViolation.BARE_CR)) {
                return fail(ReplyViolation.Kind.BARE_CR);
            }
            int n = content.remaining();
            if (pending.size() + 1 > config.maxReplyLines()) {
                return fail(ReplyViolation.Kind.TOO_MANY_LINES);
            }
            pendingSize += n + 2;
            if (pendingSize > config.maxReplySize()) {
                return fail(ReplyViolation.Kind.REPLY_TOO_LARGE);
            }
            byte[] octets = new byte[n];
            content.get(octets);
            int lineCode = code(octets);
            if (lineCode < 0) {
                return fail(ReplyViolation.Kind.MALFORMED_CODE);
            }
            if (code >= 0 && lineCode != code) {
                return fail(ReplyViolation.Kind.MIXED_CODES);
            }
            code = lineCode;
            pending.add(n > 4 ? text(octets) : "");
            if (n > 3 && octets[3] == '-') {
                return true;
            }
            SmtpReply reply = assemble();
            clearPending();
            if (!sink.reply(reply)) {
                paused = true;
                return false;
            }
            return true;
        }

        @Override
        public boolean onOverlongLine(long length, Set<LineViolation> violations) {
            return fail(ReplyViolation.Kind.LINE_TOO_LONG);
        }
    }

    /**
     * RFC 5321 §4.2: three digits, the first 2..5, then SP, "-" or the end of the line; -1 if not.
     */
    private static int code(byte[] octets) {
        if (octets.length < 3) {
            return -1;
        }
        for (int i = 0; i < 3; i++) {
            if (octets[i] < '0' || octets[i] > '9') {
                return -1;
            }
        }
        if (octets[0] < '2' || octets[0] > '5') {
            return -1;
        }
        if (octets.length > 3 && octets[3] != ' ' && octets[3] != '-') {
            return -1;
        }
        return (octets[0] - '0') * 100 + (octets[1] - '0') * 10 + (octets[2] - '0');
    }

    /** The text after the code and separator, UTF-8 decoded, controls other than HTAB replaced. */
    private static String text(byte[] octets) {
        String s = new String(octets, 4, octets.length - 4, StandardCharsets.UTF_8);
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

    private SmtpReply assemble() {
        Optional<EnhancedStatusCode> status = Optional.empty();
        String first = pending.get(0);
        if (EnhancedStatusCode.prefixLength(first) > 0) {
            EnhancedStatusCode candidate = EnhancedStatusCode.parsePrefix(first);
            if (candidate.codeClass() == code / 100) {
                status = Optional.of(candidate);
            }
        }
        List<String> text = pending;
        if (status.isPresent()) {
            text = new ArrayList<>(pending.size());
            for (String line : pending) {
                int length = EnhancedStatusCode.prefixLength(line);
                if (length > 0 && EnhancedStatusCode.parsePrefix(line).equals(status.get())) {
                    line = line.substring(Math.min(line.length(), length + 1));
                }
                text.add(line);
            }
        }
        return new SmtpReply(code, status, text);
    }
}
