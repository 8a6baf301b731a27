package org.mailwire.imap;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A FETCH response data item (RFC 3501 §7.4.2, RFC 3516, RFC 7162 MODSEQ).
 *
 * <p>In {@link Envelope}, {@link Address} and {@link BodyPart} a string sent as NIL is
 * {@code null}; an address list sent as NIL is an empty list (the grammar has no empty address
 * list).
 */
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

    /**
     * ENVELOPE. Strings are as the server sent them (encoded words are not decoded); NIL is
     * {@code null}, and an address list sent as NIL is empty.
     */
    record Envelope(String date, String subject, List<Address> from, List<Address> sender, List<Address> replyTo,
            List<Address> to, List<Address> cc, List<Address> bcc, String inReplyTo, String messageId)
            implements FetchItem {
        public Envelope {
            from = addresses(from);
            sender = addresses(sender);
            replyTo = addresses(replyTo);
            to = addresses(to);
            cc = addresses(cc);
            bcc = addresses(bcc);
        }

        private static List<Address> addresses(List<Address> l) {
            return l == null ? List.of() : List.copyOf(l);
        }
    }

    /**
     * BODYSTRUCTURE ({@code extended}) or BODY without a section (not extended: no part has
     * extension data).
     */
    record BodyStructure(BodyPart part, boolean extended) implements FetchItem {
        public BodyStructure {
            Objects.requireNonNull(part, "part");
            if (!extended) {
                // iterative walk: a deep model does not exhaust the stack here
                Deque<BodyPart> todo = new ArrayDeque<>();
                todo.push(part);
                while (!todo.isEmpty()) {
                    BodyPart p = todo.pop();
                    if (p.extensionFields() != 0) {
                        throw new IllegalArgumentException("BODY has no extension data");
                    }
                    if (p instanceof BodyPart.MultiPart m) {
                        m.parts().forEach(todo::push);
                    } else if (p instanceof BodyPart.SinglePart s) {
                        s.body().ifPresent(todo::push);
                    }
                }
            }
        }
    }
}
