package org.mailwire.pop3;

import java.util.Objects;
import java.util.Optional;

/**
 * A POP3 status line (RFC 1939 §3): {@code +OK} or {@code -ERR}, an optional extended response
 * code (RFC 2449 §8) and text, as in {@code -ERR [IN-USE] maildrop locked}.
 *
 * <p>The text may be empty; it must not hold CR, LF or NUL, so no caller can inject a second
 * response (SECURITY.md row 11). A text that itself starts with a bracketed response code reads
 * back as that code when decoded: with RESP-CODES advertised, RFC 2449 §8 lets clients take any
 * leading bracket as one.
 */
public record StatusLine(boolean ok, Optional<ResponseCode> code, String text) {

    public StatusLine {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(text, "text");
        if (Pop3Syntax.hasLineBreakOrNul(text)) {
            throw new IllegalArgumentException("status text holds CR, LF or NUL");
        }
    }

    /** {@code +OK text}. */
    public static StatusLine ok(String text) {
        return new StatusLine(true, Optional.empty(), text);
    }

    /** {@code +OK [code] text}. */
    public static StatusLine ok(ResponseCode code, String text) {
        return new StatusLine(true, Optional.of(code), text);
    }

    /** {@code -ERR text}. */
    public static StatusLine err(String text) {
        return new StatusLine(false, Optional.empty(), text);
    }

    /** {@code -ERR [code] text}. */
    public static StatusLine err(ResponseCode code, String text) {
        return new StatusLine(false, Optional.of(code), text);
    }

    /** Whether this is an error whose code is {@code parent} or under it (see {@link ResponseCode#isUnder}). */
    public boolean hasCode(ResponseCode parent) {
        return code.isPresent() && code.get().isUnder(parent);
    }
}
