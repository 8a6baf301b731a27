package org.mailwire.imap.client.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.mailwire.imap.ModifiedUtf7;
import org.mailwire.imap.Syntax;

/**
 * Once UTF8=ACCEPT is enabled (RFC 6855 §3, RFC 9755) mailbox names travel as UTF-8, and a name's
 * modified UTF-7 form would be taken literally ({@code &AOk-} is five characters then). The encoder
 * writes every name in modified UTF-7, so each name whose two forms differ is found in the encoded
 * command, in argument order, as the atom or quoted string the encoder made of it, and replaced by a
 * quoted string holding its UTF-8 (the {@code utf8-quoted} of RFC 6855 §4; names hold no CR or LF).
 */
final class Utf8MailboxNames {

    private Utf8MailboxNames() {
    }

    /**
     * {@code segments} (an encoded command) with each of {@code names} (Unicode text, in argument
     * order) written in UTF-8. A name sits inside one segment: segments end only after literal
     * headers, and a quoted string or atom holds none.
     */
    static List<byte[]> rewrite(List<byte[]> segments, List<String> names) {
        List<String> pending = new java.util.ArrayList<>();
        for (String name : names) {
            if (!ModifiedUtf7.encode(name).equals(name)) {
                pending.add(name);
            }
        }
        List<byte[]> out = new java.util.ArrayList<>();
        int next = 0;
        for (byte[] segment : segments) {
            String text = new String(segment, StandardCharsets.ISO_8859_1);
            StringBuilder b = new StringBuilder();
            int from = 0;
            while (next < pending.size()) {
                String name = pending.get(next);
                String wire = ModifiedUtf7.encode(name);
                boolean atom = !wire.isEmpty() && wire.chars().allMatch(c -> Syntax.astringChar(c) || Syntax.listChar(c));
                String token = " " + (atom ? wire : "\"" + wire.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
                int at = text.indexOf(token, from);
                if (at < 0) {
                    // in a later segment (or written as a literal, which is left alone)
                    break;
                }
                b.append(text, from, at + 1).append(latin1(utf8Quoted(name)));
                from = at + token.length();
                next++;
            }
            b.append(text, from, text.length());
            out.add(b.toString().getBytes(StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    private static byte[] utf8Quoted(String name) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write('"');
        byte[] utf8 = name.replace("\\", "\\\\").replace("\"", "\\\"").getBytes(StandardCharsets.UTF_8);
        b.write(utf8, 0, utf8.length);
        b.write('"');
        return b.toByteArray();
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
