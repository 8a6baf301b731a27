package org.mailwire.transport.line;

/**
 * Limits and leniencies of a {@link LineScanner}, immutable and validated.
 *
 * <p>{@code maxLineLength} counts the content octets of a line, <em>without</em> its CRLF. A line
 * whose content is exactly {@code maxLineLength} octets is accepted; one more octet makes it
 * overlong. Callers translating an RFC limit that includes the CRLF subtract two: RFC 5321
 * §4.5.3.1.6 (text line, 1000 with CRLF) is 998 here, §4.5.3.1.4 (command line, 512) is 510.
 *
 * @param maxLineLength  content octets a line may hold, between 1 and {@link #MAX_LINE_LENGTH_CEILING}
 * @param bareLfEndsLine a named leniency for peers that end lines with a bare LF; the LF is still
 *                       reported as {@link LineViolation#BARE_LF}. Off in {@link #strict(int)}.
 */
public record LineScannerConfig(int maxLineLength, boolean bareLfEndsLine) {

    /**
     * 1000 content octets. It is two octets more generous than the RFC 5321 §4.5.3.1.6 text line
     * (1000 including CRLF), following §4.5.3.1's advice that receivers should not be the ones to
     * truncate; a codec that wants the exact RFC bound configures 998.
     */
    public static final int DEFAULT_MAX_LINE_LENGTH = 1000;

    /**
     * Upper bound for {@code maxLineLength}: the largest line limit any of our protocols names
     * (IMAP, 64 KiB after authentication) with ample headroom, while still keeping a typo such as
     * {@code Integer.MAX_VALUE} from turning the scratch buffer into a memory-exhaustion vector.
     */
    public static final int MAX_LINE_LENGTH_CEILING = 16 * 1024 * 1024;

    public LineScannerConfig {
        if (maxLineLength < 1 || maxLineLength > MAX_LINE_LENGTH_CEILING) {
            throw new IllegalArgumentException("maxLineLength must be between 1 and "
                    + MAX_LINE_LENGTH_CEILING + ", was " + maxLineLength);
        }
    }

    /** Only CRLF ends a line, lines up to {@code maxLineLength} content octets. */
    public static LineScannerConfig strict(int maxLineLength) {
        return new LineScannerConfig(maxLineLength, false);
    }

    /** {@code strict(DEFAULT_MAX_LINE_LENGTH)}. */
    public static LineScannerConfig defaults() {
        return strict(DEFAULT_MAX_LINE_LENGTH);
    }

    public LineScannerConfig withMaxLineLength(int newMaxLineLength) {
        return new LineScannerConfig(newMaxLineLength, bareLfEndsLine);
    }

    public LineScannerConfig withBareLfEndsLine(boolean newBareLfEndsLine) {
        return new LineScannerConfig(maxLineLength, newBareLfEndsLine);
    }
}
