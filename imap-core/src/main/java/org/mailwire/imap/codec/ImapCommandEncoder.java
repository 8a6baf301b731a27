package org.mailwire.imap.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.mailwire.imap.FetchAttribute;
import org.mailwire.imap.Flag;
import org.mailwire.imap.ImapCommand;
import org.mailwire.imap.ImapDateTime;
import org.mailwire.imap.SearchKey;
import org.mailwire.imap.MailboxName;
import org.mailwire.imap.ModifiedUtf7;
import org.mailwire.imap.Qresync;
import org.mailwire.imap.Section;
import org.mailwire.imap.Syntax;

/**
 * Writes commands. Each string argument is written as an atom when it is one, a quoted string
 * when it is printable US-ASCII, and a literal otherwise (8-bit text, CR, LF); mailbox names are
 * written in modified UTF-7. NUL cannot be written in any of these forms and is refused
 * (SECURITY.md rows 7 and 11), as the model's types already refuse CR/LF in tags and atoms.
 *
 * <p>Literals are synchronising {@code {n}} unless the encoder was made for a server with
 * LITERAL+ (or LITERAL- and at most 4096 octets): the bytes returned hold the whole command, and
 * a client sending synchronising literals waits for {@code +} after each {@code {n}CRLF}.
 */
public final class ImapCommandEncoder {

    /** Longest string written quoted; longer ones go as literals. */
    static final int MAX_QUOTED = 1024;

    private final NonSyncLiterals nonSync;

    public ImapCommandEncoder() {
        this(NonSyncLiterals.NONE);
    }

    /** @param serverSupports what the server advertised; NONE writes synchronising literals only */
    public ImapCommandEncoder(NonSyncLiterals serverSupports) {
        this.nonSync = Objects.requireNonNull(serverSupports, "serverSupports");
    }

    /**
     * The command with its CRLF.
     *
     * @throws IllegalArgumentException for APPEND (use {@link #encodeAppend}) or a NUL in a string
     */
    public byte[] encode(ImapCommand command) {
        if (command instanceof ImapCommand.Append) {
            throw new IllegalArgumentException("APPEND carries a message: use encodeAppend");
        }
        Out out = new Out();
        out.text(command.tag().value()).text(" ");
        if (command.uid()) {
            out.text("UID ");
        }
        out.text(command.name());
        arguments(command, out);
        out.text("\r\n");
        return out.bytes();
    }

    /**
     * APPEND with its message as a literal ({@code ~{n}} when {@code append.binary()}), then CRLF.
     * The message's size must equal {@code append.size()}.
     */
    public byte[] encodeAppend(ImapCommand.Append append, byte[] message) {
        if (message.length != append.size()) {
            throw new IllegalArgumentException("message length differs from the APPEND size");
        }
        if (!append.binary()) {
            for (byte b : message) {
                if (b == 0) {
                    throw new IllegalArgumentException("NUL needs a binary (literal8) APPEND");
                }
            }
        }
        Out out = new Out();
        out.text(append.tag().value()).text(" APPEND ");
        mailbox(out, append.mailbox());
        out.text(" ");
        if (!append.flags().isEmpty()) {
            flags(out, append.flags());
            out.text(" ");
        }
        if (append.date() != null) {
            out.text("\"" + append.date().format() + "\" ");
        }
        if (append.binary()) {
            out.text("~");
        }
        literal(out, message);
        out.text("\r\n");
        return out.bytes();
    }

    private void arguments(ImapCommand c, Out out) {
        if (c instanceof ImapCommand.Login l) {
            out.text(" ");
            astring(out, l.user());
            out.text(" ");
            astring(out, l.password());
        } else if (c instanceof ImapCommand.Authenticate a) {
            out.text(" ").text(a.mechanism());
            if (a.initialResponse() != null) {
                out.text(" ").text(a.initialResponse());
            }
        } else if (c instanceof ImapCommand.Enable e) {
            e.capabilities().forEach(cap -> out.text(" ").text(cap));
        } else if (c instanceof ImapCommand.Select s) {
            spMailbox(out, s.mailbox());
            selectParams(out, s.condstore(), s.qresync());
        } else if (c instanceof ImapCommand.Examine s) {
            spMailbox(out, s.mailbox());
            selectParams(out, s.condstore(), s.qresync());
        } else if (c instanceof ImapCommand.Create m) {
            spMailbox(out, m.mailbox());
        } else if (c instanceof ImapCommand.Delete m) {
            spMailbox(out, m.mailbox());
        } else if (c instanceof ImapCommand.Subscribe m) {
            spMailbox(out, m.mailbox());
        } else if (c instanceof ImapCommand.Unsubscribe m) {
            spMailbox(out, m.mailbox());
        } else if (c instanceof ImapCommand.Rename r) {
            spMailbox(out, r.from());
            spMailbox(out, r.to());
        } else if (c instanceof ImapCommand.ListMailboxes l) {
            listArgs(out, l.reference(), l.pattern());
        } else if (c instanceof ImapCommand.Lsub l) {
            listArgs(out, l.reference(), l.pattern());
        } else if (c instanceof ImapCommand.Status s) {
            spMailbox(out, s.mailbox());
            out.text(" (");
            for (int i = 0; i < s.items().size(); i++) {
                out.text(i == 0 ? "" : " ").text(s.items().get(i).name());
            }
            out.text(")");
        } else if (c instanceof ImapCommand.Expunge e) {
            if (e.uids() != null) {
                out.text(" ").text(e.uids().toString());
            }
        } else if (c instanceof ImapCommand.Fetch f) {
            out.text(" ").text(f.set().toString()).text(" ");
            if (f.items().size() == 1 && f.items().get(0) instanceof FetchAttribute.Macro m) {
                out.text(m.wire());
            } else {
                out.text("(");
                for (int i = 0; i < f.items().size(); i++) {
                    out.text(i == 0 ? "" : " ");
                    fetchAtt(out, f.items().get(i));
                }
                out.text(")");
            }
            if (f.changedSince() >= 0) {
                out.text(" (CHANGEDSINCE " + f.changedSince() + (f.vanished() ? " VANISHED)" : ")"));
            }
        } else if (c instanceof ImapCommand.Store s) {
            out.text(" ").text(s.set().toString());
            if (s.unchangedSince() >= 0) {
                out.text(" (UNCHANGEDSINCE " + s.unchangedSince() + ")");
            }
            out.text(" ").text(s.mode().wire()).text(s.silent() ? ".SILENT " : " ");
            flags(out, s.flags());
        } else if (c instanceof ImapCommand.Search s) {
            if (s.returnOptions() != null) {
                out.text(" RETURN (");
                for (int i = 0; i < s.returnOptions().size(); i++) {
                    out.text(i == 0 ? "" : " ").text(s.returnOptions().get(i).name());
                }
                out.text(")");
            }
            if (s.charset() != null) {
                out.text(" CHARSET ");
                astring(out, s.charset());
            }
            s.keys().forEach(k -> {
                out.text(" ");
                searchKey(out, k);
            });
        } else if (c instanceof ImapCommand.Copy m) {
            out.text(" ").text(m.set().toString());
            spMailbox(out, m.mailbox());
        } else if (c instanceof ImapCommand.Move m) {
            out.text(" ").text(m.set().toString());
            spMailbox(out, m.mailbox());
        }
    }

    private void fetchAtt(Out out, FetchAttribute a) {
        if (a instanceof FetchAttribute.BodySection b && !b.section().fields().isEmpty()) {
            Section s = b.section();
            String head = new Section(s.part(), s.text(), List.of("x")).toString();
            out.text(b.peek() ? "BODY.PEEK[" : "BODY[").text(head.substring(0, head.length() - 2));
            for (int i = 0; i < s.fields().size(); i++) {
                out.text(i == 0 ? "" : " ");
                astring(out, s.fields().get(i));
            }
            out.text(")]").text(b.partial() == null ? "" : b.partial().toString());
        } else {
            out.text(a.wire());
        }
    }

    /** Recursive over a tree the caller built; the decoder side bounds the depth it accepts. */
    private void searchKey(Out out, SearchKey k) {
        if (k instanceof SearchKey.Simple s) {
            out.text(s.name());
        } else if (k instanceof SearchKey.Keyword kw) {
            out.text(kw.negated() ? "UNKEYWORD " : "KEYWORD ").text(kw.keyword().name());
        } else if (k instanceof SearchKey.Text t) {
            out.text(t.field().name()).text(" ");
            astring(out, t.value());
        } else if (k instanceof SearchKey.Header h) {
            out.text("HEADER ");
            astring(out, h.field());
            out.text(" ");
            astring(out, h.value());
        } else if (k instanceof SearchKey.Date d) {
            out.text(d.field().name()).text(" ").text(ImapDateTime.formatDate(d.date()));
        } else if (k instanceof SearchKey.Size z) {
            out.text(z.larger() ? "LARGER " : "SMALLER ").text(Long.toString(z.size()));
        } else if (k instanceof SearchKey.Uid u) {
            out.text("UID ").text(u.set().toString());
        } else if (k instanceof SearchKey.Sequence q) {
            out.text(q.set().toString());
        } else if (k instanceof SearchKey.ModSeq m) {
            out.text("MODSEQ ").text(Long.toString(m.modseq()));
        } else if (k instanceof SearchKey.Not n) {
            out.text("NOT ");
            searchKey(out, n.key());
        } else if (k instanceof SearchKey.Or o) {
            out.text("OR ");
            searchKey(out, o.left());
            out.text(" ");
            searchKey(out, o.right());
        } else if (k instanceof SearchKey.And a) {
            out.text("(");
            for (int i = 0; i < a.keys().size(); i++) {
                out.text(i == 0 ? "" : " ");
                searchKey(out, a.keys().get(i));
            }
            out.text(")");
        }
    }

    private static void selectParams(Out out, boolean condstore, Qresync qresync) {
        if (condstore && qresync != null) {
            out.text(" (CONDSTORE QRESYNC " + qresync + ")");
        } else if (condstore) {
            out.text(" (CONDSTORE)");
        } else if (qresync != null) {
            out.text(" (QRESYNC " + qresync + ")");
        }
    }

    private void listArgs(Out out, String reference, String pattern) {
        out.text(" ");
        astring(out, ModifiedUtf7.encode(reference));
        out.text(" ");
        String p = ModifiedUtf7.encode(pattern);
        boolean atom = !p.isEmpty();
        for (int i = 0; i < p.length(); i++) {
            atom &= Syntax.listChar(p.charAt(i));
        }
        if (atom) {
            out.text(p);
        } else {
            astring(out, p);
        }
    }

    private static void flags(Out out, List<Flag> flags) {
        out.text("(");
        for (int i = 0; i < flags.size(); i++) {
            out.text(i == 0 ? "" : " ").text(flags.get(i).name());
        }
        out.text(")");
    }

    private void spMailbox(Out out, MailboxName m) {
        out.text(" ");
        mailbox(out, m);
    }

    private void mailbox(Out out, MailboxName m) {
        astring(out, m.toWire());
    }

    private void astring(Out out, String s) {
        if (s.indexOf(0) >= 0) {
            throw new IllegalArgumentException("NUL cannot be sent in a string");
        }
        boolean atom = !s.isEmpty();
        boolean quotable = s.length() <= MAX_QUOTED;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            atom &= Syntax.astringChar(c);
            quotable &= c >= 0x20 && c <= 0x7e;
        }
        if (atom) {
            out.text(s);
        } else if (quotable) {
            out.text("\"").text(s.replace("\\", "\\\\").replace("\"", "\\\"")).text("\"");
        } else {
            literal(out, s.getBytes(StandardCharsets.UTF_8));
        }
    }

    private void literal(Out out, byte[] value) {
        boolean plus = nonSync == NonSyncLiterals.LITERAL_PLUS
                || (nonSync == NonSyncLiterals.LITERAL_MINUS && value.length <= ImapDecoderConfig.LITERAL_MINUS_MAX);
        out.text("{" + value.length + (plus ? "+" : "") + "}\r\n");
        out.buf.write(value, 0, value.length);
    }

    private static final class Out {
        final ByteArrayOutputStream buf = new ByteArrayOutputStream();

        Out text(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            buf.write(b, 0, b.length);
            return this;
        }

        byte[] bytes() {
            return buf.toByteArray();
        }
    }
}
