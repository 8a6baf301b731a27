package org.mailwire.imap;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A server response (RFC 3501 §7, RFC 9051 §7): a continuation request, a tagged status, or
 * untagged data. Texts hold no CR, LF or NUL.
 */
public sealed interface ImapResponse {

    enum Status {
        OK, NO, BAD, PREAUTH, BYE
    }

    /** {@code + text}: a continuation request; for SASL the text is base64. */
    record Continuation(String text) implements ImapResponse {
        public Continuation {
            checkText(text);
        }
    }

    /** {@code tag OK|NO|BAD [code] text}. */
    record Tagged(Tag tag, Status status, Optional<ResponseCode> code, String text) implements ImapResponse {
        public Tagged {
            Objects.requireNonNull(tag, "tag");
            Objects.requireNonNull(code, "code");
            if (status != Status.OK && status != Status.NO && status != Status.BAD) {
                throw new IllegalArgumentException("a tagged status is OK, NO or BAD");
            }
            checkText(text);
        }
    }

    /** {@code * OK|NO|BAD|PREAUTH|BYE [code] text}. */
    record UntaggedStatus(Status status, Optional<ResponseCode> code, String text) implements ImapResponse {
        public UntaggedStatus {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(code, "code");
            checkText(text);
        }
    }

    record Capability(List<String> capabilities) implements ImapResponse {
        public Capability {
            capabilities = Numbers.atoms(capabilities, false);
        }
    }

    /** RFC 5161 ENABLED; may be empty. */
    record Enabled(List<String> capabilities) implements ImapResponse {
        public Enabled {
            capabilities = Numbers.atoms(capabilities, true);
        }
    }

    record Flags(List<Flag> flags) implements ImapResponse {
        public Flags {
            flags = List.copyOf(flags);
        }
    }

    record Exists(long count) implements ImapResponse {
        public Exists {
            Numbers.n32(count);
        }
    }

    record Recent(long count) implements ImapResponse {
        public Recent {
            Numbers.n32(count);
        }
    }

    record Expunge(long seq) implements ImapResponse {
        public Expunge {
            Numbers.nz32(seq);
        }
    }

    /**
     * LIST or LSUB.
     *
     * @param attributes name attributes as sent, e.g. {@code \Noselect}
     * @param delimiter  the hierarchy delimiter, empty for NIL
     * @param extended   RFC 5258 / RFC 9051 {@code mbox-list-extended} items, in the server's
     *                   order; empty when the server sent none (or an empty list)
     */
    record ListEntry(boolean lsub, List<String> attributes, Optional<Character> delimiter, MailboxName mailbox,
            List<ListExtendedItem> extended) implements ImapResponse {
        public ListEntry {
            attributes = List.copyOf(attributes);
            for (String a : attributes) {
                if (!a.startsWith("\\") || !Syntax.isAtom(a.substring(1))) {
                    throw new IllegalArgumentException("a mailbox attribute is \\atom");
                }
            }
            Objects.requireNonNull(delimiter, "delimiter");
            delimiter.ifPresent(NamespaceDescriptor::checkDelimiter);
            Objects.requireNonNull(mailbox, "mailbox");
            extended = List.copyOf(extended);
        }

        /** An entry without extended data. */
        public ListEntry(boolean lsub, List<String> attributes, Optional<Character> delimiter, MailboxName mailbox) {
            this(lsub, attributes, delimiter, mailbox, List.of());
        }
    }

    /**
     * STATUS: the items with a number, in the server's order, and the items the server answered
     * with NIL. Only RFC 7889's APPENDLIMIT may be NIL ({@code status-att-val =/ "APPENDLIMIT" SP
     * (append-limit / nil)}): the mailbox has no limit of its own. NIL items are a separate set
     * rather than a sentinel number, so every value in {@link #items()} stays a real count and code
     * that only reads numbers cannot mistake "no limit" for one.
     */
    record MailboxStatus(MailboxName mailbox, Map<StatusItem, Long> items, Set<StatusItem> nilItems)
            implements ImapResponse {
        public MailboxStatus {
            Objects.requireNonNull(mailbox, "mailbox");
            items = Collections.unmodifiableMap(new LinkedHashMap<>(items));
            items.forEach((k, v) -> {
                Objects.requireNonNull(k, "item");
                if (k == StatusItem.HIGHESTMODSEQ || k == StatusItem.SIZE) {
                    Numbers.modSeq(v);
                } else {
                    Numbers.n32(v);
                }
            });
            EnumSet<StatusItem> nils = EnumSet.noneOf(StatusItem.class);
            nils.addAll(nilItems);
            nilItems = Collections.unmodifiableSet(nils);
            for (StatusItem k : nilItems) {
                if (k != StatusItem.APPENDLIMIT) {
                    throw new IllegalArgumentException("only APPENDLIMIT may be NIL (RFC 7889): " + k);
                }
                if (items.containsKey(k)) {
                    throw new IllegalArgumentException(k + " is both a number and NIL");
                }
            }
        }

        /** Only items with numbers. */
        public MailboxStatus(MailboxName mailbox, Map<StatusItem, Long> items) {
            this(mailbox, items, Set.of());
        }

        /** Whether the server answered {@code item} with NIL (for APPENDLIMIT: no limit on this mailbox). */
        public boolean isNil(StatusItem item) {
            return nilItems.contains(item);
        }
    }

    /** SEARCH, with RFC 7162's {@code (MODSEQ n)} when present. */
    record Search(List<Long> numbers, OptionalLong modSeq) implements ImapResponse {
        public Search {
            numbers = List.copyOf(numbers);
            numbers.forEach(Numbers::nz32);
            Objects.requireNonNull(modSeq, "modSeq");
            modSeq.ifPresent(Numbers::modSeq);
        }
    }

    /** RFC 5256 SORT, with RFC 7162's {@code (MODSEQ n)} when present. ESORT results come as ESEARCH. */
    record Sort(List<Long> numbers, OptionalLong modSeq) implements ImapResponse {
        public Sort {
            numbers = List.copyOf(numbers);
            numbers.forEach(Numbers::nz32);
            Objects.requireNonNull(modSeq, "modSeq");
            modSeq.ifPresent(Numbers::modSeq);
        }
    }

    /** RFC 5256 THREAD: the threads in the server's order; may be empty. See {@link ThreadNode}. */
    record Threads(List<ThreadNode> threads) implements ImapResponse {
        public Threads {
            threads = List.copyOf(threads);
        }
    }

    /**
     * RFC 2342 / RFC 9051 NAMESPACE. A namespace the server sent as NIL is an empty list (the
     * grammar has no empty list of descriptors, so nothing is lost).
     */
    record Namespace(List<NamespaceDescriptor> personal, List<NamespaceDescriptor> otherUsers,
            List<NamespaceDescriptor> shared) implements ImapResponse {
        public Namespace {
            personal = List.copyOf(personal);
            otherUsers = List.copyOf(otherUsers);
            shared = List.copyOf(shared);
        }
    }

    /**
     * RFC 2971 ID: field names and values in the server's order, a value sent as NIL is
     * {@code null}. NIL and {@code ()} are both the empty map; the encoder sends NIL for it. Of a
     * field sent twice the last value is kept.
     */
    record Id(Map<String, String> parameters) implements ImapResponse {
        public Id {
            Map<String, String> copy = new LinkedHashMap<>();
            parameters.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "field"), v));
            parameters = Collections.unmodifiableMap(copy);
        }
    }

    /** RFC 4731 ESEARCH (with RFC 7162 MODSEQ). */
    record Esearch(Optional<Tag> tag, boolean uid, OptionalLong min, OptionalLong max, OptionalLong count,
            Optional<SequenceSet> all, OptionalLong modSeq) implements ImapResponse {
        public Esearch {
            Objects.requireNonNull(tag, "tag");
            min.ifPresent(Numbers::nz32);
            max.ifPresent(Numbers::nz32);
            count.ifPresent(Numbers::n32);
            all.ifPresent(Numbers::noStar);
            modSeq.ifPresent(Numbers::modSeq);
        }
    }

    /** RFC 7162 VANISHED, {@code (EARLIER)} when {@code earlier}. */
    record Vanished(boolean earlier, SequenceSet uids) implements ImapResponse {
        public Vanished {
            Numbers.noStar(uids);
        }
    }

    /** FETCH; body contents have been streamed to the sink before this response. */
    record Fetch(long seq, List<FetchItem> items) implements ImapResponse {
        public Fetch {
            Numbers.nz32(seq);
            items = List.copyOf(items);
            if (items.isEmpty()) {
                throw new IllegalArgumentException("a FETCH response has at least one item");
            }
        }
    }

    private static void checkText(String text) {
        Objects.requireNonNull(text, "text");
        if (Syntax.hasCrLfNul(text)) {
            throw new IllegalArgumentException("CR, LF or NUL in response text");
        }
    }
}
