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

    /** {@code command} with each of {@code names} (Unicode text, in argument order) written in UTF-8. */
    static byte[] rewrite(byte[] command, List<String> names) {
        String text = new String(command, StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (String name : names) {
            String wire = ModifiedUtf7.encode(name);
            if (wire.equals(name)) {
                continue;
            }
            String quoted = "\"" + wire.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            boolean atom = !wire.isEmpty() && wire.chars().allMatch(Syntax::astringChar);
            String token = atom ? " " + wire : " " + quoted;
            int at = text.indexOf(token, from);
            if (at < 0) {
                // written as a literal (a very long name): left as it is
                continue;
            }
            out.append(text, from, at + 1);
            out.append(latin1(utf8Quoted(name)));
            from = at + token.length();
        }
        out.append(text, from, text.length());
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
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
