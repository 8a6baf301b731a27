package org.mailwire.transport.sasl;

import java.io.ByteArrayOutputStream;
import java.util.Optional;

/**
 * The RFC 4616 §2 message, {@code [authzid] UTF8NUL authcid UTF8NUL passwd}, parsed strictly:
 * exactly two NULs, well-formed UTF-8, authcid and passwd not empty, each part at most
 * {@link #MAX_PART_LENGTH} octets.
 */
record PlainMessage(String authzid, String authcid, String password) {

    /** RFC 4616 §2: "up to 255 octets" for each of authzid, authcid and passwd. */
    static final int MAX_PART_LENGTH = 255;

    static Optional<PlainMessage> parse(byte[] message) {
        if (SaslText.count(message, (byte) 0) != 2) {
            return Optional.empty();
        }
        int first = SaslText.indexOf(message, (byte) 0, 0);
        int second = SaslText.indexOf(message, (byte) 0, first + 1);
        if (first > MAX_PART_LENGTH
                || second - first - 1 < 1 || second - first - 1 > MAX_PART_LENGTH
                || message.length - second - 1 < 1 || message.length - second - 1 > MAX_PART_LENGTH) {
            return Optional.empty();
        }
        Optional<String> authzid = SaslText.utf8(message, 0, first);
        Optional<String> authcid = SaslText.utf8(message, first + 1, second);
        Optional<String> password = SaslText.utf8(message, second + 1, message.length);
        if (authzid.isEmpty() || authcid.isEmpty() || password.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PlainMessage(authzid.get(), authcid.get(), password.get()));
    }

    /** A single part as LOGIN carries it: the same rules as a PLAIN authcid or passwd. */
    static Optional<String> parsePart(byte[] part) {
        if (part.length < 1 || part.length > MAX_PART_LENGTH || SaslText.count(part, (byte) 0) != 0) {
            return Optional.empty();
        }
        return SaslText.utf8(part);
    }

    byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(SaslText.utf8(authzid));
        out.write(0);
        out.writeBytes(SaslText.utf8(authcid));
        out.write(0);
        out.writeBytes(SaslText.utf8(password));
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return "PlainMessage[authzid=" + authzid + ", authcid=" + authcid + "]";
    }
}
