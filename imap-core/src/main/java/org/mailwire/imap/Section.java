package org.mailwire.imap;

import java.util.List;
import java.util.Objects;

/**
 * A FETCH {@code section} (RFC 3501 §6.4.5): part numbers, then an optional text part. An empty
 * section ({@code BODY[]}) is the whole message.
 *
 * @param part   part numbers, each 1..2^32-1; empty for the message itself
 * @param text   what of that part
 * @param fields the header field names for HEADER.FIELDS and HEADER.FIELDS.NOT, else empty
 */
public record Section(List<Long> part, Text text, List<String> fields) {

    public enum Text {
        /** The part itself (or the whole message). */
        NONE(""),
        HEADER("HEADER"),
        HEADER_FIELDS("HEADER.FIELDS"),
        HEADER_FIELDS_NOT("HEADER.FIELDS.NOT"),
        TEXT("TEXT"),
        /** Only after part numbers. */
        MIME("MIME");

        private final String wire;

        Text(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    public static final Section WHOLE = new Section(List.of(), Text.NONE, List.of());

    public Section {
        part = List.copyOf(part);
        Objects.requireNonNull(text, "text");
        fields = List.copyOf(fields);
        for (long p : part) {
            if (p < 1 || p > SequenceSet.MAX_NUMBER) {
                throw new IllegalArgumentException("a part number is 1..4294967295");
            }
        }
        boolean hasFields = text == Text.HEADER_FIELDS || text == Text.HEADER_FIELDS_NOT;
        if (hasFields == fields.isEmpty()) {
            throw new IllegalArgumentException("header field names go with HEADER.FIELDS[.NOT] and only there");
        }
        if (text == Text.MIME && part.isEmpty()) {
            throw new IllegalArgumentException("MIME needs part numbers");
        }
        for (String f : fields) {
            if (f.isEmpty() || Syntax.hasCrLfNul(f)) {
                throw new IllegalArgumentException("bad header field name");
            }
        }
    }

    /**
     * Whether {@code other} names the same section as this one. Header field names are compared
     * without regard to case (RFC 5322 §2.2), since servers echo them in a case of their own: asked for
     * {@code HEADER.FIELDS (Subject)}, Dovecot answers {@code BODY[HEADER.FIELDS (SUBJECT)]}.
     */
    public boolean sameSectionAs(Section other) {
        if (!part.equals(other.part) || text != other.text || fields.size() != other.fields.size()) {
            return false;
        }
        for (int i = 0; i < fields.size(); i++) {
            if (!fields.get(i).equalsIgnoreCase(other.fields.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The text between the brackets, header field names as atoms or quoted strings. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (long p : part) {
            if (b.length() > 0) {
                b.append('.');
            }
            b.append(p);
        }
        if (text != Text.NONE) {
            if (b.length() > 0) {
                b.append('.');
            }
            b.append(text.wire());
        }
        if (!fields.isEmpty()) {
            b.append(" (").append(String.join(" ", fields)).append(')');
        }
        return b.toString();
    }
}
