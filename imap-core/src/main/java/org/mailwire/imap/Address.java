package org.mailwire.imap;

/**
 * An address of an ENVELOPE (RFC 3501 §7.4.2, §9 {@code address}). A field the server sent as NIL
 * is {@code null}. Group syntax (RFC 2822) is carried as the server sends it: a {@code null} host
 * with a non-null mailbox starts a group (the mailbox is the group name), and an address whose
 * mailbox and host are both {@code null} ends it.
 */
public record Address(String name, String adl, String mailbox, String host) {

    /** True for the start of a group: mailbox holds the group name, host is NIL. */
    public boolean groupStart() {
        return host == null && mailbox != null;
    }

    /** True for the end of a group: mailbox and host are NIL. */
    public boolean groupEnd() {
        return host == null && mailbox == null;
    }
}
