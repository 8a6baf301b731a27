package org.mailwire.imap.codec;

import java.util.Objects;

/**
 * Every limit of the IMAP command decoder, immutable and validated (SECURITY.md rows 4, 5, 8).
 * Line limits count the command's text octets across all its lines (literal octets excluded,
 * CRLFs included), so a command cannot dodge the limit by splitting itself around literals.
 *
 * @param maxLineBeforeAuth    command text before authentication: 8 KiB
 * @param maxLineAfterAuth     command text after authentication: 64 KiB
 * @param maxLiteralBeforeAuth any literal before authentication: 8 KiB
 * @param maxLiteralAfterAuth  an APPEND message literal (streamed) after authentication: 64 MiB
 * @param maxArgumentLiteral   a literal that is a string argument, collected in memory: 64 KiB
 *                             (the smaller of this and the literal limit applies)
 * @param maxLiteralsPerCommand literals in one command: 32
 * @param maxNestingDepth      parenthesised list depth: 8
 * @param maxListLength        elements of one list (and ENABLE's atoms): 1024
 * @param nonSyncLiterals      which {@code {n+}} literals are accepted: LITERAL- by default
 * @param maxAppendMessages    messages in one APPEND (RFC 3502 MULTIAPPEND): 1000; each is
 *                             checked when its header arrives, before its data is accepted
 * @param maxCatenateParts     parts of one CATENATE message (RFC 4469): 100
 */
public record ImapDecoderConfig(int maxLineBeforeAuth, int maxLineAfterAuth, long maxLiteralBeforeAuth,
        long maxLiteralAfterAuth, int maxArgumentLiteral, int maxLiteralsPerCommand, int maxNestingDepth,
        int maxListLength, NonSyncLiterals nonSyncLiterals, int maxAppendMessages, int maxCatenateParts) {

    public static final int DEFAULT_MAX_LINE_BEFORE_AUTH = 8 * 1024;
    public static final int DEFAULT_MAX_LINE_AFTER_AUTH = 64 * 1024;
    public static final long DEFAULT_MAX_LITERAL_BEFORE_AUTH = 8 * 1024;
    public static final long DEFAULT_MAX_LITERAL_AFTER_AUTH = 64L * 1024 * 1024;
    public static final int DEFAULT_MAX_ARGUMENT_LITERAL = 64 * 1024;
    public static final int DEFAULT_MAX_LITERALS_PER_COMMAND = 32;
    public static final int DEFAULT_MAX_NESTING_DEPTH = 8;
    public static final int DEFAULT_MAX_LIST_LENGTH = 1024;
    public static final int DEFAULT_MAX_APPEND_MESSAGES = 1000;
    public static final int DEFAULT_MAX_CATENATE_PARTS = 100;

    /** RFC 7888 §3: LITERAL- allows non-synchronising literals of at most 4096 octets. */
    public static final int LITERAL_MINUS_MAX = 4096;

    /** Smallest line limit: room for a tag, a command and the CRLF. */
    public static final int MIN_LINE_LIMIT = 16;

    /** Ceiling of line and in-memory limits: a typo must not become a memory-exhaustion vector. */
    public static final int MAX_BUFFER_LIMIT = 16 * 1024 * 1024;

    private static final ImapDecoderConfig DEFAULTS = builder().build();

    public ImapDecoderConfig {
        range("maxLineBeforeAuth", maxLineBeforeAuth, MIN_LINE_LIMIT, MAX_BUFFER_LIMIT);
        range("maxLineAfterAuth", maxLineAfterAuth, MIN_LINE_LIMIT, MAX_BUFFER_LIMIT);
        range("maxLiteralBeforeAuth", maxLiteralBeforeAuth, 0, Long.MAX_VALUE / 2);
        range("maxLiteralAfterAuth", maxLiteralAfterAuth, 0, Long.MAX_VALUE / 2);
        range("maxArgumentLiteral", maxArgumentLiteral, 0, MAX_BUFFER_LIMIT);
        range("maxLiteralsPerCommand", maxLiteralsPerCommand, 0, 100_000);
        range("maxNestingDepth", maxNestingDepth, 1, 1000);
        range("maxListLength", maxListLength, 1, 1_000_000);
        Objects.requireNonNull(nonSyncLiterals, "nonSyncLiterals");
        range("maxAppendMessages", maxAppendMessages, 1, 1_000_000);
        range("maxCatenateParts", maxCatenateParts, 1, 1_000_000);
    }

    /** Without the APPEND limits, which take their defaults. */
    public ImapDecoderConfig(int maxLineBeforeAuth, int maxLineAfterAuth, long maxLiteralBeforeAuth,
            long maxLiteralAfterAuth, int maxArgumentLiteral, int maxLiteralsPerCommand, int maxNestingDepth,
            int maxListLength, NonSyncLiterals nonSyncLiterals) {
        this(maxLineBeforeAuth, maxLineAfterAuth, maxLiteralBeforeAuth, maxLiteralAfterAuth, maxArgumentLiteral,
                maxLiteralsPerCommand, maxNestingDepth, maxListLength, nonSyncLiterals, DEFAULT_MAX_APPEND_MESSAGES,
                DEFAULT_MAX_CATENATE_PARTS);
    }

    public static ImapDecoderConfig defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public int maxLine(boolean authenticated) {
        return authenticated ? maxLineAfterAuth : maxLineBeforeAuth;
    }

    public long maxLiteral(boolean authenticated) {
        return authenticated ? maxLiteralAfterAuth : maxLiteralBeforeAuth;
    }

    private static void range(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    /** Starts from the defaults. */
    public static final class Builder {
        private int maxLineBeforeAuth = DEFAULT_MAX_LINE_BEFORE_AUTH;
        private int maxLineAfterAuth = DEFAULT_MAX_LINE_AFTER_AUTH;
        private long maxLiteralBeforeAuth = DEFAULT_MAX_LITERAL_BEFORE_AUTH;
        private long maxLiteralAfterAuth = DEFAULT_MAX_LITERAL_AFTER_AUTH;
        private int maxArgumentLiteral = DEFAULT_MAX_ARGUMENT_LITERAL;
        private int maxLiteralsPerCommand = DEFAULT_MAX_LITERALS_PER_COMMAND;
        private int maxNestingDepth = DEFAULT_MAX_NESTING_DEPTH;
        private int maxListLength = DEFAULT_MAX_LIST_LENGTH;
        private NonSyncLiterals nonSyncLiterals = NonSyncLiterals.LITERAL_MINUS;
        private int maxAppendMessages = DEFAULT_MAX_APPEND_MESSAGES;
        private int maxCatenateParts = DEFAULT_MAX_CATENATE_PARTS;

        private Builder() {
        }

        private Builder(ImapDecoderConfig c) {
            maxLineBeforeAuth = c.maxLineBeforeAuth;
            maxLineAfterAuth = c.maxLineAfterAuth;
            maxLiteralBeforeAuth = c.maxLiteralBeforeAuth;
            maxLiteralAfterAuth = c.maxLiteralAfterAuth;
            maxArgumentLiteral = c.maxArgumentLiteral;
            maxLiteralsPerCommand = c.maxLiteralsPerCommand;
            maxNestingDepth = c.maxNestingDepth;
            maxListLength = c.maxListLength;
            nonSyncLiterals = c.nonSyncLiterals;
            maxAppendMessages = c.maxAppendMessages;
            maxCatenateParts = c.maxCatenateParts;
        }

        public Builder maxLineBeforeAuth(int v) {
            maxLineBeforeAuth = v;
            return this;
        }

        public Builder maxLineAfterAuth(int v) {
            maxLineAfterAuth = v;
            return this;
        }

        public Builder maxLiteralBeforeAuth(long v) {
            maxLiteralBeforeAuth = v;
            return this;
        }

        public Builder maxLiteralAfterAuth(long v) {
            maxLiteralAfterAuth = v;
            return this;
        }

        public Builder maxArgumentLiteral(int v) {
            maxArgumentLiteral = v;
            return this;
        }

        public Builder maxLiteralsPerCommand(int v) {
            maxLiteralsPerCommand = v;
            return this;
        }

        public Builder maxNestingDepth(int v) {
            maxNestingDepth = v;
            return this;
        }

        public Builder maxListLength(int v) {
            maxListLength = v;
            return this;
        }

        public Builder nonSyncLiterals(NonSyncLiterals v) {
            nonSyncLiterals = v;
            return this;
        }

        public Builder maxAppendMessages(int v) {
            maxAppendMessages = v;
            return this;
        }

        public Builder maxCatenateParts(int v) {
            maxCatenateParts = v;
            return this;
        }

        public ImapDecoderConfig build() {
            return new ImapDecoderConfig(maxLineBeforeAuth, maxLineAfterAuth, maxLiteralBeforeAuth,
                    maxLiteralAfterAuth, maxArgumentLiteral, maxLiteralsPerCommand, maxNestingDepth, maxListLength,
                    nonSyncLiterals, maxAppendMessages, maxCatenateParts);
        }
    }
}
