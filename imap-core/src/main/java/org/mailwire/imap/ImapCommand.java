package org.mailwire.imap;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The IMAP commands a server decodes and a client encodes: RFC 3501/9051, plus IDLE, ENABLE,
 * UNSELECT, MOVE, UID EXPUNGE, CONDSTORE/QRESYNC parameters, ESEARCH, NAMESPACE, ID, COMPRESS,
 * SORT/ESORT, THREAD, LIST-EXTENDED/LIST-STATUS/SPECIAL-USE, CREATE-SPECIAL-USE, MULTIAPPEND,
 * CATENATE and UTF8 APPEND. Every command carries its tag; {@link #uid()} is true for the UID forms. Values are validated by their own types; records that
 * hold secrets (LOGIN, AUTHENTICATE) mask them in {@code toString}.
 */
public sealed interface ImapCommand {

    Tag tag();

    /** True for UID FETCH/STORE/COPY/MOVE/EXPUNGE/SEARCH/SORT/THREAD. */
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

    /**
     * CREATE, with RFC 6154 §3 {@code (USE (\Drafts ...))} when {@code specialUse} is not empty.
     * Each use attribute is {@code \atom}; the RFC 6154 ones are kept in their RFC spelling
     * whatever case the client used, repeated ones once.
     */
    record Create(Tag tag, MailboxName mailbox, List<String> specialUse) implements ImapCommand {

        /** The use attributes RFC 6154 §2 defines, in their RFC spelling. */
        public static final List<String> SPECIAL_USES = List.of("\\All", "\\Archive", "\\Drafts", "\\Flagged",
                "\\Junk", "\\Sent", "\\Trash");

        public Create {
            req(tag, "tag");
            req(mailbox, "mailbox");
            Set<String> uses = new LinkedHashSet<>();
            for (String u : specialUse) {
                if (!req(u, "use").startsWith("\\") || !Syntax.isAtom(u.substring(1))) {
                    throw new IllegalArgumentException("a use attribute is \\atom");
                }
                String canonical = u;
                for (String known : SPECIAL_USES) {
                    if (known.equalsIgnoreCase(u)) {
                        canonical = known;
                    }
                }
                uses.add(canonical);
            }
            specialUse = List.copyOf(uses);
        }

        /** Without USE. */
        public Create(Tag tag, MailboxName mailbox) {
            this(tag, mailbox, List.of());
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
     * LIST, basic (RFC 3501 §6.3.8) or extended (RFC 5258 LIST-EXTENDED, RFC 5819 LIST-STATUS,
     * RFC 6154 SPECIAL-USE). Reference and patterns are Unicode text (modified UTF-7 decoded like
     * a mailbox name, but INBOX's case is kept: the pattern matcher applies the rule). The basic
     * form is the one without options and with one pattern; {@code LIST () "" (x) RETURN ()} is
     * the same command (RFC 5258 §3). Repeated options are kept once.
     *
     * @param selectOptions selection options, possibly empty
     * @param patterns      one or more patterns
     * @param returnOptions return options, possibly empty; STATUS at most once
     */
    record ListMailboxes(Tag tag, List<ListSelectOption> selectOptions, String reference, List<String> patterns,
            List<ListReturnOption> returnOptions) implements ImapCommand {
        public ListMailboxes {
            req(tag, "tag");
            new MailboxName(req(reference, "reference"));
            selectOptions = List.copyOf(new LinkedHashSet<>(selectOptions));
            patterns = List.copyOf(patterns);
            returnOptions = List.copyOf(new LinkedHashSet<>(returnOptions));
            if (patterns.isEmpty()) {
                throw new IllegalArgumentException("LIST needs a pattern");
            }
            patterns.forEach(p -> new MailboxName(p));
            if (selectOptions.contains(ListSelectOption.RECURSIVEMATCH)
                    && !selectOptions.contains(ListSelectOption.SUBSCRIBED)
                    && !selectOptions.contains(ListSelectOption.SPECIAL_USE)) {
                // RFC 5258 §3: RECURSIVEMATCH alone (or with REMOTE only) is refused with BAD.
                throw new IllegalArgumentException("RECURSIVEMATCH needs a base selection option");
            }
            if (returnOptions.stream().filter(o -> o instanceof ListReturnOption.Status).count() > 1) {
                throw new IllegalArgumentException("RETURN STATUS at most once");
            }
        }

        /** The basic form. */
        public ListMailboxes(Tag tag, String reference, String pattern) {
            this(tag, List.of(), reference, List.of(req(pattern, "pattern")), List.of());
        }

        /** The first pattern (the only one in the basic form). */
        public String pattern() {
            return patterns.get(0);
        }

        /** True when only the extended syntax can express this command. */
        public boolean extended() {
            return !selectOptions.isEmpty() || !returnOptions.isEmpty() || patterns.size() > 1;
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
     * One message of an APPEND whose data is a literal: the arguments up to that literal, whose
     * octets the decoder streams as events. A MULTIAPPEND (RFC 3502) gives one per message, all
     * with the same tag and mailbox.
     *
     * @param date   the internal date or null
     * @param size   the literal's octet count
     * @param binary true for a literal8 {@code ~{n}} (RFC 3516), which may hold NUL
     * @param utf8   true for RFC 6855 {@code UTF8 (~{n})}: a literal8 holding a message with
     *               UTF-8 headers; implies {@code binary}
     */
    record Append(Tag tag, MailboxName mailbox, List<Flag> flags, ImapDateTime date, long size, boolean binary,
            boolean utf8) implements ImapCommand {
        public Append {
            req(tag, "tag");
            req(mailbox, "mailbox");
            flags = List.copyOf(flags);
            if (size < 0) {
                throw new IllegalArgumentException("negative size");
            }
            if (utf8 && !binary) {
                throw new IllegalArgumentException("UTF8 data is a literal8");
            }
        }

        /** A literal or literal8 message. */
        public Append(Tag tag, MailboxName mailbox, List<Flag> flags, ImapDateTime date, long size, boolean binary) {
            this(tag, mailbox, flags, date, size, binary, false);
        }

        @Override
        public String name() {
            return "APPEND";
        }
    }

    /**
     * One message of an APPEND built by CATENATE (RFC 4469): the arguments up to
     * {@code CATENATE (}; its parts follow as decoder events (URL strings, streamed TEXT literals).
     */
    record Catenate(Tag tag, MailboxName mailbox, List<Flag> flags, ImapDateTime date) implements ImapCommand {
        public Catenate {
            req(tag, "tag");
            req(mailbox, "mailbox");
            flags = List.copyOf(flags);
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

    /** NAMESPACE (RFC 2342). */
    record Namespace(Tag tag) implements ImapCommand {
        public Namespace {
            req(tag, "tag");
        }

        @Override
        public String name() {
            return "NAMESPACE";
        }
    }

    /**
     * ID (RFC 2971): field/value pairs in the client's order; {@code ID NIL} is the empty map. A
     * value may be null (NIL). The RFC 2971 §3.3 limits hold: at most {@value #MAX_PAIRS} pairs,
     * fields of at most {@value #MAX_FIELD_OCTETS} octets, values of at most
     * {@value #MAX_VALUE_OCTETS} octets (UTF-8). Field names compare ignoring case, so each may
     * appear once.
     */
    record Id(Tag tag, Map<String, String> parameters) implements ImapCommand {

        public static final int MAX_PAIRS = 30;
        public static final int MAX_FIELD_OCTETS = 30;
        public static final int MAX_VALUE_OCTETS = 1024;

        public Id {
            req(tag, "tag");
            Map<String, String> copy = new LinkedHashMap<>();
            Set<String> seen = new HashSet<>();
            req(parameters, "parameters").forEach((k, v) -> {
                if (req(k, "field").indexOf(0) >= 0 || (v != null && v.indexOf(0) >= 0)) {
                    throw new IllegalArgumentException("NUL in an ID string");
                }
                if (k.getBytes(StandardCharsets.UTF_8).length > MAX_FIELD_OCTETS
                        || (v != null && v.getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_OCTETS)) {
                    throw new IllegalArgumentException("ID field or value over the RFC 2971 limit");
                }
                if (!seen.add(k.toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("ID field repeated");
                }
                copy.put(k, v);
            });
            if (copy.size() > MAX_PAIRS) {
                throw new IllegalArgumentException("more than 30 ID pairs");
            }
            parameters = Collections.unmodifiableMap(copy);
        }

        @Override
        public String name() {
            return "ID";
        }
    }

    /** COMPRESS (RFC 4978); the mechanism is an atom, upper-cased ({@code DEFLATE}). */
    record Compress(Tag tag, String mechanism) implements ImapCommand {
        public Compress {
            req(tag, "tag");
            if (!Syntax.isAtom(req(mechanism, "mechanism"))) {
                throw new IllegalArgumentException("a compression mechanism is an atom");
            }
            mechanism = mechanism.toUpperCase(Locale.ROOT);
        }

        @Override
        public String name() {
            return "COMPRESS";
        }
    }

    /**
     * SORT or UID SORT (RFC 5256 §3), with ESORT's {@code RETURN (...)} (RFC 5267 §3).
     *
     * @param criteria      one or more sort criteria
     * @param returnOptions ESORT result options, possibly empty, or null for a plain SORT response
     * @param charset       required by RFC 5256 (unlike SEARCH): an atom or quoted string
     * @param keys          the search keys, all of which must match
     */
    record Sort(Tag tag, boolean uid, List<SortCriterion> criteria, List<SearchReturn> returnOptions, String charset,
            List<SearchKey> keys) implements ImapCommand {
        public Sort {
            req(tag, "tag");
            criteria = List.copyOf(criteria);
            if (returnOptions != null) {
                returnOptions = List.copyOf(new LinkedHashSet<>(returnOptions));
            }
            keys = List.copyOf(keys);
            if (criteria.isEmpty()) {
                throw new IllegalArgumentException("SORT needs a criterion");
            }
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("SORT needs a search key");
            }
            requireCharset(charset);
        }

        @Override
        public String name() {
            return "SORT";
        }
    }

    /**
     * THREAD or UID THREAD (RFC 5256 §3).
     *
     * @param algorithm an atom, upper-cased: ORDEREDSUBJECT, REFERENCES, REFS (RFC 5957), ...
     * @param charset   required: an atom or quoted string
     */
    record ThreadMessages(Tag tag, boolean uid, String algorithm, String charset, List<SearchKey> keys)
            implements ImapCommand {
        public ThreadMessages {
            req(tag, "tag");
            if (!Syntax.isAtom(req(algorithm, "algorithm"))) {
                throw new IllegalArgumentException("a thread algorithm is an atom");
            }
            algorithm = algorithm.toUpperCase(Locale.ROOT);
            keys = List.copyOf(keys);
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("THREAD needs a search key");
            }
            requireCharset(charset);
        }

        @Override
        public String name() {
            return "THREAD";
        }
    }

    /** RFC 5256 {@code charset = atom / quoted}: printable US-ASCII, not empty. */
    private static void requireCharset(String charset) {
        if (req(charset, "charset").isEmpty()) {
            throw new IllegalArgumentException("empty charset");
        }
        for (int i = 0; i < charset.length(); i++) {
            char c = charset.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("a charset is printable US-ASCII");
            }
        }
    }
}
