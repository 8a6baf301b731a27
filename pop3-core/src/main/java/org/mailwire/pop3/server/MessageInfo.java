package org.mailwire.pop3.server;

import java.util.Objects;

/**
 * One message of a maildrop as the session lists it.
 *
 * @param number the message number, 1 for the first message of {@link Maildrop#messages()}, and so on
 * @param size the size in octets as sent, that is with CRLF line ends, ending in CRLF, and before
 *     dot-stuffing (what LIST and STAT report, RFC 1939 §5). It must equal the octets
 *     {@link Maildrop#open} delivers: the session ends a message that does not end in CRLF with one
 *     more CRLF, which a store must then count
 * @param uniqueId the UIDL identifier: 1 to 70 octets in 0x21..0x7E (RFC 1939 §7), the same for the
 *     same message in every session
 */
public record MessageInfo(int number, long size, String uniqueId) {
    public static final int MAX_UNIQUE_ID_LENGTH = 70;

    public MessageInfo {
        Objects.requireNonNull(uniqueId, "uniqueId");
        if (number < 1) {
            throw new IllegalArgumentException("number must be positive: " + number);
        }
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        if (uniqueId.isEmpty() || uniqueId.length() > MAX_UNIQUE_ID_LENGTH) {
            throw new IllegalArgumentException("uniqueId must be 1 to 70 characters");
        }
        for (int i = 0; i < uniqueId.length(); i++) {
            char c = uniqueId.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                throw new IllegalArgumentException("uniqueId must be printable ASCII without spaces (RFC 1939 section 7)");
            }
        }
    }
}
