package org.mailwire.imap.codec;

/**
 * Limits of the client side {@link ImapResponseDecoder} (SECURITY.md rows 4, 5, 8, 12).
 *
 * @param maxLine            octets of one response line, CRLF excluded: 16 KiB
 * @param maxResponse        a whole response held in memory (its lines with CRLFs, and its
 *                           non-streamed literals): 256 KiB
 * @param maxLiteral         a literal that is not a FETCH body, collected in memory: 64 KiB
 * @param maxStreamedLiteral a FETCH BODY[]/BINARY[] literal, streamed to the sink: 2^62
 * @param maxNestingDepth    parenthesised list depth: 8
 * @param maxListLength      elements of one list, and numbers of one SEARCH response: 100,000
 * @param maxLiteralsPerResponse literals in one response, streamed or not: 256 (each literal
 *                           re-reads the response so far, so this also bounds the work per response)
 */
public record ImapResponseDecoderConfig(int maxLine, int maxResponse, int maxLiteral, long maxStreamedLiteral,
        int maxNestingDepth, int maxListLength, int maxLiteralsPerResponse) {

    public static final int DEFAULT_MAX_LINE = 16 * 1024;
    public static final int DEFAULT_MAX_RESPONSE = 256 * 1024;
    public static final int DEFAULT_MAX_LITERAL = 64 * 1024;
    public static final long DEFAULT_MAX_STREAMED_LITERAL = 1L << 62;
    public static final int DEFAULT_MAX_NESTING_DEPTH = 8;
    public static final int DEFAULT_MAX_LIST_LENGTH = 100_000;
    public static final int DEFAULT_MAX_LITERALS_PER_RESPONSE = 256;

    private static final ImapResponseDecoderConfig DEFAULTS = new ImapResponseDecoderConfig(DEFAULT_MAX_LINE,
            DEFAULT_MAX_RESPONSE, DEFAULT_MAX_LITERAL, DEFAULT_MAX_STREAMED_LITERAL, DEFAULT_MAX_NESTING_DEPTH,
            DEFAULT_MAX_LIST_LENGTH, DEFAULT_MAX_LITERALS_PER_RESPONSE);

    public ImapResponseDecoderConfig {
        range("maxLine", maxLine, ImapDecoderConfig.MIN_LINE_LIMIT, ImapDecoderConfig.MAX_BUFFER_LIMIT);
        range("maxResponse", maxResponse, maxLine, ImapDecoderConfig.MAX_BUFFER_LIMIT);
        range("maxLiteral", maxLiteral, 0, ImapDecoderConfig.MAX_BUFFER_LIMIT);
        range("maxStreamedLiteral", maxStreamedLiteral, 0, 1L << 62);
        range("maxNestingDepth", maxNestingDepth, 1, 1000);
        range("maxListLength", maxListLength, 1, 10_000_000);
        range("maxLiteralsPerResponse", maxLiteralsPerResponse, 0, 100_000);
    }

    public static ImapResponseDecoderConfig defaults() {
        return DEFAULTS;
    }

    public ImapResponseDecoderConfig withMaxLine(int v) {
        return new ImapResponseDecoderConfig(v, Math.max(v, maxResponse), maxLiteral, maxStreamedLiteral,
                maxNestingDepth, maxListLength, maxLiteralsPerResponse);
    }

    public ImapResponseDecoderConfig withMaxResponse(int v) {
        return new ImapResponseDecoderConfig(maxLine, v, maxLiteral, maxStreamedLiteral, maxNestingDepth,
                maxListLength, maxLiteralsPerResponse);
    }

    public ImapResponseDecoderConfig withMaxLiteral(int v) {
        return new ImapResponseDecoderConfig(maxLine, maxResponse, v, maxStreamedLiteral, maxNestingDepth,
                maxListLength, maxLiteralsPerResponse);
    }

    public ImapResponseDecoderConfig withMaxStreamedLiteral(long v) {
        return new ImapResponseDecoderConfig(maxLine, maxResponse, maxLiteral, v, maxNestingDepth, maxListLength,
                maxLiteralsPerResponse);
    }

    public ImapResponseDecoderConfig withMaxNestingDepth(int v) {
        return new ImapResponseDecoderConfig(maxLine, maxResponse, maxLiteral, maxStreamedLiteral, v, maxListLength,
                maxLiteralsPerResponse);
    }

    public ImapResponseDecoderConfig withMaxListLength(int v) {
        return new ImapResponseDecoderConfig(maxLine, maxResponse, maxLiteral, maxStreamedLiteral, maxNestingDepth,
                v, maxLiteralsPerResponse);
    }

    public ImapResponseDecoderConfig withMaxLiteralsPerResponse(int v) {
        return new ImapResponseDecoderConfig(maxLine, maxResponse, maxLiteral, maxStreamedLiteral, maxNestingDepth,
                maxListLength, v);
    }

    private static void range(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
        }
    }
}
