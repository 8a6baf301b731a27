package org.mailwire.imap;

import java.util.List;
import java.util.Objects;

/**
 * The IMAP commands a server decodes (this subset: RFC 3501/9051 without SEARCH, plus IDLE,
 * ENABLE, UNSELECT, MOVE, UID EXPUNGE, CONDSTORE's parameters). Every command carries its tag;
 * {@link #uid()} is true for the UID forms. Values are validated by their own types; records that
 * hold secrets (LOGIN, AUTHENTICATE) mask them in {@code toString}.
 */
public sealed interface ImapCommand {

    Tag tag();

    /** True for UID FETCH/STORE/COPY/MOVE/EXPUNGE. */
    default boolean uid() {
        return false;
    }

    /** The command name, upper case, without UID. */
    String name();

    private static <T> T req(T v, String n) {
        return Objects.requireNonNull(v, n);
    }

    record Capability(Tag tag) implements ImapCommand {
        public Capability {
            req(tag, "tag");
        }

        @Override
        public String name() {
            return "CAPABILITY";
        }
    }

    record Noop(Tag tag) implements ImapCommand {
        public Noop {
            req(tag, "tag");
        }

        @Override
        public String name() {
            return "NOOP";
        }
    }

    record Logout(Tag tag) implements ImapCommand {
        public Logout {
            req(tag, "tag");
        }

        @Override
        public String name() {
            return "LOGOUT";
        }
    }

    record StartTls(Tag tag) implements ImapCommand {
        public StartTls {
            req(tag, "tag");
        }

        @Override
        public String name() {
            return "STARTTLS";
        }
    }

    /** LOGIN; {@code toString} masks the password (SECURITY.md row 16). */
    record Login(Tag tag, String user, String password) implements ImapCommand {
        public Login {
            req(tag, "tag");
            req(user, "user");
            req(password, "password");
            if (user.indexOf(0) >= 0 || password.indexOf(0) >= 0) {
                throw new IllegalArgumentException("NUL in LOGIN");
            }
        }

        @Override
        public String name() {
            return "LOGIN";
        }

        @Override
        public String toString() {
            return "Login[tag=" + tag + ", user=" + user + ", password=***]";
        }
    }

    /**
     * AUTHENTICATE; {@code initialResponse} is the RFC 4959 SASL-IR (base64 or "=") or null.
     * {@code toString} masks it.
     */
    record Authenticate(Tag tag, String mechanism, String initialResponse) implements ImapCommand {
        public Authenticate {
            req(tag, "tag");
            if (!Syntax.isAtom(req(mechanism, "mechanism"))) {
                throw new IllegalArgumentException("a SASL mechanism is an atom");
            }
            if (initialResponse != null && !Syntax.isAtom(initialResponse)) {
                throw new IllegalArgumentException("an initial response is base64 or =");
            }
        }

        @Override
        public String name() {
            return "AUTHENTICATE";
        }

        @Override
        public String toString() {
            return "Authenticate[tag=" + tag + ", mechanism=" + mechanism
                    + (initialResponse == null ? "" : ", initialResponse=***") + "]";
        }
    }

    record Enable(Tag tag, List<String> capabilities) implements ImapCommand {
        public Enable {
            req(tag, "tag");
            capabilities = List.copyOf(capabilities);
            if (capabilities.isEmpty() || !capabilities.stream().allMatch(Syntax::isAtom)) {
                throw new IllegalArgumentException("ENABLE takes one or more atoms");
            }
        }

        @Override
        public String name() {
            return "ENABLE";
        }
    }

    /**
     * SELECT; {@code condstore} for the RFC 7162 {@code CONDSTORE} parameter, {@code qresync} for
     * QRESYNC's (or null).
     */
    record Select(Tag tag, MailboxName mailbox, boolean condstore, Qresync qresync) implements ImapCommand {
        public Select {
            req(tag, "tag");
            req(mailbox, "mailbox");
        }

        /** Without QRESYNC. */
        public Select(Tag tag, MailboxName mailbox, boolean condstore) {
            this(tag, mailbox, condstore, null);
        }

        @Override
        public String name() {
            return "SELECT";
        }
    }

    record Examine(Tag tag, MailboxName mailbox, boolean condstore, Qresync qresync) implements ImapCommand {
        public Examine {
            req(tag, "tag");
            req(mailbox, "mailbox");
        }

        /** Without QRESYNC. */
        public Examine(Tag tag, MailboxName mailbox, boolean condstore) {
            this(tag, mailbox, condstore, null);
        }

        @Override
        public String name() {
            return "EXAMINE";
        }
    }

    record Create(Tag tag, MailboxName mailbox) implements ImapCommand {
        public Create {
            req(tag, "tag");
            req(mailbox, "mailbox");
        }

        @Override
        public String name() {
            return "CREATE";
        }
    }

    record Delete(Tag tag, MailboxName mailbox) implements ImapCommand {
        public Delete {
            req(tag, "tag");
            req(mailbox, "mailbox");
        }

        @Override
        public String name() {
            return "DELETE";
        }
    }

    record Rename(Tag tag, MailboxName from, MailboxName to) implements ImapCommand {
        public Rename {
            req(tag, "tag");
            req(from, "from");
            req(to, "to");
        }

        @Override
        public String name() {
            return "RENAME";
        }
    }

    record Subscribe(Tag tag, MailboxName mailbox) implements ImapCommand {
        public Subscribe {
            req(tag, "tag");
            req(mailbox, "mailbox");
        }

        @Override
        public String name() {
            return "SUBSCRIBE";
        }
    }

    record Unsubscribe(Tag tag, MailboxName mailbox) implements ImapCommand {
        public Unsubscribe {
            req(tag, "tag");
            req(mailbox, "mailbox");
        }

        @Override
        public String name() {
            return "UNSUBSCRIBE";
        }
    }

    /**
     * LIST in its basic form: reference and pattern as Unicode text (modified UTF-7 decoded like
     * a mailbox name, but INBOX's case is kept: the pattern matcher applies the rule).
     */
    record ListMailboxes(Tag tag, String reference, String pattern) implements ImapCommand {
        public ListMailboxes {
            req(tag, "tag");
            new MailboxName(req(reference, "reference"));
            new MailboxName(req(pattern, "pattern"));
        }

        @Override
        public String name() {
            return "LIST";
        }
    }

    record Lsub(Tag tag, String reference, String pattern) implements ImapCommand {
        public Lsub {
            req(tag, "tag");
            new MailboxName(req(reference, "reference"));
            new MailboxName(req(pattern, "pattern"));
        }

        @Override
        public String name() {
            return "LSUB";
        }
    }

    record Status(Tag tag, MailboxName mailbox, List<StatusItem> items) implements ImapCommand {
        public Status {
            req(tag, "tag");
            req(mailbox, "mailbox");
            items = List.copyOf(items);
            if (items.isEmpty()) {
                throw new IllegalArgumentException("STATUS needs an item");
            }
        }

        @Override
        public String name() {
            return "STATUS";
        }
    }

    /**
     * APPEND's arguments up to the message literal, whose octets the decoder streams as events.
     *
     * @param date   the internal date or null
     * @param size   the literal's octet count
     * @param binary true for a literal8 {@code ~{n}} (RFC 3516), which may hold NUL
     */
    record Append(Tag tag, MailboxName mailbox, List<Flag> flags, ImapDateTime date, long size, boolean binary)
            implements ImapCommand {
        public Append {
            req(tag, "tag");
            req(mailbox, "mailbox");
            flags = List.copyOf(flags);
            if (size < 0) {
                throw new IllegalArgumentException("negative size");
            }
        }

        @Override
        public String name() {
            return "APPEND";
        }
    }

    record Check(Tag tag) implements ImapCommand {
        public Check {
            req(tag, "tag");
        }

        @Override
        public String name() {
            return "CHECK";
        }
    }

    record Close(Tag tag) implements ImapCommand {
        public Close {
            req(tag, "tag");
        }

        @Override
        public String name() {
            return "CLOSE";
        }
    }

    record Unselect(Tag tag) implements ImapCommand {
        public Unselect {
            req(tag, "tag");
        }

        @Override
        public String name() {
            return "UNSELECT";
        }
    }

    /** EXPUNGE, or UID EXPUNGE (RFC 4315) when {@code uids} is not null. */
    record Expunge(Tag tag, SequenceSet uids) implements ImapCommand {
        public Expunge {
            req(tag, "tag");
        }

        @Override
        public boolean uid() {
            return uids != null;
        }

        @Override
        public String name() {
            return "EXPUNGE";
        }
    }

    /**
     * FETCH or UID FETCH; a macro is the only item when present.
     *
     * @param changedSince RFC 7162 CHANGEDSINCE modifier, or -1 when absent
     * @param vanished     RFC 7162 VANISHED modifier: UID FETCH with CHANGEDSINCE only
     */
    record Fetch(Tag tag, boolean uid, SequenceSet set, List<FetchAttribute> items, long changedSince,
            boolean vanished) implements ImapCommand {
        public Fetch {
            req(tag, "tag");
            req(set, "set");
            items = List.copyOf(items);
            if (items.isEmpty()) {
                throw new IllegalArgumentException("FETCH needs an item");
            }
            if (items.size() > 1 && items.stream().anyMatch(i -> i instanceof FetchAttribute.Macro)) {
                throw new IllegalArgumentException("a macro stands alone");
            }
            if (changedSince < -1) {
                throw new IllegalArgumentException("CHANGEDSINCE is a mod-sequence-valzer");
            }
            if (vanished && (!uid || changedSince < 0)) {
                throw new IllegalArgumentException("VANISHED needs UID FETCH and CHANGEDSINCE (RFC 7162 §3.2.6)");
            }
        }

        /** Without modifiers. */
        public Fetch(Tag tag, boolean uid, SequenceSet set, List<FetchAttribute> items) {
            this(tag, uid, set, items, -1, false);
        }

        @Override
        public String name() {
            return "FETCH";
        }
    }

    /** How STORE changes flags. */
    enum StoreMode {
        /** {@code FLAGS}. */
        REPLACE("FLAGS"),
        /** {@code +FLAGS}. */
        ADD("+FLAGS"),
        /** {@code -FLAGS}. */
        REMOVE("-FLAGS");

        private final String wire;

        StoreMode(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /**
     * STORE or UID STORE.
     *
     * @param unchangedSince RFC 7162 UNCHANGEDSINCE, or -1 when absent
     */
    record Store(Tag tag, boolean uid, SequenceSet set, long unchangedSince, StoreMode mode, boolean silent,
            List<Flag> flags) implements ImapCommand {
        public Store {
            req(tag, "tag");
            req(set, "set");
            req(mode, "mode");
            flags = List.copyOf(flags);
            if (unchangedSince < -1) {
                throw new IllegalArgumentException("UNCHANGEDSINCE is a mod-sequence-valzer");
            }
        }

        @Override
        public String name() {
            return "STORE";
        }
    }

    record Copy(Tag tag, boolean uid, SequenceSet set, MailboxName mailbox) implements ImapCommand {
        public Copy {
            req(tag, "tag");
            req(set, "set");
            req(mailbox, "mailbox");
        }

        @Override
        public String name() {
            return "COPY";
        }
    }

    record Move(Tag tag, boolean uid, SequenceSet set, MailboxName mailbox) implements ImapCommand {
        public Move {
            req(tag, "tag");
            req(set, "set");
            req(mailbox, "mailbox");
        }

        @Override
        public String name() {
            return "MOVE";
        }
    }

    /** IDLE (RFC 2177); the session then asks the decoder for the DONE line. */
    record Idle(Tag tag) implements ImapCommand {
        public Idle {
            req(tag, "tag");
        }

        @Override
        public String name() {
            return "IDLE";
        }
    }

    /**
     * SEARCH or UID SEARCH (RFC 3501 §6.4.4, RFC 9051 §6.4.4).
     *
     * @param returnOptions ESEARCH's {@code RETURN (...)} (RFC 4731), possibly empty, or null when
     *                      the client sent none (a plain SEARCH response is wanted)
     * @param charset       the CHARSET argument or null
     * @param keys          the top-level keys, all of which must match
     */
    record Search(Tag tag, boolean uid, List<SearchReturn> returnOptions, String charset, List<SearchKey> keys)
            implements ImapCommand {
        public Search {
            req(tag, "tag");
            keys = List.copyOf(keys);
            if (returnOptions != null) {
                returnOptions = List.copyOf(returnOptions);
            }
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("SEARCH needs a key");
            }
            if (charset != null && (charset.isEmpty() || Syntax.hasCrLfNul(charset))) {
                throw new IllegalArgumentException("bad charset");
            }
        }

        /** Without RETURN. */
        public Search(Tag tag, boolean uid, String charset, List<SearchKey> keys) {
            this(tag, uid, null, charset, keys);
        }

        @Override
        public String name() {
            return "SEARCH";
        }
    }
}
