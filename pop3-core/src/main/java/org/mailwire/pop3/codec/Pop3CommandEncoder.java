package org.mailwire.pop3.codec;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.mailwire.pop3.Pop3Command;
import org.mailwire.pop3.Pop3Syntax;

/**
 * Writes a {@link Pop3Command} with its CRLF, in canonical form: the keyword upper-case, the
 * arguments separated by one space, numbers in decimal without leading zeros, text in UTF-8
 * (RFC 6856).
 *
 * <p>Commands validate their arguments when built, so no value can carry CR, LF or NUL; the
 * encoder checks the result again and throws {@link IllegalArgumentException} (without echoing
 * the value) if one ever did (SECURITY.md row 11). The line length is not checked here: a client
 * that lets a user name grow past RFC 2449's 255 octets gets the server's refusal.
 */
public final class Pop3CommandEncoder {

    private Pop3CommandEncoder() {
    }

    /** A heap buffer, position 0, limit the length; the caller owns it. */
    public static ByteBuffer encode(Pop3Command command) {
        Objects.requireNonNull(command, "command");
        return Wire.encode(line(command).append("\r\n"));
    }

    /**
     * A SASL response line (RFC 5034 §4): base64 text (empty for an empty response) or "*" to
     * cancel the exchange.
     *
     * @throws IllegalArgumentException if it is neither; the message never echoes the value
     */
    public static ByteBuffer encodeAuthResponse(String response) {
        Objects.requireNonNull(response, "response");
        if (!response.equals("*") && !Pop3Syntax.isBase64(response)) {
            throw new IllegalArgumentException("an AUTH response is base64 or \"*\"");
        }
        return Wire.encode(response + "\r\n");
    }

    private static StringBuilder line(Pop3Command command) {
        StringBuilder out = new StringBuilder(32).append(command.keyword());
        if (command instanceof Pop3Command.User c) {
            out.append(' ').append(c.name());
        } else if (command instanceof Pop3Command.Pass c) {
            out.append(' ').append(c.password());
        } else if (command instanceof Pop3Command.Apop c) {
            out.append(' ').append(c.name()).append(' ').append(c.digest());
        } else if (command instanceof Pop3Command.Auth c) {
            c.mechanism().ifPresent(m -> out.append(' ').append(m));
            c.initialResponse().ifPresent(r -> out.append(' ').append(r));
        } else if (command instanceof Pop3Command.List c) {
            c.message().ifPresent(m -> out.append(' ').append(m));
        } else if (command instanceof Pop3Command.Uidl c) {
            c.message().ifPresent(m -> out.append(' ').append(m));
        } else if (command instanceof Pop3Command.Retr c) {
            out.append(' ').append(c.message());
        } else if (command instanceof Pop3Command.Dele c) {
            out.append(' ').append(c.message());
        } else if (command instanceof Pop3Command.Top c) {
            out.append(' ').append(c.message()).append(' ').append(c.lines());
        } else if (command instanceof Pop3Command.Lang c) {
            c.tag().ifPresent(t -> out.append(' ').append(t));
        }
        // STLS, CAPA, STAT, NOOP, RSET, QUIT, UTF8: the keyword alone.
        return out;
    }
}
