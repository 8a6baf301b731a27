package org.mailwire.pop3.codec;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.mailwire.pop3.Pop3Syntax;
import org.mailwire.pop3.StatusLine;
import org.mailwire.transport.line.DotStuffer;

/**
 * Writes server responses: status lines (RFC 1939 §3, RFC 2449 §8), AUTH continuations
 * (RFC 5034 §4) and whole listings. Message bodies (RETR, TOP) are streamed by the caller through
 * a {@link DotStuffer} after {@link #encode(StatusLine)}.
 *
 * <p>Values were checked for CR, LF and NUL when built; the encoder checks the result again
 * (SECURITY.md row 11), never echoing the value in its exception.
 */
public final class Pop3ResponseEncoder {

    private Pop3ResponseEncoder() {
    }

    /**
     * {@code +OK text}, {@code -ERR [CODE] text}, or the indicator alone (with its code) when the
     * text is empty. A heap buffer, position 0, limit the length; the caller owns it.
     */
    public static ByteBuffer encode(StatusLine status) {
        return Wire.encode(line(status).append("\r\n"));
    }

    /**
     * {@code "+" SP base64 CRLF}: a SASL challenge, empty for an empty one.
     *
     * @throws IllegalArgumentException if {@code base64} is not base64
     */
    public static ByteBuffer encodeContinuation(String base64) {
        Objects.requireNonNull(base64, "base64");
        if (!Pop3Syntax.isBase64(base64)) {
            throw new IllegalArgumentException("a continuation is base64");
        }
        return Wire.encode("+ " + base64 + "\r\n");
    }

    /**
     * A whole listing response: the {@code +OK} status line, then the lines dot-stuffed, then
     * {@code .CRLF}, for CAPA, LIST, UIDL and the mechanism list of AUTH alone.
     *
     * @param lines each without CRLF; none may hold CR, LF or NUL
     * @throws IllegalArgumentException for an {@code -ERR} status (it has no body) or a bad line
     */
    public static ByteBuffer encodeListing(StatusLine status, List<String> lines) {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(lines, "lines");
        if (!status.ok()) {
            throw new IllegalArgumentException("only +OK is followed by a listing");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 32 * lines.size());
        ByteBuffer head = encode(status);
        out.write(head.array(), head.arrayOffset() + head.position(), head.remaining());
        DotStuffer stuffer = new DotStuffer();
        for (String line : lines) {
            Wire.requireNoLineBreak(line);
            stuffer.write(ByteBuffer.wrap((line + "\r\n").getBytes(StandardCharsets.UTF_8)), b -> write(b, out));
        }
        stuffer.finish(b -> write(b, out));
        return ByteBuffer.wrap(out.toByteArray());
    }

    private static void write(ByteBuffer b, ByteArrayOutputStream out) {
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        out.write(bytes, 0, bytes.length);
    }

    private static StringBuilder line(StatusLine status) {
        StringBuilder out = new StringBuilder(16 + status.text().length()).append(status.ok() ? "+OK" : "-ERR");
        status.code().ifPresent(c -> out.append(" [").append(c.code()).append(']'));
        if (!status.text().isEmpty()) {
            out.append(' ').append(status.text());
        }
        return out;
    }
}
