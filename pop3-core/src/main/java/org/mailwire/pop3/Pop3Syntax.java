package org.mailwire.pop3;

/**
 * The lexical rules of POP3 values, shared by the model's validation and the decoders (which test
 * a value before building it, so that hostile input never costs an exception).
 */
public final class Pop3Syntax {

    /** RFC 4422 §3.1: a SASL mechanism name has 1 to 20 characters. */
    public static final int MAX_MECHANISM_LENGTH = 20;

    /** RFC 1939 §7: a unique-id has 1 to 70 characters. */
    public static final int MAX_UNIQUE_ID_LENGTH = 70;

    private Pop3Syntax() {
    }

    /**
     * A command argument such as a user name: non-empty, no space, no control character (C0 or
     * DEL), well-formed UTF-16. UTF-8 characters are allowed (RFC 6856).
     */
    public static boolean isArgument(String s) {
        return s != null && !s.isEmpty() && s.indexOf(' ') < 0 && isControlFree(s);
    }

    /**
     * PASS's argument (RFC 1939 §7): the rest of the line, so spaces are allowed, but it is
     * non-empty and holds no control character.
     */
    public static boolean isPassword(String s) {
        return s != null && !s.isEmpty() && isControlFree(s);
    }

    /** No C0 control, no DEL, no unpaired surrogate. */
    public static boolean isControlFree(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code s} holds CR, LF or NUL: the characters that would end or truncate a line. */
    public static boolean hasLineBreakOrNul(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                return true;
            }
        }
        return false;
    }

    /** APOP's digest (RFC 1939 §7): 32 lower-case hexadecimal digits. */
    public static boolean isDigest(String s) {
        if (s == null || s.length() != 32) {
            return false;
        }
        for (int i = 0; i < 32; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A SASL mechanism name (RFC 4422 §3.1): 1 to 20 of letters, digits, "-" and "_". Lower-case
     * letters are accepted here; the model upper-cases them.
     */
    public static boolean isMechanism(String s) {
        if (s == null || s.isEmpty() || s.length() > MAX_MECHANISM_LENGTH) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(isAsciiLetter(c) || isDigit(c) || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Base64 text (RFC 4648 §4) as SASL exchanges carry it: the alphabet, then at most two "=";
     * when padding is present the length is a multiple of four. The empty string is base64 of
     * nothing.
     */
    public static boolean isBase64(String s) {
        if (s == null) {
            return false;
        }
        int n = s.length();
        int end = n;
        while (end > 0 && s.charAt(end - 1) == '=') {
            end--;
        }
        if (n - end > 2 || (n != end && (n % 4 != 0 || end == 0))) {
            return false;
        }
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (!(isAsciiLetter(c) || isDigit(c) || c == '+' || c == '/')) {
                return false;
            }
        }
        return true;
    }

    /** AUTH's initial response (RFC 5034 §4): non-empty base64, or "=" for an empty one. */
    public static boolean isInitialResponse(String s) {
        return s != null && !s.isEmpty() && (s.equals("=") || isBase64(s));
    }

    /**
     * LANG's argument (RFC 6856 §3): "*" or a basic language range (RFC 4647 §2.1),
     * {@code 1*8ALPHA *("-" 1*8alphanum)}.
     */
    public static boolean isLanguageRange(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        if (s.equals("*")) {
            return true;
        }
        int run = 0;
        boolean first = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '-') {
                if (run == 0) {
                    return false;
                }
                run = 0;
                first = false;
            } else if (isAsciiLetter(c) || (!first && isDigit(c))) {
                if (++run > 8) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return run > 0;
    }

    /** A unique-id (RFC 1939 §7): 1 to 70 characters in 0x21..0x7E. */
    public static boolean isUniqueId(String s) {
        if (s == null || s.isEmpty() || s.length() > MAX_UNIQUE_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /**
     * An extended response code (RFC 2449 §3, {@code resp-code}): levels of one or more
     * characters in 0x21..0x7E other than "/" and "]", separated by "/". (The RFC's grammar also
     * admits DEL, 0x7F, a control character that we refuse.)
     */
    public static boolean isResponseCode(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '/') {
                if (run == 0) {
                    return false;
                }
                run = 0;
            } else if (c >= 0x21 && c <= 0x7E && c != ']') {
                run++;
            } else {
                return false;
            }
        }
        return run > 0;
    }

    /**
     * A CAPA tag (RFC 2449 §3, {@code capa-tag}): one or more characters in 0x21..0x7E other
     * than "." (so that no tag line can be the listing's terminator).
     */
    public static boolean isCapabilityTag(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7E || c == '.') {
                return false;
            }
        }
        return true;
    }

    /**
     * The value of an unsigned decimal number in {@code s}: digits only (leading zeros allowed),
     * at most {@code max}; -1 if {@code s} is empty, holds anything else, or is larger.
     */
    public static long number(CharSequence s, long max) {
        int n = s.length();
        if (n == 0) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            int d = c - '0';
            if (value > (max - d) / 10) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** ASCII upper case; no locale can turn "i" into a dotted capital. */
    static String upperAscii(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z') {
                if (out == null) {
                    out = new StringBuilder(s);
                }
                out.setCharAt(i, (char) (c - 32));
            }
        }
        return out == null ? s : out.toString();
    }
}
