package org.mailwire.tls.internal;

import java.util.Locale;

/** Syntax of DNS host names as they appear in certificates and in the names we are asked to check. */
public final class DnsName {

    private static final int MAX_LENGTH = 253;
    private static final int MAX_LABEL = 63;

    private DnsName() {
    }

    /**
     * Lower-cases ASCII letters and removes one trailing dot (the root label, which names the same
     * host: RFC 6125 section 6.4.1 compares the names without it).
     *
     * @return the canonical form, or null when {@code name} is not ASCII or has an empty label
     */
    public static String canonical(String name) {
        if (name == null) {
            return null;
        }
        String s = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (s.isEmpty() || s.length() > MAX_LENGTH) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                return null; // U-labels must be converted to A-labels (xn--) first: RFC 6125 section 6.4.2
            }
        }
        String lower = s.toLowerCase(Locale.ROOT);
        for (String label : lower.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > MAX_LABEL) {
                return null;
            }
        }
        return lower;
    }

    /**
     * Whether {@code canonical} (from {@link #canonical}) is a host name in the strict letter-digit-hyphen
     * syntax of RFC 1123 section 2.1, optionally with a left-most {@code *} label.
     */
    public static boolean isHostName(String canonical, boolean wildcardAllowed) {
        String[] labels = canonical.split("\\.", -1);
        if (labels[labels.length - 1].chars().allMatch(c -> c >= '0' && c <= '9')) {
            // an all-numeric top-level label is no domain (RFC 3696 section 2) but a mistyped
            // address such as 1.2.3, which some parsers would read as 1.2.0.3
            return false;
        }
        for (int i = 0; i < labels.length; i++) {
            String label = labels[i];
            if (i == 0 && wildcardAllowed && label.equals("*") && labels.length >= 3) {
                continue;
            }
            if (label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int j = 0; j < label.length(); j++) {
                char c = label.charAt(j);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }
}
