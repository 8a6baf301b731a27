package org.mailwire.imap;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * LIST return options: RFC 5258 §3 (SUBSCRIBED, CHILDREN), RFC 5819 (STATUS with its items) and
 * RFC 6154 §3 (SPECIAL-USE).
 */
public sealed interface ListReturnOption permits ListReturnOption.Simple, ListReturnOption.Status {

    /** The option as written on the wire. */
    String wire();

    /** Options without a value. */
    enum Simple implements ListReturnOption {
        SUBSCRIBED("SUBSCRIBED"), CHILDREN("CHILDREN"), SPECIAL_USE("SPECIAL-USE");

        private final String wire;

        Simple(String wire) {
            this.wire = wire;
        }

        @Override
        public String wire() {
            return wire;
        }

        /** The option for a wire name in any case, or null. */
        public static Simple fromWire(String name) {
            for (Simple s : values()) {
                if (s.wire.equalsIgnoreCase(name)) {
                    return s;
                }
            }
            return null;
        }
    }

    /** {@code STATUS (items)} (RFC 5819 §2); repeated items are kept once. */
    record Status(List<StatusItem> items) implements ListReturnOption {
        public Status {
            items = List.copyOf(new LinkedHashSet<>(items));
            if (items.isEmpty()) {
                throw new IllegalArgumentException("RETURN STATUS needs an item");
            }
        }

        @Override
        public String wire() {
            StringBuilder b = new StringBuilder("STATUS (");
            for (int i = 0; i < items.size(); i++) {
                b.append(i == 0 ? "" : " ").append(items.get(i).name());
            }
            return b.append(')').toString();
        }
    }
}
