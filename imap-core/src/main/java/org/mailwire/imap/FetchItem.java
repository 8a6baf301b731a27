package org.mailwire.imap;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/** A FETCH response data item (RFC 3501 §7.4.2, RFC 3516, RFC 7162 MODSEQ). */
public sealed interface FetchItem {

    record Flags(List<Flag> flags) implements FetchItem {
        public Flags {
            flags = List.copyOf(flags);
        }
    }

    record Uid(long uid) implements FetchItem {
        public Uid {
            Numbers.nz32(uid);
        }
    }

    record InternalDate(ImapDateTime date) implements FetchItem {
        public InternalDate {
            Objects.requireNonNull(date, "date");
        }
    }

    /** RFC822.SIZE: 0..2^63-1 (RFC 9051 number64). */
    record Rfc822Size(long size) implements FetchItem {
        public Rfc822Size {
            Numbers.modSeq(size);
        }
    }

    record ModSeq(long modSeq) implements FetchItem {
        public ModSeq {
            Numbers.modSeq(modSeq);
        }
    }

    /**
     * {@code BODY[section]<origin>} or {@code BINARY[part]<origin>}. The content is not held here:
     * the decoder streams it to the sink before the FETCH response that holds this item.
     *
     * @param binary true for BINARY (section then has part numbers only)
     * @param origin the partial origin, when the server sent one
     * @param size   the content's octet count; 0 when nil
     * @param nil    true when the server sent NIL
     */
    record Body(boolean binary, Section section, OptionalLong origin, long size, boolean nil) implements FetchItem {
        public Body {
            Objects.requireNonNull(section, "section");
            Objects.requireNonNull(origin, "origin");
            origin.ifPresent(Numbers::n32);
            if (binary && (section.text() != Section.Text.NONE)) {
                throw new IllegalArgumentException("a BINARY section is part numbers only");
            }
            if (size < 0 || (nil && size != 0)) {
                throw new IllegalArgumentException("size is >= 0, and 0 for NIL");
            }
        }
    }
}
