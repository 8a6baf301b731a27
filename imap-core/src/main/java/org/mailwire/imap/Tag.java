package org.mailwire.imap;

import java.util.Objects;

/**
 * A command tag (RFC 3501 §9 {@code tag}): one or more ASTRING-CHARs except "+". Compared
 * exactly, as the client chose it.
 */
public record Tag(String value) {

    /** A generous bound; the decoder's line limit applies first. */
    public static final int MAX_LENGTH = 256;

    public Tag {
        Objects.requireNonNull(value, "value");
        if (!valid(value)) {
            throw new IllegalArgumentException("not a valid IMAP tag");
        }
    }

    public static Tag of(String value) {
        return new Tag(value);
    }

    public static boolean valid(CharSequence s) {
        if (s.length() == 0 || s.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Syntax.tagChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return value;
    }
}
