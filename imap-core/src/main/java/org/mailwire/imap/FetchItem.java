package org.mailwire.imap;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A FETCH response data item (RFC 3501 §7.4.2, RFC 9051 §7.5.2, RFC 3516 BINARY, RFC 7162 MODSEQ,
 * RFC 8474 OBJECTID, RFC 8514 SAVEDATE, RFC 8970 PREVIEW).
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
     * {@code RFC822}, {@code RFC822.HEADER} or {@code RFC822.TEXT} (RFC 3501; gone from RFC 9051
     * but still sent by IMAP4rev1 servers). Like {@link Body}, the content is streamed to the sink
     * before the FETCH response that holds this item.
     *
     * @param size the content's octet count; 0 when nil
     * @param nil  true when the server sent NIL
     */
    record Rfc822(Part part, long size, boolean nil) implements FetchItem {

        /** Which item; each reads the same octets as a {@code BODY[...]} section. */
        public enum Part {
            WHOLE("RFC822", Section.WHOLE),
            HEADER("RFC822.HEADER", new Section(List.of(), Section.Text.HEADER, List.of())),
            TEXT("RFC822.TEXT", new Section(List.of(), Section.Text.TEXT, List.of()));

            private final String wire;
            private final Section section;

            Part(String wire, Section section) {
                this.wire = wire;
                this.section = section;
            }

            public String wire() {
                return wire;
            }

            /** The {@code BODY[...]} section with the same content. */
            public Section section() {
                return section;
            }
        }

        public Rfc822 {
            Objects.requireNonNull(part, "part");
            if (size < 0 || (nil && size != 0)) {
                throw new IllegalArgumentException("size is >= 0, and 0 for NIL");
            }
        }
    }

    /** RFC 3516 {@code BINARY.SIZE[part]}: the decoded size of a part. */
    record BinarySize(List<Long> part, long size) implements FetchItem {
        public BinarySize {
            part = List.copyOf(part);
            part.forEach(Numbers::nz32);
            Numbers.n32(size);
        }
    }

    /** RFC 8514 SAVEDATE; empty for NIL (the mailbox does not keep save dates). */
    record SaveDate(Optional<ImapDateTime> date) implements FetchItem {
        public SaveDate {
            Objects.requireNonNull(date, "date");
        }
    }

    /** RFC 8474 EMAILID: an objectid. */
    record EmailId(String id) implements FetchItem {
        public EmailId {
            Numbers.objectId(id);
        }
    }

    /** RFC 8474 THREADID: an objectid, empty for NIL (the server does not thread this message). */
    record ThreadId(Optional<String> id) implements FetchItem {
        public ThreadId {
            Objects.requireNonNull(id, "id");
            id.ifPresent(Numbers::objectId);
        }
    }

    /**
     * RFC 8970 PREVIEW: up to 256 characters of the message's text, as sent; empty for NIL (the
     * server has no preview at hand, as after a LAZY request).
     */
    record Preview(Optional<String> text) implements FetchItem {
        public Preview {
            Objects.requireNonNull(text, "text");
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
