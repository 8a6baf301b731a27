package org.mailwire.smtp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * RFC 3461 §4 xtext, used by ENVID, ORCPT and the RFC 4954 §5 AUTH parameter, and the RFC 6533 §3
 * utf-8-addr-xtext / utf-8-addr-unitext forms of an ORCPT whose address type is "utf-8".
 *
 * <p>xtext carries octets: {@link #encode} writes the UTF-8 octets of a string, and
 * {@link #decode} reads octets back and requires them to be valid UTF-8. Decoding is strict:
 * a "+" must be followed by two upper-case hex digits (RFC 3461 §4), a raw "=" or a character
 * outside "!".."~" is refused. Error messages never echo the input, which came from a peer.
 */
public final class Xtext {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Xtext() {
    }

    /** xtext of the UTF-8 octets of {@code text}. */
    public static String encode(String text) {
        byte[] octets = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(octets.length + 8);
        for (byte b : octets) {
            int o = b & 0xFF;
            if (o >= 33 && o <= 126 && o != '+' && o != '=') {
                out.append((char) o);
            } else {
                out.append('+').append(HEX[o >> 4]).append(HEX[o & 0xF]);
            }
        }
        return out.toString();
    }

    /**
     * The text whose UTF-8 octets {@code xtext} encodes.
     *
     * @throws IllegalArgumentException if {@code xtext} is not xtext or its octets are not UTF-8
     */
    public static String decode(String xtext) {
        byte[] octets = new byte[xtext.length()];
        int n = 0;
        for (int i = 0; i < xtext.length(); i++) {
            char c = xtext.charAt(i);
            if (c == '+') {
                if (i + 2 >= xtext.length()) {
                    throw new IllegalArgumentException("xtext: truncated hexchar");
                }
                int hi = upperHex(xtext.charAt(i + 1));
                int lo = upperHex(xtext.charAt(i + 2));
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("xtext: hexchar needs two upper-case hex digits");
                }
                octets[n++] = (byte) (hi << 4 | lo);
                i += 2;
            } else if (c >= 33 && c <= 126 && c != '=') {
                octets[n++] = (byte) c;
            } else {
                throw new IllegalArgumentException("xtext: character not allowed");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(octets, 0, n)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("xtext: octets are not UTF-8");
        }
    }

    /**
     * RFC 6533 §3 utf-8-addr-xtext: printable ASCII except "+", "=" and "\" as is, everything
     * else as {@code \x{HEXPOINT}} (upper-case, no leading zeros beyond two digits). The result is
     * also valid xtext, so it fits an ORCPT with or without SMTPUTF8.
     */
    public static String encodeUtf8Address(String address) {
        StringBuilder out = new StringBuilder(address.length() + 8);
        for (int i = 0; i < address.length(); ) {
            int cp = address.codePointAt(i);
            i += Character.charCount(cp);
            if (isQchar(cp)) {
                out.append((char) cp);
            } else {
                String hex = Integer.toHexString(cp).toUpperCase(java.util.Locale.ROOT);
                out.append("\\x{").append(hex.length() < 2 ? "0" + hex : hex).append('}');
            }
        }
        return out.toString();
    }

    /**
     * Decodes RFC 6533 §3 utf-8-addr-xtext, or utf-8-addr-unitext (raw non-ASCII allowed) when
     * {@code unitext} is true, i.e. when the transaction uses SMTPUTF8.
     *
     * @throws IllegalArgumentException on anything else
     */
    public static String decodeUtf8Address(String encoded, boolean unitext) {
        StringBuilder out = new StringBuilder(encoded.length());
        for (int i = 0; i < encoded.length(); ) {
            int cp = encoded.codePointAt(i);
            if (cp == '\\') {
                int close = encoded.indexOf('}', i);
                if (!encoded.startsWith("\\x{", i) || close < 0 || close - (i + 3) < 2 || close - (i + 3) > 6) {
                    throw new IllegalArgumentException("utf-8-addr: malformed \\x{} escape");
                }
                String hex = encoded.substring(i + 3, close);
                int value = 0;
                for (int k = 0; k < hex.length(); k++) {
                    int d = upperHex(hex.charAt(k));
                    if (d < 0) {
                        throw new IllegalArgumentException("utf-8-addr: escape needs upper-case hex digits");
                    }
                    value = value << 4 | d;
                }
                boolean canonical = hex.length() == 2 ? value < 0x100 : hex.charAt(0) != '0';
                boolean needed = value != 0 && !isQchar(value)
                        && (value < 0x80 || SmtpSyntax.isNonAsciiText(value));
                if (!canonical || !needed) {
                    throw new IllegalArgumentException("utf-8-addr: escape of a character that needs none");
                }
                out.appendCodePoint(value);
                i = close + 1;
            } else if (isQchar(cp) || (unitext && SmtpSyntax.isNonAsciiText(cp))) {
                out.appendCodePoint(cp);
                i += Character.charCount(cp);
            } else {
                throw new IllegalArgumentException("utf-8-addr: character not allowed");
            }
        }
        return out.toString();
    }

    /** RFC 6533 QCHAR: printable ASCII except "+", "=" and "\". */
    private static boolean isQchar(int cp) {
        return cp >= 0x21 && cp <= 0x7E && cp != '+' && cp != '=' && cp != '\\';
    }

    private static int upperHex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
