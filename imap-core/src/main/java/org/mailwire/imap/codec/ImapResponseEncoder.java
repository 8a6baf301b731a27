package org.mailwire.imap.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Map;
import org.mailwire.imap.Address;
import org.mailwire.imap.BodyPart;
import org.mailwire.imap.FetchItem;
import org.mailwire.imap.Flag;
import org.mailwire.imap.ImapResponse;
import org.mailwire.imap.ListExtendedItem;
import org.mailwire.imap.NamespaceDescriptor;
import org.mailwire.imap.ResponseCode;
import org.mailwire.imap.Section;
import org.mailwire.imap.StatusItem;
import org.mailwire.imap.Syntax;
import org.mailwire.imap.TaggedExtValue;
import org.mailwire.imap.ThreadNode;

/**
 * The server side encoder of the responses {@link ImapResponseDecoder} reads. Strings are written
 * as atoms when they are ASTRING-CHARs (and not {@code NIL}), quoted when they are 7-bit without
 * CR, LF or NUL, and as literals otherwise. Mailbox names are written in modified UTF-7. FETCH body
 * contents are passed alongside the response and always written as literals ({@code ~{n}} for
 * BINARY). In ENVELOPE and BODY/BODYSTRUCTURE strings are quoted or literals (never atoms) and
 * {@code null} is NIL.
 */
public final class ImapResponseEncoder {

    private ImapResponseEncoder() {
    }

    /** A response without FETCH body contents, CRLF included. */
    public static byte[] encode(ImapResponse response) {
        return encode(response, List.of());
    }

    /**
     * A response, CRLF included; {@code bodies} are the contents of the non-NIL body items of a
     * FETCH response, in order, each as long as its item's size.
     *
     * @throws IllegalArgumentException when the bodies do not match, or a text without a code
     *                                  starts with "[" (it would read as a code)
     */
    public static byte[] encode(ImapResponse response, List<byte[]> bodies) {
        Out o = new Out();
        Iterator<byte[]> it = bodies.iterator();
        if (response instanceof ImapResponse.Continuation c) {
            o.ascii("+ ").utf8(c.text());
        } else if (response instanceof ImapResponse.Tagged t) {
            o.ascii(t.tag().value()).ascii(" ").ascii(t.status().name());
            respText(o, t.code(), t.text());
        } else if (response instanceof ImapResponse.UntaggedStatus s) {
            o.ascii("* ").ascii(s.status().name());
            respText(o, s.code(), s.text());
        } else if (response instanceof ImapResponse.Capability c) {
            o.ascii("* CAPABILITY");
            c.capabilities().forEach(a -> o.ascii(" ").ascii(a));
        } else if (response instanceof ImapResponse.Enabled e) {
            o.ascii("* ENABLED");
            e.capabilities().forEach(a -> o.ascii(" ").ascii(a));
        } else if (response instanceof ImapResponse.Flags f) {
            o.ascii("* FLAGS ");
            flags(o, f.flags().stream().map(Flag::name).toList());
        } else if (response instanceof ImapResponse.Exists e) {
            o.ascii("* " + e.count() + " EXISTS");
        } else if (response instanceof ImapResponse.Recent r) {
            o.ascii("* " + r.count() + " RECENT");
        } else if (response instanceof ImapResponse.Expunge e) {
            o.ascii("* " + e.seq() + " EXPUNGE");
        } else if (response instanceof ImapResponse.ListEntry l) {
            o.ascii(l.lsub() ? "* LSUB " : "* LIST ");
            flags(o, l.attributes());
            o.ascii(" ");
            delimiter(o, l.delimiter());
            o.ascii(" ");
            o.astring(l.mailbox().toWire().getBytes(StandardCharsets.US_ASCII));
            if (!l.extended().isEmpty()) {
                o.ascii(" (");
                boolean first = true;
                for (ListExtendedItem x : l.extended()) {
                    o.ascii(first ? "" : " ");
                    first = false;
                    listExtendedItem(o, x);
                }
                o.ascii(")");
            }
        } else if (response instanceof ImapResponse.MailboxStatus s) {
            o.ascii("* STATUS ");
            o.astring(s.mailbox().toWire().getBytes(StandardCharsets.US_ASCII));
            o.ascii(" (");
            boolean first = true;
            for (var e : s.items().entrySet()) {
                o.ascii(first ? "" : " ").ascii(e.getKey().name() + " " + e.getValue());
                first = false;
            }
            for (StatusItem nil : s.nilItems()) {
                o.ascii(first ? "" : " ").ascii(nil.name() + " NIL");
                first = false;
            }
            o.ascii(")");
        } else if (response instanceof ImapResponse.Search s) {
            o.ascii("* SEARCH");
            s.numbers().forEach(n -> o.ascii(" " + n));
            s.modSeq().ifPresent(m -> o.ascii(" (MODSEQ " + m + ")"));
        } else if (response instanceof ImapResponse.Sort s) {
            o.ascii("* SORT");
            s.numbers().forEach(n -> o.ascii(" " + n));
            s.modSeq().ifPresent(m -> o.ascii(" (MODSEQ " + m + ")"));
        } else if (response instanceof ImapResponse.Threads t) {
            o.ascii("* THREAD");
            if (!t.threads().isEmpty()) {
                o.ascii(" ");
                t.threads().forEach(n -> thread(o, n));
            }
        } else if (response instanceof ImapResponse.Namespace n) {
            o.ascii("* NAMESPACE ");
            namespaces(o, n.personal());
            o.ascii(" ");
            namespaces(o, n.otherUsers());
            o.ascii(" ");
            namespaces(o, n.shared());
        } else if (response instanceof ImapResponse.Id id) {
            o.ascii("* ID ");
            if (id.parameters().isEmpty()) {
                o.ascii("NIL");
            } else {
                o.ascii("(");
                boolean first = true;
                for (Map.Entry<String, String> e : id.parameters().entrySet()) {
                    o.ascii(first ? "" : " ");
                    first = false;
                    nstring(o, e.getKey());
                    o.ascii(" ");
                    nstring(o, e.getValue());
                }
                o.ascii(")");
            }
        } else if (response instanceof ImapResponse.Esearch e) {
            o.ascii("* ESEARCH");
            e.tag().ifPresent(t -> o.ascii(" (TAG \"" + t.value() + "\")"));
            if (e.uid()) {
                o.ascii(" UID");
            }
            e.min().ifPresent(n -> o.ascii(" MIN " + n));
            e.max().ifPresent(n -> o.ascii(" MAX " + n));
            e.count().ifPresent(n -> o.ascii(" COUNT " + n));
            e.all().ifPresent(s -> o.ascii(" ALL " + s));
            e.modSeq().ifPresent(n -> o.ascii(" MODSEQ " + n));
        } else if (response instanceof ImapResponse.Vanished v) {
            o.ascii(v.earlier() ? "* VANISHED (EARLIER) " : "* VANISHED ").ascii(v.uids().toString());
        } else if (response instanceof ImapResponse.Fetch f) {
            o.ascii("* " + f.seq() + " FETCH (");
            boolean first = true;
            for (FetchItem item : f.items()) {
                o.ascii(first ? "" : " ");
                first = false;
                fetchItem(o, item, it);
            }
            o.ascii(")");
        } else {
            throw new IllegalArgumentException("unknown response");
        }
        if (it.hasNext()) {
            throw new IllegalArgumentException("more bodies than body items");
        }
        o.ascii("\r\n");
        return o.bytes.toByteArray();
    }

    private static void fetchItem(Out o, FetchItem item, Iterator<byte[]> bodies) {
        if (item instanceof FetchItem.Flags f) {
            o.ascii("FLAGS ");
            flags(o, f.flags().stream().map(Flag::name).toList());
        } else if (item instanceof FetchItem.Uid u) {
            o.ascii("UID " + u.uid());
        } else if (item instanceof FetchItem.InternalDate d) {
            o.ascii("INTERNALDATE \"" + d.date().format() + "\"");
        } else if (item instanceof FetchItem.Rfc822Size s) {
            o.ascii("RFC822.SIZE " + s.size());
        } else if (item instanceof FetchItem.ModSeq m) {
            o.ascii("MODSEQ (" + m.modSeq() + ")");
        } else if (item instanceof FetchItem.Rfc822 r) {
            o.ascii(r.part().wire() + " ");
            if (r.nil()) {
                o.ascii("NIL");
            } else {
                content(o, r.size(), bodies, "{");
            }
        } else if (item instanceof FetchItem.BinarySize b) {
            o.ascii("BINARY.SIZE[");
            section(o, new Section(b.part(), Section.Text.NONE, List.of()));
            o.ascii("] " + b.size());
        } else if (item instanceof FetchItem.SaveDate d) {
            o.ascii("SAVEDATE " + d.date().map(x -> "\"" + x.format() + "\"").orElse("NIL"));
        } else if (item instanceof FetchItem.EmailId e) {
            o.ascii("EMAILID (" + e.id() + ")");
        } else if (item instanceof FetchItem.ThreadId t) {
            o.ascii("THREADID " + t.id().map(x -> "(" + x + ")").orElse("NIL"));
        } else if (item instanceof FetchItem.Preview p) {
            o.ascii("PREVIEW ");
            nstring(o, p.text().orElse(null));
        } else if (item instanceof FetchItem.Envelope e) {
            o.ascii("ENVELOPE ");
            envelope(o, e);
        } else if (item instanceof FetchItem.BodyStructure b) {
            o.ascii(b.extended() ? "BODYSTRUCTURE " : "BODY ");
            bodyPart(o, b.part());
        } else if (item instanceof FetchItem.Body b) {
            o.ascii(b.binary() ? "BINARY[" : "BODY[");
            section(o, b.section());
            o.ascii("]");
            b.origin().ifPresent(n -> o.ascii("<" + n + ">"));
            o.ascii(" ");
            if (b.nil()) {
                o.ascii("NIL");
                return;
            }
            content(o, b.size(), bodies, b.binary() ? "~{" : "{");
        }
    }

    private static void content(Out o, long size, Iterator<byte[]> bodies, String open) {
        if (!bodies.hasNext()) {
            throw new IllegalArgumentException("no content for a body item");
        }
        byte[] content = bodies.next();
        if (content.length != size) {
            throw new IllegalArgumentException("body content and size differ");
        }
        o.ascii(open + content.length + "}\r\n");
        o.bytes.writeBytes(content);
    }

    /** Recursive over the branch points only (a chain is one list), on the caller's trusted model. */
    private static void thread(Out o, ThreadNode t) {
        o.ascii("(");
        for (int i = 0; i < t.messages().size(); i++) {
            o.ascii((i == 0 ? "" : " ") + t.messages().get(i));
        }
        if (!t.children().isEmpty()) {
            if (!t.messages().isEmpty()) {
                o.ascii(" ");
            }
            t.children().forEach(c -> thread(o, c));
        }
        o.ascii(")");
    }

    private static void namespaces(Out o, List<NamespaceDescriptor> list) {
        if (list.isEmpty()) {
            o.ascii("NIL");
            return;
        }
        o.ascii("(");
        for (NamespaceDescriptor d : list) {
            o.ascii("(");
            nstring(o, d.prefix());
            o.ascii(" ");
            delimiter(o, d.delimiter());
            for (Map.Entry<String, List<String>> e : d.extensions().entrySet()) {
                o.ascii(" ");
                nstring(o, e.getKey());
                o.ascii(" (");
                for (int i = 0; i < e.getValue().size(); i++) {
                    o.ascii(i == 0 ? "" : " ");
                    nstring(o, e.getValue().get(i));
                }
                o.ascii(")");
            }
            o.ascii(")");
        }
        o.ascii(")");
    }

    private static void delimiter(Out o, Optional<Character> delimiter) {
        if (delimiter.isPresent()) {
            char d = delimiter.get();
            o.ascii(d == '"' || d == '\\' ? "\"\\" + d + "\"" : "\"" + d + "\"");
        } else {
            o.ascii("NIL");
        }
    }

    private static void listExtendedItem(Out o, ListExtendedItem item) {
        if (item instanceof ListExtendedItem.ChildInfo c) {
            o.ascii("\"CHILDINFO\" (");
            for (int i = 0; i < c.options().size(); i++) {
                o.ascii(i == 0 ? "" : " ");
                nstring(o, c.options().get(i));
            }
            o.ascii(")");
        } else if (item instanceof ListExtendedItem.OldName n) {
            o.ascii("\"OLDNAME\" (");
            o.astring(n.name().toWire().getBytes(StandardCharsets.US_ASCII));
            o.ascii(")");
        } else if (item instanceof ListExtendedItem.Other x) {
            o.astring(x.tag().getBytes(StandardCharsets.UTF_8));
            o.ascii(" ");
            if (x.value() instanceof TaggedExtValue.Text t && isSequenceText(t.value())) {
                o.ascii(t.value()); // tagged-ext-simple (a number or sequence set) or an atom, bare
            } else {
                taggedExtValue(o, x.value());
            }
        }
    }

    /** Text the decoder reads back bare as a tagged-ext-simple. */
    private static boolean isSequenceText(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!ResponseParser.simpleChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Recursive over the model's depth (trusted input). */
    private static void taggedExtValue(Out o, TaggedExtValue v) {
        if (v instanceof TaggedExtValue.Text t) {
            o.astring(t.value().getBytes(StandardCharsets.UTF_8));
        } else if (v instanceof TaggedExtValue.Items l) {
            o.ascii("(");
            for (int i = 0; i < l.values().size(); i++) {
                o.ascii(i == 0 ? "" : " ");
                taggedExtValue(o, l.values().get(i));
            }
            o.ascii(")");
        }
    }

    private static void envelope(Out o, FetchItem.Envelope e) {
        o.ascii("(");
        nstring(o, e.date());
        o.ascii(" ");
        nstring(o, e.subject());
        for (List<Address> l : List.of(e.from(), e.sender(), e.replyTo(), e.to(), e.cc(), e.bcc())) {
            o.ascii(" ");
            if (l.isEmpty()) {
                o.ascii("NIL");
                continue;
            }
            o.ascii("(");
            for (Address a : l) {
                o.ascii("(");
                nstring(o, a.name());
                o.ascii(" ");
                nstring(o, a.adl());
                o.ascii(" ");
                nstring(o, a.mailbox());
                o.ascii(" ");
                nstring(o, a.host());
                o.ascii(")");
            }
            o.ascii(")");
        }
        o.ascii(" ");
        nstring(o, e.inReplyTo());
        o.ascii(" ");
        nstring(o, e.messageId());
        o.ascii(")");
    }

    /** Recursive over the model's depth (the encoder's input is trusted, built by the caller). */
    private static void bodyPart(Out o, BodyPart part) {
        o.ascii("(");
        if (part instanceof BodyPart.MultiPart m) {
            m.parts().forEach(p -> bodyPart(o, p));
            o.ascii(" ");
            nstring(o, m.subtype());
            if (m.extensionFields() >= 1) {
                o.ascii(" ");
                params(o, m.params());
            }
        } else if (part instanceof BodyPart.SinglePart s) {
            nstring(o, s.type());
            o.ascii(" ");
            nstring(o, s.subtype());
            o.ascii(" ");
            params(o, s.params());
            o.ascii(" ");
            nstring(o, s.id());
            o.ascii(" ");
            nstring(o, s.description());
            o.ascii(" ");
            nstring(o, s.encoding());
            o.ascii(" " + s.size());
            if (s.envelope().isPresent()) {
                o.ascii(" ");
                envelope(o, s.envelope().get());
                o.ascii(" ");
                bodyPart(o, s.body().orElseThrow());
            }
            s.lines().ifPresent(n -> o.ascii(" " + n));
            if (s.extensionFields() >= 1) {
                o.ascii(" ");
                nstring(o, s.md5());
            }
        }
        if (part.extensionFields() >= 2) {
            o.ascii(" ");
            BodyPart.Disposition d = part.disposition();
            if (d == null) {
                o.ascii("NIL");
            } else {
                o.ascii("(");
                nstring(o, d.type());
                o.ascii(" ");
                params(o, d.params());
                o.ascii(")");
            }
        }
        if (part.extensionFields() >= 3) {
            o.ascii(" ");
            stringList(o, part.language());
        }
        if (part.extensionFields() >= 4) {
            o.ascii(" ");
            nstring(o, part.location());
            for (BodyPart.ExtensionValue v : part.further()) {
                o.ascii(" ");
                extensionValue(o, v);
            }
        }
        o.ascii(")");
    }

    private static void extensionValue(Out o, BodyPart.ExtensionValue v) {
        if (v instanceof BodyPart.Str s) {
            nstring(o, s.value());
        } else if (v instanceof BodyPart.Num n) {
            o.ascii(Long.toString(n.value()));
        } else if (v instanceof BodyPart.ListOf l) {
            o.ascii("(");
            boolean first = true;
            for (BodyPart.ExtensionValue x : l.values()) {
                o.ascii(first ? "" : " ");
                first = false;
                extensionValue(o, x);
            }
            o.ascii(")");
        }
    }

    private static void params(Out o, Map<String, String> params) {
        if (params.isEmpty()) {
            o.ascii("NIL");
            return;
        }
        o.ascii("(");
        boolean first = true;
        for (Map.Entry<String, String> e : params.entrySet()) {
            o.ascii(first ? "" : " ");
            first = false;
            nstring(o, e.getKey());
            o.ascii(" ");
            nstring(o, e.getValue());
        }
        o.ascii(")");
    }

    private static void stringList(Out o, List<String> l) {
        if (l.isEmpty()) {
            o.ascii("NIL");
            return;
        }
        o.ascii("(");
        for (int i = 0; i < l.size(); i++) {
            o.ascii(i == 0 ? "" : " ");
            nstring(o, l.get(i));
        }
        o.ascii(")");
    }

    /** NIL for null, else quoted when 7-bit without CR, LF or NUL, else a literal. */
    private static void nstring(Out o, String s) {
        if (s == null) {
            o.ascii("NIL");
        } else {
            o.string(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void section(Out o, Section s) {
        StringBuilder b = new StringBuilder();
        for (long p : s.part()) {
            b.append(b.length() > 0 ? "." : "").append(p);
        }
        if (s.text() != Section.Text.NONE) {
            b.append(b.length() > 0 ? "." : "").append(s.text().wire());
        }
        o.ascii(b.toString());
        if (!s.fields().isEmpty()) {
            o.ascii(" (");
            boolean first = true;
            for (String f : s.fields()) {
                o.ascii(first ? "" : " ");
                first = false;
                o.astring(f.getBytes(StandardCharsets.UTF_8));
            }
            o.ascii(")");
        }
    }

    private static void respText(Out o, Optional<ResponseCode> code, String text) {
        if (code.isEmpty()) {
            if (text.startsWith("[")) {
                throw new IllegalArgumentException("a text without a code cannot start with [");
            }
            if (!text.isEmpty()) {
                o.ascii(" ").utf8(text);
            }
            return;
        }
        o.ascii(" [").utf8(code(code.get())).ascii("]");
        if (!text.isEmpty()) {
            o.ascii(" ").utf8(text);
        }
    }

    /** The text between the brackets. */
    static String code(ResponseCode code) {
        if (code instanceof ResponseCode.Simple s) {
            return s.wire();
        } else if (code instanceof ResponseCode.UidNext u) {
            return "UIDNEXT " + u.uid();
        } else if (code instanceof ResponseCode.UidValidity u) {
            return "UIDVALIDITY " + u.value();
        } else if (code instanceof ResponseCode.Unseen u) {
            return "UNSEEN " + u.seq();
        } else if (code instanceof ResponseCode.PermanentFlags p) {
            return "PERMANENTFLAGS (" + String.join(" ", p.flags()) + ")";
        } else if (code instanceof ResponseCode.Capability c) {
            return "CAPABILITY " + String.join(" ", c.capabilities());
        } else if (code instanceof ResponseCode.AppendUid a) {
            return "APPENDUID " + a.uidValidity() + " " + a.uids();
        } else if (code instanceof ResponseCode.CopyUid c) {
            return "COPYUID " + c.uidValidity() + " " + c.source() + " " + c.destination();
        } else if (code instanceof ResponseCode.HighestModSeq h) {
            return "HIGHESTMODSEQ " + h.modSeq();
        } else if (code instanceof ResponseCode.Modified m) {
            return "MODIFIED " + m.set();
        } else if (code instanceof ResponseCode.BadCharset b) {
            if (b.charsets().isEmpty()) {
                return "BADCHARSET";
            }
            StringBuilder sb = new StringBuilder("BADCHARSET (");
            for (int i = 0; i < b.charsets().size(); i++) {
                String c = b.charsets().get(i);
                sb.append(i == 0 ? "" : " ").append(Syntax.isAtom(c) ? c : quote(c));
            }
            return sb.append(')').toString();
        } else if (code instanceof ResponseCode.MailboxId m) {
            return "MAILBOXID (" + m.id() + ")";
        } else if (code instanceof ResponseCode.Other other) {
            return other.atom().toUpperCase(Locale.ROOT) + other.text().map(t -> " " + t).orElse("");
        }
        throw new IllegalArgumentException("unknown response code");
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static void flags(Out o, List<String> flags) {
        o.ascii("(" + String.join(" ", flags) + ")");
    }

    private static final class Out {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Out ascii(String s) {
            bytes.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        Out utf8(String s) {
            bytes.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        void string(byte[] raw) {
            for (byte b : raw) {
                int c = b & 0xff;
                if (c == 0 || c == '\r' || c == '\n' || c > 0x7f) {
                    ascii("{" + raw.length + "}\r\n");
                    bytes.writeBytes(raw);
                    return;
                }
            }
            quote(raw);
        }

        void quote(byte[] raw) {
            bytes.write('"');
            for (byte b : raw) {
                if (b == '"' || b == '\\') {
                    bytes.write('\\');
                }
                bytes.write(b);
            }
            bytes.write('"');
        }

        void astring(byte[] raw) {
            boolean atom = raw.length > 0;
            boolean quotable = true;
            for (byte b : raw) {
                int c = b & 0xff;
                if (!Syntax.astringChar(c)) {
                    atom = false;
                }
                if (c == 0 || c == '\r' || c == '\n' || c > 0x7f) {
                    quotable = false;
                }
            }
            if (atom && !new String(raw, StandardCharsets.US_ASCII).equalsIgnoreCase("NIL")) {
                bytes.writeBytes(raw);
            } else if (quotable) {
                bytes.write('"');
                for (byte b : raw) {
                    if (b == '"' || b == '\\') {
                        bytes.write('\\');
                    }
                    bytes.write(b);
                }
                bytes.write('"');
            } else {
                ascii("{" + raw.length + "}\r\n");
                bytes.writeBytes(raw);
            }
        }
    }
}
