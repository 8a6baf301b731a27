package org.mailwire.smtp.codec;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.mailwire.transport.line.LineScannerConfig;

/**
 * Every limit of the SMTP decoders, immutable and validated. Line limits count octets including
 * the CRLF, as RFC 5321 §4.5.3.1 does.
 *
 * <p>Command lines: a line is at most {@link #maxCommandLine()} octets, except that MAIL and RCPT
 * may be longer by the sum of the allowances their extensions define (RFC 5321 §4.5.3.1.4 lets
 * extensions raise the limit): MAIL by SIZE, AUTH, the DSN MAIL parameters and SMTPUTF8
 * ({@link #maxMailLine()}), RCPT by the DSN RCPT parameters ({@link #maxRcptLine()}); the
 * allowance applies whether or not the client actually used the extension. An AUTH command with
 * an initial response may be up to {@link #maxAuthLine()} (RFC 4954 §4). A line is buffered only
 * up to the largest of these; longer lines are skipped and refused without being stored.
 *
 * <p>The RFC values are the defaults; going below them breaks interoperability with conforming
 * peers but is allowed (tests and fuzzers use small limits).
 *
 * @param maxCommandLine          RFC 5321 §4.5.3.1.4: 512
 * @param sizeAllowance           RFC 1870 §3: MAIL lines may be 26 longer for SIZE
 * @param authAllowance           RFC 4954 §5: MAIL lines may be 500 longer for AUTH=
 * @param dsnMailAllowance        RFC 3461 §4: MAIL lines may be 118 longer for RET and ENVID
 * @param dsnRcptAllowance        RFC 3461 §4: RCPT lines may be 500 longer for NOTIFY and ORCPT
 * @param smtpUtf8Allowance       RFC 6531 §3.4: MAIL lines may be 10 longer for SMTPUTF8
 * @param maxTextLine             RFC 5321 §4.5.3.1.6: 1000, for DATA lines (a longer line is
 *                                reported in the {@link DataOutcome}, not fatal)
 * @param maxAuthLine             RFC 4954 §4: 12288, for AUTH with an initial response and for
 *                                AUTH continuation lines
 * @param maxRecipients           RFC 5321 §4.5.3.1.8: 100; enforced by the session
 * @param maxMessageSize          the default for {@link SmtpCommandDecoder#expectData()}: 25 MiB
 * @param maxReplyLineLength      a client's bound on one reply line: 16 KiB (SECURITY.md row 5)
 * @param maxReplyLines           a client's bound on the lines of one reply: 500
 * @param maxReplySize            a client's bound on one reply, all lines with their CRLF: 256 KiB
 * @param leniencies              named, opt-in deviations; empty by default (strict)
 */
public record SmtpDecoderConfig(int maxCommandLine, int sizeAllowance, int authAllowance,
        int dsnMailAllowance, int dsnRcptAllowance, int smtpUtf8Allowance, int maxTextLine,
        int maxAuthLine, int maxRecipients, long maxMessageSize, int maxReplyLineLength,
        int maxReplyLines, int maxReplySize, Set<SmtpLeniency> leniencies) {

    public static final int DEFAULT_MAX_COMMAND_LINE = 512;
    public static final int DEFAULT_SIZE_ALLOWANCE = 26;
    public static final int DEFAULT_AUTH_ALLOWANCE = 500;
    public static final int DEFAULT_DSN_MAIL_ALLOWANCE = 118;
    public static final int DEFAULT_DSN_RCPT_ALLOWANCE = 500;
    public static final int DEFAULT_SMTPUTF8_ALLOWANCE = 10;
    public static final int DEFAULT_MAX_TEXT_LINE = 1000;
    public static final int DEFAULT_MAX_AUTH_LINE = 12288;
    public static final int DEFAULT_MAX_RECIPIENTS = 100;
    public static final long DEFAULT_MAX_MESSAGE_SIZE = 25L * 1024 * 1024;
    public static final int DEFAULT_MAX_REPLY_LINE_LENGTH = 16 * 1024;
    public static final int DEFAULT_MAX_REPLY_LINES = 500;
    public static final int DEFAULT_MAX_REPLY_SIZE = 256 * 1024;

    /** The shortest line limit: room for a verb and its CRLF. */
    public static final int MIN_LINE_LIMIT = 16;

    /**
     * Ceiling of every line limit, the line scanner's own: a typo such as Integer.MAX_VALUE must
     * not turn the scratch buffer into a memory-exhaustion vector.
     */
    public static final int MAX_LINE_LIMIT = LineScannerConfig.MAX_LINE_LENGTH_CEILING;

    /** Ceiling of each allowance, so that no sum overflows. */
    public static final int MAX_ALLOWANCE = 64 * 1024;

    private static final SmtpDecoderConfig DEFAULTS = builder().build();

    public SmtpDecoderConfig {
        range("maxCommandLine", maxCommandLine, MIN_LINE_LIMIT, MAX_LINE_LIMIT);
        range("sizeAllowance", sizeAllowance, 0, MAX_ALLOWANCE);
        range("authAllowance", authAllowance, 0, MAX_ALLOWANCE);
        range("dsnMailAllowance", dsnMailAllowance, 0, MAX_ALLOWANCE);
        range("dsnRcptAllowance", dsnRcptAllowance, 0, MAX_ALLOWANCE);
        range("smtpUtf8Allowance", smtpUtf8Allowance, 0, MAX_ALLOWANCE);
        range("maxTextLine", maxTextLine, MIN_LINE_LIMIT, MAX_LINE_LIMIT);
        range("maxAuthLine", maxAuthLine, MIN_LINE_LIMIT, MAX_LINE_LIMIT);
        range("maxRecipients", maxRecipients, 1, Integer.MAX_VALUE);
        if (maxMessageSize < 0) {
            throw new IllegalArgumentException("maxMessageSize must not be negative, was " + maxMessageSize);
        }
        range("maxReplyLineLength", maxReplyLineLength, MIN_LINE_LIMIT, MAX_LINE_LIMIT);
        range("maxReplyLines", maxReplyLines, 1, Integer.MAX_VALUE);
        range("maxReplySize", maxReplySize, MIN_LINE_LIMIT, Integer.MAX_VALUE);
        leniencies = leniencies.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(leniencies));
        if (Math.max(maxCommandLine + sizeAllowance + authAllowance + dsnMailAllowance + smtpUtf8Allowance,
                maxCommandLine + dsnRcptAllowance) > MAX_LINE_LIMIT) {
            throw new IllegalArgumentException("maxCommandLine plus allowances must not exceed " + MAX_LINE_LIMIT);
        }
    }

    /** The RFC defaults, strict. */
    public static SmtpDecoderConfig defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The longest MAIL line: {@code maxCommandLine} plus every MAIL allowance. */
    public int maxMailLine() {
        return maxCommandLine + sizeAllowance + authAllowance + dsnMailAllowance + smtpUtf8Allowance;
    }

    /** The longest RCPT line: {@code maxCommandLine} plus the DSN RCPT allowance. */
    public int maxRcptLine() {
        return maxCommandLine + dsnRcptAllowance;
    }

    /** The longest line the command decoder buffers: the largest per-verb limit. */
    public int maxBufferedCommandLine() {
        return Math.max(Math.max(maxMailLine(), maxRcptLine()), Math.max(maxCommandLine, maxAuthLine));
    }

    public boolean allows(SmtpLeniency leniency) {
        return leniencies.contains(leniency);
    }

    private static void range(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    /** Starts from the defaults. */
    public static final class Builder {
        private int maxCommandLine = DEFAULT_MAX_COMMAND_LINE;
        private int sizeAllowance = DEFAULT_SIZE_ALLOWANCE;
        private int authAllowance = DEFAULT_AUTH_ALLOWANCE;
        private int dsnMailAllowance = DEFAULT_DSN_MAIL_ALLOWANCE;
        private int dsnRcptAllowance = DEFAULT_DSN_RCPT_ALLOWANCE;
        private int smtpUtf8Allowance = DEFAULT_SMTPUTF8_ALLOWANCE;
        private int maxTextLine = DEFAULT_MAX_TEXT_LINE;
        private int maxAuthLine = DEFAULT_MAX_AUTH_LINE;
        private int maxRecipients = DEFAULT_MAX_RECIPIENTS;
        private long maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
        private int maxReplyLineLength = DEFAULT_MAX_REPLY_LINE_LENGTH;
        private int maxReplyLines = DEFAULT_MAX_REPLY_LINES;
        private int maxReplySize = DEFAULT_MAX_REPLY_SIZE;
        private final EnumSet<SmtpLeniency> leniencies = EnumSet.noneOf(SmtpLeniency.class);

        private Builder() {
        }

        private Builder(SmtpDecoderConfig c) {
            maxCommandLine = c.maxCommandLine;
            sizeAllowance = c.sizeAllowance;
            authAllowance = c.authAllowance;
            dsnMailAllowance = c.dsnMailAllowance;
            dsnRcptAllowance = c.dsnRcptAllowance;
            smtpUtf8Allowance = c.smtpUtf8Allowance;
            maxTextLine = c.maxTextLine;
            maxAuthLine = c.maxAuthLine;
            maxRecipients = c.maxRecipients;
            maxMessageSize = c.maxMessageSize;
            maxReplyLineLength = c.maxReplyLineLength;
            maxReplyLines = c.maxReplyLines;
            maxReplySize = c.maxReplySize;
            leniencies.addAll(c.leniencies);
        }

        public Builder maxCommandLine(int v) {
            maxCommandLine = v;
            return this;
        }

        public Builder sizeAllowance(int v) {
            sizeAllowance = v;
            return this;
        }

        public Builder authAllowance(int v) {
            authAllowance = v;
            return this;
        }

        public Builder dsnMailAllowance(int v) {
            dsnMailAllowance = v;
            return this;
        }

        public Builder dsnRcptAllowance(int v) {
            dsnRcptAllowance = v;
            return this;
        }

        public Builder smtpUtf8Allowance(int v) {
            smtpUtf8Allowance = v;
            return this;
        }

        public Builder maxTextLine(int v) {
            maxTextLine = v;
            return this;
        }

        public Builder maxAuthLine(int v) {
            maxAuthLine = v;
            return this;
        }

        public Builder maxRecipients(int v) {
            maxRecipients = v;
            return this;
        }

        public Builder maxMessageSize(long v) {
            maxMessageSize = v;
            return this;
        }

        public Builder maxReplyLineLength(int v) {
            maxReplyLineLength = v;
            return this;
        }

        public Builder maxReplyLines(int v) {
            maxReplyLines = v;
            return this;
        }

        public Builder maxReplySize(int v) {
            maxReplySize = v;
            return this;
        }

        public Builder allow(SmtpLeniency leniency) {
            leniencies.add(Objects.requireNonNull(leniency, "leniency"));
            return this;
        }

        public Builder leniencies(Set<SmtpLeniency> newLeniencies) {
            leniencies.clear();
            leniencies.addAll(newLeniencies);
            return this;
        }

        public SmtpDecoderConfig build() {
            return new SmtpDecoderConfig(maxCommandLine, sizeAllowance, authAllowance, dsnMailAllowance,
                    dsnRcptAllowance, smtpUtf8Allowance, maxTextLine, maxAuthLine, maxRecipients,
                    maxMessageSize, maxReplyLineLength, maxReplyLines, maxReplySize, leniencies);
        }
    }
}
