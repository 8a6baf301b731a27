package org.mailwire.transport.sasl;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** Strict text rules shared by the mechanisms' parsers and builders. */
final class SaslText {

    private SaslText() {
    }

    /**
     * The bytes as UTF-8, or empty if they are not well-formed UTF-8 (overlong forms, surrogates
     * and truncated sequences included): RFC 4616 §2, RFC 5802 §7 and RFC 7628 §3.1 all say
     * UTF-8, and a lenient decoder's U+FFFD would let two different byte strings name one user.
     */
    static Optional<String> utf8(byte[] bytes, int from, int to) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, to - from));
            return Optional.of(chars.toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    static Optional<String> utf8(byte[] bytes) {
        return utf8(bytes, 0, bytes.length);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Equal when only ASCII letters differ in case; every other character must match exactly. */
    static boolean asciiEqualsIgnoreCase(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            if (asciiLower(a.charAt(i)) != asciiLower(b.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean startsWithIgnoreAsciiCase(String text, String prefix) {
        return text.length() >= prefix.length()
                && asciiEqualsIgnoreCase(text.substring(0, prefix.length()), prefix);
    }

    private static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    static int count(byte[] bytes, byte value) {
        int n = 0;
        for (byte b : bytes) {
            if (b == value) {
                n++;
            }
        }
        return n;
    }

    static int indexOf(byte[] bytes, byte value, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Canonical standard base64 only (RFC 4648 §4, with padding): {@link Base64.Decoder} also
     * takes unpadded input and non-zero pad bits, which would give one value two spellings.
     */
    static Optional<byte[]> base64(String text) {
        try {
            byte[] decoded = Base64.getDecoder().decode(text);
            if (!Base64.getEncoder().encodeToString(decoded).equals(text)) {
                return Optional.empty();
            }
            return Optional.of(decoded);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return new String(out);
    }

    /**
     * Lower-case hex only, as in RFC 2195 §2's example and the {@code digest} rule of
     * draft-ietf-sasl-crammd5 (32 of DIGIT / %x61-66); empty for anything else.
     */
    static Optional<byte[]> lowerHex(String text) {
        if (text.length() % 2 != 0) {
            return Optional.empty();
        }
        byte[] out = new byte[text.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int high = lowerHexDigit(text.charAt(2 * i));
            int low = lowerHexDigit(text.charAt(2 * i + 1));
            if (high < 0 || low < 0) {
                return Optional.empty();
            }
            out[i] = (byte) (high << 4 | low);
        }
        return Optional.of(out);
    }

    private static int lowerHexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    /** CR, LF and NUL: the characters that end or split a command line (SECURITY.md rows 7, 11). */
    static boolean hasLineBreakOrNul(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                return true;
            }
        }
        return false;
    }

    /** Any C0 control or DEL: besides CR, LF and NUL, ^A separates XOAUTH2/OAUTHBEARER fields. */
    static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return true;
            }
        }
        return false;
    }

    /**
     * RFC 6750 §2.1 b64token: {@code 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}.
     * Both bearer mechanisms carry the token in this form (RFC 7628 §3.1).
     */
    static boolean isB64Token(String token) {
        int i = 0;
        int n = token.length();
        while (i < n && isB64TokenChar(token.charAt(i))) {
            i++;
        }
        if (i == 0) {
            return false;
        }
        while (i < n && token.charAt(i) == '=') {
            i++;
        }
        return i == n;
    }

    private static boolean isB64TokenChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }
}
