package org.mailwire.pop3.client;

import java.util.Objects;
import org.mailwire.pop3.Pop3Syntax;

/**
 * One line of the server's answer to LANG without an argument (RFC 6856 §3): a language the server
 * can speak its responses in.
 *
 * @param tag the language tag (RFC 5646), as the server sent it, e.g. {@code en} or {@code de-CH};
 *     what {@link Pop3Client#language(String)} takes
 * @param description the server's description of the language, in UTF-8 and usually in that
 *     language; empty when the line had none
 */
public record Pop3Language(String tag, String description) {

    public Pop3Language {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(description, "description");
        if (tag.equals("*") || !Pop3Syntax.isLanguageRange(tag)) {
            throw new IllegalArgumentException("not a language tag");
        }
        if (Pop3Syntax.hasLineBreakOrNul(description)) {
            throw new IllegalArgumentException("description holds CR, LF or NUL");
        }
    }

    /**
     * A language listing line without its CRLF: the tag, then optionally one space and the
     * description (RFC 6856 §3).
     *
     * @throws IllegalArgumentException when the line does not start with a language tag
     */
    public static Pop3Language parse(String line) {
        Objects.requireNonNull(line, "line");
        int space = line.indexOf(' ');
        return space < 0 ? new Pop3Language(line, "")
                : new Pop3Language(line.substring(0, space), line.substring(space + 1).strip());
    }
}
