package org.mailwire.imap;

import java.util.List;
import java.util.Objects;

/**
 * One FETCH item (RFC 3501 §6.4.5, RFC 3516 BINARY, RFC 7162 MODSEQ, RFC 8514 SAVEDATE, RFC 8474
 * EMAILID and THREADID), or one of the macros
 * ALL, FAST and FULL, which a client may only send alone.
 */
public sealed interface FetchAttribute permits FetchAttribute.Simple, FetchAttribute.Macro,
        FetchAttribute.BodySection, FetchAttribute.Binary, FetchAttribute.BinarySize {

    /** The item as written on the wire (upper case). */
    String wire();

    /** Items without arguments. */
    enum Simple implements FetchAttribute {
        FLAGS("FLAGS"), INTERNALDATE("INTERNALDATE"), RFC822_SIZE("RFC822.SIZE"), ENVELOPE("ENVELOPE"),
        BODY("BODY"), BODYSTRUCTURE("BODYSTRUCTURE"), UID("UID"), MODSEQ("MODSEQ"), RFC822("RFC822"),
        RFC822_HEADER("RFC822.HEADER"), RFC822_TEXT("RFC822.TEXT"), SAVEDATE("SAVEDATE"), EMAILID("EMAILID"),
        THREADID("THREADID");

        private final String wire;

        Simple(String wire) {
            this.wire = wire;
        }

        @Override
        public String wire() {
            return wire;
        }
    }

    /** RFC 3501 §6.4.5 macros. */
    enum Macro implements FetchAttribute {
        ALL(List.of(Simple.FLAGS, Simple.INTERNALDATE, Simple.RFC822_SIZE, Simple.ENVELOPE)),
        FAST(List.of(Simple.FLAGS, Simple.INTERNALDATE, Simple.RFC822_SIZE)),
        FULL(List.of(Simple.FLAGS, Simple.INTERNALDATE, Simple.RFC822_SIZE, Simple.ENVELOPE, Simple.BODY));

        private final List<FetchAttribute> items;

        Macro(List<FetchAttribute> items) {
            this.items = items;
        }

        public List<FetchAttribute> expand() {
            return items;
        }

        @Override
        public String wire() {
            return name();
        }
    }

    /** {@code BODY[section]<partial>} or {@code BODY.PEEK[...]}; partial may be null. */
    record BodySection(Section section, boolean peek, Partial partial) implements FetchAttribute {
        public BodySection {
            Objects.requireNonNull(section, "section");
        }

        @Override
        public String wire() {
            return (peek ? "BODY.PEEK[" : "BODY[") + section + "]" + (partial == null ? "" : partial);
        }
    }

    /** {@code BINARY[part]<partial>} or {@code BINARY.PEEK[...]} (RFC 3516); partial may be null. */
    record Binary(List<Long> part, boolean peek, Partial partial) implements FetchAttribute {
        public Binary {
            part = List.copyOf(new Section(part, Section.Text.NONE, List.of()).part());
        }

        @Override
        public String wire() {
            return (peek ? "BINARY.PEEK[" : "BINARY[") + new Section(part, Section.Text.NONE, List.of()) + "]"
                    + (partial == null ? "" : partial);
        }
    }

    /** {@code BINARY.SIZE[part]} (RFC 3516). */
    record BinarySize(List<Long> part) implements FetchAttribute {
        public BinarySize {
            part = List.copyOf(new Section(part, Section.Text.NONE, List.of()).part());
        }

        @Override
        public String wire() {
            return "BINARY.SIZE[" + new Section(part, Section.Text.NONE, List.of()) + "]";
        }
    }
}
