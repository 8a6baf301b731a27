package org.mailwire.imap.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.mailwire.imap.Address;
import org.mailwire.imap.BodyPart;
import org.mailwire.imap.FetchItem;
import org.mailwire.imap.Flag;
import org.mailwire.imap.ImapDateTime;
import org.mailwire.imap.ImapResponse;
import org.mailwire.imap.ImapResponse.Status;
import org.mailwire.imap.ListExtendedItem;
import org.mailwire.imap.MailboxName;
import org.mailwire.imap.NamespaceDescriptor;
import org.mailwire.imap.ResponseCode;
import org.mailwire.imap.Section;
import org.mailwire.imap.SequenceSet;
import org.mailwire.imap.StatusItem;
import org.mailwire.imap.Syntax;
import org.mailwire.imap.TaggedExtValue;
import org.mailwire.imap.Tag;
import org.mailwire.imap.ThreadNode;
import org.mailwire.imap.codec.ImapResponseViolation.Kind;

/**
 * Parses one server response from its lines (CRLF removed) and the literals that end all lines
 * but the last (RFC 3501 §7, §9; RFC 9051; RFC 2342; RFC 2971; RFC 4731; RFC 5256; RFC 5258;
 * RFC 7162; RFC 8474; RFC 8514; RFC 8970). A literal is a {@code byte[]}, or
 * a {@code Long} size for a FETCH body literal the decoder streamed. Recursive descent over a
 * grammar of fixed depth; parenthesised lists are counted against the configuration. The
 * recursive parts of the grammar recurse with a bound: body parts of a BODY/BODYSTRUCTURE by
 * {@code maxBodyNesting} (checked before descending), extension-data lists by
 * {@code maxNestingDepth}. THREAD lists are parsed without recursion, with an explicit stack
 * bounded by {@code maxThreadNesting}.
 *
 * <p>In prefix mode the lines are a response whose last literal has not arrived: the parse stops
 * there and says whether that literal is a FETCH body value (to stream) or not (to collect).
 *
 * <p>One parser serves a connection's responses, asked again at each literal of a response. Re-parsing the whole response
 * at every literal would cost literals × response size (SECURITY.md row 4: a hostile server picks
 * both), so a FETCH parse that stops in prefix mode keeps the items it finished and where the
 * unfinished one began ({@link Resume}); the next call starts there. FETCH items are independent
 * of each other (each starts at list depth 1 with its own body-part count), so resuming gives the
 * same items, events and failures as a parse from the start. An item holding several literals (a
 * BODYSTRUCTURE with an 8-bit file name in every part) is read again from its own start, stepping
 * over the body parts and addresses it finished ({@link FinishedParts}); no literal string is
 * decoded twice. Other responses (LIST, STATUS, ID, NAMESPACE, ...) are parsed from their start
 * at each literal, as they carry few literals; each such parse reads at most {@code maxResponse}
 * octets and there are at most {@code maxLiteralsPerResponse} of them.
 */
final class ResponseParser {

    /** Stack-less failure. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Kind kind;

        Failure(Kind kind) {
            super(null, null, false, false);
            this.kind = kind;
        }
    }

    /** Thrown in prefix mode on reaching the literal not yet arrived; body is null unless a body value. */
    private static final class NotYet extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient BodyBegin body;

        NotYet(BodyBegin body) {
            super(null, null, false, false);
            this.body = body;
        }
    }

    /** The start of a body item's content; {@code rfc822} names an RFC822[.HEADER|.TEXT] item, else null. */
    record BodyBegin(long seq, boolean binary, Section section, OptionalLong origin, long size,
            FetchItem.Rfc822.Part rfc822) {
    }

    /** The end of a body item's content. */
    static final Object BODY_END = new Object() {
        @Override
        public String toString() {
            return "BODY_END";
        }
    };

    /** A complete response and the body events (of quoted body values) that go before it. */
    record Parsed(ImapResponse response, List<Object> before) {
    }

    private static final byte[] NO_OCTETS = {};
    private static final String[] NO_TEXTS = {};

    /** Prefix mode: the pending literal is an ordinary string. */
    static final Object COLLECT = new Object();

    /**
     * Where a FETCH parse stopped in prefix mode: the items finished (the list the next call goes
     * on filling), the body events they produced, and the start of the item that waits.
     */
    private record Resume(long seq, List<FetchItem> items, int before, int li, int pos) {
    }

    private final ResponseText response;
    private final List<Object> literals;
    private final ImapResponseDecoderConfig config;
    private final List<Object> before = new ArrayList<>();
    private final Utf8Text utf8 = new Utf8Text();
    /** Where a quoted string with escapes is unescaped before decoding; grows to the longest. */
    private byte[] scratch = NO_OCTETS;
    /** The unescaped length of the quoted string {@link #quotedEnd()} last read. */
    private int quotedLength;
    private boolean prefix;
    private Resume resume;
    /**
     * Made at the first resumed parse: from then on the body parts and addresses parses finish are
     * kept, so an item read again steps over them. Kept for the response's life rather than per
     * item: the FETCH benchmark (benchmarks/RESULTS.md) allocates less so, since an item finished
     * after a resumed one may itself be read again at a later literal.
     */
    private FinishedParts finished;
    /** The text of each literal string, decoded (and checked for NUL) once, by literal index. */
    private String[] literalTexts = NO_TEXTS;
    /**
     * FETCH items, body parts and addresses read (not stepped over) by this parser, over all
     * responses: what the linearity tests count.
     */
    private int structuresParsed;
    private int li;
    private int pos;
    private int depth;
    private int bodyParts;

    /**
     * A parser for the responses in {@code response} and {@code literals}, which the caller
     * appends to, and clears (with {@link #forget()}) between responses.
     */
    ResponseParser(ResponseText response, List<Object> literals, ImapResponseDecoderConfig config) {
        this.response = response;
        this.literals = literals;
        this.config = config;
    }

    /** The complete response: a {@link Parsed} or a {@link Kind}. */
    Object parse() {
        return run(false);
    }

    /**
     * The lines end in a literal header not yet followed by its octets: a {@link BodyBegin}
     * (stream it), {@link #COLLECT}, a {@link Kind}, or a {@link Parsed} when the header was only
     * text.
     */
    Object prefix() {
        return run(true);
    }

    /** Over the parser's life, all responses. */
    int structuresParsed() {
        return structuresParsed;
    }

    /** Ready for the next response: what this one left is dropped, the buffers kept. */
    void forget() {
        resume = null;
        finished = null;
        Arrays.fill(literalTexts, null);
    }

    private Object run(boolean prefixMode) {
        prefix = prefixMode;
        li = 0;
        pos = 0;
        depth = 0;
        bodyParts = 0;
        try {
            ImapResponse r;
            if (resume == null) {
                before.clear();
                r = response();
            } else {
                Resume at = resume;
                resume = null;
                if (finished == null) {
                    finished = new FinishedParts();
                }
                before.subList(at.before(), before.size()).clear();
                li = at.li();
                pos = at.pos();
                depth = 1; // inside the FETCH item list, as fetch() left it
                r = fetchItems(at.seq(), at.items());
            }
            end();
            return new Parsed(r, before);
        } catch (NotYet n) {
            return n.body == null ? COLLECT : n.body;
        } catch (Failure f) {
            return f.kind;
        } catch (IllegalArgumentException | IllegalStateException e) {
            return Kind.SYNTAX_ERROR;
        }
    }

    // ------------------------------------------------------------ responses

    private ImapResponse response() {
        int c = peek();
        if (c == '+') {
            pos++;
            if (peek() == -1) {
                return new ImapResponse.Continuation("");
            }
            sp();
            return new ImapResponse.Continuation(restOfLine());
        }
        if (c == '*') {
            pos++;
            sp();
            return untagged();
        }
        Tag tag;
        try {
            tag = Tag.of(atomLike(Syntax::tagChar));
        } catch (IllegalArgumentException e) {
            throw new Failure(Kind.SYNTAX_ERROR);
        }
        sp();
        Status s = status(word());
        if (s != Status.OK && s != Status.NO && s != Status.BAD) {
            throw new Failure(Kind.SYNTAX_ERROR);
        }
        Optional<ResponseCode> code = respTextCode();
        return new ImapResponse.Tagged(tag, s, code, restOfLine());
    }

    private static Status status(String w) {
        for (Status s : Status.values()) {
            if (s.name().equals(w)) {
                return s;
            }
        }
        return null;
    }

    private ImapResponse untagged() {
        int c = peek();
        if (c >= '0' && c <= '9') {
            long n = number0();
            sp();
            String w = word();
            switch (w) {
                case "EXISTS":
                    return new ImapResponse.Exists(n);
                case "RECENT":
                    return new ImapResponse.Recent(n);
                case "EXPUNGE":
                    return new ImapResponse.Expunge(n);
                case "FETCH":
                    sp();
                    return fetch(n);
                default:
                    throw new Failure(Kind.SYNTAX_ERROR);
            }
        }
        String w = word();
        Status s = status(w);
        if (s != null) {
            return new ImapResponse.UntaggedStatus(s, respTextCode(), restOfLine());
        }
        switch (w) {
            case "CAPABILITY": {
                List<String> caps = new ArrayList<>();
                while (peek() == ' ') {
                    pos++;
                    caps.add(atom());
                    listLength(caps.size());
                }
                return new ImapResponse.Capability(caps);
            }
            case "ENABLED": {
                List<String> caps = new ArrayList<>();
                while (peek() == ' ') {
                    pos++;
                    caps.add(atom());
                    listLength(caps.size());
                }
                return new ImapResponse.Enabled(caps);
            }
            case "FLAGS":
                sp();
                return new ImapResponse.Flags(flagList(false).stream().map(Flag::new).toList());
            case "LIST":
            case "LSUB":
                sp();
                return list(w.equals("LSUB"));
            case "STATUS":
                sp();
                return status();
            case "SEARCH": {
                NumberList n = numbersAndModSeq();
                return new ImapResponse.Search(n.numbers(), n.modSeq());
            }
            case "SORT": {
                NumberList n = numbersAndModSeq();
                return new ImapResponse.Sort(n.numbers(), n.modSeq());
            }
            case "THREAD":
                return threads();
            case "NAMESPACE": {
                sp();
                List<NamespaceDescriptor> personal = namespaces();
                sp();
                List<NamespaceDescriptor> others = namespaces();
                sp();
                return new ImapResponse.Namespace(personal, others, namespaces());
            }
            case "ID":
                sp();
                return id();
            case "ESEARCH":
                return esearch();
            case "VANISHED": {
                sp();
                boolean earlier = false;
                if (peek() == '(') {
                    open();
                    keyword("EARLIER");
                    close();
                    sp();
                    earlier = true;
                }
                return new ImapResponse.Vanished(earlier, set());
            }
            default:
                throw new Failure(Kind.SYNTAX_ERROR);
        }
    }

    /** {@code [SP "[" code "]"]} then the SP before text, if any. */
    private Optional<ResponseCode> respTextCode() {
        if (peek() == -1) {
            return Optional.empty();
        }
        sp();
        if (peek() != '[') {
            return Optional.empty();
        }
        pos++;
        ResponseCode code = code();
        expect(']');
        if (peek() == ' ') {
            pos++;
        }
        return Optional.of(code);
    }

    private ResponseCode code() {
        String a = atomLike(ch -> Syntax.atomChar(ch)).toUpperCase(Locale.ROOT);
        ResponseCode.Simple simple = ResponseCode.Simple.of(a);
        if (simple != null) {
            // with text after it, it is the generic form: kept, not refused
            return peek() == ' ' ? otherCode(a) : simple;
        }
        switch (a) {
            case "UIDNEXT":
                sp();
                return new ResponseCode.UidNext(number());
            case "UIDVALIDITY":
                sp();
                return new ResponseCode.UidValidity(number());
            case "UNSEEN":
                sp();
                return new ResponseCode.Unseen(number());
            case "PERMANENTFLAGS":
                sp();
                return new ResponseCode.PermanentFlags(flagList(true));
            case "CAPABILITY": {
                List<String> caps = new ArrayList<>();
                do {
                    sp();
                    caps.add(atom());
                    listLength(caps.size());
                } while (peek() == ' ');
                return new ResponseCode.Capability(caps);
            }
            case "APPENDUID": {
                sp();
                long v = number();
                sp();
                return new ResponseCode.AppendUid(v, set());
            }
            case "COPYUID": {
                sp();
                long v = number();
                sp();
                SequenceSet from = set();
                sp();
                return new ResponseCode.CopyUid(v, from, set());
            }
            case "HIGHESTMODSEQ":
                sp();
                return new ResponseCode.HighestModSeq(number64());
            case "MODIFIED":
                sp();
                return new ResponseCode.Modified(set());
            case "BADCHARSET": {
                List<String> charsets = new ArrayList<>();
                if (peek() == ' ') {
                    sp();
                    open();
                    do {
                        charsets.add(peek() == '"' ? quotedText() : atom());
                        listLength(charsets.size());
                    } while (more());
                    close();
                }
                return new ResponseCode.BadCharset(charsets);
            }
            case "MAILBOXID":
                sp();
                return new ResponseCode.MailboxId(objectIdInParens());
            default:
                return otherCode(a);
        }
    }

    /** {@code atom [SP 1*<any TEXT-CHAR except "]">]}. */
    private ResponseCode otherCode(String a) {
        Optional<String> text = Optional.empty();
        if (peek() == ' ') {
            pos++;
            byte[] line = response.octets();
            int lineEnd = response.end(li);
            int start = pos;
            while (pos < lineEnd && line[pos] != ']') {
                pos++;
            }
            if (pos == start) {
                throw new Failure(Kind.SYNTAX_ERROR);
            }
            text = Optional.of(utf8(line, start, pos - start));
        }
        return new ResponseCode.Other(a, text);
    }

    /** RFC 8474 {@code "(" objectid ")"}. */
    private String objectIdInParens() {
        open();
        int start = pos;
        byte[] line = response.octets();
        int lineEnd = response.end(li);
        while (pos < lineEnd && objectIdChar(line[pos])) {
            pos++;
        }
        String id = new String(line, start, pos - start, StandardCharsets.US_ASCII);
        close();
        return id; // the model checks 1..255
    }

    private static boolean objectIdChar(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_' || b == '-';
    }

    private ImapResponse list(boolean lsub) {
        List<String> attrs = flagList(false);
        sp();
        Optional<Character> delimiter = delimiter();
        sp();
        MailboxName mailbox = mailbox();
        List<ListExtendedItem> extended = new ArrayList<>();
        if (peek() == ' ') {
            sp();
            open();
            if (peek() != ')') {
                do {
                    extended.add(listExtendedItem());
                    listLength(extended.size());
                } while (more());
            }
            close();
        }
        return new ImapResponse.ListEntry(lsub, attrs, delimiter, mailbox, extended);
    }

    /** {@code DQUOTE QUOTED-CHAR DQUOTE / nil}, a 7-bit character. */
    private Optional<Character> delimiter() {
        if (peek() == '"') {
            byte[] q = quoted();
            if (q.length != 1 || q[0] < 0) {
                throw new Failure(Kind.SYNTAX_ERROR);
            }
            return Optional.of((char) q[0]);
        }
        nil();
        return Optional.empty();
    }

    /** {@code mbox-list-extended-item-tag SP tagged-ext-val} (RFC 5258 §3.4, RFC 9051 §9). */
    private ListExtendedItem listExtendedItem() {
        String tag = text(true);
        sp();
        switch (tag.toUpperCase(Locale.ROOT)) {
            case "CHILDINFO": {
                open();
                List<String> options = new ArrayList<>();
                do {
                    options.add(text(true));
                    listLength(options.size());
                } while (more());
                close();
                return new ListExtendedItem.ChildInfo(options);
            }
            case "OLDNAME": {
                open();
                MailboxName old = mailbox();
                close();
                return new ListExtendedItem.OldName(old);
            }
            default:
                return new ListExtendedItem.Other(tag, taggedExtValue());
        }
    }

    /**
     * {@code tagged-ext-val}: a parenthesised {@code tagged-ext-comp}, or a bare
     * {@code tagged-ext-simple} (a sequence set or number) read as text; for robustness any bare
     * run of ASTRING-CHARs and "*", or a string, is read the same way. Nested lists are bounded by
     * {@code maxNestingDepth} through {@link #open()}.
     */
    private TaggedExtValue taggedExtValue() {
        int c = peek();
        if (c == '(') {
            return taggedExtItems();
        }
        if (c == '"' || c == '{') {
            return new TaggedExtValue.Text(text(false));
        }
        int start = pos;
        byte[] line = response.octets();
        int lineEnd = response.end(li);
        while (pos < lineEnd && simpleChar(line[pos] & 0xff)) {
            pos++;
        }
        if (pos == start) {
            throw new Failure(Kind.SYNTAX_ERROR);
        }
        return new TaggedExtValue.Text(new String(line, start, pos - start, StandardCharsets.US_ASCII));
    }

    /** An octet of a bare tagged-ext-simple: ASTRING-CHAR, or "*" of a sequence set. */
    static boolean simpleChar(int c) {
        return Syntax.astringChar(c) || c == '*';
    }

    private TaggedExtValue taggedExtItems() {
        open();
        List<TaggedExtValue> values = new ArrayList<>();
        if (peek() != ')') {
            do {
                values.add(peek() == '(' ? taggedExtItems() : new TaggedExtValue.Text(text(true)));
                listLength(values.size());
            } while (more());
        }
        close();
        return new TaggedExtValue.Items(values);
    }


    private ImapResponse status() {
        MailboxName mailbox = mailbox();
        sp();
        open();
        Map<StatusItem, Long> items = new LinkedHashMap<>();
        Set<StatusItem> nils = EnumSet.noneOf(StatusItem.class);
        if (peek() != ')') {
            while (true) {
                StatusItem item;
                try {
                    item = StatusItem.valueOf(word());
                } catch (IllegalArgumentException e) {
                    throw new Failure(Kind.SYNTAX_ERROR);
                }
                sp();
                if (item == StatusItem.APPENDLIMIT && (peek() == 'N' || peek() == 'n')) {
                    // RFC 7889 §4: "APPENDLIMIT" SP (append-limit / nil); NIL means no limit
                    nil();
                    if (items.containsKey(item) || !nils.add(item)) {
                        throw new Failure(Kind.SYNTAX_ERROR);
                    }
                } else {
                    long v = item == StatusItem.HIGHESTMODSEQ || item == StatusItem.SIZE ? number64() : number0();
                    if (nils.contains(item) || items.put(item, v) != null) {
                        throw new Failure(Kind.SYNTAX_ERROR);
                    }
                }
                listLength(items.size() + nils.size());
                if (peek() != ' ') {
                    break;
                }
                pos++;
            }
        }
        close();
        return new ImapResponse.MailboxStatus(mailbox, items, nils);
    }

    /** The numbers of a SEARCH or SORT response and RFC 7162's MODSEQ after them. */
    private record NumberList(List<Long> numbers, OptionalLong modSeq) {
    }

    /*
     * trailingSpaceOfAnEmptyResult: Dovecot answers an empty THREAD as "* THREAD " (checked with
     * 2.3.19), and some servers do the same for an empty SEARCH or SORT. The grammar has no space
     * there, but the answer is unambiguous (no results), and refusing it would end the connection
     * of a client whose only fault is talking to the most common IMAP server. So one space at the
     * end of an otherwise empty result is taken as the empty result; anything else stays an error.
     */
    private NumberList numbersAndModSeq() {
        List<Long> numbers = new ArrayList<>();
        OptionalLong modSeq = OptionalLong.empty();
        while (peek() == ' ') {
            pos++;
            if (peek() == -1 && numbers.isEmpty()) {
                break; // "* SEARCH " with a trailing space: see trailingSpaceOfAnEmptyResult
            }
            if (peek() == '(') {
                open();
                keyword("MODSEQ");
                sp();
                modSeq = OptionalLong.of(number64());
                close();
                break;
            }
            numbers.add(number());
            listLength(numbers.size());
        }
        return new NumberList(numbers, modSeq);
    }

    /** A {@code thread-list} being read: its chain so far and its finished branches. */
    private static final class OpenThread {
        final List<Long> messages = new ArrayList<>();
        final List<ThreadNode> children = new ArrayList<>();
    }

    /**
     * {@code "THREAD" [SP 1*thread-list]} (RFC 5256 §4). Iterative: the open thread lists are an
     * explicit stack no deeper than {@code maxThreadNesting}, and every message and list counts
     * against {@code maxThreadNodes}, so neither a deep nor a wide answer can exhaust the stack
     * or the heap.
     */
    private ImapResponse threads() {
        List<ThreadNode> threads = new ArrayList<>();
        if (peek() == -1) {
            return new ImapResponse.Threads(threads);
        }
        sp();
        if (peek() == -1) {
            return new ImapResponse.Threads(threads); // see trailingSpaceOfAnEmptyResult
        }
        if (peek() != '(') {
            throw new Failure(Kind.SYNTAX_ERROR);
        }
        int nodes = 0;
        ArrayDeque<OpenThread> open = new ArrayDeque<>();
        while (peek() == '(') {
            while (true) {
                int c = peek();
                if (c == '(') {
                    // at a list's start, after a number and SP, or after a branch: the checks below
                    // refuse it anywhere else
                    pos++;
                    if (open.size() >= config.maxThreadNesting()) {
                        throw new Failure(Kind.THREAD_TOO_DEEP);
                    }
                    nodes = threadNode(nodes);
                    open.push(new OpenThread());
                    continue;
                }
                OpenThread t = open.peek();
                if (c >= '1' && c <= '9' && t.children.isEmpty()) {
                    t.messages.add(number());
                    nodes = threadNode(nodes);
                    if (peek() == ' ') {
                        pos++;
                        int n = peek();
                        if (n != '(' && !(n >= '1' && n <= '9')) {
                            throw new Failure(Kind.SYNTAX_ERROR);
                        }
                    } else if (peek() != ')') {
                        throw new Failure(Kind.SYNTAX_ERROR);
                    }
                    continue;
                }
                if (c != ')') {
                    throw new Failure(Kind.SYNTAX_ERROR);
                }
                pos++;
                open.pop();
                ThreadNode node = new ThreadNode(t.messages, t.children); // refuses one branch, or "()"
                if (open.isEmpty()) {
                    threads.add(node);
                    break;
                }
                open.peek().children.add(node);
            }
        }
        return new ImapResponse.Threads(threads);
    }

    private int threadNode(int nodes) {
        if (nodes >= config.maxThreadNodes()) {
            throw new Failure(Kind.TOO_MANY_THREAD_NODES);
        }
        return nodes + 1;
    }

    /** {@code namespace}: NIL, or "(" 1*namespace-descr ")" (RFC 2342 §5, RFC 9051 §9). */
    private List<NamespaceDescriptor> namespaces() {
        if (peek() != '(') {
            nil();
            return List.of();
        }
        open();
        List<NamespaceDescriptor> out = new ArrayList<>();
        do {
            open();
            String prefix = str();
            sp();
            Optional<Character> delimiter = delimiter();
            Map<String, List<String>> extensions = new LinkedHashMap<>();
            while (peek() == ' ') {
                sp();
                String name = str();
                sp();
                open();
                List<String> values = new ArrayList<>();
                do {
                    values.add(str());
                    listLength(values.size());
                } while (more());
                close();
                if (extensions.put(name, values) != null) {
                    throw new Failure(Kind.SYNTAX_ERROR);
                }
                listLength(extensions.size());
            }
            close();
            out.add(new NamespaceDescriptor(prefix, delimiter, extensions));
            listLength(out.size());
        } while (peek() == '(');
        close();
        return out;
    }

    /**
     * RFC 2971 {@code id_params_list}: NIL, or field-value pairs separated by SP (the RFC's
     * {@code #} reads as a list, its examples and every server separate by SP); "()" is accepted
     * as empty.
     */
    private ImapResponse id() {
        Map<String, String> params = new LinkedHashMap<>();
        if (peek() != '(') {
            nil();
            return new ImapResponse.Id(params);
        }
        open();
        if (peek() != ')') {
            do {
                String field = str();
                sp();
                params.put(field, nstring());
                listLength(params.size());
            } while (more());
        }
        close();
        return new ImapResponse.Id(params);
    }

    private ImapResponse esearch() {
        Optional<Tag> tag = Optional.empty();
        boolean uid = false;
        OptionalLong min = OptionalLong.empty();
        OptionalLong max = OptionalLong.empty();
        OptionalLong count = OptionalLong.empty();
        Optional<SequenceSet> all = Optional.empty();
        OptionalLong modSeq = OptionalLong.empty();
        if (peek() == ' ' && peekAt(1) == '(') {
            pos++;
            open();
            keyword("TAG");
            sp();
            try {
                tag = Optional.of(Tag.of(text(false)));
            } catch (IllegalArgumentException e) {
                throw new Failure(Kind.SYNTAX_ERROR);
            }
            close();
        }
        int n = 0;
        while (peek() == ' ') {
            pos++;
            String w = word();
            if (w.equals("UID") && n == 0 && !uid) {
                uid = true;
                continue;
            }
            n++;
            sp();
            switch (w) {
                case "MIN" -> min = once(min, number());
                case "MAX" -> max = once(max, number());
                case "COUNT" -> count = once(count, number0());
                case "MODSEQ" -> modSeq = once(modSeq, number64());
                case "ALL" -> {
                    if (all.isPresent()) {
                        throw new Failure(Kind.SYNTAX_ERROR);
                    }
                    all = Optional.of(set());
                }
                default -> throw new Failure(Kind.SYNTAX_ERROR);
            }
        }
        return new ImapResponse.Esearch(tag, uid, min, max, count, all, modSeq);
    }

    private static OptionalLong once(OptionalLong old, long v) {
        if (old.isPresent()) {
            throw new Failure(Kind.SYNTAX_ERROR);
        }
        return OptionalLong.of(v);
    }

    // ------------------------------------------------------------ FETCH

    private ImapResponse fetch(long seq) {
        open();
        return fetchItems(seq, new ArrayList<>());
    }

    /** The items from the current one on, after {@code items}; a stop in prefix mode is remembered. */
    private ImapResponse fetchItems(long seq, List<FetchItem> items) {
        while (true) {
            int itemLi = li;
            int itemPos = pos;
            int itemBefore = before.size();
            structuresParsed++;
            FetchItem item;
            try {
                item = fetchItem(seq);
            } catch (NotYet n) {
                resume = new Resume(seq, items, itemBefore, itemLi, itemPos);
                throw n;
            }
            items.add(item);
            listLength(items.size());
            if (peek() != ' ') {
                break;
            }
            pos++;
        }
        close();
        return new ImapResponse.Fetch(seq, items);
    }

    /** The FETCH item names {@link #fetchItem} knows, in their upper-case wire form. */
    private static final List<String> FETCH_ITEMS = List.of("FLAGS", "UID", "RFC822.SIZE", "RFC822",
            "RFC822.HEADER", "RFC822.TEXT", "BINARY.SIZE", "SAVEDATE", "EMAILID", "THREADID", "PREVIEW", "MODSEQ",
            "INTERNALDATE", "ENVELOPE", "BODYSTRUCTURE", "BODY", "BINARY");

    /** The item name at the position, one of {@link #FETCH_ITEMS}; any other atom is refused. */
    private String fetchItemName() {
        int start = pos;
        byte[] line = response.octets();
        int lineEnd = response.end(li);
        while (pos < lineEnd && Syntax.atomChar(line[pos] & 0xff) && line[pos] != '[') {
            pos++;
        }
        String name = AsciiKeywords.find(line, start, pos, FETCH_ITEMS);
        if (name == null) {
            throw new Failure(Kind.SYNTAX_ERROR);
        }
        return name;
    }

    private FetchItem fetchItem(long seq) {
        String w = fetchItemName();
        switch (w) {
            case "FLAGS":
                sp();
                return new FetchItem.Flags(flagList(false).stream().map(Flag::new).toList());
            case "UID":
                sp();
                return new FetchItem.Uid(number());
            case "RFC822.SIZE":
                sp();
                return new FetchItem.Rfc822Size(number64());
            case "RFC822":
                return rfc822(seq, FetchItem.Rfc822.Part.WHOLE);
            case "RFC822.HEADER":
                return rfc822(seq, FetchItem.Rfc822.Part.HEADER);
            case "RFC822.TEXT":
                return rfc822(seq, FetchItem.Rfc822.Part.TEXT);
            case "BINARY.SIZE": {
                expect('[');
                List<Long> part = partNumbers();
                sp();
                return new FetchItem.BinarySize(part, number0());
            }
            case "SAVEDATE":
                sp();
                if (peek() == '"') {
                    return new FetchItem.SaveDate(Optional.of(ImapDateTime.parse(quotedText())));
                }
                nil();
                return new FetchItem.SaveDate(Optional.empty());
            case "EMAILID":
                sp();
                return new FetchItem.EmailId(objectIdInParens());
            case "THREADID":
                sp();
                if (peek() == '(') {
                    return new FetchItem.ThreadId(Optional.of(objectIdInParens()));
                }
                nil();
                return new FetchItem.ThreadId(Optional.empty());
            case "PREVIEW":
                sp();
                return new FetchItem.Preview(Optional.ofNullable(nstring()));
            case "MODSEQ": {
                sp();
                open();
                long m = number64();
                close();
                return new FetchItem.ModSeq(m);
            }
            case "INTERNALDATE":
                sp();
                if (peek() != '"') {
                    throw new Failure(Kind.SYNTAX_ERROR);
                }
                return new FetchItem.InternalDate(ImapDateTime.parse(quotedText()));
            case "ENVELOPE":
                sp();
                return envelope();
            case "BODYSTRUCTURE":
                sp();
                bodyParts = 0;
                return new FetchItem.BodyStructure(bodyPart(true, 0), true);
            case "BODY":
                if (peek() == ' ') {
                    sp();
                    bodyParts = 0;
                    return new FetchItem.BodyStructure(bodyPart(false, 0), false);
                }
                return body(seq, false);
            case "BINARY":
                return body(seq, w.equals("BINARY"));
            default:
                throw new Failure(Kind.SYNTAX_ERROR);
        }
    }

    // ------------------------------------------------------------ ENVELOPE, BODYSTRUCTURE

    private FetchItem.Envelope envelope() {
        open();
        String date = nstring();
        sp();
        String subject = nstring();
        sp();
        List<Address> from = addresses();
        sp();
        List<Address> sender = addresses();
        sp();
        List<Address> replyTo = addresses();
        sp();
        List<Address> to = addresses();
        sp();
        List<Address> cc = addresses();
        sp();
        List<Address> bcc = addresses();
        sp();
        String inReplyTo = nstring();
        sp();
        String messageId = nstring();
        close();
        return new FetchItem.Envelope(date, subject, from, sender, replyTo, to, cc, bcc, inReplyTo, messageId);
    }

    /** {@code "(" 1*address ")" / nil}; NIL is the empty list. */
    private List<Address> addresses() {
        if (peek() != '(') {
            nil();
            return List.of();
        }
        open();
        List<Address> out = new ArrayList<>();
        while (true) {
            out.add(address());
            listLength(out.size());
            if (peek() == ' ' && peekAt(1) == '(') {
                pos++; // tolerated: a space between addresses
            }
            if (peek() != '(') {
                break;
            }
        }
        close();
        return out;
    }

    /** {@code "(" addr-name SP addr-adl SP addr-mailbox SP addr-host ")"}. */
    private Address address() {
        FinishedParts.Entry done = finished == null ? null : finished.at(li, pos);
        if (done != null) {
            return (Address) stepOver(done);
        }
        int startLi = li;
        int startPos = pos;
        structuresParsed++;
        open();
        String name = nstring();
        sp();
        String adl = nstring();
        sp();
        String mailbox = nstring();
        sp();
        String host = nstring();
        close();
        Address a = new Address(name, adl, mailbox, host);
        if (finished != null) {
            finished.put(startLi, startPos, new FinishedParts.Entry(a, li, pos, 0));
        }
        return a;
    }

    /**
     * One {@code body}: recursive, the recursion bounded by {@code maxBodyNesting} (the level is
     * checked before anything inside is parsed), so a hostile nesting fails after at most that
     * many frames. Body-part parentheses are counted here, not in {@link #depth}.
     */
    private BodyPart bodyPart(boolean ext, int level) {
        FinishedParts.Entry done = finished == null ? null : finished.at(li, pos);
        if (done != null) {
            return (BodyPart) stepOver(done);
        }
        int startLi = li;
        int startPos = pos;
        int startParts = bodyParts;
        structuresParsed++;
        BodyPart part = bodyPartHere(ext, level);
        if (finished != null) {
            finished.put(startLi, startPos, new FinishedParts.Entry(part, li, pos, bodyParts - startParts));
        }
        return part;
    }

    /** Moves past a finished part or address as if it had been read. */
    private Object stepOver(FinishedParts.Entry done) {
        li = done.li();
        pos = done.pos();
        bodyParts += done.bodyParts();
        return done.value();
    }

    private BodyPart bodyPartHere(boolean ext, int level) {
        expect('(');
        if (++level > config.maxBodyNesting()) {
            throw new Failure(Kind.BODY_TOO_DEEP);
        }
        if (++bodyParts > config.maxBodyParts()) {
            throw new Failure(Kind.TOO_MANY_PARTS);
        }
        BodyPart part = peek() == '(' ? multiPart(ext, level) : singlePart(ext, level);
        expect(')');
        return part;
    }

    private BodyPart multiPart(boolean ext, int level) {
        List<BodyPart> parts = new ArrayList<>();
        while (peek() == '(') {
            parts.add(bodyPart(ext, level));
            listLength(parts.size());
        }
        sp();
        String subtype = str();
        Map<String, String> params = Map.of();
        ExtensionTail tail = ExtensionTail.NONE;
        if (peek() == ' ') {
            noExtension(ext);
            sp();
            params = params();
            tail = extensionTail();
        }
        return new BodyPart.MultiPart(parts, subtype, tail.fields(), params, tail.disposition(), tail.language(),
                tail.location(), tail.further());
    }

    private BodyPart singlePart(boolean ext, int level) {
        String type = str();
        sp();
        String subtype = str();
        sp();
        Map<String, String> params = params();
        sp();
        String id = nstring();
        sp();
        String description = nstring();
        sp();
        String encoding = str();
        sp();
        long size = number0();
        OptionalLong lines = OptionalLong.empty();
        Optional<FetchItem.Envelope> envelope = Optional.empty();
        Optional<BodyPart> body = Optional.empty();
        if (BodyPart.SinglePart.isMessage(type, subtype)) {
            sp();
            envelope = Optional.of(envelope());
            sp();
            body = Optional.of(bodyPart(ext, level));
            sp();
            lines = OptionalLong.of(number64()); // body-fld-lines is number64 in RFC 9051
        } else if (type.toUpperCase(Locale.ROOT).equals("TEXT")) {
            sp();
            lines = OptionalLong.of(number64());
        }
        String md5 = null;
        ExtensionTail tail = ExtensionTail.NONE;
        if (peek() == ' ') {
            noExtension(ext);
            sp();
            md5 = nstring();
            tail = extensionTail();
        }
        return new BodyPart.SinglePart(type, subtype, params, id, description, encoding, size, lines, envelope, body,
                tail.fields(), md5, tail.disposition(), tail.language(), tail.location(), tail.further());
    }

    /**
     * The extension fields every body part ends with once its first one (multipart parameters or
     * single-part MD5) was read: disposition, language, location, then anything further
     * (RFC 3501 §9 body-ext-1part / body-ext-mpart). Each is optional only if all after it are.
     */
    private record ExtensionTail(int fields, BodyPart.Disposition disposition, List<String> language,
            String location, List<BodyPart.ExtensionValue> further) {
        static final ExtensionTail NONE = new ExtensionTail(0, null, List.of(), null, List.of());
    }

    private ExtensionTail extensionTail() {
        BodyPart.Disposition disposition = null;
        List<String> language = List.of();
        String location = null;
        List<BodyPart.ExtensionValue> further = new ArrayList<>();
        if (peek() != ' ') {
            return new ExtensionTail(1, disposition, language, location, further);
        }
        sp();
        disposition = disposition();
        if (peek() != ' ') {
            return new ExtensionTail(2, disposition, language, location, further);
        }
        sp();
        language = language();
        if (peek() != ' ') {
            return new ExtensionTail(3, disposition, language, location, further);
        }
        sp();
        location = nstring();
        further(further);
        return new ExtensionTail(4, disposition, language, location, further);
    }

    private static void noExtension(boolean ext) {
        if (!ext) {
            throw new Failure(Kind.SYNTAX_ERROR);
        }
    }

    private void further(List<BodyPart.ExtensionValue> out) {
        while (peek() == ' ') {
            sp();
            out.add(extensionValue());
            listLength(out.size());
        }
    }

    /** {@code body-extension}: recursive, bounded by {@code maxNestingDepth} through {@link #open()}. */
    private BodyPart.ExtensionValue extensionValue() {
        int c = peek();
        if (c == '(') {
            open();
            List<BodyPart.ExtensionValue> values = new ArrayList<>();
            do {
                values.add(extensionValue());
                listLength(values.size());
            } while (more());
            close();
            return new BodyPart.ListOf(values);
        }
        if (c >= '0' && c <= '9') {
            return new BodyPart.Num(number64());
        }
        return new BodyPart.Str(nstring());
    }

    /** {@code body-fld-param}: NIL is the empty map; a repeated name keeps its last value. */
    private Map<String, String> params() {
        if (peek() != '(') {
            nil();
            return Map.of();
        }
        open();
        Map<String, String> out = new LinkedHashMap<>();
        int n = 0;
        do {
            String k = str();
            sp();
            out.put(k, str());
            listLength(++n);
        } while (more());
        close();
        return out;
    }

    private BodyPart.Disposition disposition() {
        if (peek() != '(') {
            nil();
            return null;
        }
        open();
        String type = str();
        sp();
        Map<String, String> params = params();
        close();
        return new BodyPart.Disposition(type, params);
    }

    /** {@code body-fld-lang}: NIL is the empty list, a single string a list of one. */
    private List<String> language() {
        if (peek() != '(') {
            String one = nstring();
            return one == null ? List.of() : List.of(one);
        }
        open();
        List<String> out = new ArrayList<>();
        do {
            out.add(str());
            listLength(out.size());
        } while (more());
        close();
        return out;
    }

    /** string (quoted or literal), as UTF-8. */
    private String str() {
        return text(false);
    }

    /** nstring; NIL is null. */
    private String nstring() {
        int c = peek();
        if (c == '"' || c == '{') {
            return str();
        }
        nil();
        return null;
    }

    private void nil() {
        keyword("NIL");
    }

    /**
     * The atom at the position, which must be {@code upper} in any case; compared on the octets.
     */
    private void keyword(String upper) {
        int start = pos;
        byte[] line = response.octets();
        int lineEnd = response.end(li);
        while (pos < lineEnd && Syntax.atomChar(line[pos] & 0xff)) {
            pos++;
        }
        if (!AsciiKeywords.matches(line, start, pos, upper)) {
            throw new Failure(Kind.SYNTAX_ERROR);
        }
    }

    private FetchItem body(long seq, boolean binary) {
        expect('[');
        Section section = binary ? new Section(partNumbers(), Section.Text.NONE, List.of()) : section();
        OptionalLong origin = OptionalLong.empty();
        if (peek() == '<') {
            pos++;
            origin = OptionalLong.of(number0());
            expect('>');
        }
        sp();
        int c = peek();
        if (c == '"') {
            byte[] q = quoted();
            BodyBegin b = new BodyBegin(seq, binary, section, origin, q.length, null);
            before.add(b);
            if (q.length > 0) {
                before.add(ByteBuffer.wrap(q));
            }
            before.add(BODY_END);
            return new FetchItem.Body(binary, section, origin, q.length, false);
        }
        if (c == '{' || literal8Ahead()) {
            byte[] line = response.octets();
            int lineEnd = response.end(li);
            LiteralHeader h = LiteralHeader.at(line, response.start(li), lineEnd);
            if (h == null || h.start() != pos || h.malformed() || h.nonSync()) {
                throw new Failure(Kind.SYNTAX_ERROR);
            }
            if (li >= literals.size()) {
                if (prefix) {
                    throw new NotYet(new BodyBegin(seq, binary, section, origin, h.size(), null));
                }
                throw new Failure(Kind.SYNTAX_ERROR);
            }
            Object lit = literals.get(li);
            if (!(lit instanceof Long size)) {
                throw new Failure(Kind.SYNTAX_ERROR);
            }
            li++;
            pos = response.start(li);
            return new FetchItem.Body(binary, section, origin, size, false);
        }
        nil();
        return new FetchItem.Body(binary, section, origin, 0, true);
    }

    /**
     * {@code "RFC822" [".HEADER" / ".TEXT"] SP nstring}: streamed like a body value, the sink told
     * which item it is.
     */
    private FetchItem rfc822(long seq, FetchItem.Rfc822.Part part) {
        sp();
        int c = peek();
        if (c == '"') {
            byte[] q = quoted();
            before.add(new BodyBegin(seq, false, part.section(), OptionalLong.empty(), q.length, part));
            if (q.length > 0) {
                before.add(ByteBuffer.wrap(q));
            }
            before.add(BODY_END);
            return new FetchItem.Rfc822(part, q.length, false);
        }
        if (c == '{') {
            byte[] line = response.octets();
            int lineEnd = response.end(li);
            LiteralHeader h = LiteralHeader.at(line, response.start(li), lineEnd);
            if (h == null || h.start() != pos || h.malformed() || h.nonSync() || h.binary()) {
                throw new Failure(Kind.SYNTAX_ERROR);
            }
            if (li >= literals.size()) {
                if (prefix) {
                    throw new NotYet(new BodyBegin(seq, false, part.section(), OptionalLong.empty(), h.size(), part));
                }
                throw new Failure(Kind.SYNTAX_ERROR);
            }
            if (!(literals.get(li) instanceof Long size)) {
                throw new Failure(Kind.SYNTAX_ERROR);
            }
            li++;
            pos = response.start(li);
            return new FetchItem.Rfc822(part, size, false);
        }
        nil();
        return new FetchItem.Rfc822(part, 0, true);
    }

    private Section section() {
        List<Long> part = new ArrayList<>();
        byte[] line = response.octets();
        int lineEnd = response.end(li);
        while (pos < lineEnd && line[pos] >= '1' && line[pos] <= '9') {
            part.add(number());
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
        while (pos < lineEnd && line[pos] != ']' && line[pos] != ' ') {
            pos++;
        }
        String w = new String(line, start, pos - start, StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT);
        Section.Text text = null;
        for (Section.Text t : Section.Text.values()) {
            if (t != Section.Text.NONE && t.wire().equals(w)) {
                text = t;
            }
        }
        if (text == null) {
            throw new Failure(Kind.SYNTAX_ERROR);
        }
        List<String> fields = List.of();
        if (text == Section.Text.HEADER_FIELDS || text == Section.Text.HEADER_FIELDS_NOT) {
            sp();
            open();
            fields = new ArrayList<>();
            do {
                fields.add(text(true));
                listLength(fields.size());
            } while (more());
            close();
        }
        expect(']');
        return new Section(part, text, fields);
    }

    private List<Long> partNumbers() {
        List<Long> part = new ArrayList<>();
        if (peek() != ']') {
            while (true) {
                part.add(number());
                if (peek() != '.') {
                    break;
                }
                pos++;
            }
        }
        expect(']');
        return part;
    }

    // ------------------------------------------------------------ primitives

    /** {@code (} flag-ish atoms {@code )}: {@code \atom}, {@code atom}, and {@code \*} when allowed. */
    private List<String> flagList(boolean star) {
        open();
        List<String> out = new ArrayList<>();
        if (peek() != ')') {
            while (true) {
                boolean system = peek() == '\\';
                if (system) {
                    pos++;
                }
                if (system && star && peek() == '*') {
                    pos++;
                    out.add("\\*");
                } else {
                    String a = atom();
                    out.add(system ? "\\" + a : a);
                }
                listLength(out.size());
                if (peek() != ' ') {
                    break;
                }
                pos++;
            }
        }
        close();
        return out;
    }

    private MailboxName mailbox() {
        String wire = text(true);
        try {
            return MailboxName.fromWire(wire);
        } catch (IllegalArgumentException e) {
            throw new Failure(Kind.BAD_MAILBOX_NAME);
        }
    }

    private SequenceSet set() {
        int start = pos;
        byte[] line = response.octets();
        int lineEnd = response.end(li);
        while (pos < lineEnd && line[pos] != ' ' && line[pos] != ')' && line[pos] != ']') {
            pos++;
        }
        try {
            SequenceSet s = SequenceSet.parse(new String(line, start, pos - start, StandardCharsets.ISO_8859_1));
            if (s.saved()) {
                throw new Failure(Kind.SYNTAX_ERROR);
            }
            return s;
        } catch (IllegalArgumentException e) {
            throw new Failure(Kind.SYNTAX_ERROR);
        }
    }

    /** astring (when {@code atomOk}) or string, as UTF-8, decoded from where its octets lie. */
    private String text(boolean atomOk) {
        int c = peek();
        if (c == '"') {
            return quotedText();
        }
        if (c == '{') {
            return literalText();
        }
        if (!atomOk) {
            throw new Failure(Kind.SYNTAX_ERROR);
        }
        int start = pos;
        byte[] line = response.octets();
        int lineEnd = response.end(li);
        while (pos < lineEnd && Syntax.astringChar(line[pos] & 0xff)) {
            pos++;
        }
        if (pos == start) {
            throw new Failure(Kind.SYNTAX_ERROR);
        }
        return utf8(line, start, pos - start);
    }

    /** A quoted string's octets, unescaped (a body value, a delimiter). */
    private byte[] quoted() {
        byte[] line = response.octets();
        int lineEnd = response.end(li);
        int start = pos + 1;
        int close = quotedEnd();
        if (close - start == quotedLength) {
            return Arrays.copyOfRange(line, start, close);
        }
        byte[] out = new byte[quotedLength];
        unescape(line, start, close, out);
        return out;
    }

    /** A quoted string as UTF-8: decoded in the line, or from {@link #scratch} when it has escapes. */
    private String quotedText() {
        byte[] line = response.octets();
        int lineEnd = response.end(li);
        int start = pos + 1;
        int close = quotedEnd();
        if (close - start == quotedLength) {
            return utf8(line, start, quotedLength);
        }
        if (scratch.length < quotedLength) {
            scratch = new byte[Math.max(quotedLength, Math.max(64, scratch.length * 2))];
        }
        unescape(line, start, close, scratch);
        return utf8(scratch, 0, quotedLength);
    }

    /**
     * Checks the quoted string at the position (RFC 9051 {@code quoted}: only {@code \"} and
     * {@code \\} may be escaped), moves past its closing quote and returns that quote's index;
     * {@link #quotedLength} is then its unescaped length.
     */
    private int quotedEnd() {
        expect('"');
        byte[] line = response.octets();
        int lineEnd = response.end(li);
        int length = 0;
        while (true) {
            if (pos >= lineEnd) {
                throw new Failure(Kind.SYNTAX_ERROR);
            }
            byte b = line[pos++];
            if (b == '"') {
                quotedLength = length;
                return pos - 1;
            }
            if (b == '\\') {
                if (pos >= lineEnd || (line[pos] != '"' && line[pos] != '\\')) {
                    throw new Failure(Kind.SYNTAX_ERROR);
                }
                pos++;
            }
            length++;
        }
    }

    /** Copies the checked quoted octets {@code line[start..close)} to {@code out}, escapes removed. */
    private static void unescape(byte[] line, int start, int close, byte[] out) {
        int n = 0;
        for (int i = start; i < close; i++) {
            byte b = line[i];
            if (b == '\\') {
                b = line[++i];
            }
            out[n++] = b;
        }
    }

    /**
     * A literal string as UTF-8. Decoded once per response: the parses after the first (one per
     * later literal) find its text by the literal's index.
     */
    private String literalText() {
        int index = li;
        if (index < literalTexts.length && literalTexts[index] != null) {
            literal(false);
            return literalTexts[index];
        }
        byte[] value = literal(true);
        String text = utf8(value, 0, value.length);
        if (index >= literalTexts.length) {
            literalTexts = Arrays.copyOf(literalTexts, Math.max(index + 1, literalTexts.length * 2));
        }
        literalTexts[index] = text;
        return text;
    }

    /** The literal string at the position; its octets are checked for NUL when {@code check}. */
    private byte[] literal(boolean check) {
        byte[] line = response.octets();
        int lineEnd = response.end(li);
        LiteralHeader h = LiteralHeader.at(line, response.start(li), lineEnd);
        if (h == null || h.start() != pos || h.malformed() || h.nonSync() || h.binary()) {
            throw new Failure(Kind.SYNTAX_ERROR);
        }
        if (li >= literals.size()) {
            if (prefix) {
                throw new NotYet(null);
            }
            throw new Failure(Kind.SYNTAX_ERROR);
        }
        if (!(literals.get(li) instanceof byte[] value)) {
            throw new Failure(Kind.SYNTAX_ERROR);
        }
        for (int i = 0; check && i < value.length; i++) {
            if (value[i] == 0) {
                throw new Failure(Kind.NUL);
            }
        }
        li++;
        pos = response.start(li);
        return value;
    }

    private String atom() {
        return atomLike(ch -> Syntax.atomChar(ch));
    }

    private String atomLike(java.util.function.IntPredicate ok) {
        int start = pos;
        byte[] line = response.octets();
        int lineEnd = response.end(li);
        while (pos < lineEnd && ok.test(line[pos] & 0xff)) {
            pos++;
        }
        if (pos == start) {
            throw new Failure(Kind.SYNTAX_ERROR);
        }
        return new String(line, start, pos - start, StandardCharsets.US_ASCII);
    }

    private String word() {
        return atom().toUpperCase(Locale.ROOT);
    }

    /** nz-number: 1..2^32-1. */
    private long number() {
        long v = digits(10);
        if (v < 1 || v > SequenceSet.MAX_NUMBER) {
            throw new Failure(Kind.SYNTAX_ERROR);
        }
        return v;
    }

    /** number: 0..2^32-1. */
    private long number0() {
        long v = digits(10);
        if (v > SequenceSet.MAX_NUMBER) {
            throw new Failure(Kind.SYNTAX_ERROR);
        }
        return v;
    }

    /** number64 / mod-sequence-value: 0..2^63-1. */
    private long number64() {
        return digits(19);
    }

    private long digits(int max) {
        int start = pos;
        byte[] line = response.octets();
        int lineEnd = response.end(li);
        long v = 0;
        while (pos < lineEnd && line[pos] >= '0' && line[pos] <= '9') {
            if (pos - start >= max) {
                throw new Failure(Kind.SYNTAX_ERROR);
            }
            v = v * 10 + (line[pos++] - '0');
        }
        if (pos == start || v < 0) {
            throw new Failure(Kind.SYNTAX_ERROR);
        }
        return v;
    }

    /** The rest of the current line as text; the line must be the response's last. */
    private String restOfLine() {
        byte[] line = response.octets();
        int lineEnd = response.end(li);
        String t = utf8(line, pos, lineEnd - pos);
        pos = lineEnd;
        return t;
    }

    private String utf8(byte[] octets, int off, int len) {
        String text = utf8.decode(octets, off, len);
        if (text == null) {
            throw new Failure(Kind.BAD_UTF8);
        }
        return text;
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

    private boolean literal8Ahead() {
        byte[] line = response.octets();
        int lineEnd = response.end(li);
        return pos + 1 < lineEnd && line[pos] == '~' && line[pos + 1] == '{';
    }

    private int peek() {
        return peekAt(0);
    }

    private int peekAt(int k) {
        byte[] line = response.octets();
        int lineEnd = response.end(li);
        return pos + k < lineEnd ? line[pos + k] & 0xff : -1;
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
        if (li != response.lines() - 1 || pos != response.end(li)) {
            throw new Failure(Kind.SYNTAX_ERROR);
        }
    }
}
