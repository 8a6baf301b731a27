package org.mailwire.pop3.codec;

import java.util.Optional;
import java.util.OptionalInt;
import org.mailwire.pop3.Pop3Command;
import org.mailwire.pop3.Pop3Syntax;
import org.mailwire.pop3.codec.Pop3CommandViolation.Kind;

/**
 * Turns one command line (content without CRLF, already free of NUL, bare CR and bare LF) into a
 * {@link Pop3Command} or the {@link Kind} of its refusal. Stateless; every value is checked with
 * {@link Pop3Syntax} before a record is built, so hostile input never costs an exception.
 */
final class CommandParser {

    /** The keywords of RFC 1939, 2449, 2595, 5034 and 6856. */
    enum Keyword {
        USER, PASS, APOP, AUTH, STLS, CAPA, STAT, LIST, RETR, DELE, NOOP, RSET, TOP, UIDL, QUIT, UTF8, LANG;

        /** Matched whole, ASCII only, ignoring case (so QUITX is unknown). */
        static Keyword of(String text) {
            if (text.length() < 3 || text.length() > 4) {
                return null;
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                // ASCII only before upper-casing: "quıt" (dotless i) must not become QUIT.
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                    return null;
                }
            }
            String upper = text.toUpperCase(java.util.Locale.ROOT);
            for (Keyword k : values()) {
                if (k.name().equals(upper)) {
                    return k;
                }
            }
            return null;
        }
    }

    private CommandParser() {
    }

    /**
     * @param line    the line, decoded as UTF-8 (as ISO-8859-1 when {@code badUtf8})
     * @param badUtf8 whether its octets were not valid UTF-8
     * @return a {@link Pop3Command} or a {@link Kind}
     */
    static Object parse(String line, boolean badUtf8) {
        int sp = line.indexOf(' ');
        Keyword keyword = Keyword.of(sp < 0 ? line : line.substring(0, sp));
        if (keyword == null) {
            return Kind.UNKNOWN_COMMAND;
        }
        if (badUtf8) {
            return Kind.SYNTAX_ERROR;
        }
        // RFC 1939 §3: arguments are separated by a single space; only PASS takes the rest of the line.
        String rest = sp < 0 ? null : line.substring(sp + 1);
        String[] args = rest == null ? new String[0] : rest.split(" ", -1);
        Pop3Command command = switch (keyword) {
            case STLS -> args.length == 0 ? new Pop3Command.Stls() : null;
            case CAPA -> args.length == 0 ? new Pop3Command.Capa() : null;
            case STAT -> args.length == 0 ? new Pop3Command.Stat() : null;
            case NOOP -> args.length == 0 ? new Pop3Command.Noop() : null;
            case RSET -> args.length == 0 ? new Pop3Command.Rset() : null;
            case QUIT -> args.length == 0 ? new Pop3Command.Quit() : null;
            case UTF8 -> args.length == 0 ? new Pop3Command.Utf8() : null;
            case USER -> args.length == 1 && Pop3Syntax.isArgument(args[0]) ? new Pop3Command.User(args[0]) : null;
            case PASS -> rest != null && Pop3Syntax.isPassword(rest) ? new Pop3Command.Pass(rest) : null;
            case APOP -> args.length == 2 && Pop3Syntax.isArgument(args[0]) && Pop3Syntax.isDigest(args[1])
                    ? new Pop3Command.Apop(args[0], args[1]) : null;
            case AUTH -> auth(args);
            case LIST -> {
                OptionalInt message = optionalMessage(args);
                yield message == null ? null : new Pop3Command.List(message);
            }
            case UIDL -> {
                OptionalInt message = optionalMessage(args);
                yield message == null ? null : new Pop3Command.Uidl(message);
            }
            case RETR -> {
                int message = args.length == 1 ? message(args[0]) : -1;
                yield message < 0 ? null : new Pop3Command.Retr(message);
            }
            case DELE -> {
                int message = args.length == 1 ? message(args[0]) : -1;
                yield message < 0 ? null : new Pop3Command.Dele(message);
            }
            case TOP -> {
                int message = args.length == 2 ? message(args[0]) : -1;
                long lines = args.length == 2 ? Pop3Syntax.number(args[1], Integer.MAX_VALUE) : -1;
                yield message < 0 || lines < 0 ? null : new Pop3Command.Top(message, (int) lines);
            }
            case LANG -> {
                if (args.length == 0) {
                    yield new Pop3Command.Lang();
                }
                yield args.length == 1 && Pop3Syntax.isLanguageRange(args[0]) ? new Pop3Command.Lang(args[0]) : null;
            }
        };
        return command == null ? Kind.SYNTAX_ERROR : command;
    }

    private static Pop3Command auth(String[] args) {
        if (args.length == 0) {
            return new Pop3Command.Auth();
        }
        if (args.length > 2 || !Pop3Syntax.isMechanism(args[0])) {
            return null;
        }
        if (args.length == 1) {
            return new Pop3Command.Auth(args[0]);
        }
        return Pop3Syntax.isInitialResponse(args[1])
                ? new Pop3Command.Auth(Optional.of(args[0]), Optional.of(args[1])) : null;
    }

    /** Empty for no argument, null for a bad one. */
    private static OptionalInt optionalMessage(String[] args) {
        if (args.length == 0) {
            return OptionalInt.empty();
        }
        int message = args.length == 1 ? message(args[0]) : -1;
        return message < 0 ? null : OptionalInt.of(message);
    }

    /** A message number, 1..Integer.MAX_VALUE, or -1. */
    private static int message(String text) {
        long n = Pop3Syntax.number(text, Integer.MAX_VALUE);
        return n < 1 ? -1 : (int) n;
    }
}
