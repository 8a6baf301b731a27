package org.mailwire.imap.codec;

import java.util.Objects;
import org.mailwire.imap.Tag;

/**
 * A command the decoder refused. The session answers {@code tag BAD text} (or {@code * BAD text}
 * when no tag could be read); the text is the kind's own and never echoes input.
 *
 * @param tag   the command's tag, or null when none could be read
 * @param fatal true when the decoder can no longer tell where the next command starts (a
 *              non-synchronising literal it refused is on its way): the session closes the
 *              connection after the reply
 */
public record ImapCommandViolation(Kind kind, Tag tag, boolean fatal) {

    public enum Kind {
        SYNTAX_ERROR("Syntax error in command"),
        UNKNOWN_COMMAND("Unknown command"),
        LINE_TOO_LONG("Command line too long"),
        /** {@code {}}, {@code {-1}}, non-digits: SECURITY.md row 4. */
        BAD_LITERAL("Malformed literal"),
        /** A literal over the limit that applies: SECURITY.md row 4. */
        LITERAL_TOO_BIG("[TOOBIG] Literal too big"),
        /** {@code {n+}} when the configuration refuses it, or over 4096 under LITERAL-. */
        NON_SYNC_LITERAL_REFUSED("[TOOBIG] Non-synchronizing literal refused"),
        TOO_MANY_LITERALS("Too many literals in command"),
        /** {@code ~{n}} where only a literal may stand. */
        LITERAL8_NOT_ALLOWED("Binary literal not allowed here"),
        /** SECURITY.md row 7: NUL outside a literal8. */
        NUL("NUL octet not allowed"),
        BARE_CR_OR_LF("Bare CR or LF not allowed, lines end with CRLF"),
        TOO_DEEP("Lists nested too deeply"),
        LIST_TOO_LONG("List too long"),
        BAD_MAILBOX_NAME("Invalid mailbox name"),
        BAD_UTF8("Invalid UTF-8"),
        /** ID over the RFC 2971 §3.3 limits: 30 pairs, 30-octet fields, 1024-octet values. */
        ID_TOO_LONG("ID parameters over the RFC 2971 limits"),
        /** More messages in one APPEND than the configuration allows. */
        TOO_MANY_MESSAGES("Too many messages in APPEND"),
        /** More parts in one CATENATE than the configuration allows. */
        TOO_MANY_PARTS("Too many CATENATE parts"),
        /** In IDLE: a line other than DONE. */
        EXPECTED_DONE("Expected DONE");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public ImapCommandViolation {
        Objects.requireNonNull(kind, "kind");
    }

    /** The reply line without CRLF, e.g. {@code A1 BAD Syntax error in command}. */
    public String reply() {
        return (tag == null ? "*" : tag.value()) + " BAD " + kind.text();
    }
}
