package org.mailwire.pop3;

import java.util.Objects;

/**
 * A unique-id listing (RFC 1939 §7, UIDL: {@code 1 whqtswO00WBw418f9t5JxYwZ}).
 *
 * @param message the message number, 1..{@link Integer#MAX_VALUE}
 * @param uid     1 to 70 characters in 0x21..0x7E
 */
public record UniqueId(int message, String uid) {

    public UniqueId {
        Objects.requireNonNull(uid, "uid");
        if (message < 1) {
            throw new IllegalArgumentException("message numbers start at 1");
        }
        if (!Pop3Syntax.isUniqueId(uid)) {
            throw new IllegalArgumentException("a unique-id is 1 to 70 characters in 0x21..0x7E");
        }
    }

    /**
     * Parses {@code number SP uid} from a listing line without its CRLF, or the text of
     * {@code +OK 1 whqtswO00WBw418f9t5JxYwZ}.
     *
     * @throws IllegalArgumentException if it is not one; the message never repeats the input
     */
    public static UniqueId parse(String line) {
        Objects.requireNonNull(line, "line");
        int sp = line.indexOf(' ');
        if (sp > 0) {
            long message = Pop3Syntax.number(line.subSequence(0, sp), Integer.MAX_VALUE);
            String uid = line.substring(sp + 1);
            if (message >= 1 && Pop3Syntax.isUniqueId(uid)) {
                return new UniqueId((int) message, uid);
            }
        }
        throw new IllegalArgumentException("not a unique-id listing");
    }

    /** {@code number SP uid}, the listing line without CRLF. */
    public String toLine() {
        return message + " " + uid;
    }
}
