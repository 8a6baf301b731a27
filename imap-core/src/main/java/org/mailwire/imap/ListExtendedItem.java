package org.mailwire.imap;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An {@code mbox-list-extended-item} of a LIST response (RFC 5258 §3.4, RFC 9051 §7.3.1).
 */
public sealed interface ListExtendedItem {

    /**
     * RFC 5258 CHILDINFO: the selection options (e.g. {@code SUBSCRIBED}) some child of the
     * mailbox matched.
     */
    record ChildInfo(List<String> options) implements ListExtendedItem {
        public ChildInfo {
            options = List.copyOf(options);
            if (options.isEmpty()) {
                throw new IllegalArgumentException("CHILDINFO names at least one option");
            }
            for (String o : options) {
                if (o.isEmpty() || Syntax.hasCrLfNul(o)) {
                    throw new IllegalArgumentException("bad CHILDINFO option");
                }
            }
        }
    }

    /** RFC 9051 OLDNAME: the mailbox's name before a RENAME. */
    record OldName(MailboxName name) implements ListExtendedItem {
        public OldName {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * An item this model does not know, its tag as sent. A tag naming an item modelled above
     * (compared case-insensitively) is refused: it decodes as that item.
     */
    record Other(String tag, TaggedExtValue value) implements ListExtendedItem {
        public Other {
            Objects.requireNonNull(tag, "tag");
            Objects.requireNonNull(value, "value");
            String t = tag.toUpperCase(Locale.ROOT);
            if (t.equals("CHILDINFO") || t.equals("OLDNAME")) {
                throw new IllegalArgumentException("CHILDINFO and OLDNAME have their own records");
            }
        }
    }
}
