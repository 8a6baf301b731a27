package org.mailwire.smtp;

import java.util.Optional;

/**
 * An RFC 3463 enhanced mail system status code {@code class.subject.detail}, e.g. 5.1.1, carried
 * at the start of reply text when ENHANCEDSTATUSCODES (RFC 2034) is in use.
 *
 * @param codeClass 2 (success), 4 (persistent transient failure) or 5 (permanent failure)
 * @param subject   0..999 (RFC 3463 §2: 1*3digit)
 * @param detail    0..999
 */
public record EnhancedStatusCode(int codeClass, int subject, int detail) {

    /** RFC 3463 §2: subject and detail are 1*3digit. */
    public static final int MAX_PART = 999;

    public EnhancedStatusCode {
        if (codeClass != 2 && codeClass != 4 && codeClass != 5) {
            throw new IllegalArgumentException("class must be 2, 4 or 5");
        }
        if (subject < 0 || subject > MAX_PART || detail < 0 || detail > MAX_PART) {
            throw new IllegalArgumentException("subject and detail must be 0.." + MAX_PART);
        }
    }

    /**
     * Parses {@code "5.1.1"} strictly: one class digit, then 1 to 3 digits twice, separated by
     * dots, nothing else.
     *
     * @throws IllegalArgumentException otherwise (the message does not echo the input)
     */
    public static EnhancedStatusCode parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException("not an enhanced status code"));
    }

    /** As {@link #parse} but empty instead of throwing. */
    public static Optional<EnhancedStatusCode> tryParse(String text) {
        int end = prefixLength(text);
        return end == text.length() && end > 0 ? Optional.of(parsePrefix(text)) : Optional.empty();
    }

    /**
     * Length of the enhanced status code at the start of {@code text}, 0 if there is none. The code
     * must be followed by the end of the text or a space.
     */
    public static int prefixLength(String text) {
        int n = text.length();
        if (n < 5 || (text.charAt(0) != '2' && text.charAt(0) != '4' && text.charAt(0) != '5')
                || text.charAt(1) != '.') {
            return 0;
        }
        int i = 2;
        int digits = 0;
        while (i < n && isDigit(text.charAt(i)) && digits < 4) {
            i++;
            digits++;
        }
        if (digits < 1 || digits > 3 || i >= n || text.charAt(i) != '.') {
            return 0;
        }
        i++;
        digits = 0;
        while (i < n && isDigit(text.charAt(i)) && digits < 4) {
            i++;
            digits++;
        }
        if (digits < 1 || digits > 3 || (i < n && text.charAt(i) != ' ')) {
            return 0;
        }
        return i;
    }

    /**
     * The code at the start of {@code text}.
     *
     * @throws IllegalArgumentException if {@link #prefixLength} is 0
     */
    public static EnhancedStatusCode parsePrefix(String text) {
        if (prefixLength(text) == 0) {
            throw new IllegalArgumentException("text does not start with an enhanced status code");
        }
        int second = text.indexOf('.', 2);
        int end = prefixLength(text);
        return new EnhancedStatusCode(text.charAt(0) - '0', Integer.parseInt(text.substring(2, second)),
                Integer.parseInt(text.substring(second + 1, end)));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    @Override
    public String toString() {
        return codeClass + "." + subject + "." + detail;
    }
}
