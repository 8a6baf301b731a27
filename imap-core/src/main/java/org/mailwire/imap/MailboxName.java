package org.mailwire.imap;

import java.util.Objects;

/**
 * A mailbox name as Unicode text. {@code INBOX} in any case is INBOX (RFC 3501 §5.1), so every
 * case variant becomes the upper-case name; other names keep their case. A name holding CR, LF
 * or NUL, or an unpaired surrogate, is refused.
 *
 * <p>On the wire a name is modified UTF-7 ({@link #toWire()}, RFC 3501 §5.1.3); a client with
 * UTF8=ACCEPT or IMAP4rev2 may send raw UTF-8 instead, which {@link #fromWire} takes verbatim
 * when the octets hold anything above 0x7f.
 */
public record MailboxName(String name) {

    public static final MailboxName INBOX = new MailboxName("INBOX");

    public MailboxName {
        Objects.requireNonNull(name, "name");
        if (Syntax.hasCrLfNul(name)) {
            throw new IllegalArgumentException("CR, LF or NUL in a mailbox name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("unpaired surrogate in a mailbox name");
            }
        }
        if (name.equalsIgnoreCase("INBOX")) {
            name = "INBOX";
        }
    }

    public static MailboxName of(String name) {
        return new MailboxName(name);
    }

    /**
     * The name from its wire text: strict modified UTF-7 if all ASCII, UTF-8 text as is otherwise.
     *
     * @throws IllegalArgumentException on a non-canonical modified UTF-7 form
     */
    public static MailboxName fromWire(String wire) {
        for (int i = 0; i < wire.length(); i++) {
            if (wire.charAt(i) > 0x7f) {
                return new MailboxName(wire);
            }
        }
        return new MailboxName(ModifiedUtf7.decode(wire));
    }

    /** The modified UTF-7 form, ASCII only. */
    public String toWire() {
        return ModifiedUtf7.encode(name);
    }

    public boolean isInbox() {
        return name.equals("INBOX");
    }

    @Override
    public String toString() {
        return name;
    }
}
