package org.mailwire.pop3.codec;

import java.util.Objects;
import org.mailwire.pop3.StatusLine;

/**
 * A command line the decoder refused, with the {@code -ERR} the session sends. No reply text
 * echoes the client's input: it could hold anything, including a forged second response.
 *
 * <p>None is fatal by itself: the decoder has consumed the whole offending line and goes on with
 * the next; a session may still count violations and close.
 */
public record Pop3CommandViolation(Kind kind, StatusLine reply) {

    public enum Kind {
        /** RFC 2449 §4: more than 255 octets with the CRLF. */
        LINE_TOO_LONG("Line too long"),
        /** Not a keyword we know (matched whole and ignoring case: QUITX is not QUIT). */
        UNKNOWN_COMMAND("Unknown command"),
        /**
         * The keyword is known but its arguments are not: a missing or extra argument, a number
         * that is not 1..2147483647, a malformed digest, mechanism or language, a control
         * character, invalid UTF-8.
         */
        SYNTAX_ERROR("Syntax error in arguments"),
        /** SECURITY.md row 7. */
        NUL("NUL octet not allowed in a command"),
        /** RFC 1939 §3: lines end with CRLF. */
        BARE_LF("Bare LF not allowed, lines end with CRLF"),
        /** RFC 1939 §3: lines end with CRLF. */
        BARE_CR("Bare CR not allowed, lines end with CRLF"),
        /** An AUTH response line longer than maxAuthLine. */
        AUTH_LINE_TOO_LONG("Authentication line too long");

        private final StatusLine reply;

        Kind(String text) {
            this.reply = StatusLine.err(text);
        }

        /** The {@code -ERR} sent for this kind. */
        public StatusLine reply() {
            return reply;
        }
    }

    public Pop3CommandViolation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reply, "reply");
        if (reply.ok()) {
            throw new IllegalArgumentException("a refusal is an -ERR");
        }
    }

    /** The violation with its kind's standard reply. */
    public static Pop3CommandViolation of(Kind kind) {
        return new Pop3CommandViolation(kind, kind.reply());
    }
}
