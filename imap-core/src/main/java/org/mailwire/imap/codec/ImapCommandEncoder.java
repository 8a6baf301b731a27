package org.mailwire.imap.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.mailwire.imap.FetchAttribute;
import org.mailwire.imap.Flag;
import org.mailwire.imap.ImapCommand;
import org.mailwire.imap.ImapDateTime;
import org.mailwire.imap.ListReturnOption;
import org.mailwire.imap.ListSelectOption;
import org.mailwire.imap.SearchKey;
import org.mailwire.imap.MailboxName;
import org.mailwire.imap.ModifiedUtf7;
import org.mailwire.imap.Qresync;
import org.mailwire.imap.SearchReturn;
import org.mailwire.imap.Section;
import org.mailwire.imap.Syntax;

/**
 * Writes commands. Each string argument is written as an atom when it is one, a quoted string
 * when it is printable US-ASCII, and a literal otherwise (8-bit text, CR, LF); mailbox names are
 * written in modified UTF-7. NUL cannot be written in any of these forms and is refused
 * (SECURITY.md rows 7 and 11), as the model's types already refuse CR/LF in tags and atoms.
 *
 * <p>Literals are synchronising {@code {n}} unless the encoder was made for a server with
 * LITERAL+ (or LITERAL- and at most 4096 octets). {@link #encode} returns the whole command;
 * {@link #encodeSegments} returns it cut after every synchronising literal header, where a
 * client waits for the server's {@code +} before writing the next segment.
 *
 * <p>APPEND is streamed: {@link #appendHead} gives the bytes up to the first message's literal
 * header, the client writes the message's octets and {@link AppendHead#afterData()}, then
 * {@link #appendNext} for each further message of a MULTIAPPEND (RFC 3502), and finally
 * {@link #appendEnd()}. A CATENATE message (RFC 4469) is {@link #appendHead(ImapCommand.Catenate)}
 * (or {@link #appendNext(ImapCommand.Catenate)}), then {@link #catenateUrl} and
 * {@link #catenateText} for its parts, then {@link #catenateEnd()}. The encoder keeps no state
 * between these calls; the client writes their results in order.
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
     * @throws IllegalArgumentException for APPEND (use {@link #appendHead} or {@link #encodeAppend})
     *                                  or a NUL in a string
     */
    public byte[] encode(ImapCommand command) {
        return write(command).bytes();
    }

    /**
     * The command with its CRLF, cut after every synchronising literal header: write segment 0,
     * wait for {@code +}, write segment 1, and so on. One segment when no literal needs
     * {@code +}. Their concatenation is {@link #encode}.
     *
     * @throws IllegalArgumentException as {@link #encode}
     */
    public List<byte[]> encodeSegments(ImapCommand command) {
        return write(command).segments();
    }

    private Out write(ImapCommand command) {
        if (command instanceof ImapCommand.Append || command instanceof ImapCommand.Catenate) {
            throw new IllegalArgumentException("APPEND carries messages: use appendHead or encodeAppend");
        }
        Out out = new Out();
        out.text(command.tag().value()).text(" ");
        if (command.uid()) {
            out.text("UID ");
        }
        out.text(command.name());
        arguments(command, out);
        out.text("\r\n");
        return out;
    }

    /**
     * APPEND of one message with its data as a literal ({@code ~{n}} when {@code append.binary()},
     * {@code UTF8 (~{n})} when {@code append.utf8()}), then CRLF. The message's size must equal
     * {@code append.size()}.
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
        AppendHead head = appendHead(append);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.joined());
        out.writeBytes(message);
        out.writeBytes(head.afterData());
        out.writeBytes(appendEnd());
        return out.toByteArray();
    }

    /**
     * The start of an APPEND up to its first message's literal header ({@code {n}}, {@code {n+}},
     * {@code ~{n}}, {@code ~{n+}}, or {@code UTF8 (~{n}}). The client then writes exactly
     * {@code first.size()} octets (no NUL unless {@code first.binary()}) and
     * {@link AppendHead#afterData()}.
     */
    public AppendHead appendHead(ImapCommand.Append first) {
        Out out = appendStart(first.tag(), first.mailbox());
        return message(out, first);
    }

    /** The start of an APPEND whose first message is built by CATENATE, up to {@code CATENATE (}. */
    public AppendHead appendHead(ImapCommand.Catenate first) {
        Out out = appendStart(first.tag(), first.mailbox());
        return catenate(out, first);
    }

    /** A further MULTIAPPEND message (RFC 3502), written after the previous one's data. */
    public AppendHead appendNext(ImapCommand.Append next) {
        return message(new Out(), next);
    }

    /** A further MULTIAPPEND message built by CATENATE, up to {@code CATENATE (}. */
    public AppendHead appendNext(ImapCommand.Catenate next) {
        return catenate(new Out(), next);
    }

    /** A CATENATE {@code URL} part; {@code first} for the first part of its message. */
    public AppendHead catenateUrl(String url, boolean first) {
        Out out = new Out();
        out.text(first ? "URL " : " URL ");
        astring(out, url);
        return new AppendHead(out.segments(), false, new byte[0]);
    }

    /**
     * A CATENATE {@code TEXT} part of {@code size} octets up to its literal header, or with
     * {@code utf8} an RFC 6855 {@code UTF8 (~{n})} part; {@code first} for the first part of its
     * message. The client then writes the part's octets and {@link AppendHead#afterData()}.
     */
    public AppendHead catenateText(long size, boolean utf8, boolean first) {
        Out out = new Out();
        out.text(first ? "" : " ").text(utf8 ? "UTF8 (" : "TEXT ");
        boolean sync = streamedHeader(out, size, utf8);
        return new AppendHead(out.segments(), sync, utf8 ? new byte[] {')'} : new byte[0]);
    }

    /** Ends a CATENATE message's part list. */
    public byte[] catenateEnd() {
        return new byte[] {')'};
    }

    /** Ends the APPEND command. */
    public byte[] appendEnd() {
        return new byte[] {'\r', '\n'};
    }

    private Out appendStart(org.mailwire.imap.Tag tag, MailboxName mailbox) {
        Out out = new Out();
        out.text(tag.value()).text(" APPEND ");
        mailbox(out, mailbox);
        return out;
    }

    private static void appendOptions(Out out, List<Flag> flags, ImapDateTime date) {
        out.text(" ");
        if (!flags.isEmpty()) {
            flags(out, flags);
            out.text(" ");
        }
        if (date != null) {
            out.text("\"" + date.format() + "\" ");
        }
    }

    private AppendHead message(Out out, ImapCommand.Append a) {
        appendOptions(out, a.flags(), a.date());
        if (a.utf8()) {
            out.text("UTF8 (");
        }
        boolean sync = streamedHeader(out, a.size(), a.binary());
        return new AppendHead(out.segments(), sync, a.utf8() ? new byte[] {')'} : new byte[0]);
    }

    private AppendHead catenate(Out out, ImapCommand.Catenate c) {
        appendOptions(out, c.flags(), c.date());
        out.text("CATENATE (");
        return new AppendHead(out.segments(), false, new byte[0]);
    }

    /** Writes a streamed literal's header and CRLF; true when it is synchronising. */
    private boolean streamedHeader(Out out, long size, boolean literal8) {
        if (size < 0) {
            throw new IllegalArgumentException("negative size");
        }
        boolean plus = nonSyncAllowed(size);
        out.text((literal8 ? "~{" : "{") + size + (plus ? "+}" : "}") + "\r\n");
        return !plus;
    }

    private boolean nonSyncAllowed(long size) {
        return nonSync == NonSyncLiterals.LITERAL_PLUS
                || (nonSync == NonSyncLiterals.LITERAL_MINUS && size <= ImapDecoderConfig.LITERAL_MINUS_MAX);
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
            if (!m.specialUse().isEmpty()) {
                out.text(" (USE (").text(String.join(" ", m.specialUse())).text("))");
            }
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
            if (l.extended()) {
                extendedList(out, l);
            } else {
                listArgs(out, l.reference(), l.pattern());
            }
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
            searchReturns(out, s.returnOptions());
            if (s.charset() != null) {
                out.text(" CHARSET ");
                astring(out, s.charset());
            }
            searchKeys(out, s.keys());
        } else if (c instanceof ImapCommand.Sort s) {
            searchReturns(out, s.returnOptions());
            out.text(" (");
            for (int i = 0; i < s.criteria().size(); i++) {
                out.text(i == 0 ? "" : " ").text(s.criteria().get(i).toString());
            }
            out.text(") ");
            charset(out, s.charset());
            searchKeys(out, s.keys());
        } else if (c instanceof ImapCommand.ThreadMessages t) {
            out.text(" ").text(t.algorithm()).text(" ");
            charset(out, t.charset());
            searchKeys(out, t.keys());
        } else if (c instanceof ImapCommand.Id id) {
            id(out, id.parameters());
        } else if (c instanceof ImapCommand.Compress z) {
            out.text(" ").text(z.mechanism());
        } else if (c instanceof ImapCommand.Copy m) {
            out.text(" ").text(m.set().toString());
            spMailbox(out, m.mailbox());
        } else if (c instanceof ImapCommand.Move m) {
            out.text(" ").text(m.set().toString());
            spMailbox(out, m.mailbox());
        }
    }

    private static void searchReturns(Out out, List<SearchReturn> returns) {
        if (returns != null) {
            out.text(" RETURN (");
            for (int i = 0; i < returns.size(); i++) {
                out.text(i == 0 ? "" : " ").text(returns.get(i).name());
            }
            out.text(")");
        }
    }

    private void searchKeys(Out out, List<SearchKey> keys) {
        keys.forEach(k -> {
            out.text(" ");
            searchKey(out, k);
        });
    }

    /** RFC 5256 {@code charset = atom / quoted}: never a literal. */
    private static void charset(Out out, String charset) {
        if (Syntax.isAtom(charset)) {
            out.text(charset);
        } else {
            out.text("\"").text(charset.replace("\\", "\\\\").replace("\"", "\\\"")).text("\"");
        }
    }

    /** RFC 2971: fields and values are {@code string}s (quoted or literal), never atoms. */
    private void id(Out out, Map<String, String> parameters) {
        if (parameters.isEmpty()) {
            out.text(" NIL");
            return;
        }
        out.text(" (");
        boolean first = true;
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            out.text(first ? "" : " ");
            first = false;
            string(out, e.getKey());
            out.text(" ");
            if (e.getValue() == null) {
                out.text("NIL");
            } else {
                string(out, e.getValue());
            }
        }
        out.text(")");
    }

    /** {@code LIST [(select)] reference (patterns) [RETURN (options)]} (RFC 5258 §6). */
    private void extendedList(Out out, ImapCommand.ListMailboxes l) {
        if (!l.selectOptions().isEmpty()) {
            out.text(" (");
            List<ListSelectOption> select = l.selectOptions();
            for (int i = 0; i < select.size(); i++) {
                out.text(i == 0 ? "" : " ").text(select.get(i).wire());
            }
            out.text(")");
        }
        out.text(" ");
        astring(out, ModifiedUtf7.encode(l.reference()));
        out.text(" ");
        if (l.patterns().size() == 1) {
            pattern(out, l.pattern());
        } else {
            out.text("(");
            for (int i = 0; i < l.patterns().size(); i++) {
                out.text(i == 0 ? "" : " ");
                pattern(out, l.patterns().get(i));
            }
            out.text(")");
        }
        if (!l.returnOptions().isEmpty()) {
            out.text(" RETURN (");
            List<ListReturnOption> returns = l.returnOptions();
            for (int i = 0; i < returns.size(); i++) {
                out.text(i == 0 ? "" : " ").text(returns.get(i).wire());
            }
            out.text(")");
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

    /**
     * Writes a key tree with an explicit work stack, not recursion: a caller may build a tree
     * deeper than a thread's stack (a server would refuse it, but the encoder must not crash).
     */
    private void searchKey(Out out, SearchKey root) {
        java.util.ArrayDeque<Object> work = new java.util.ArrayDeque<>();
        work.push(root);
        while (!work.isEmpty()) {
            Object next = work.pop();
            if (next instanceof String text) {
                out.text(text);
            } else if (next instanceof SearchKey.Not n) {
                out.text("NOT ");
                work.push(n.key());
            } else if (next instanceof SearchKey.Or o) {
                out.text("OR ");
                work.push(o.right());
                work.push(" ");
                work.push(o.left());
            } else if (next instanceof SearchKey.And a) {
                out.text("(");
                work.push(")");
                for (int i = a.keys().size() - 1; i >= 0; i--) {
                    work.push(a.keys().get(i));
                    if (i > 0) {
                        work.push(" ");
                    }
                }
            } else {
                searchLeaf(out, (SearchKey) next);
            }
        }
    }

    private void searchLeaf(Out out, SearchKey k) {
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
        pattern(out, pattern);
    }

    /** A list-mailbox: wildcards stay bare when the whole pattern is list-chars. */
    private void pattern(Out out, String pattern) {
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
        } else {
            quotedOrLiteral(out, s, quotable);
        }
    }

    /** An RFC 3501 {@code string}: quoted when printable US-ASCII and short, else a literal. */
    private void string(Out out, String s) {
        if (s.indexOf(0) >= 0) {
            throw new IllegalArgumentException("NUL cannot be sent in a string");
        }
        boolean quotable = s.length() <= MAX_QUOTED;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            quotable &= c >= 0x20 && c <= 0x7e;
        }
        quotedOrLiteral(out, s, quotable);
    }

    private void quotedOrLiteral(Out out, String s, boolean quotable) {
        if (quotable) {
            out.text("\"").text(s.replace("\\", "\\\\").replace("\"", "\\\"")).text("\"");
        } else {
            literal(out, s.getBytes(StandardCharsets.UTF_8));
        }
    }

    private void literal(Out out, byte[] value) {
        boolean plus = nonSyncAllowed(value.length);
        out.text("{" + value.length + (plus ? "+" : "") + "}\r\n");
        if (!plus) {
            out.split();
        }
        out.buf.write(value, 0, value.length);
    }

    /** The bytes written so far, cut where the client must wait for {@code +}. */
    private static final class Out {
        final List<byte[]> done = new ArrayList<>();
        final ByteArrayOutputStream buf = new ByteArrayOutputStream();

        Out text(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            buf.write(b, 0, b.length);
            return this;
        }

        void split() {
            done.add(buf.toByteArray());
            buf.reset();
        }

        List<byte[]> segments() {
            List<byte[]> all = new ArrayList<>(done);
            all.add(buf.toByteArray());
            return all;
        }

        byte[] bytes() {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            done.forEach(all::writeBytes);
            all.writeBytes(buf.toByteArray());
            return all.toByteArray();
        }
    }
}
