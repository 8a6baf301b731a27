package org.mailwire.imap;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A message flag (RFC 3501 §2.3.2, §9 {@code flag}): a system flag such as {@code \Seen}, a
 * flag-extension {@code \atom}, or a keyword atom. System flags are kept in their RFC spelling
 * whatever case the client used; keywords keep theirs. {@code \*} is a response-only value and
 * is refused here.
 */
public record Flag(String name) {

    private static final List<String> SYSTEM = List.of("\\Answered", "\\Flagged", "\\Deleted", "\\Seen",
            "\\Draft", "\\Recent");

    public static final Flag ANSWERED = new Flag("\\Answered");
    public static final Flag FLAGGED = new Flag("\\Flagged");
    public static final Flag DELETED = new Flag("\\Deleted");
    public static final Flag SEEN = new Flag("\\Seen");
    public static final Flag DRAFT = new Flag("\\Draft");
    public static final Flag RECENT = new Flag("\\Recent");

    public Flag {
        Objects.requireNonNull(name, "name");
        String atom = name.startsWith("\\") ? name.substring(1) : name;
        if (!Syntax.isAtom(atom)) {
            throw new IllegalArgumentException("a flag is an atom or \\atom");
        }
        for (String s : SYSTEM) {
            if (s.equalsIgnoreCase(name)) {
                name = s;
            }
        }
    }

    public static Flag of(String name) {
        return new Flag(name);
    }

    /** True for {@code \atom} flags (system flags and flag extensions). */
    public boolean system() {
        return name.startsWith("\\");
    }

    /** Keywords compare ignoring case (RFC 3501 §2.3.2): a key a store may use. */
    public String key() {
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return name;
    }
}
