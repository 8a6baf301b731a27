package org.mailwire.smtp.codec;

import java.util.Objects;
import java.util.Optional;
import org.mailwire.smtp.SmtpReply;

/**
 * A command line the decoder refused, with the reply the session sends. No reply text echoes the
 * client's input: it could hold anything, including a forged second reply line.
 *
 * <p>None is fatal by itself: the decoder has consumed the whole offending line and goes on with
 * the next; a session may still count violations and close.
 */
public record CommandViolation(Kind kind, SmtpReply reply, Optional<Unrecognized> unrecognized) {

    /**
     * The verb and argument of a well-formed command line whose verb is not SMTP's, so that a server
     * can offer extension commands of its own (XCLIENT, ETRN) through a hook. Only for
     * {@link Kind#UNKNOWN_COMMAND}, and only when the verb is an RFC 5321 keyword
     * ({@code ALPHA *(ALPHA / DIGIT / "-")}, at most {@value #MAX_VERB_LENGTH} characters).
     *
     * @param verb the verb, upper-cased
     * @param argument what followed the first space, or "" when nothing did
     */
    public record Unrecognized(String verb, String argument) {
        public Unrecognized {
            Objects.requireNonNull(verb, "verb");
            Objects.requireNonNull(argument, "argument");
        }
    }

    /** Longer verbs are not reported as {@link Unrecognized}: no extension uses one. */
    public static final int MAX_VERB_LENGTH = 32;

    public enum Kind {
        /** RFC 5321 §4.5.3.1.10: "500 Line too long". */
        LINE_TOO_LONG(500, "5.5.2", "Line too long"),
        /** Not a verb we know (matched whole and ignoring case: QUITX is not QUIT). */
        UNKNOWN_COMMAND(500, "5.5.1", "Command unrecognized"),
        /**
         * The verb is known but its arguments are not RFC 5321 syntax: a missing or extra argument,
         * a malformed domain, BDAT size or AUTH mechanism, text with a control character or
         * invalid UTF-8. (5.5.2 is used only for defects of the line itself: NUL, bare CR or LF.)
         */
        SYNTAX_ERROR(501, "5.5.4", "Syntax error in parameters or arguments"),
        /** RFC 3463 §3.2 X.1.7. */
        BAD_SENDER(501, "5.1.7", "Bad sender address syntax"),
        /** RFC 3463 §3.2 X.1.3. */
        BAD_RECIPIENT(501, "5.1.3", "Bad recipient address syntax"),
        /** RFC 5321 §4.1.1.11. */
        UNKNOWN_PARAMETER(555, "5.5.4", "MAIL FROM/RCPT TO parameters not recognized or not implemented"),
        DUPLICATE_PARAMETER(501, "5.5.4", "Duplicate MAIL FROM/RCPT TO parameter"),
        /** A value where none is allowed, none where one is required, or a value out of its syntax. */
        BAD_PARAMETER_VALUE(501, "5.5.4", "Invalid MAIL FROM/RCPT TO parameter value"),
        /** RFC 6531 §3.7.4.1 and RFC 5248 X.6.7. */
        NON_ASCII_WITHOUT_SMTPUTF8(553, "5.6.7", "Non-ASCII address requires SMTPUTF8"),
        /** SECURITY.md row 7. */
        NUL(500, "5.5.2", "NUL octet not allowed in a command"),
        /** RFC 5321 §2.3.8; SECURITY.md row 1. */
        BARE_LF(500, "5.5.2", "Bare LF not allowed, lines end with CRLF"),
        /** RFC 5321 §2.3.8; SECURITY.md row 1. */
        BARE_CR(500, "5.5.2", "Bare CR not allowed, lines end with CRLF"),
        /** RFC 4954 §4. */
        AUTH_LINE_TOO_LONG(500, "5.5.6", "Authentication Exchange line is too long");

        private final SmtpReply reply;

        Kind(int code, String status, String text) {
            this.reply = SmtpReply.of(code, status, text);
        }

        /** The reply sent for this kind. */
        public SmtpReply reply() {
            return reply;
        }
    }

    public CommandViolation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reply, "reply");
        Objects.requireNonNull(unrecognized, "unrecognized");
        if (unrecognized.isPresent() && kind != Kind.UNKNOWN_COMMAND) {
            throw new IllegalArgumentException("only an unknown command carries its verb");
        }
    }

    public CommandViolation(Kind kind, SmtpReply reply) {
        this(kind, reply, Optional.empty());
    }

    /** An unknown command whose verb is a keyword, carried for the server's extension hook. */
    static CommandViolation unknown(String verb, String argument) {
        boolean keyword = !verb.isEmpty() && verb.length() <= MAX_VERB_LENGTH && isAsciiLetter(verb.charAt(0))
                && verb.chars().allMatch(c -> isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '-');
        return new CommandViolation(Kind.UNKNOWN_COMMAND, Kind.UNKNOWN_COMMAND.reply(), keyword
                ? Optional.of(new Unrecognized(verb.toUpperCase(java.util.Locale.ROOT), argument))
                : Optional.empty());
    }

    private static boolean isAsciiLetter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** The violation with its kind's standard reply. */
    public static CommandViolation of(Kind kind) {
        return new CommandViolation(kind, kind.reply());
    }
}
