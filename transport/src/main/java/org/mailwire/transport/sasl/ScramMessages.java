package org.mailwire.transport.sasl;

import java.util.Optional;

/** The RFC 5802 §7 grammar pieces client and server both need. */
final class ScramMessages {

    /** Digits in an iteration count we parse; nine keeps it inside an int. */
    private static final int MAX_ITERATION_DIGITS = 9;

    private ScramMessages() {
    }

    /**
     * RFC 5802 §5.1 saslname: {@code ,} as {@code =2C} and {@code =} as {@code =3D}, so a user
     * name cannot add an attribute of its own.
     */
    static String escape(String name) {
        return name.replace("=", "=3D").replace(",", "=2C");
    }

    /**
     * The reverse of {@link #escape}, or empty if {@code value} is not a saslname: empty, a
     * NUL, or an {@code =} not starting {@code =2C} or {@code =3D} (RFC 5802 §5.1: the server
     * MUST fail then).
     */
    static Optional<String> unescape(String value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                return Optional.empty();
            }
            if (c != '=') {
                out.append(c);
            } else if (value.startsWith("=2C", i)) {
                out.append(',');
                i += 2;
            } else if (value.startsWith("=3D", i)) {
                out.append('=');
                i += 2;
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(out.toString());
    }

    /** RFC 5802 §7 printable: %x21-2B / %x2D-7E, at least one. */
    static boolean isNonce(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7E || c == ',') {
                return false;
            }
        }
        return true;
    }

    /**
     * RFC 5802 §7 extensions after the defined attributes: {@code attr-val} each, a letter,
     * {@code =}, and a non-empty value. We understand none, so only their syntax matters.
     */
    static boolean areExtensions(String[] attributes, int from) {
        for (int i = from; i < attributes.length; i++) {
            String attribute = attributes[i];
            if (attribute.length() < 3 || !isAsciiLetter(attribute.charAt(0)) || attribute.charAt(1) != '='
                    || attribute.indexOf('\0') >= 0) {
                return false;
            }
        }
        return true;
    }

    /** The value of {@code attribute} if it is {@code letter=value}; the value may be empty. */
    static Optional<String> value(String attribute, char letter) {
        if (attribute.length() >= 2 && attribute.charAt(0) == letter && attribute.charAt(1) == '=') {
            return Optional.of(attribute.substring(2));
        }
        return Optional.empty();
    }

    /** RFC 5802 §7 posit-number, within an int; -1 for anything else. */
    static int positiveNumber(String value) {
        if (value.isEmpty() || value.length() > MAX_ITERATION_DIGITS || value.charAt(0) == '0') {
            return -1;
        }
        int n = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** Split on commas keeping empty fields, so {@code "a,,b"} and a trailing comma fail later. */
    static String[] attributes(String message) {
        return message.split(",", -1);
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }
}
