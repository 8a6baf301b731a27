package org.mailwire.smtp.codec;

import java.nio.ByteBuffer;
import java.util.List;
import org.mailwire.smtp.SmtpReply;

/**
 * Writes an {@link SmtpReply} (RFC 5321 §4.2): {@code code "-" text CRLF} for every line but the
 * last, {@code code SP text CRLF} for the last, the enhanced status code at the start of every
 * line's text when present (RFC 2034 §4); an empty line without a status is the bare code. The
 * reply's lines were checked for CR, LF and NUL when it was built; the encoder checks again.
 */
public final class SmtpReplyEncoder {

    private SmtpReplyEncoder() {
    }

    /** A heap buffer, position 0, limit the length; the caller owns it. */
    public static ByteBuffer encode(SmtpReply reply) {
        List<String> lines = reply.lines();
        String status = reply.status().map(Object::toString).orElse(null);
        StringBuilder out = new StringBuilder(64 * lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            out.append(reply.code());
            boolean last = i == lines.size() - 1;
            String text = status == null ? line : line.isEmpty() ? status : status + " " + line;
            if (!last) {
                out.append('-').append(text);
            } else if (!text.isEmpty()) {
                out.append(' ').append(text);
            }
            out.append("\r\n");
        }
        return Wire.encode(out);
    }
}
