package org.mailwire.imap;

import java.util.List;
import java.util.Objects;

/**
 * A {@code tagged-ext-val} (RFC 4466 §2.1, RFC 9051 §9) of an extension this model does not know,
 * kept so that a response carrying it is not refused. A number, sequence set or astring is
 * {@link Text}; a parenthesised list is {@link Items} (the top level may be empty).
 */
public sealed interface TaggedExtValue {

    record Text(String value) implements TaggedExtValue {
        public Text {
            Objects.requireNonNull(value, "value");
        }
    }

    record Items(List<TaggedExtValue> values) implements TaggedExtValue {
        public Items {
            values = List.copyOf(values);
        }
    }
}
