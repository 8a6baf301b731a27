package org.mailwire.imap;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A SEARCH key (RFC 3501 §6.4.4, RFC 9051 §6.4.4) as a tree. The decoder bounds the tree's depth
 * (NOT, OR and parentheses each add a level) and the length of every key list by its
 * configuration (SECURITY.md rows 8 and 9); the session evaluates it.
 */
public sealed interface SearchKey permits SearchKey.Simple, SearchKey.Keyword, SearchKey.Text, SearchKey.Header,
        SearchKey.Date, SearchKey.Size, SearchKey.Uid, SearchKey.Sequence, SearchKey.Not, SearchKey.Or,
        SearchKey.And, SearchKey.ModSeq {

    /** Keys without arguments. */
    enum Simple implements SearchKey {
        ALL, ANSWERED, DELETED, DRAFT, FLAGGED, NEW, OLD, RECENT, SEEN, UNANSWERED, UNDELETED, UNDRAFT,
        UNFLAGGED, UNSEEN
    }

    /** KEYWORD, or UNKEYWORD when {@code negated}. */
    record Keyword(Flag keyword, boolean negated) implements SearchKey {
        public Keyword {
            Objects.requireNonNull(keyword, "keyword");
            if (keyword.system()) {
                throw new IllegalArgumentException("KEYWORD takes a keyword, not a system flag");
            }
        }
    }

    /** String keys: which field and the text to find. */
    enum TextField {
        BCC, BODY, CC, FROM, SUBJECT, TEXT, TO
    }

    record Text(TextField field, String value) implements SearchKey {
        public Text {
            Objects.requireNonNull(field, "field");
            if (Objects.requireNonNull(value, "value").indexOf(0) >= 0) {
                throw new IllegalArgumentException("NUL in a search string");
            }
        }
    }

    record Header(String field, String value) implements SearchKey {
        public Header {
            if (Syntax.hasCrLfNul(Objects.requireNonNull(field, "field")) || field.isEmpty()) {
                throw new IllegalArgumentException("bad header field name");
            }
            if (Objects.requireNonNull(value, "value").indexOf(0) >= 0) {
                throw new IllegalArgumentException("NUL in a search string");
            }
        }
    }

    /** Date keys: internal date (BEFORE, ON, SINCE) or Date: header (SENT*). */
    enum DateField {
        BEFORE, ON, SINCE, SENTBEFORE, SENTON, SENTSINCE
    }

    record Date(DateField field, LocalDate date) implements SearchKey {
        public Date {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(date, "date");
            if (date.getYear() < 1 || date.getYear() > 9999) {
                throw new IllegalArgumentException("year outside 0001..9999");
            }
        }
    }

    /** LARGER or SMALLER (when not {@code larger}); size 0..2^32-1. */
    record Size(boolean larger, long size) implements SearchKey {
        public Size {
            if (size < 0 || size > SequenceSet.MAX_NUMBER) {
                throw new IllegalArgumentException("size 0..4294967295");
            }
        }
    }

    record Uid(SequenceSet set) implements SearchKey {
        public Uid {
            Objects.requireNonNull(set, "set");
        }
    }

    record Sequence(SequenceSet set) implements SearchKey {
        public Sequence {
            Objects.requireNonNull(set, "set");
        }
    }

    record Not(SearchKey key) implements SearchKey {
        public Not {
            Objects.requireNonNull(key, "key");
        }
    }

    record Or(SearchKey left, SearchKey right) implements SearchKey {
        public Or {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }

    /** A parenthesised list: all must match. */
    record And(List<SearchKey> keys) implements SearchKey {
        public And {
            keys = List.copyOf(keys);
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("an empty key list");
            }
        }
    }

    /** RFC 7162 §3.1.5 MODSEQ in its simple form (no entry name). */
    record ModSeq(long modseq) implements SearchKey {
        public ModSeq {
            if (modseq < 0) {
                throw new IllegalArgumentException("a mod-sequence-valzer is 0..2^63-1");
            }
        }
    }
}
