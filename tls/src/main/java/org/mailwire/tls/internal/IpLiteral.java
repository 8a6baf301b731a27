package org.mailwire.tls.internal;

import java.util.Optional;

/**
 * Parses IPv4 and IPv6 address literals without ever touching the resolver.
 *
 * <p>{@link java.net.InetAddress#getByName} falls back to a DNS lookup for anything it does not
 * recognise (and accepts BSD forms such as {@code 1.2.3} or octal {@code 010.0.0.1}); a host name
 * check must never send a query, nor read {@code 010.0.0.1} as two different addresses.
 */
public final class IpLiteral {

    private IpLiteral() {
    }

    /**
     * @param text a literal, IPv6 optionally in brackets ({@code [::1]})
     * @return the 4 or 16 address bytes, or empty when {@code text} is not a strict literal
     */
    public static Optional<byte[]> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        String s = text;
        if (s.length() > 2 && s.charAt(0) == '[' && s.charAt(s.length() - 1) == ']') {
            s = s.substring(1, s.length() - 1);
            return Optional.ofNullable(parseV6(s));
        }
        if (s.indexOf(':') >= 0) {
            return Optional.ofNullable(parseV6(s));
        }
        return Optional.ofNullable(parseV4(s));
    }

    public static boolean isLiteral(String text) {
        return parse(text).isPresent();
    }

    /** Dotted quad, four decimal parts 0-255, no leading zeros (they mean octal to some parsers). */
    static byte[] parseV4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
                return null;
            }
            int v = 0;
            for (int j = 0; j < p.length(); j++) {
                char c = p.charAt(j);
                if (c < '0' || c > '9') {
                    return null;
                }
                v = v * 10 + (c - '0');
            }
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    /** RFC 4291 section 2.2 text forms: full, "::"-compressed, and with a trailing dotted quad. */
    static byte[] parseV6(String s) {
        if (s.isEmpty() || s.indexOf('%') >= 0) {
            return null; // zone ids identify an interface, never a certificate subject
        }
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return null;
        }
        String head = dbl >= 0 ? s.substring(0, dbl) : s;
        String tail = dbl >= 0 ? s.substring(dbl + 2) : "";
        int[] headWords = words(head, dbl < 0);
        int[] tailWords = dbl >= 0 ? words(tail, true) : new int[0];
        if (headWords == null || tailWords == null) {
            return null;
        }
        int total = headWords.length + tailWords.length;
        if (dbl < 0 ? total != 8 : total > 7) {
            return null;
        }
        int[] all = new int[8];
        System.arraycopy(headWords, 0, all, 0, headWords.length);
        System.arraycopy(tailWords, 0, all, 8 - tailWords.length, tailWords.length);
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[2 * i] = (byte) (all[i] >>> 8);
            out[2 * i + 1] = (byte) all[i];
        }
        return out;
    }

    /** Colon-separated 16-bit words; the last may be a dotted quad (two words) when allowed. */
    private static int[] words(String s, boolean quadAllowedAtEnd) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        int count = 0;
        int[] tmp = new int[9];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            boolean last = i == parts.length - 1;
            if (last && quadAllowedAtEnd && p.indexOf('.') >= 0) {
                byte[] v4 = parseV4(p);
                if (v4 == null || count > 6) {
                    return null;
                }
                tmp[count++] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
                tmp[count++] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
                continue;
            }
            if (p.isEmpty() || p.length() > 4 || count > 7) {
                return null;
            }
            int v = 0;
            for (int j = 0; j < p.length(); j++) {
                int d = Character.digit(p.charAt(j), 16);
                if (d < 0 || p.charAt(j) > 'f') {
                    return null;
                }
                v = (v << 4) | d;
            }
            tmp[count++] = v;
        }
        int[] out = new int[count];
        System.arraycopy(tmp, 0, out, 0, count);
        return out;
    }
}
