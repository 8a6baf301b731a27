package org.mailwire.imap.client.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits an encoded command at its synchronising literals: every piece after the first is sent
 * only after the server's {@code +} (RFC 3501 §7.5, RFC 9051 §4.3). A literal announcement is
 * {@code {n}CRLF} (or {@code ~{n}CRLF}); a non-synchronising {@code {n+}} is skipped over but not
 * split. Literal contents are skipped by their count, so octets inside a literal that look like an
 * announcement are never mistaken for one; outside literals, {@code {} only starts a literal
 * (it is an atom-special, and quoted strings hold no CRLF).
 */
public final class LiteralSplitter {

    private LiteralSplitter() {
    }

    public static List<byte[]> split(byte[] command) {
        List<byte[]> pieces = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < command.length) {
            if (command[i] != '{') {
                i++;
                continue;
            }
            int j = i + 1;
            long count = 0;
            while (j < command.length && command[j] >= '0' && command[j] <= '9' && j - i <= 19) {
                count = count * 10 + (command[j] - '0');
                j++;
            }
            boolean digits = j > i + 1;
            boolean nonSync = j < command.length && (command[j] == '+' || command[j] == '-');
            if (nonSync) {
                j++;
            }
            if (!digits || j + 2 >= command.length || command[j] != '}' || command[j + 1] != '\r'
                    || command[j + 2] != '\n') {
                i++;
                continue;
            }
            int contentStart = j + 3;
            if (!nonSync) {
                pieces.add(Arrays.copyOfRange(command, start, contentStart));
                start = contentStart;
            }
            i = (int) Math.min(command.length, contentStart + count);
        }
        pieces.add(Arrays.copyOfRange(command, start, command.length));
        return pieces;
    }
}
