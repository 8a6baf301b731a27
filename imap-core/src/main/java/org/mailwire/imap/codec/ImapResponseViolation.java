package org.mailwire.imap.codec;

import java.util.Objects;

/**
 * A server response the decoder refused. Always fatal: the client can no longer tell where the
 * next response starts and closes the connection. The text is the kind's own and never echoes
 * input.
 */
public record ImapResponseViolation(Kind kind) {

    public enum Kind {
        SYNTAX_ERROR("Syntax error in server response"),
        LINE_TOO_LONG("Server response line too long"),
        RESPONSE_TOO_LONG("Server response too long"),
        /** {@code {}}, {@code {-1}}, {@code {n+}}, non-digits: SECURITY.md row 4. */
        BAD_LITERAL("Malformed literal in server response"),
        LITERAL_TOO_BIG("Literal in server response too big"),
        TOO_MANY_LITERALS("Too many literals in server response"),
        /** SECURITY.md row 7. */
        NUL("NUL octet in server response"),
        BARE_CR_OR_LF("Bare CR or LF in server response"),
        TOO_DEEP("Lists nested too deeply in server response"),
        LIST_TOO_LONG("List too long in server response"),
        /** A BODY/BODYSTRUCTURE nested deeper than maxBodyNesting: SECURITY.md row 8. */
        BODY_TOO_DEEP("Body structure nested too deeply in server response"),
        /** A BODY/BODYSTRUCTURE with more than maxBodyParts parts: SECURITY.md row 8. */
        TOO_MANY_PARTS("Too many body parts in server response"),
        /** A THREAD response nested deeper than maxThreadNesting. */
        THREAD_TOO_DEEP("Thread nested too deeply in server response"),
        /** A THREAD response with more than maxThreadNodes messages and lists. */
        TOO_MANY_THREAD_NODES("Too many thread nodes in server response"),
        BAD_MAILBOX_NAME("Invalid mailbox name in server response"),
        BAD_UTF8("Invalid UTF-8 in server response");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public ImapResponseViolation {
        Objects.requireNonNull(kind, "kind");
    }

    public String text() {
        return kind.text();
    }
}
