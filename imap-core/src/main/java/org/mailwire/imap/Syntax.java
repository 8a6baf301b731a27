package org.mailwire.imap;

/** Character classes of RFC 3501 §9 / RFC 9051 §9, shared by the model and the codec. */
public final class Syntax {

    private Syntax() {
    }

    /** ATOM-CHAR: any CHAR except atom-specials ( ( ) { SP CTL % * " \ ] ). */
    public static boolean atomChar(int c) {
        if (c <= 0x20 || c >= 0x7f) {
            return false;
        }
        return c != '(' && c != ')' && c != '{' && c != '%' && c != '*' && c != '"' && c != '\\' && c != ']';
    }

    /** ASTRING-CHAR: ATOM-CHAR or "]". */
    public static boolean astringChar(int c) {
        return atomChar(c) || c == ']';
    }

    /** A tag octet: ASTRING-CHAR except "+". */
    public static boolean tagChar(int c) {
        return astringChar(c) && c != '+';
    }

    /** list-char: ATOM-CHAR, list-wildcards or resp-specials. */
    public static boolean listChar(int c) {
        return atomChar(c) || c == '%' || c == '*' || c == ']';
    }

    /** True when {@code s} is a non-empty run of ATOM-CHARs. */
    public static boolean isAtom(CharSequence s) {
        if (s.length() == 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!atomChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code s} holds CR, LF or NUL, which no IMAP string but a literal8 may carry. */
    public static boolean hasCrLfNul(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                return true;
            }
        }
        return false;
    }
}
