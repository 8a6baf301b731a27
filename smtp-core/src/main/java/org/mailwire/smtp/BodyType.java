package org.mailwire.smtp;

import java.util.Locale;
import java.util.Optional;

/** The MAIL FROM BODY parameter: RFC 6152 (7BIT, 8BITMIME) and RFC 3030 §3 (BINARYMIME). */
public enum BodyType {
    SEVEN_BIT("7BIT"),
    EIGHT_BIT_MIME("8BITMIME"),
    BINARY_MIME("BINARYMIME");

    private final String keyword;

    BodyType(String keyword) {
        this.keyword = keyword;
    }

    /** The value as written on the wire. */
    public String keyword() {
        return keyword;
    }

    /** The body type for a wire value, ignoring case (RFC 5321 §2.4). */
    public static Optional<BodyType> fromKeyword(String value) {
        String upper = value.toUpperCase(Locale.ROOT);
        for (BodyType t : values()) {
            if (t.keyword.equals(upper)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
