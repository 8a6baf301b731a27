package org.mailwire.smtp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An SMTP reply (RFC 5321 §4.2): a three-digit code, an optional RFC 3463 enhanced status code and
 * one or more lines of text.
 *
 * <p>The code is 200..599 (first digit 2 to 5). A status, when present, has the class of the
 * code's first digit (RFC 2034 §4). Lines are held without the code or the status; they must not
 * hold CR, LF, NUL or any other control but HTAB, so no caller can inject a second reply
 * (SECURITY.md row 11). A line may be empty.
 */
public record SmtpReply(int code, Optional<EnhancedStatusCode> status, List<String> lines) {

    public SmtpReply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("reply code must be 200..599");
        }
        Objects.requireNonNull(status, "status");
        status.ifPresent(s -> {
            if (s.codeClass() != code / 100) {
                throw new IllegalArgumentException("enhanced status class must match the reply code");
            }
        });
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply has at least one line");
        }
        for (String line : lines) {
            if (!SmtpSyntax.isText(line)) {
                throw new IllegalArgumentException("reply line holds CR, LF, NUL or another control");
            }
        }
    }

    /**
     * @param status "2.0.0" or null for none
     * @param lines  the text lines; none gives one empty line
     */
    public static SmtpReply of(int code, String status, String... lines) {
        return new SmtpReply(code, Optional.ofNullable(status).map(EnhancedStatusCode::parse),
                lines.length == 0 ? List.of("") : List.of(lines));
    }

    /** 2xx. */
    public boolean isPositive() {
        return code / 100 == 2;
    }

    /** 3xx: the server waits for more (354 after DATA, 334 during AUTH). */
    public boolean isIntermediate() {
        return code / 100 == 3;
    }

    /** 4xx: try again later. */
    public boolean isTransientNegative() {
        return code / 100 == 4;
    }

    /** 5xx: do not repeat as is. */
    public boolean isPermanentNegative() {
        return code / 100 == 5;
    }

    /** The lines joined with "\n". */
    public String text() {
        return String.join("\n", lines);
    }
}
