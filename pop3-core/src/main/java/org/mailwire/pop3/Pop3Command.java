package org.mailwire.pop3;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A POP3 command (RFC 1939 §§4-7, RFC 2449 §5, RFC 2595 §4, RFC 5034 §4, RFC 6856 §§2-3).
 *
 * <p>Every record validates its arguments when built: names and unique ids have no space or
 * control character, a password no control character, so a command built by a caller can never
 * smuggle a second command onto the wire (SECURITY.md row 11). Message numbers are
 * 1..{@link Integer#MAX_VALUE}; TOP's line count 0..{@link Integer#MAX_VALUE}.
 *
 * <p>Java 17: dispatch on the records with {@code instanceof} patterns, not a pattern
 * {@code switch} (a preview feature there).
 */
public sealed interface Pop3Command {

    /** The keyword as written on the wire, upper-case. */
    String keyword();

    /** RFC 1939 §7: names the maildrop; no space (PASS is the one command with free text). */
    record User(String name) implements Pop3Command {
        public User {
            requireArgument(name, "name");
        }

        @Override
        public String keyword() {
            return "USER";
        }
    }

    /**
     * RFC 1939 §7: the password is the rest of the line, spaces included. {@link #toString()}
     * masks it, so that a logged command never shows a secret (SECURITY.md row 16).
     */
    record Pass(String password) implements Pop3Command {
        public Pass {
            Objects.requireNonNull(password, "password");
            if (!Pop3Syntax.isPassword(password)) {
                throw new IllegalArgumentException("password is empty or holds a control character");
            }
        }

        @Override
        public String keyword() {
            return "PASS";
        }

        @Override
        public String toString() {
            return "Pass[password=***]";
        }
    }

    /** RFC 1939 §7: the digest is the MD5 of the greeting's timestamp and the secret, 32 lower-case hex digits. */
    record Apop(String name, String digest) implements Pop3Command {
        public Apop {
            requireArgument(name, "name");
            Objects.requireNonNull(digest, "digest");
            if (!Pop3Syntax.isDigest(digest)) {
                throw new IllegalArgumentException("digest must be 32 lower-case hexadecimal digits");
            }
        }

        @Override
        public String keyword() {
            return "APOP";
        }
    }

    /**
     * RFC 5034 §4. Without a mechanism it is "AUTH" alone, which many servers answer with their
     * mechanism list. The mechanism is upper-cased (SASL names are case-insensitive, RFC 4422
     * §3.1). The initial response is the base64 text as sent, or "=" for an empty one; it needs a
     * mechanism. {@link #toString()} masks it: AUTH PLAIN's holds the password.
     */
    record Auth(Optional<String> mechanism, Optional<String> initialResponse) implements Pop3Command {
        public Auth {
            Objects.requireNonNull(mechanism, "mechanism");
            Objects.requireNonNull(initialResponse, "initialResponse");
            if (mechanism.isPresent()) {
                if (!Pop3Syntax.isMechanism(mechanism.get())) {
                    throw new IllegalArgumentException("not a SASL mechanism name");
                }
                mechanism = Optional.of(Pop3Syntax.upperAscii(mechanism.get()));
            }
            if (initialResponse.isPresent()) {
                if (mechanism.isEmpty()) {
                    throw new IllegalArgumentException("an initial response needs a mechanism");
                }
                if (!Pop3Syntax.isInitialResponse(initialResponse.get())) {
                    throw new IllegalArgumentException("initial response must be base64 or \"=\"");
                }
            }
        }

        /** "AUTH" alone. */
        public Auth() {
            this(Optional.empty(), Optional.empty());
        }

        public Auth(String mechanism) {
            this(Optional.of(mechanism), Optional.empty());
        }

        public Auth(String mechanism, String initialResponse) {
            this(Optional.of(mechanism), Optional.of(initialResponse));
        }

        @Override
        public String keyword() {
            return "AUTH";
        }

        @Override
        public String toString() {
            return "Auth[mechanism=" + mechanism.orElse("") + ", initialResponse="
                    + (initialResponse.isPresent() ? "***" : "none") + "]";
        }
    }

    /** RFC 2595 §4. */
    record Stls() implements Pop3Command {
        @Override
        public String keyword() {
            return "STLS";
        }
    }

    /** RFC 2449 §5. */
    record Capa() implements Pop3Command {
        @Override
        public String keyword() {
            return "CAPA";
        }
    }

    /** RFC 1939 §5. */
    record Stat() implements Pop3Command {
        @Override
        public String keyword() {
            return "STAT";
        }
    }

    /** RFC 1939 §5: one message's scan listing, or all of them. */
    record List(OptionalInt message) implements Pop3Command {
        public List {
            requireMessage(message);
        }

        public List() {
            this(OptionalInt.empty());
        }

        public List(int message) {
            this(OptionalInt.of(message));
        }

        @Override
        public String keyword() {
            return "LIST";
        }
    }

    /** RFC 1939 §5. */
    record Retr(int message) implements Pop3Command {
        public Retr {
            requireMessage(message);
        }

        @Override
        public String keyword() {
            return "RETR";
        }
    }

    /** RFC 1939 §5. */
    record Dele(int message) implements Pop3Command {
        public Dele {
            requireMessage(message);
        }

        @Override
        public String keyword() {
            return "DELE";
        }
    }

    /** RFC 1939 §5. */
    record Noop() implements Pop3Command {
        @Override
        public String keyword() {
            return "NOOP";
        }
    }

    /** RFC 1939 §5. */
    record Rset() implements Pop3Command {
        @Override
        public String keyword() {
            return "RSET";
        }
    }

    /** RFC 1939 §7: the headers and the first {@code lines} lines of the body. */
    record Top(int message, int lines) implements Pop3Command {
        public Top {
            requireMessage(message);
            if (lines < 0) {
                throw new IllegalArgumentException("line count must not be negative");
            }
        }

        @Override
        public String keyword() {
            return "TOP";
        }
    }

    /** RFC 1939 §7: one message's unique-id listing, or all of them. */
    record Uidl(OptionalInt message) implements Pop3Command {
        public Uidl {
            requireMessage(message);
        }

        public Uidl() {
            this(OptionalInt.empty());
        }

        public Uidl(int message) {
            this(OptionalInt.of(message));
        }

        @Override
        public String keyword() {
            return "UIDL";
        }
    }

    /** RFC 1939 §§4, 6. */
    record Quit() implements Pop3Command {
        @Override
        public String keyword() {
            return "QUIT";
        }
    }

    /** RFC 6856 §2. */
    record Utf8() implements Pop3Command {
        @Override
        public String keyword() {
            return "UTF8";
        }
    }

    /** RFC 6856 §3: without a tag, lists the languages; with one ("*" or a language range), selects. */
    record Lang(Optional<String> tag) implements Pop3Command {
        public Lang {
            Objects.requireNonNull(tag, "tag");
            if (tag.isPresent() && !Pop3Syntax.isLanguageRange(tag.get())) {
                throw new IllegalArgumentException("not a language range");
            }
        }

        public Lang() {
            this(Optional.empty());
        }

        public Lang(String tag) {
            this(Optional.of(tag));
        }

        @Override
        public String keyword() {
            return "LANG";
        }
    }

    private static void requireArgument(String value, String name) {
        Objects.requireNonNull(value, name);
        if (!Pop3Syntax.isArgument(value)) {
            throw new IllegalArgumentException(name + " is empty or holds a space or control character");
        }
    }

    private static void requireMessage(int message) {
        if (message < 1) {
            throw new IllegalArgumentException("message numbers start at 1");
        }
    }

    private static void requireMessage(OptionalInt message) {
        Objects.requireNonNull(message, "message");
        if (message.isPresent()) {
            requireMessage(message.getAsInt());
        }
    }
}
