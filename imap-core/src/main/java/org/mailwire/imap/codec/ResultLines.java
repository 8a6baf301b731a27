package org.mailwire.imap.codec;

import java.nio.charset.StandardCharsets;

/**
 * Recognises the untagged responses whose one line grows with the mailbox (SEARCH, SORT, THREAD,
 * ESEARCH), which {@link ImapResponseDecoderConfig#maxResultLine()} bounds in place of
 * {@code maxLine}.
 */
final class ResultLines {

    private static final byte[][] PREFIXES = {bytes("* SEARCH "), bytes("* SORT "), bytes("* THREAD "),
        bytes("* ESEARCH ")};

    private ResultLines() {
    }

    /** True when the first {@code len} octets of {@code line} start a result response. */
    static boolean starts(byte[] line, int len) {
        for (byte[] p : PREFIXES) {
            if (len >= p.length && regionMatches(line, p)) {
                return true;
            }
        }
        return false;
    }

    private static boolean regionMatches(byte[] line, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            int c = line[i] & 0xff;
            int want = prefix[i] & 0xff;
            // response names are case-insensitive (RFC 9051 §9 note 3)
            if (c != want && !(want >= 'A' && want <= 'Z' && c == want + 32)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
