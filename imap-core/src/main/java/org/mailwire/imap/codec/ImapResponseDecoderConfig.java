package org.mailwire.imap.codec;

/**
 * Limits of the client side {@link ImapResponseDecoder} (SECURITY.md rows 4, 5, 8, 12).
 *
 * <p>Line length. Servers send long lines for good reasons: a COPYUID or VANISHED set after moving
 * every other message of a large mailbox, the one-line BODYSTRUCTURE of a message with hundreds of
 * attachments, an ENVELOPE with a 25 KB subject (Dovecot sends all three on one line). So a line may
 * be 1 MiB, about what {@link #DEFAULT_MAX_BODY_PARTS} parts of a body structure take, and a response
 * 4 MiB; one connection costs at most that much, which a client can afford.
 *
 * <p>Result lines. A SEARCH, SORT, THREAD or ESEARCH response is one line whose length grows with
 * the mailbox: 100,000 UIDs are about 1.1 MB, far past what any other response needs. Rather than
 * raising {@code maxLine} for every response to that (which would let any hostile line cost that much),
 * a line that starts with {@code * SEARCH}, {@code * SORT}, {@code * THREAD} or {@code * ESEARCH}
 * may grow past {@code maxLine} up to {@code maxResultLine}, and its octets count against that
 * limit instead of {@code maxResponse}. The numbers inside still count against
 * {@code maxListLength} (SEARCH, SORT) or {@code maxThreadNodes} (THREAD), so the memory a result
 * can cost is bounded by those two limits together.
 *
 * @param maxLine            octets of one response line, CRLF excluded: 1 MiB
 * @param maxResponse        a whole response held in memory (its lines with CRLFs, and its
 *                           non-streamed literals): 4 MiB
 * @param maxLiteral         a literal that is not a FETCH body, collected in memory: 64 KiB
 * @param maxStreamedLiteral a FETCH BODY[]/BINARY[]/RFC822[.HEADER|.TEXT] literal, streamed to
 *                           the sink: 2^62
 * @param maxNestingDepth    parenthesised list depth: 8
 * @param maxListLength      elements of one list, and numbers of one SEARCH or SORT response:
 *                           100,000
 * @param maxLiteralsPerResponse literals in one response, streamed or not: 256 (each literal
 *                           re-reads the response so far, so this also bounds the work per response)
 * @param maxBodyNesting     nesting of body parts in one BODY/BODYSTRUCTURE (a multipart or
 *                           message/rfc822 part and the parts inside it; the outermost part is 1):
 *                           100. Body-part parentheses count here, not against maxNestingDepth;
 *                           the other lists inside (parameters, envelope, extension data) still
 *                           count against maxNestingDepth.
 * @param maxBodyParts       body parts, multiparts included, in one BODY/BODYSTRUCTURE: 10,000
 * @param maxResultLine      octets of one SEARCH/SORT/THREAD/ESEARCH line, CRLF excluded: 2 MiB,
 *                           so that {@link #DEFAULT_MAX_LIST_LENGTH} ten-digit numbers fit with room
 *                           to spare; at least {@code maxLine}
 * @param maxThreadNesting   nesting of thread lists in one THREAD response (a branch inside a
 *                           branch; a top-level thread is 1): 100. Thread-list parentheses count
 *                           here, not against maxNestingDepth; a reply chain of any length is one
 *                           level.
 * @param maxThreadNodes     messages plus thread lists in one THREAD response: 200,000 (100,000
 *                           messages each in a thread of its own)
 */
public record ImapResponseDecoderConfig(int maxLine, int maxResponse, int maxLiteral, long maxStreamedLiteral,
        int maxNestingDepth, int maxListLength, int maxLiteralsPerResponse, int maxBodyNesting, int maxBodyParts,
        int maxResultLine, int maxThreadNesting, int maxThreadNodes) {

    public static final int DEFAULT_MAX_LINE = 1024 * 1024;
    public static final int DEFAULT_MAX_RESPONSE = 4 * 1024 * 1024;
    public static final int DEFAULT_MAX_LITERAL = 64 * 1024;
    public static final long DEFAULT_MAX_STREAMED_LITERAL = 1L << 62;
    public static final int DEFAULT_MAX_NESTING_DEPTH = 8;
    public static final int DEFAULT_MAX_LIST_LENGTH = 100_000;
    public static final int DEFAULT_MAX_LITERALS_PER_RESPONSE = 256;
    public static final int DEFAULT_MAX_BODY_NESTING = 100;
    public static final int DEFAULT_MAX_BODY_PARTS = 10_000;
    public static final int DEFAULT_MAX_RESULT_LINE = 2 * 1024 * 1024;
    public static final int DEFAULT_MAX_THREAD_NESTING = 100;
    public static final int DEFAULT_MAX_THREAD_NODES = 200_000;

    /** The largest maxResultLine: 128 MiB, room for ten million ten-digit numbers. */
    public static final int MAX_RESULT_LINE_LIMIT = 128 * 1024 * 1024;

    private static final ImapResponseDecoderConfig DEFAULTS = new ImapResponseDecoderConfig(DEFAULT_MAX_LINE,
            DEFAULT_MAX_RESPONSE, DEFAULT_MAX_LITERAL, DEFAULT_MAX_STREAMED_LITERAL, DEFAULT_MAX_NESTING_DEPTH,
            DEFAULT_MAX_LIST_LENGTH, DEFAULT_MAX_LITERALS_PER_RESPONSE, DEFAULT_MAX_BODY_NESTING, DEFAULT_MAX_BODY_PARTS,
            DEFAULT_MAX_RESULT_LINE, DEFAULT_MAX_THREAD_NESTING, DEFAULT_MAX_THREAD_NODES);

    public ImapResponseDecoderConfig {
        range("maxLine", maxLine, ImapDecoderConfig.MIN_LINE_LIMIT, ImapDecoderConfig.MAX_BUFFER_LIMIT);
        range("maxResponse", maxResponse, maxLine, ImapDecoderConfig.MAX_BUFFER_LIMIT);
        range("maxLiteral", maxLiteral, 0, ImapDecoderConfig.MAX_BUFFER_LIMIT);
        range("maxStreamedLiteral", maxStreamedLiteral, 0, 1L << 62);
        range("maxNestingDepth", maxNestingDepth, 1, 1000);
        range("maxListLength", maxListLength, 1, 10_000_000);
        range("maxLiteralsPerResponse", maxLiteralsPerResponse, 0, 100_000);
        range("maxBodyNesting", maxBodyNesting, 1, 1000);
        range("maxBodyParts", maxBodyParts, 1, 10_000_000);
        range("maxResultLine", maxResultLine, maxLine, MAX_RESULT_LINE_LIMIT);
        range("maxThreadNesting", maxThreadNesting, 1, 1000);
        range("maxThreadNodes", maxThreadNodes, 1, 20_000_000);
    }

    /** The limits before result lines and THREAD had their own; those three take their defaults. */
    public ImapResponseDecoderConfig(int maxLine, int maxResponse, int maxLiteral, long maxStreamedLiteral,
            int maxNestingDepth, int maxListLength, int maxLiteralsPerResponse, int maxBodyNesting, int maxBodyParts) {
        this(maxLine, maxResponse, maxLiteral, maxStreamedLiteral, maxNestingDepth, maxListLength,
                maxLiteralsPerResponse, maxBodyNesting, maxBodyParts, Math.max(maxLine, DEFAULT_MAX_RESULT_LINE),
                DEFAULT_MAX_THREAD_NESTING, DEFAULT_MAX_THREAD_NODES);
    }

    public static ImapResponseDecoderConfig defaults() {
        return DEFAULTS;
    }

    /** Also raises maxResponse and maxResultLine to {@code v} when they are smaller. */
    public ImapResponseDecoderConfig withMaxLine(int v) {
        return new ImapResponseDecoderConfig(v, Math.max(v, maxResponse), maxLiteral, maxStreamedLiteral,
                maxNestingDepth, maxListLength, maxLiteralsPerResponse, maxBodyNesting, maxBodyParts,
                Math.max(v, maxResultLine), maxThreadNesting, maxThreadNodes);
    }

    public ImapResponseDecoderConfig withMaxResponse(int v) {
        return new ImapResponseDecoderConfig(maxLine, v, maxLiteral, maxStreamedLiteral, maxNestingDepth,
                maxListLength, maxLiteralsPerResponse, maxBodyNesting, maxBodyParts, maxResultLine, maxThreadNesting,
                maxThreadNodes);
    }

    public ImapResponseDecoderConfig withMaxLiteral(int v) {
        return new ImapResponseDecoderConfig(maxLine, maxResponse, v, maxStreamedLiteral, maxNestingDepth,
                maxListLength, maxLiteralsPerResponse, maxBodyNesting, maxBodyParts, maxResultLine, maxThreadNesting,
                maxThreadNodes);
    }

    public ImapResponseDecoderConfig withMaxStreamedLiteral(long v) {
        return new ImapResponseDecoderConfig(maxLine, maxResponse, maxLiteral, v, maxNestingDepth, maxListLength,
                maxLiteralsPerResponse, maxBodyNesting, maxBodyParts, maxResultLine, maxThreadNesting, maxThreadNodes);
    }

    public ImapResponseDecoderConfig withMaxNestingDepth(int v) {
        return new ImapResponseDecoderConfig(maxLine, maxResponse, maxLiteral, maxStreamedLiteral, v, maxListLength,
                maxLiteralsPerResponse, maxBodyNesting, maxBodyParts, maxResultLine, maxThreadNesting, maxThreadNodes);
    }

    public ImapResponseDecoderConfig withMaxListLength(int v) {
        return new ImapResponseDecoderConfig(maxLine, maxResponse, maxLiteral, maxStreamedLiteral, maxNestingDepth,
                v, maxLiteralsPerResponse, maxBodyNesting, maxBodyParts, maxResultLine, maxThreadNesting,
                maxThreadNodes);
    }

    public ImapResponseDecoderConfig withMaxLiteralsPerResponse(int v) {
        return new ImapResponseDecoderConfig(maxLine, maxResponse, maxLiteral, maxStreamedLiteral, maxNestingDepth,
                maxListLength, v, maxBodyNesting, maxBodyParts, maxResultLine, maxThreadNesting, maxThreadNodes);
    }

    public ImapResponseDecoderConfig withMaxBodyNesting(int v) {
        return new ImapResponseDecoderConfig(maxLine, maxResponse, maxLiteral, maxStreamedLiteral, maxNestingDepth,
                maxListLength, maxLiteralsPerResponse, v, maxBodyParts, maxResultLine, maxThreadNesting,
                maxThreadNodes);
    }

    public ImapResponseDecoderConfig withMaxBodyParts(int v) {
        return new ImapResponseDecoderConfig(maxLine, maxResponse, maxLiteral, maxStreamedLiteral, maxNestingDepth,
                maxListLength, maxLiteralsPerResponse, maxBodyNesting, v, maxResultLine, maxThreadNesting,
                maxThreadNodes);
    }

    public ImapResponseDecoderConfig withMaxResultLine(int v) {
        return new ImapResponseDecoderConfig(maxLine, maxResponse, maxLiteral, maxStreamedLiteral, maxNestingDepth,
                maxListLength, maxLiteralsPerResponse, maxBodyNesting, maxBodyParts, v, maxThreadNesting,
                maxThreadNodes);
    }

    public ImapResponseDecoderConfig withMaxThreadNesting(int v) {
        return new ImapResponseDecoderConfig(maxLine, maxResponse, maxLiteral, maxStreamedLiteral, maxNestingDepth,
                maxListLength, maxLiteralsPerResponse, maxBodyNesting, maxBodyParts, maxResultLine, v, maxThreadNodes);
    }

    public ImapResponseDecoderConfig withMaxThreadNodes(int v) {
        return new ImapResponseDecoderConfig(maxLine, maxResponse, maxLiteral, maxStreamedLiteral, maxNestingDepth,
                maxListLength, maxLiteralsPerResponse, maxBodyNesting, maxBodyParts, maxResultLine, maxThreadNesting,
                v);
    }

    private static void range(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
        }
    }
}
