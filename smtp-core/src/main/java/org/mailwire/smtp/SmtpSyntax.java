package org.mailwire.smtp;

import java.nio.charset.StandardCharsets;

/**
 * The RFC 5321 §4.1.2/§4.1.3 grammar of domains, address literals and local parts, with the
 * RFC 6531 §3.3 UTF-8 extensions, as predicates over already-decoded strings. Shared by the model
 * (which refuses invalid values at construction, so nothing built from it can inject text on the
 * wire) and the codec (which refuses invalid input with a reply instead).
 *
 * <p>Every check is a single linear pass without regular expressions: a hostile line cannot
 * make validation slow.
 */
public final class SmtpSyntax {

    /** RFC 5321 §4.5.3.1.1: "The maximum total length of a user name or other local-part is 64 octets." */
    public static final int MAX_LOCAL_PART_OCTETS = 64;

    /** RFC 5321 §4.5.3.1.2: "The maximum total length of a domain name or number is 255 octets." */
    public static final int MAX_DOMAIN_OCTETS = 255;

    /**
     * RFC 5321 §4.5.3.1.3: "The maximum total length of a reverse-path or forward-path is 256
     * octets (including the punctuation and element separators)", i.e. with the angle brackets.
     */
    public static final int MAX_PATH_OCTETS = 256;

    /** RFC 1035 §2.3.4: a label is at most 63 octets. */
    public static final int MAX_LABEL_OCTETS = 63;

    private SmtpSyntax() {
    }

    /** RFC 5322 atext, which RFC 5321 §4.1.2 uses for Atom; RFC 6531 §3.3 adds UTF8-non-ascii. */
    public static boolean isAtext(int cp, boolean utf8) {
        if (cp < 0x80) {
            return isAlpha(cp) || isDigit(cp) || "!#$%&'*+-/=?^_`{|}~".indexOf(cp) >= 0;
        }
        return utf8 && isNonAsciiText(cp);
    }

    /** RFC 5321 §4.1.2 qtextSMTP (%d32-33 / %d35-91 / %d93-126), plus RFC 6531 UTF8-non-ascii. */
    public static boolean isQtext(int cp, boolean utf8) {
        if (cp < 0x80) {
            return cp >= 32 && cp <= 126 && cp != '"' && cp != '\\';
        }
        return utf8 && isNonAsciiText(cp);
    }

    /**
     * A character a decoded local part may hold: anything a quoted-string can carry (printable
     * ASCII via qtext or quoted-pair) and, with UTF-8, non-ASCII text. Never a control character.
     */
    public static boolean isLocalPartChar(int cp, boolean utf8) {
        if (cp < 0x80) {
            return cp >= 32 && cp <= 126;
        }
        return utf8 && isNonAsciiText(cp);
    }

    /**
     * Non-ASCII code points allowed in text: not C1 controls, not unpaired surrogates (which
     * cannot come out of a strict UTF-8 decoder anyway) and not beyond Unicode.
     */
    static boolean isNonAsciiText(int cp) {
        return cp >= 0xA0 && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
    }

    /** RFC 5321 §4.1.2 Dot-string = Atom *("." Atom). */
    public static boolean isDotString(String s, boolean utf8) {
        if (s.isEmpty()) {
            return false;
        }
        boolean atomStart = true;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '.') {
                if (atomStart) {
                    return false;
                }
                atomStart = true;
            } else if (isAtext(cp, utf8)) {
                atomStart = false;
            } else {
                return false;
            }
        }
        return !atomStart;
    }

    /** Whether every character of a decoded local part can be carried, quoted if need be. */
    public static boolean isLocalPart(String s, boolean utf8) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (Character.isSurrogate(s.charAt(i)) && Character.charCount(cp) == 1) {
                return false;
            }
            if (!isLocalPartChar(cp, utf8)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    /**
     * RFC 5321 §4.1.2 Domain = sub-domain *("." sub-domain), sub-domain = Let-dig [Ldh-str];
     * RFC 6531 §3.3 adds U-labels when {@code utf8}. Labels are at most 63 octets, the whole at
     * most 255 (RFC 1035 §2.3.4, RFC 5321 §4.5.3.1.2).
     */
    public static boolean isDomain(String s, boolean utf8) {
        if (s.isEmpty() || octets(s) > MAX_DOMAIN_OCTETS) {
            return false;
        }
        int labelStart = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == '.') {
                if (!isLabel(s, labelStart, i, utf8)) {
                    return false;
                }
                labelStart = i + 1;
            }
        }
        return true;
    }

    private static boolean isLabel(String s, int from, int to, boolean utf8) {
        if (from >= to || octets(s.substring(from, to)) > MAX_LABEL_OCTETS) {
            return false;
        }
        if (s.charAt(from) == '-' || s.charAt(to - 1) == '-') {
            return false;
        }
        for (int i = from; i < to; ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            boolean ok = cp < 0x80 ? isAlpha(cp) || isDigit(cp) || cp == '-' : utf8 && isNonAsciiText(cp);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * RFC 5321 §4.1.3 address-literal, brackets included: {@code [192.0.2.1]} or
     * {@code [IPv6:2001:db8::1]}. General-address-literals are refused: their tags must be
     * registered with IANA and none but IPv6 is.
     */
    public static boolean isAddressLiteral(String s) {
        if (s.length() < 3 || s.charAt(0) != '[' || s.charAt(s.length() - 1) != ']'
                || s.length() > MAX_DOMAIN_OCTETS) {
            return false;
        }
        String inner = s.substring(1, s.length() - 1);
        if (inner.regionMatches(true, 0, "IPv6:", 0, 5)) {
            return isIpv6(inner.substring(5));
        }
        return isIpv4(inner);
    }

    /** A Domain or an address-literal: what HELO/EHLO/LHLO take and what follows "@" in a Mailbox. */
    public static boolean isDomainOrAddressLiteral(String s, boolean utf8) {
        return !s.isEmpty() && (s.charAt(0) == '[' ? isAddressLiteral(s) : isDomain(s, utf8));
    }

    /** RFC 5321 §4.1.3 IPv4-address-literal = Snum 3("." Snum), Snum = 1*3DIGIT 0..255. */
    public static boolean isIpv4(String s) {
        int parts = 0;
        int from = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == '.') {
                int len = i - from;
                if (len < 1 || len > 3) {
                    return false;
                }
                int value = 0;
                for (int j = from; j < i; j++) {
                    char c = s.charAt(j);
                    if (!isDigit(c)) {
                        return false;
                    }
                    value = value * 10 + (c - '0');
                }
                if (value > 255) {
                    return false;
                }
                parts++;
                from = i + 1;
            }
        }
        return parts == 4;
    }

    /**
     * RFC 5321 §4.1.3 IPv6-addr: IPv6-full (8 groups), IPv6-comp (at most 6 groups besides "::"),
     * IPv6v4-full (6 groups and an IPv4 address) and IPv6v4-comp (at most 4 groups besides "::").
     */
    public static boolean isIpv6(String s) {
        int lastColon = s.lastIndexOf(':');
        if (lastColon < 0) {
            return false;
        }
        boolean v4 = false;
        String body = s;
        String lastPart = s.substring(lastColon + 1);
        if (lastPart.indexOf('.') >= 0) {
            if (!isIpv4(lastPart)) {
                return false;
            }
            v4 = true;
            body = s.substring(0, lastColon + 1);
            if (!body.endsWith("::")) {
                body = body.substring(0, body.length() - 1);
            }
        }
        int dc = body.indexOf("::");
        if (dc < 0) {
            return hexGroups(body) == (v4 ? 6 : 8);
        }
        if (body.indexOf("::", dc + 1) >= 0) {
            return false;
        }
        int head = hexGroups(body.substring(0, dc));
        int tail = hexGroups(body.substring(dc + 2));
        return head >= 0 && tail >= 0 && head + tail <= (v4 ? 4 : 6);
    }

    /** Number of 1*4HEXDIG groups separated by ":", 0 for "", -1 if malformed. */
    private static int hexGroups(String s) {
        if (s.isEmpty()) {
            return 0;
        }
        int groups = 0;
        int from = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == ':') {
                int len = i - from;
                if (len < 1 || len > 4) {
                    return -1;
                }
                for (int j = from; j < i; j++) {
                    if (!isHexDigit(s.charAt(j))) {
                        return -1;
                    }
                }
                groups++;
                from = i + 1;
            }
        }
        return groups;
    }

    /** RFC 5321 §4.1.2 esmtp-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-"). */
    public static boolean isEsmtpKeyword(String s) {
        if (s.isEmpty() || !(isAlpha(s.charAt(0)) || isDigit(s.charAt(0)))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(isAlpha(c) || isDigit(c) || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Free text a command argument or reply line may carry: no C0 control (so no CR, LF or NUL,
     * which would let a caller inject a second command or reply: SECURITY.md row 11), no DEL, and
     * no C1 control or unpaired surrogate. HTAB is allowed.
     */
    public static boolean isText(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (Character.charCount(cp) == 1 && Character.isSurrogate((char) cp)) {
                return false;
            }
            if (cp < 0x80 ? (cp < 32 && cp != '\t') || cp == 127 : !isNonAsciiText(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    /** Whether every character is US-ASCII. */
    public static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** UTF-8 length in octets, which is what every RFC 5321 size limit counts. */
    public static int octets(String s) {
        return isAscii(s) ? s.length() : s.getBytes(StandardCharsets.UTF_8).length;
    }

    static boolean isHexDigit(int c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    static boolean isAlpha(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
