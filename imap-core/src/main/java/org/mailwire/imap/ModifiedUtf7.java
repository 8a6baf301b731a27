package org.mailwire.imap;

/**
 * Modified UTF-7 (RFC 3501 §5.1.3), strict both ways. Encoding is the only canonical form;
 * decoding refuses everything encoding would not produce: a shifted run holding printable
 * US-ASCII, two adjacent shifted runs, non-zero padding bits, a dangling partial code unit, an
 * unpaired surrogate, an unterminated run, and raw octets outside 0x20..0x7e.
 */
public final class ModifiedUtf7 {

    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,".toCharArray();

    private ModifiedUtf7() {
    }

    public static String encode(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c >= 0x20 && c <= 0x7e) {
                out.append(c == '&' ? "&-" : String.valueOf(c));
                i++;
                continue;
            }
            out.append('&');
            int bits = 0;
            int nbits = 0;
            while (i < s.length() && (s.charAt(i) < 0x20 || s.charAt(i) > 0x7e)) {
                bits = (bits << 16) | s.charAt(i);
                nbits += 16;
                while (nbits >= 6) {
                    nbits -= 6;
                    out.append(ALPHABET[(bits >>> nbits) & 0x3f]);
                }
                bits &= (1 << nbits) - 1;
                i++;
            }
            if (nbits > 0) {
                out.append(ALPHABET[(bits << (6 - nbits)) & 0x3f]);
            }
            out.append('-');
        }
        return out.toString();
    }

    /** @throws IllegalArgumentException when {@code s} is not canonical modified UTF-7 */
    public static String decode(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        boolean lastWasShift = false;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("octet outside printable US-ASCII");
            }
            if (c != '&') {
                out.append(c);
                i++;
                lastWasShift = false;
                continue;
            }
            i++;
            if (i < s.length() && s.charAt(i) == '-') {
                out.append('&');
                i++;
                lastWasShift = false;
                continue;
            }
            if (lastWasShift) {
                throw new IllegalArgumentException("adjacent shifted runs");
            }
            int bits = 0;
            int nbits = 0;
            int units = 0;
            while (true) {
                if (i == s.length()) {
                    throw new IllegalArgumentException("unterminated shifted run");
                }
                char d = s.charAt(i++);
                if (d == '-') {
                    break;
                }
                int v = value(d);
                bits = (bits << 6) | v;
                nbits += 6;
                if (nbits >= 16) {
                    nbits -= 16;
                    char u = (char) ((bits >>> nbits) & 0xffff);
                    bits &= (1 << nbits) - 1;
                    if (u >= 0x20 && u <= 0x7e) {
                        throw new IllegalArgumentException("printable US-ASCII in a shifted run");
                    }
                    out.append(u);
                    units++;
                }
            }
            if (units == 0 || nbits >= 6 || bits != 0) {
                throw new IllegalArgumentException("non-canonical shifted run");
            }
            lastWasShift = true;
        }
        String r = out.toString();
        checkSurrogates(r);
        return r;
    }

    private static int value(char d) {
        if (d >= 'A' && d <= 'Z') {
            return d - 'A';
        }
        if (d >= 'a' && d <= 'z') {
            return d - 'a' + 26;
        }
        if (d >= '0' && d <= '9') {
            return d - '0' + 52;
        }
        if (d == '+') {
            return 62;
        }
        if (d == ',') {
            return 63;
        }
        throw new IllegalArgumentException("not a modified base64 character");
    }

    private static void checkSurrogates(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    throw new IllegalArgumentException("unpaired surrogate");
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                throw new IllegalArgumentException("unpaired surrogate");
            }
        }
    }
}
