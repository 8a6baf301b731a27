package org.mailwire.tls.internal;

/** Text from a certificate or a peer, made safe for one log line. */
public final class Printable {

    private static final int MAX_LENGTH = 256;

    private Printable() {
    }

    /** Control characters become '?' and the text is cut at 256 characters, so a hostile name cannot forge log lines. */
    public static String of(String s) {
        if (s == null) {
            return "(none)";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_LENGTH + 3));
        for (int i = 0; i < s.length() && i < MAX_LENGTH; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? '?' : c);
        }
        if (s.length() > MAX_LENGTH) {
            b.append("...");
        }
        return b.toString();
    }
}
