package org.mailwire.imap.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mailwire.imap.FetchAttribute;
import org.mailwire.imap.Flag;
import org.mailwire.imap.ImapCommand;
import org.mailwire.imap.ImapDateTime;
import org.mailwire.imap.ListReturnOption;
import org.mailwire.imap.ListSelectOption;
import org.mailwire.imap.MailboxName;
import org.mailwire.imap.Partial;
import org.mailwire.imap.Qresync;
import org.mailwire.imap.SearchKey;
import org.mailwire.imap.SearchReturn;
import org.mailwire.imap.Section;
import org.mailwire.imap.SequenceSet;
import org.mailwire.imap.SortCriterion;
import org.mailwire.imap.SortKey;
import org.mailwire.imap.StatusItem;
import org.mailwire.imap.Syntax;
import org.mailwire.imap.Tag;
import org.mailwire.imap.codec.ImapCommandViolation.Kind;

/**
 * Parses one command from its lines (CRLF removed) and the literals that end all lines but the
 * last (RFC 3501 §9). A recursive descent over a grammar of fixed depth; parenthesised lists
 * have their depth and length counted against the configuration, and SEARCH keys, the one
 * grammar a client can nest freely, are read with an explicit stack instead of recursion.
 */
final class CommandParser {

    /** Stack-less failure, caught in {@link #parse}. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Kind kind;

        Failure(Kind kind) {
            super(null, null, false, false);
            this.kind = kind;
        }
    }

    /** Thrown in prefix mode on reaching the literal whose octets have not arrived yet. */
    private static final class NotYet extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotYet() {
            super(null, null, false, false);
        }
    }

    private final List<byte[]> lines;
    private final List<byte[]> literals;
    private final ImapDecoderConfig config;
    private final boolean prefix;
    private boolean nonSyncPrefix;
    private int li;
    private int pos;
    private int depth;

    private CommandParser(List<byte[]> lines, List<byte[]> literals, ImapDecoderConfig config, boolean prefix) {
        this.lines = lines;
        this.literals = literals;
        this.config = config;
        this.prefix = prefix;
    }

    /** The tag at the start of {@code line}, or null. */
    static Tag tagOf(byte[] line, int len) {
        int i = 0;
        while (i < len && i <= Tag.MAX_LENGTH && Syntax.tagChar(line[i] & 0xff)) {
            i++;
        }
        if (i == 0 || i > Tag.MAX_LENGTH || (i < len && line[i] != ' ')) {
            return null;
        }
        return new Tag(new String(line, 0, i, StandardCharsets.US_ASCII));
    }

    /**
     * A complete command: an {@link ImapCommand}, an {@link AppendStep} (an APPEND whose messages
     * are all CATENATE URL parts, so no literal is streamed), or a {@link Kind}.
     */
    static Object parse(List<byte[]> lines, List<byte[]> literals, ImapDecoderConfig config) {
        return run(new CommandParser(lines, literals, config, false), null);
    }

    /**
     * At a literal header ending the last line. Returns an {@link AppendStep} when the header is
     * an APPEND literal whose octets are streamed (a message or a CATENATE TEXT part), null when
     * it is a string argument whose octets the decoder collects, or a {@link Kind} when what came
     * before is already wrong: a synchronising literal is then refused before {@code +} is sent.
     * A non-synchronising literal of any command but APPEND is on its way anyway, so for it the
     * command is only parsed when complete (its refusal is then not fatal).
     */
    static Object prefix(List<byte[]> lines, List<byte[]> literals, ImapDecoderConfig config, boolean nonSync) {
        CommandParser p = new CommandParser(lines, literals, config, true);
        p.nonSyncPrefix = nonSync;
        return run(p, null);
    }

    /**
     * The rest of an APPEND after a streamed literal: {@code lines} start right after its octets.
     * With {@code prefix}, the last line ends in a literal header; otherwise the command ends
     * with the last line. Returns an {@link AppendStep}, null (a string argument literal), or a
     * {@link Kind}.
     */
    static Object appendContinuation(List<byte[]> lines, List<byte[]> literals, ImapDecoderConfig config,
            boolean prefix, AppendProgress progress) {
        return run(new CommandParser(lines, literals, config, prefix), progress);
    }

    private static Object run(CommandParser p, AppendProgress progress) {
        try {
            if (progress != null) {
                return p.appendMessages(progress);
            }
            Object c = p.command();
            if (p.prefix && !(c instanceof AppendStep)) {
                // A complete command before the literal: the literal is trailing garbage.
                return Kind.SYNTAX_ERROR;
            }
            return c;
        } catch (NotYet n) {
            return null;
        } catch (Failure f) {
            return f.kind;
        } catch (IllegalArgumentException e) {
            return Kind.SYNTAX_ERROR;
        }
    }

    private Object command() {
        byte[] first = lines.get(0);
        Tag tag = tagOf(first, first.length);
        if (tag == null) {
            throw new Failure(Kind.SYNTAX_ERROR);
        }
        pos = tag.value().length();
        sp();
        String name = word();
        boolean uid = false;
        if (name.equals("UID")) {
            sp();
            name = word();
            uid = true;
            if (!name.equals("FETCH") && !name.equals("STORE") && !name.equals("COPY") && !name.equals("MOVE")
                    && !name.equals("EXPUNGE") && !name.equals("SEARCH") && !name.equals("SORT")
                    && !name.equals("THREAD")) {
                throw new Failure(Kind.UNKNOWN_COMMAND);
            }
        }
        if (name.equals("APPEND")) {
            MailboxName m = spMailbox();
            return appendMessages(new AppendProgress(tag, m, AppendProgress.Where.START, 0, 0));
        }
        if (prefix && nonSyncPrefix) {
            throw new NotYet();
        }
        ImapCommand c = switch (name) {
            case "CAPABILITY" -> new ImapCommand.Capability(tag);
            case "NOOP" -> new ImapCommand.Noop(tag);
            case "LOGOUT" -> new ImapCommand.Logout(tag);
            case "STARTTLS" -> new ImapCommand.StartTls(tag);
            case "CHECK" -> new ImapCommand.Check(tag);
            case "CLOSE" -> new ImapCommand.Close(tag);
            case "UNSELECT" -> new ImapCommand.Unselect(tag);
            case "IDLE" -> new ImapCommand.Idle(tag);
            case "EXPUNGE" -> uid ? new ImapCommand.Expunge(tag, spSet()) : new ImapCommand.Expunge(tag, null);
            case "LOGIN" -> login(tag);
            case "AUTHENTICATE" -> authenticate(tag);
            case "ENABLE" -> enable(tag);
            case "SELECT" -> {
                MailboxName m = spMailbox();
                Object[] p = selectParams();
                yield new ImapCommand.Select(tag, m, (Boolean) p[0], (Qresync) p[1]);
            }
            case "EXAMINE" -> {
                MailboxName m = spMailbox();
                Object[] p = selectParams();
                yield new ImapCommand.Examine(tag, m, (Boolean) p[0], (Qresync) p[1]);
            }
            case "CREATE" -> create(tag);
            case "DELETE" -> new ImapCommand.Delete(tag, spMailbox());
            case "RENAME" -> {
                MailboxName from = spMailbox();
                yield new ImapCommand.Rename(tag, from, spMailbox());
            }
            case "SUBSCRIBE" -> new ImapCommand.Subscribe(tag, spMailbox());
            case "UNSUBSCRIBE" -> new ImapCommand.Unsubscribe(tag, spMailbox());
            case "LIST" -> list(tag);
            case "LSUB" -> {
                String ref = spMailboxText(false);
                yield new ImapCommand.Lsub(tag, ref, spMailboxText(true));
            }
            case "STATUS" -> status(tag);
            case "FETCH" -> fetch(tag, uid);
            case "STORE" -> store(tag, uid);
            case "SEARCH" -> search(tag, uid);
            case "SORT" -> sort(tag, uid);
            case "THREAD" -> thread(tag, uid);
            case "NAMESPACE" -> new ImapCommand.Namespace(tag);
            case "ID" -> id(tag);
            case "COMPRESS" -> {
                sp();
                yield new ImapCommand.Compress(tag, atom());
            }
            case "COPY" -> {
                SequenceSet s = spSet();
                yield new ImapCommand.Copy(tag, uid, s, spMailbox());
            }
            case "MOVE" -> {
                SequenceSet s = spSet();
                yield new ImapCommand.Move(tag, uid, s, spMailbox());
            }
            default -> throw new Failure(Kind.UNKNOWN_COMMAND);
        };
        end();
        return c;
    }

    // ------------------------------------------------------------ commands

    private ImapCommand login(Tag tag) {
        sp();
        String user = text(astring());
        sp();
        String password = text(astring());
        return new ImapCommand.Login(tag, user, password);
    }

    private ImapCommand authenticate(Tag tag) {
        sp();
        String mechanism = atom();
        String ir = null;
        if (peek() == ' ') {
            sp();
            ir = atom();
        }
        try {
            return new ImapCommand.Authenticate(tag, mechanism.toUpperCase(Locale.ROOT), ir);
        } catch (IllegalArgumentException e) {
            throw new Failure(Kind.SYNTAX_ERROR);
        }
    }

    private ImapCommand enable(Tag tag) {
        List<String> caps = new ArrayList<>();
        do {
            sp();
            caps.add(atom());
            listLength(caps.size());
        } while (peek() == ' ');
        return new ImapCommand.Enable(tag, caps);
    }

    /** {@code [SP "(" select-param *(SP select-param) ")"]}: CONDSTORE and QRESYNC, each at most once. */
    private Object[] selectParams() {
        boolean condstore = false;
        Qresync qresync = null;
        if (peek() != ' ') {
            return new Object[] {false, null};
        }
        sp();
        open();
        do {
            String p = word();
            if (p.equals("CONDSTORE") && !condstore) {
                condstore = true;
            } else if (p.equals("QRESYNC") && qresync == null) {
                sp();
                qresync = qresync();
            } else {
                throw new Failure(Kind.SYNTAX_ERROR);
            }
        } while (more());
        close();
        return new Object[] {condstore, qresync};
    }

    private Qresync qresync() {
        open();
        long uidValidity = number(true);
        sp();
        long modseq = modSeq();
        SequenceSet known = null;
        SequenceSet seqs = null;
        SequenceSet uids = null;
        if (peek() == ' ') {
            sp();
            if (peek() != '(') {
                known = set();
                if (peek() == ' ') {
                    sp();
                }
            }
            if (peek() == '(') {
                open();
                seqs = set();
                sp();
                uids = set();
                close();
            }
        }
        close();
        return new Qresync(uidValidity, modseq, known, seqs, uids);
    }

    private ImapCommand status(Tag tag) {
        MailboxName m = spMailbox();
        sp();
        return new ImapCommand.Status(tag, m, statusItems());
    }

    /** {@code "(" status-att *(SP status-att) ")"}. */
    private List<StatusItem> statusItems() {
        open();
        List<StatusItem> items = new ArrayList<>();
        do {
            try {
                items.add(StatusItem.valueOf(word()));
            } catch (IllegalArgumentException e) {
                throw new Failure(Kind.SYNTAX_ERROR);
            }
            listLength(items.size());
        } while (more());
        close();
        return items;
    }

    /**
     * APPEND's messages from where {@code at} stands (RFC 3501 §6.3.11, RFC 3502 MULTIAPPEND,
     * RFC 4469 CATENATE, RFC 6855 UTF8):
     * <pre>
     * append-message = [SP flag-list] [SP date-time] SP append-data
     * append-data    = literal / literal8 / "UTF8" SP "(" literal8 ")" / "CATENATE" SP "(" cat-part *(SP cat-part) ")"
     * cat-part       = "URL" SP astring / "TEXT" SP literal / "UTF8" SP "(" literal8 ")"
     * </pre>
     * Stops at the streamed literal ending the last line (prefix mode) or at the command's end.
     * Counts are checked as each message or part begins, so before its literal is accepted.
     */
    private AppendStep appendMessages(AppendProgress at) {
        Tag tag = at.tag();
        MailboxName mailbox = at.mailbox();
        int messages = at.messages();
        int parts = at.parts();
        AppendProgress.Where where = at.where();
        List<Object> events = new ArrayList<>();
        while (true) {
            if (where == AppendProgress.Where.UTF8_CLOSE || where == AppendProgress.Where.PART_UTF8_CLOSE) {
                expect(')');
                where = where == AppendProgress.Where.UTF8_CLOSE ? AppendProgress.Where.MESSAGES
                        : AppendProgress.Where.PARTS;
                continue;
            }
            if (where == AppendProgress.Where.PARTS) {
                if (peek() == ')') {
                    pos++;
                    where = AppendProgress.Where.MESSAGES;
                    continue;
                }
                sp();
                where = AppendProgress.Where.FIRST_PART;
                continue;
            }
            if (where == AppendProgress.Where.FIRST_PART) {
                if (++parts > config.maxCatenateParts()) {
                    throw new Failure(Kind.TOO_MANY_PARTS);
                }
                String w = word();
                sp();
                if (w.equals("URL")) {
                    events.add(new AppendStep.UrlPart(text(astring())));
                    where = AppendProgress.Where.PARTS;
                    continue;
                }
                boolean utf8 = w.equals("UTF8");
                if (!utf8 && !w.equals("TEXT")) {
                    throw new Failure(Kind.SYNTAX_ERROR);
                }
                if (utf8) {
                    expect('(');
                }
                LiteralHeader h = streamed(utf8 ? Boolean.TRUE : Boolean.FALSE);
                events.add(new AppendStep.TextPart(h.size(), utf8));
                return new AppendStep(events, new AppendProgress(tag, mailbox,
                        utf8 ? AppendProgress.Where.PART_UTF8_CLOSE : AppendProgress.Where.PARTS, messages, parts), h);
            }
            // START or MESSAGES
            if (where == AppendProgress.Where.MESSAGES && li == lines.size() - 1 && pos == lines.get(li).length) {
                return new AppendStep(events, null, null);
            }
            sp();
            if (++messages > config.maxAppendMessages()) {
                throw new Failure(Kind.TOO_MANY_MESSAGES);
            }
            parts = 0;
            List<Flag> flags = List.of();
            if (peek() == '(') {
                flags = flagList();
                sp();
            }
            ImapDateTime date = null;
            if (peek() == '"') {
                try {
                    date = ImapDateTime.parse(text(quoted()));
                } catch (IllegalArgumentException e) {
                    throw new Failure(Kind.SYNTAX_ERROR);
                }
                sp();
            }
            if (peek() == '{' || literal8Ahead()) {
                LiteralHeader h = streamed(null);
                events.add(new ImapCommand.Append(tag, mailbox, flags, date, h.size(), h.binary()));
                return new AppendStep(events, new AppendProgress(tag, mailbox, AppendProgress.Where.MESSAGES,
                        messages, 0), h);
            }
            String w = word();
            sp();
            expect('(');
            if (w.equals("CATENATE")) {
                events.add(new ImapCommand.Catenate(tag, mailbox, flags, date));
                where = AppendProgress.Where.FIRST_PART;
            } else if (w.equals("UTF8")) {
                LiteralHeader h = streamed(Boolean.TRUE);
                events.add(new ImapCommand.Append(tag, mailbox, flags, date, h.size(), true, true));
                return new AppendStep(events, new AppendProgress(tag, mailbox, AppendProgress.Where.UTF8_CLOSE,
                        messages, 0), h);
            } else {
                throw new Failure(Kind.SYNTAX_ERROR);
            }
        }
    }

    /**
     * The streamed literal's header, which must start here and end the last line: a streamed
     * literal is only ever the last thing the parser sees. {@code literal8}: null for either
     * kind, TRUE for a literal8 only (UTF8), FALSE for a literal only (TEXT).
     */
    private LiteralHeader streamed(Boolean literal8) {
        byte[] line = lines.get(li);
        LiteralHeader h = LiteralHeader.at(line, line.length);
        if (!prefix || li != lines.size() - 1 || h == null || h.start() != pos || h.malformed()) {
            throw new Failure(Kind.SYNTAX_ERROR);
        }
        if (literal8 != null && h.binary() != literal8) {
            throw new Failure(h.binary() ? Kind.LITERAL8_NOT_ALLOWED : Kind.SYNTAX_ERROR);
        }
        return h;
    }

    /** {@code CREATE mailbox [SP "(" "USE" SP "(" [use-attr *(SP use-attr)] ")" ")"]} (RFC 6154 §3, RFC 4466). */
    private ImapCommand create(Tag tag) {
        MailboxName m = spMailbox();
        if (peek() != ' ') {
            return new ImapCommand.Create(tag, m);
        }
        sp();
        open();
        if (!word().equals("USE")) {
            throw new Failure(Kind.SYNTAX_ERROR);
        }
        sp();
        List<String> uses = new ArrayList<>();
        for (Flag f : flagList()) {
            if (!f.system()) {
                throw new Failure(Kind.SYNTAX_ERROR);
            }
            uses.add(f.name());
        }
        close();
        return new ImapCommand.Create(tag, m, uses);
    }

    /**
     * LIST, basic or extended (RFC 5258 §6, RFC 5819, RFC 6154):
     * {@code LIST [SP "(" [opt *(SP opt)] ")"] SP mailbox SP (list-mailbox / "(" list-mailbox *(SP list-mailbox) ")")
     * [SP "RETURN" SP "(" [ret *(SP ret)] ")"]}. Unknown options are refused (RFC 5258 §3).
     */
    private ImapCommand list(Tag tag) {
        sp();
        List<ListSelectOption> select = new ArrayList<>();
        if (peek() == '(') {
            open();
            while (peek() != ')') {
                ListSelectOption o = ListSelectOption.fromWire(atom());
                if (o == null) {
                    throw new Failure(Kind.SYNTAX_ERROR);
                }
                select.add(o);
                listLength(select.size());
                if (peek() != ' ') {
                    break;
                }
                sp();
            }
            close();
            sp();
        }
        String ref = mailboxText(false);
        sp();
        List<String> patterns = new ArrayList<>();
        if (peek() == '(') {
            open();
            do {
                patterns.add(mailboxText(true));
                listLength(patterns.size());
            } while (more());
            close();
        } else {
            patterns.add(mailboxText(true));
        }
        List<ListReturnOption> returns = new ArrayList<>();
        if (peek() == ' ') {
            sp();
            if (!word().equals("RETURN")) {
                throw new Failure(Kind.SYNTAX_ERROR);
            }
            sp();
            open();
            while (peek() != ')') {
                String w = atom();
                ListReturnOption o = ListReturnOption.Simple.fromWire(w);
                if (o == null && w.equalsIgnoreCase("STATUS")) {
                    sp();
                    o = new ListReturnOption.Status(statusItems());
                }
                if (o == null) {
                    throw new Failure(Kind.SYNTAX_ERROR);
                }
                returns.add(o);
                listLength(returns.size());
                if (peek() != ' ') {
                    break;
                }
                sp();
            }
            close();
        }
        return new ImapCommand.ListMailboxes(tag, select, ref, patterns, returns);
    }

    /**
     * {@code ID SP ("(" [string SP nstring *(SP string SP nstring)] ")" / nil)} (RFC 2971 §4).
     * The RFC 2971 §3.3 limits are checked as each string is read, a literal's by its header,
     * so an oversized literal is refused before {@code +}.
     */
    private ImapCommand id(Tag tag) {
        sp();
        Map<String, String> params = new LinkedHashMap<>();
        if (peek() != '(') {
            if (!word().equals("NIL")) {
                throw new Failure(Kind.SYNTAX_ERROR);
            }
            return new ImapCommand.Id(tag, params);
        }
        open();
        while (peek() != ')') {
            if (params.size() == ImapCommand.Id.MAX_PAIRS) {
                throw new Failure(Kind.ID_TOO_LONG);
            }
            String field = idString(ImapCommand.Id.MAX_FIELD_OCTETS);
            sp();
            String value = null;
            if (peek() == 'N' || peek() == 'n') {
                if (!word().equals("NIL")) {
                    throw new Failure(Kind.SYNTAX_ERROR);
                }
            } else {
                value = idString(ImapCommand.Id.MAX_VALUE_OCTETS);
            }
            for (String k : params.keySet()) {
                if (k.equalsIgnoreCase(field)) {
                    throw new Failure(Kind.SYNTAX_ERROR);
                }
            }
            params.put(field, value);
            if (peek() != ' ') {
                break;
            }
            sp();
        }
        close();
        return new ImapCommand.Id(tag, params);
    }

    /** An RFC 3501 {@code string} (quoted or literal, not an atom) of at most {@code max} octets. */
    private String idString(int max) {
        int c = peek();
        if (c == '{') {
            byte[] line = lines.get(li);
            LiteralHeader h = LiteralHeader.at(line, line.length);
            if (h != null && h.start() == pos && !h.malformed() && h.size() > max) {
                throw new Failure(Kind.ID_TOO_LONG);
            }
        } else if (c != '"') {
            throw new Failure(Kind.SYNTAX_ERROR);
        }
        byte[] raw = astring();
        if (raw.length > max) {
            throw new Failure(Kind.ID_TOO_LONG);
        }
        return text(raw);
    }

    private ImapCommand fetch(Tag tag, boolean uid) {
        SequenceSet set = spSet();
        sp();
        List<FetchAttribute> items = new ArrayList<>();
        if (peek() == '(') {
            open();
            do {
                items.add(fetchAtt(false));
                listLength(items.size());
            } while (more());
            close();
        } else {
            items.add(fetchAtt(true));
        }
        long changedSince = -1;
        boolean vanished = false;
        if (peek() == ' ') {
            sp();
            open();
            int n = 0;
            do {
                String m = word();
                if (m.equals("CHANGEDSINCE") && changedSince < 0) {
                    sp();
                    changedSince = modSeq();
                } else if (m.equals("VANISHED") && !vanished) {
                    vanished = true;
                } else {
                    throw new Failure(Kind.SYNTAX_ERROR);
                }
                listLength(++n);
            } while (more());
            close();
        }
        return new ImapCommand.Fetch(tag, uid, set, items, changedSince, vanished);
    }

    private FetchAttribute fetchAtt(boolean macros) {
        int start = pos;
        byte[] line = lines.get(li);
        while (pos < line.length && line[pos] != ' ' && line[pos] != ')' && line[pos] != '[' && line[pos] != '<'
                && line[pos] != '(') {
            pos++;
        }
        String w = new String(line, start, pos - start, StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT);
        switch (w) {
            case "BODY", "BODY.PEEK" -> {
                if (peek() != '[') {
                    if (w.equals("BODY.PEEK")) {
                        throw new Failure(Kind.SYNTAX_ERROR);
                    }
                    return FetchAttribute.Simple.BODY;
                }
                pos++;
                Section s = section();
                return new FetchAttribute.BodySection(s, w.equals("BODY.PEEK"), partial());
            }
            case "BINARY", "BINARY.PEEK" -> {
                expect('[');
                List<Long> part = partNumbers();
                expect(']');
                return new FetchAttribute.Binary(part, w.equals("BINARY.PEEK"), partial());
            }
            case "BINARY.SIZE" -> {
                expect('[');
                List<Long> part = partNumbers();
                expect(']');
                return new FetchAttribute.BinarySize(part);
            }
            case "ALL", "FAST", "FULL" -> {
                if (!macros) {
                    throw new Failure(Kind.SYNTAX_ERROR);
                }
                return FetchAttribute.Macro.valueOf(w);
            }
            default -> {
                for (FetchAttribute.Simple s : FetchAttribute.Simple.values()) {
                    if (s.wire().equals(w)) {
                        return s;
                    }
                }
                throw new Failure(Kind.SYNTAX_ERROR);
            }
        }
    }

    private Section section() {
        List<Long> part = new ArrayList<>();
        byte[] line = lines.get(li);
        while (pos < line.length && line[pos] >= '1' && line[pos] <= '9') {
            part.add(number(true));
            if (peek() != '.') {
                break;
            }
            pos++;
        }
        if (peek() == ']') {
            if (!part.isEmpty() && line[pos - 1] == '.') {
                throw new Failure(Kind.SYNTAX_ERROR);
            }
            pos++;
            return new Section(part, Section.Text.NONE, List.of());
        }
        if (!part.isEmpty() && line[pos - 1] != '.') {
            throw new Failure(Kind.SYNTAX_ERROR);
        }
        int start = pos;
        while (pos < line.length && line[pos] != ']' && line[pos] != ' ') {
            pos++;
        }
        String w = new String(line, start, pos - start, StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT);
        Section.Text text = null;
        for (Section.Text t : Section.Text.values()) {
            if (t != Section.Text.NONE && t.wire().equals(w)) {
                text = t;
            }
        }
        if (text == null || (text == Section.Text.MIME && part.isEmpty())) {
            throw new Failure(Kind.SYNTAX_ERROR);
        }
        List<String> fields = List.of();
        if (text == Section.Text.HEADER_FIELDS || text == Section.Text.HEADER_FIELDS_NOT) {
            sp();
            open();
            fields = new ArrayList<>();
            do {
                String f = text(astring());
                if (f.isEmpty()) {
                    throw new Failure(Kind.SYNTAX_ERROR);
                }
                fields.add(f);
                listLength(fields.size());
            } while (more());
            close();
        }
        expect(']');
        try {
            return new Section(part, text, fields);
        } catch (IllegalArgumentException e) {
            throw new Failure(Kind.SYNTAX_ERROR);
        }
    }

    private List<Long> partNumbers() {
        List<Long> part = new ArrayList<>();
        if (peek() == ']') {
            return part;
        }
        while (true) {
            part.add(number(true));
            if (peek() != '.') {
                return part;
            }
            pos++;
        }
    }

    private Partial partial() {
        if (peek() != '<') {
            return null;
        }
        pos++;
        long origin = number(false);
        expect('.');
        long length = number(true);
        expect('>');
        return new Partial(origin, length);
    }

    private ImapCommand store(Tag tag, boolean uid) {
        SequenceSet set = spSet();
        sp();
        long unchangedSince = -1;
        if (peek() == '(') {
            open();
            if (!word().equals("UNCHANGEDSINCE")) {
                throw new Failure(Kind.SYNTAX_ERROR);
            }
            sp();
            unchangedSince = modSeq();
            close();
            sp();
        }
        String w = word();
        boolean silent = w.endsWith(".SILENT");
        if (silent) {
            w = w.substring(0, w.length() - ".SILENT".length());
        }
        ImapCommand.StoreMode mode = null;
        for (ImapCommand.StoreMode m : ImapCommand.StoreMode.values()) {
            if (m.wire().equals(w)) {
                mode = m;
            }
        }
        if (mode == null) {
            throw new Failure(Kind.SYNTAX_ERROR);
        }
        sp();
        List<Flag> flags;
        if (peek() == '(') {
            flags = flagList();
        } else {
            flags = new ArrayList<>();
            do {
                flags.add(flag());
                listLength(flags.size());
            } while (more());
        }
        return new ImapCommand.Store(tag, uid, set, unchangedSince, mode, silent, flags);
    }

    private ImapCommand search(Tag tag, boolean uid) {
        sp();
        List<SearchReturn> returns = null;
        int mark = pos;
        if (Syntax.atomChar(peek()) && word().equals("RETURN")) {
            sp();
            returns = searchReturns();
            sp();
        } else {
            pos = mark;
        }
        String charset = null;
        mark = pos;
        if (Syntax.atomChar(peek()) && word().equals("CHARSET")) {
            sp();
            charset = text(astring());
            sp();
        } else {
            pos = mark;
        }
        List<SearchKey> keys = searchKeys();
        try {
            return new ImapCommand.Search(tag, uid, returns, charset, keys);
        } catch (IllegalArgumentException e) {
            throw new Failure(Kind.SYNTAX_ERROR);
        }
    }

    /** {@code "(" [search-return-opt *(SP search-return-opt)] ")"} (RFC 4731 §3.1); each at most once. */
    private List<SearchReturn> searchReturns() {
        open();
        List<SearchReturn> returns = new ArrayList<>();
        while (peek() != ')') {
            try {
                SearchReturn r = SearchReturn.valueOf(word());
                if (returns.contains(r)) {
                    throw new Failure(Kind.SYNTAX_ERROR);
                }
                returns.add(r);
            } catch (IllegalArgumentException e) {
                throw new Failure(Kind.SYNTAX_ERROR);
            }
            listLength(returns.size());
            if (peek() != ' ') {
                break;
            }
            sp();
        }
        close();
        return returns;
    }

    /**
     * {@code SORT [SP "RETURN" SP "(" ... ")"] SP "(" sort-criterion *(SP sort-criterion) ")" SP charset
     * 1*(SP search-key)} (RFC 5256 §5, RFC 5267 §3.2 ESORT, RFC 5957 DISPLAYFROM/DISPLAYTO).
     */
    private ImapCommand sort(Tag tag, boolean uid) {
        sp();
        List<SearchReturn> returns = null;
        if (peek() != '(') {
            if (!word().equals("RETURN")) {
                throw new Failure(Kind.SYNTAX_ERROR);
            }
            sp();
            returns = searchReturns();
            sp();
        }
        open();
        List<SortCriterion> criteria = new ArrayList<>();
        do {
            String w = word();
            boolean reverse = w.equals("REVERSE");
            if (reverse) {
                sp();
                w = word();
            }
            try {
                criteria.add(new SortCriterion(SortKey.valueOf(w), reverse));
            } catch (IllegalArgumentException e) {
                throw new Failure(Kind.SYNTAX_ERROR);
            }
            listLength(criteria.size());
        } while (more());
        close();
        sp();
        String charset = charset();
        sp();
        return new ImapCommand.Sort(tag, uid, criteria, returns, charset, searchKeys());
    }

    /** {@code THREAD SP thread-alg SP charset 1*(SP search-key)} (RFC 5256 §5). */
    private ImapCommand thread(Tag tag, boolean uid) {
        sp();
        String algorithm = atom();
        sp();
        String charset = charset();
        sp();
        return new ImapCommand.ThreadMessages(tag, uid, algorithm, charset, searchKeys());
    }

    /** RFC 5256 {@code charset = atom / quoted}. */
    private String charset() {
        return peek() == '"' ? text(quoted()) : atom();
    }

    /**
     * One or more search keys separated by SP, as a tree built without recursion (SECURITY.md
     * row 8): an explicit stack holds the open parentheses, NOTs and ORs, so a nesting bomb costs
     * heap bounded by {@code maxNestingDepth}, never Java stack. NOT, OR and "(" each count
     * against the depth limit before anything under them is read.
     */
    private List<SearchKey> searchKeys() {
        java.util.ArrayDeque<Object> stack = new java.util.ArrayDeque<>();
        List<SearchKey> top = new ArrayList<>();
        stack.push(new KeyList(top, false));
        while (true) {
            SearchKey done = searchKeyStart(stack);
            if (done == null) {
                continue;
            }
            while (true) {
                Object frame = stack.peek();
                if (frame instanceof NotFrame) {
                    stack.pop();
                    depth--;
                    done = new SearchKey.Not(done);
                } else if (frame instanceof OrFrame or) {
                    if (or.left == null) {
                        or.left = done;
                        sp();
                        break;
                    }
                    stack.pop();
                    depth--;
                    done = new SearchKey.Or(or.left, done);
                } else {
                    KeyList list = (KeyList) frame;
                    list.keys.add(done);
                    listLength(list.keys.size());
                    if (peek() == ' ') {
                        sp();
                        break;
                    }
                    if (!list.parenthesised) {
                        return top;
                    }
                    close();
                    stack.pop();
                    done = new SearchKey.And(list.keys);
                }
            }
        }
    }

    private record KeyList(List<SearchKey> keys, boolean parenthesised) {
    }

    private static final class NotFrame {
    }

    private static final class OrFrame {
        SearchKey left;
    }

    /**
     * Reads the start of a key: a complete key without sub-keys, or null after pushing the frame
     * of a "(", NOT or OR whose sub-keys follow.
     */
    private SearchKey searchKeyStart(java.util.ArrayDeque<Object> stack) {
        int c = peek();
        if (c == '(') {
            open();
            stack.push(new KeyList(new ArrayList<>(), true));
            return null;
        }
        if ((c >= '0' && c <= '9') || c == '*' || c == '$') {
            return new SearchKey.Sequence(set());
        }
        String w = word();
        if (w.equals("NOT") || w.equals("OR")) {
            deeper();
            sp();
            stack.push(w.equals("NOT") ? new NotFrame() : new OrFrame());
            return null;
        }
        for (SearchKey.Simple k : SearchKey.Simple.values()) {
            if (k.name().equals(w)) {
                return k;
            }
        }
        for (SearchKey.TextField f : SearchKey.TextField.values()) {
            if (f.name().equals(w)) {
                sp();
                return new SearchKey.Text(f, text(astring()));
            }
        }
        for (SearchKey.DateField f : SearchKey.DateField.values()) {
            if (f.name().equals(w)) {
                sp();
                String d = peek() == '"' ? text(quoted()) : atom();
                try {
                    return new SearchKey.Date(f, ImapDateTime.parseDate(d));
                } catch (IllegalArgumentException e) {
                    throw new Failure(Kind.SYNTAX_ERROR);
                }
            }
        }
        switch (w) {
            case "KEYWORD", "UNKEYWORD" -> {
                sp();
                return new SearchKey.Keyword(Flag.of(atom()), w.equals("UNKEYWORD"));
            }
            case "LARGER", "SMALLER" -> {
                sp();
                return new SearchKey.Size(w.equals("LARGER"), number(false));
            }
            case "UID" -> {
                return new SearchKey.Uid(spSet());
            }
            case "MODSEQ" -> {
                sp();
                return new SearchKey.ModSeq(modSeq());
            }
            case "HEADER" -> {
                sp();
                String field = text(astring());
                sp();
                return new SearchKey.Header(field, text(astring()));
            }
            default -> throw new Failure(Kind.SYNTAX_ERROR);
        }
    }

    private void deeper() {
        if (++depth > config.maxNestingDepth()) {
            throw new Failure(Kind.TOO_DEEP);
        }
    }

    // ------------------------------------------------------------ primitives

    private List<Flag> flagList() {
        open();
        List<Flag> flags = new ArrayList<>();
        if (peek() != ')') {
            do {
                flags.add(flag());
                listLength(flags.size());
            } while (more());
        }
        close();
        return flags;
    }

    private Flag flag() {
        boolean system = peek() == '\\';
        if (system) {
            pos++;
        }
        String a = atom();
        return new Flag(system ? "\\" + a : a);
    }

    private void open() {
        expect('(');
        if (++depth > config.maxNestingDepth()) {
            throw new Failure(Kind.TOO_DEEP);
        }
    }

    private void close() {
        expect(')');
        depth--;
    }

    private void listLength(int n) {
        if (n > config.maxListLength()) {
            throw new Failure(Kind.LIST_TOO_LONG);
        }
    }

    private SequenceSet spSet() {
        sp();
        return set();
    }

    private SequenceSet set() {
        int start = pos;
        byte[] line = lines.get(li);
        while (pos < line.length && line[pos] != ' ' && line[pos] != ')') {
            pos++;
        }
        try {
            return SequenceSet.parse(new String(line, start, pos - start, StandardCharsets.ISO_8859_1));
        } catch (IllegalArgumentException e) {
            throw new Failure(Kind.SYNTAX_ERROR);
        }
    }

    private MailboxName spMailbox() {
        sp();
        try {
            return MailboxName.fromWire(text(astring()));
        } catch (IllegalArgumentException e) {
            throw new Failure(Kind.BAD_MAILBOX_NAME);
        }
    }

    /** LIST's reference (a mailbox) or pattern (list-mailbox: wildcards allowed in its atom form). */
    private String spMailboxText(boolean pattern) {
        sp();
        return mailboxText(pattern);
    }

    private String mailboxText(boolean pattern) {
        byte[] raw;
        int c = peek();
        if (c == '"' || c == '{' || literal8Ahead()) {
            raw = astring();
        } else {
            int start = pos;
            byte[] line = lines.get(li);
            while (pos < line.length && (pattern ? Syntax.listChar(line[pos] & 0xff) : Syntax.astringChar(line[pos] & 0xff))) {
                pos++;
            }
            if (pos == start) {
                throw new Failure(Kind.SYNTAX_ERROR);
            }
            raw = java.util.Arrays.copyOfRange(line, start, pos);
        }
        try {
            String t = text(raw);
            String name = MailboxName.fromWire(t).name();
            return t.equalsIgnoreCase("INBOX") ? t : name;
        } catch (IllegalArgumentException e) {
            throw new Failure(Kind.BAD_MAILBOX_NAME);
        }
    }

    /** astring: atom-ish run of ASTRING-CHARs, a quoted string or a literal; raw octets. */
    private byte[] astring() {
        int c = peek();
        if (c == '"') {
            return quoted();
        }
        if (c == '{' || literal8Ahead()) {
            return literal();
        }
        int start = pos;
        byte[] line = lines.get(li);
        while (pos < line.length && Syntax.astringChar(line[pos] & 0xff)) {
            pos++;
        }
        if (pos == start) {
            throw new Failure(c >= 0x80 ? Kind.SYNTAX_ERROR : c == 0 ? Kind.NUL : Kind.SYNTAX_ERROR);
        }
        return java.util.Arrays.copyOfRange(line, start, pos);
    }

    private byte[] quoted() {
        expect('"');
        byte[] line = lines.get(li);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while (true) {
            if (pos >= line.length) {
                throw new Failure(Kind.SYNTAX_ERROR);
            }
            byte b = line[pos++];
            if (b == '"') {
                return out.toByteArray();
            }
            if (b == '\\') {
                if (pos >= line.length || (line[pos] != '"' && line[pos] != '\\')) {
                    throw new Failure(Kind.SYNTAX_ERROR);
                }
                b = line[pos++];
            } else if (b == 0) {
                throw new Failure(Kind.NUL);
            }
            out.write(b);
        }
    }

    private byte[] literal() {
        byte[] line = lines.get(li);
        LiteralHeader h = LiteralHeader.at(line, line.length);
        if (h == null || h.start() != pos || h.malformed()) {
            throw new Failure(Kind.SYNTAX_ERROR);
        }
        if (h.binary()) {
            throw new Failure(Kind.LITERAL8_NOT_ALLOWED);
        }
        if (li >= literals.size()) {
            if (prefix) {
                throw new NotYet();
            }
            throw new Failure(Kind.SYNTAX_ERROR);
        }
        byte[] value = literals.get(li);
        for (byte b : value) {
            if (b == 0) {
                throw new Failure(Kind.NUL);
            }
        }
        li++;
        pos = 0;
        return value;
    }

    private String atom() {
        int start = pos;
        byte[] line = lines.get(li);
        while (pos < line.length && Syntax.atomChar(line[pos] & 0xff)) {
            pos++;
        }
        if (pos == start) {
            throw new Failure(pos < line.length && line[pos] == 0 ? Kind.NUL : Kind.SYNTAX_ERROR);
        }
        return new String(line, start, pos - start, StandardCharsets.US_ASCII);
    }

    /** An atom upper-cased, for keywords. */
    private String word() {
        return atom().toUpperCase(Locale.ROOT);
    }

    private long number(boolean nonZero) {
        int start = pos;
        byte[] line = lines.get(li);
        long v = 0;
        while (pos < line.length && line[pos] >= '0' && line[pos] <= '9') {
            if (pos - start >= 10) {
                throw new Failure(Kind.SYNTAX_ERROR);
            }
            v = v * 10 + (line[pos++] - '0');
        }
        if (pos == start || v > SequenceSet.MAX_NUMBER || (nonZero && v == 0)) {
            throw new Failure(Kind.SYNTAX_ERROR);
        }
        return v;
    }

    /** mod-sequence-valzer: 0..2^63-1. */
    private long modSeq() {
        int start = pos;
        byte[] line = lines.get(li);
        long v = 0;
        while (pos < line.length && line[pos] >= '0' && line[pos] <= '9') {
            if (pos - start >= 19) {
                throw new Failure(Kind.SYNTAX_ERROR);
            }
            v = v * 10 + (line[pos++] - '0');
        }
        if (pos == start || v < 0) {
            throw new Failure(Kind.SYNTAX_ERROR);
        }
        return v;
    }

    private String text(byte[] raw) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw new Failure(Kind.BAD_UTF8);
        }
    }

    private boolean literal8Ahead() {
        byte[] line = lines.get(li);
        return pos + 1 < line.length && line[pos] == '~' && line[pos + 1] == '{';
    }

    private int peek() {
        byte[] line = lines.get(li);
        return pos < line.length ? line[pos] & 0xff : -1;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw new Failure(Kind.SYNTAX_ERROR);
        }
        pos++;
    }

    /**
     * After a list element: whether another follows (a space, consumed here). The lists of the
     * grammar are {@code elem *(SP elem)}, so every element loop reads {@code do { .. } while (more())}.
     */
    private boolean more() {
        if (peek() != ' ') {
            return false;
        }
        sp();
        return true;
    }

    private void sp() {
        expect(' ');
    }

    private void end() {
        if (li != lines.size() - 1 || pos != lines.get(li).length) {
            throw new Failure(Kind.SYNTAX_ERROR);
        }
    }
}
