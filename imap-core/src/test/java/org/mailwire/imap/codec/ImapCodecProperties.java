package org.mailwire.imap.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.Size;
import org.mailwire.imap.FetchAttribute;
import org.mailwire.imap.Flag;
import org.mailwire.imap.ImapCommand;
import org.mailwire.imap.ImapDateTime;
import org.mailwire.imap.ListReturnOption;
import org.mailwire.imap.ListSelectOption;
import org.mailwire.imap.MailboxName;
import org.mailwire.imap.ModifiedUtf7;
import org.mailwire.imap.Partial;
import org.mailwire.imap.Qresync;
import org.mailwire.imap.SearchKey;
import org.mailwire.imap.SearchReturn;
import org.mailwire.imap.Section;
import org.mailwire.imap.SequenceSet;
import org.mailwire.imap.SortCriterion;
import org.mailwire.imap.SortKey;
import org.mailwire.imap.StatusItem;
import org.mailwire.imap.Tag;

/**
 * Split invariance of the command decoder (literal continuations answered inside the callback or
 * between decode calls, pausing or not), encode→decode round trips of generated commands (the
 * extension commands included), segments cut exactly where the decoder awaits a continuation,
 * streamed MULTIAPPEND/CATENATE/UTF8 APPENDs giving the events their messages and parts predict,
 * and the modified UTF-7 round trip for any string.
 */
class ImapCodecProperties {

    // ------------------------------------------------------------ split invariance

    @Property(shrinking = ShrinkingMode.OFF, tries = 1500)
    void decoderGivesTheSameEventsInAnyChunking(@ForAll("transcripts") byte[] input, @ForAll("chunkSizes") int[] chunks,
            @ForAll("configs") ImapDecoderConfig config, @ForAll boolean pause, @ForAll boolean answerLater) {
        ServerFeed.Outcome whole = ServerFeed.whole(input, config);
        ServerFeed.Outcome chunked = ServerFeed.feed(input, chunks, config, pause, answerLater);
        assertEquals(whole.events(), chunked.events());
        assertEquals(input.length, chunked.consumed());
    }

    @Property(shrinking = ShrinkingMode.OFF)
    void decoderOnArbitraryBytes(@ForAll @Size(max = 400) byte[] input, @ForAll("chunkSizes") int[] chunks,
            @ForAll("configs") ImapDecoderConfig config, @ForAll boolean pause) {
        ServerFeed.Outcome whole = ServerFeed.whole(input, config);
        ServerFeed.Outcome chunked = ServerFeed.feed(input, chunks, config, pause, false);
        assertEquals(whole.events(), chunked.events());
        assertEquals(input.length, chunked.consumed());
    }

    /** Random sequences of IMAP fragments reach deeper into the parser than random bytes. */
    @Property(shrinking = ShrinkingMode.OFF, tries = 3000)
    void decoderOnFragmentSoup(@ForAll("soup") byte[] input, @ForAll("chunkSizes") int[] chunks,
            @ForAll("configs") ImapDecoderConfig config, @ForAll boolean pause, @ForAll boolean answerLater) {
        ServerFeed.Outcome whole = ServerFeed.whole(input, config);
        ServerFeed.Outcome chunked = ServerFeed.feed(input, chunks, config, pause, answerLater);
        assertEquals(whole.events(), chunked.events());
        assertEquals(input.length, chunked.consumed());
    }

    private static final List<String> FRAGMENTS = List.of("A1 ", "a.b ", "+", "*", " ", "\r\n", "\r", "\n", "\0", "{",
            "}", "{0}\r\n", "{1}\r\n", "{3+}\r\n", "~{2}\r\n", "{4097+}\r\n", "{99999999999}\r\n", "(", ")", "[",
            "]", "<", ">", ".", "\"", "\\", "x", "1", "1:*", "*:4", "$", ",", "4294967295", "4294967296", "0",
            "LOGIN", "SELECT", "FETCH", "UID", "STORE", "APPEND", "SEARCH", "IDLE", "DONE", "AUTHENTICATE PLAIN",
            "AUTHENTICATE PLAIN =", "ENABLE", "STATUS", "LIST", "CREATE", "RENAME", "COPY", "MOVE", "EXPUNGE",
            "BODY", "BODY.PEEK", "BINARY", "BINARY.SIZE", "HEADER.FIELDS", "MIME", "TEXT", "NOT", "OR", "CHARSET",
            "SINCE", "1-Feb-1994", "\\Seen", "+FLAGS.SILENT", "-FLAGS", "CHANGEDSINCE", "UNCHANGEDSINCE",
            "CONDSTORE", "&AOQ-", "&-", "&", "\u00e4", "INBOX", "NAMESPACE", "ID", "NIL", "COMPRESS", "SORT", "THREAD",
            "REVERSE", "RETURN", "CATENATE", "URL", "TEXT", "UTF8", "USE", "\\Drafts", "SUBSCRIBED", "RECURSIVEMATCH",
            "SPECIAL-USE", "CHILDREN", "~{1+}\r\n");

    @Provide
    Arbitrary<byte[]> soup() {
        return Arbitraries.of(FRAGMENTS).list().ofMaxSize(60).map(l -> {
            StringBuilder b = new StringBuilder();
            l.forEach(b::append);
            return b.toString().getBytes(StandardCharsets.UTF_8);
        });
    }

    @Provide
    Arbitrary<int[]> chunkSizes() {
        return Arbitraries.integers().between(1, 40).array(int[].class).ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<ImapDecoderConfig> configs() {
        return Arbitraries.of(ImapDecoderConfig.defaults(),
                ImapDecoderConfig.builder().maxLineBeforeAuth(40).maxLineAfterAuth(60).maxLiteralBeforeAuth(8)
                        .maxLiteralAfterAuth(30).maxArgumentLiteral(6).maxLiteralsPerCommand(2).maxNestingDepth(1)
                        .maxListLength(3).maxAppendMessages(2).maxCatenateParts(2).build(),
                ImapDecoderConfig.builder().nonSyncLiterals(NonSyncLiterals.NONE).build(),
                ImapDecoderConfig.builder().nonSyncLiterals(NonSyncLiterals.LITERAL_PLUS).build());
    }

    private static final List<String> PIECES = List.of(
            "A1 CAPABILITY\r\n", "a2 LOGIN joe {6}\r\nsecret\r\n", "a3 LOGIN {3+}\r\njoe \"pw\"\r\n",
            "A4 SELECT INBOX (CONDSTORE)\r\n", "A5 FETCH 1:* (FLAGS BODY.PEEK[1.HEADER.FIELDS (From To)]<0.512>)\r\n",
            "A6 UID STORE 1,3:* +FLAGS.SILENT (\\Seen $X)\r\n", "A7 APPEND Sent (\\Seen) {12}\r\nhello\r\nworld\r\n",
            "A8 APPEND INBOX ~{3}\r\na\0b\r\n", "A9 IDLE\r\nDONE\r\n", "B1 AUTHENTICATE PLAIN\r\nAGpvZQBwdw==\r\n",
            "B2 LOGIN {2147483647}\r\n", "B3 LOGIN {-1}\r\n", "B4 LOGIN {}\r\n", "B5 LOGIN {99999999999}\r\n",
            "B6 NOOP\0\r\n", "B7 NOOP\n", "B8 CREATE &U,BTFw-\r\n", "B9 LIST \"\" %\r\n",
            "C1 STATUS INBOX (MESSAGES UNSEEN)\r\n", "C2 UID MOVE 1:2 Trash\r\n", "C3 COPY $ x\r\n",
            "C4 LOGIN {0}\r\n {0}\r\n\r\n", "C5 " + "x".repeat(70) + "\r\n", "C6 APPEND INBOX {5000+}\r\n",
            "C7 CREATE {4}\r\nab\r\n\r\n", "C8 FETCH 1 (BODY[HEADER.FIELDS (A B C D)])\r\n", "garbage\r\n",
            "C9 RENAME {1}\r\na {1+}\r\nb\r\n", "D1 APPEND x {0+}\r\n\r\n", "D2 IDLE\r\nnope\r\n",
            "D3 ENABLE A B C D\r\n", "D4 LOGIN ~{1}\r\n",
            "D5 UID SEARCH CHARSET UTF-8 OR (FROM {3}\r\njoe SEEN) NOT 1:* SINCE 1-Feb-1994\r\n",
            "D6 SEARCH NOT NOT NOT (((SEEN)))\r\n", "E1 NAMESPACE\r\n", "E2 ID NIL\r\n",
            "E3 ID (\"name\" {4}\r\nmutt \"os\" NIL)\r\n", "E4 COMPRESS DEFLATE\r\n",
            "E5 UID SORT RETURN (MIN) (REVERSE DATE) UTF-8 SUBJECT {2}\r\nhi\r\n", "E6 THREAD REFS UTF-8 ALL\r\n",
            "E7 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" (% {3}\r\na/*) RETURN (CHILDREN STATUS (MESSAGES))\r\n",
            "E8 CREATE Drafts (USE (\\Drafts))\r\n", "E9 APPEND Sent {1}\r\na (\\Seen) {2+}\r\nbc\r\n",
            "F1 APPEND Sent CATENATE (URL /a;UID=1 TEXT {3}\r\nxyz URL {2}\r\n/b) UTF8 (~{2+}\r\n\0\1)\r\n",
            "F2 APPEND Sent CATENATE (URL u)\r\n", "F3 APPEND x CATENATE (TEXT {1+}\r\n\0)\r\n",
            "F4 ID (\"f\" {1025}\r\n", "F5 APPEND x {0+}\r\n CATENATE () {0}\r\n");

    @Provide
    Arbitrary<byte[]> transcripts() {
        return Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(8).map(l -> {
            StringBuilder b = new StringBuilder();
            l.forEach(b::append);
            return b.toString().getBytes(StandardCharsets.UTF_8);
        });
    }

    // ------------------------------------------------------------ round trips

    @Property(shrinking = ShrinkingMode.OFF, tries = 1500)
    void encodedCommandsDecodeToThemselves(@ForAll("commands") ImapCommand command, @ForAll("chunkSizes") int[] chunks,
            @ForAll("encoders") NonSyncLiterals literals) {
        byte[] wire = new ImapCommandEncoder(literals).encode(command);
        ImapDecoderConfig config = ImapDecoderConfig.builder().nonSyncLiterals(NonSyncLiterals.LITERAL_PLUS).build();
        ServerFeed.Outcome o = ServerFeed.feed(wire, chunks, config, false, true);
        assertEquals(List.of(command), o.commands(), o.events().toString());
    }

    /** A client writing segment by segment finds the server awaiting exactly at each cut. */
    @Property(shrinking = ShrinkingMode.OFF, tries = 1000)
    void segmentsEndWhereTheServerAwaitsContinuation(@ForAll("commands") ImapCommand command,
            @ForAll("encoders") NonSyncLiterals literals) {
        ImapCommandEncoder encoder = new ImapCommandEncoder(literals);
        List<byte[]> segments = encoder.encodeSegments(command);
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        segments.forEach(all::writeBytes);
        assertArrayEquals(encoder.encode(command), all.toByteArray());
        ImapCommandDecoder decoder = new ImapCommandDecoder(
                ImapDecoderConfig.builder().nonSyncLiterals(NonSyncLiterals.LITERAL_PLUS).build());
        ServerFeed.Recorder r = new ServerFeed.Recorder(decoder, false, true);
        for (int i = 0; i < segments.size(); i++) {
            java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(segments.get(i));
            decoder.decode(in, r);
            assertEquals(0, in.remaining());
            assertEquals(i < segments.size() - 1, decoder.awaitingContinuation(), "segment " + i);
            if (decoder.awaitingContinuation()) {
                decoder.acceptLiteral();
            }
        }
        assertEquals(List.of(command), r.commands, r.events.toString());
    }

    @Property(shrinking = ShrinkingMode.OFF, tries = 500)
    void encodedAppendsDecodeToThemselves(@ForAll("appends") ImapCommand.Append append, @ForAll("chunkSizes") int[] chunks,
            @ForAll("encoders") NonSyncLiterals literals) {
        byte[] message = new byte[(int) append.size()];
        for (int i = 0; i < message.length; i++) {
            message[i] = (byte) (append.binary() ? i : 'a' + i % 26);
        }
        byte[] wire = new ImapCommandEncoder(literals).encodeAppend(append, message);
        ImapDecoderConfig config = ImapDecoderConfig.builder().nonSyncLiterals(NonSyncLiterals.LITERAL_PLUS).build();
        ServerFeed.Outcome o = ServerFeed.feed(wire, chunks, config, false, false);
        assertEquals(List.of(append), o.commands(), o.events().toString());
        ByteArrayOutputStream hex = new ByteArrayOutputStream();
        String data = o.events().stream().filter(e -> e.startsWith("data ")).findFirst().orElse("data ").substring(5);
        assertArrayEquals(message, java.util.HexFormat.of().parseHex(data));
        assertEquals("appendEnd " + append.tag(), o.events().get(o.events().size() - 1));
        hex.reset();
    }

    /** One message of a generated APPEND: a literal message, or CATENATE parts (a String URL or a TextPart). */
    record GeneratedMessage(ImapCommand message, List<Object> parts) {
    }

    /** A generated CATENATE TEXT part. */
    record GeneratedText(int size, boolean utf8) {
    }

    @Property(shrinking = ShrinkingMode.OFF, tries = 500)
    void streamedAppendsDecodeToTheirEvents(@ForAll("appendCommands") List<GeneratedMessage> messages,
            @ForAll("chunkSizes") int[] chunks, @ForAll("encoders") NonSyncLiterals literals, @ForAll boolean pause) {
        ImapCommandEncoder e = new ImapCommandEncoder(literals);
        java.io.ByteArrayOutputStream wire = new java.io.ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        Tag tag = messages.get(0).message().tag();
        for (int i = 0; i < messages.size(); i++) {
            ImapCommand m = messages.get(i).message();
            if (m instanceof ImapCommand.Append a) {
                AppendHead head = i == 0 ? e.appendHead(a) : e.appendNext(a);
                wire.writeBytes(head.joined());
                byte[] data = data((int) a.size(), a.binary());
                wire.writeBytes(data);
                wire.writeBytes(head.afterData());
                expected.add("append " + a + " sync=" + head.awaitContinuation());
                if (data.length > 0) {
                    expected.add("data " + java.util.HexFormat.of().formatHex(data));
                }
                continue;
            }
            ImapCommand.Catenate c = (ImapCommand.Catenate) m;
            wire.writeBytes((i == 0 ? e.appendHead(c) : e.appendNext(c)).joined());
            expected.add("catenate " + c);
            List<Object> parts = messages.get(i).parts();
            List<String> urls = new ArrayList<>();
            for (int p = 0; p < parts.size(); p++) {
                if (parts.get(p) instanceof String url) {
                    wire.writeBytes(e.catenateUrl(url, p == 0).joined());
                    urls.add("url " + tag + " " + url);
                    continue;
                }
                GeneratedText t = (GeneratedText) parts.get(p);
                AppendHead head = e.catenateText(t.size(), t.utf8(), p == 0);
                wire.writeBytes(head.joined());
                byte[] data = data(t.size(), t.utf8());
                wire.writeBytes(data);
                wire.writeBytes(head.afterData());
                expected.addAll(urls);
                urls.clear();
                expected.add("text " + tag + " " + t.size() + (t.utf8() ? " utf8" : "") + " sync="
                        + head.awaitContinuation());
                if (data.length > 0) {
                    expected.add("data " + java.util.HexFormat.of().formatHex(data));
                }
            }
            expected.addAll(urls);
            wire.writeBytes(e.catenateEnd());
        }
        wire.writeBytes(e.appendEnd());
        expected.add("appendEnd " + tag);
        ImapDecoderConfig config = ImapDecoderConfig.builder().nonSyncLiterals(NonSyncLiterals.LITERAL_PLUS).build();
        ServerFeed.Outcome o = ServerFeed.feed(wire.toByteArray(), chunks, config, pause, false);
        assertEquals(expected, o.events().stream().filter(x -> !x.startsWith("+ ")).toList());
    }

    private static byte[] data(int size, boolean binary) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (binary ? i * 7 : 'a' + i % 26);
        }
        return b;
    }

    @Provide
    Arbitrary<List<GeneratedMessage>> appendCommands() {
        Arbitrary<ImapDateTime> date = Combinators.combine(Arbitraries.longs().between(0, 4_000_000_000L),
                Arbitraries.integers().between(-720, 840))
                .as((s, z) -> new ImapDateTime(OffsetDateTime.ofInstant(java.time.Instant.ofEpochSecond(s),
                        ZoneOffset.ofTotalSeconds(z * 60)))).injectNull(0.5);
        Arbitrary<Object> part = Arbitraries.oneOf(text().map(u -> (Object) u), Combinators.combine(
                Arbitraries.integers().between(0, 40), Arbitraries.of(true, false)).as(GeneratedText::new));
        return Combinators.combine(tags(), mailboxes()).flatAs((tag, mailbox) -> {
            Arbitrary<GeneratedMessage> literal = Combinators.combine(flags(), date,
                    Arbitraries.longs().between(0, 60), Arbitraries.integers().between(0, 2))
                    .as((f, d, size, kind) -> new GeneratedMessage(new ImapCommand.Append(tag, mailbox, f, d, size,
                            kind > 0, kind > 1), List.of()));
            Arbitrary<GeneratedMessage> catenate = Combinators.combine(flags(), date, part.list().ofMinSize(1).ofMaxSize(4))
                    .as((f, d, parts) -> new GeneratedMessage(new ImapCommand.Catenate(tag, mailbox, f, d), parts));
            return Arbitraries.oneOf(literal, catenate).list().ofMinSize(1).ofMaxSize(4);
        });
    }

    @Property
    void modifiedUtf7RoundTripsAnyString(@ForAll("unicode") String s) {
        String wire = ModifiedUtf7.encode(s);
        for (int i = 0; i < wire.length(); i++) {
            char c = wire.charAt(i);
            assertEquals(true, c >= 0x20 && c <= 0x7e);
        }
        assertEquals(s, ModifiedUtf7.decode(wire));
    }

    @Provide
    Arbitrary<NonSyncLiterals> encoders() {
        return Arbitraries.of(NonSyncLiterals.class);
    }

    @Provide
    Arbitrary<String> unicode() {
        return Arbitraries.strings().all().ofMaxLength(30).filter(ImapCodecProperties::wellFormed);
    }

    static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static Arbitrary<String> text() {
        return Arbitraries.oneOf(Arbitraries.strings().withCharRange('!', '~').ofMaxLength(12),
                Arbitraries.strings().withChars("ab \"\\\r\n&]{}()*%äß台北😀").ofMaxLength(12),
                Arbitraries.strings().all().ofMaxLength(8))
                .filter(s -> s.indexOf(0) < 0 && wellFormed(s));
    }

    private static Arbitrary<MailboxName> mailboxes() {
        return text().filter(s -> !Syntax.hasCrLfNulOrControl(s)).map(MailboxName::of);
    }

    private static Arbitrary<Tag> tags() {
        return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(6).filter(Tag::valid).map(Tag::of);
    }

    private static Arbitrary<String> atoms() {
        return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(8)
                .filter(org.mailwire.imap.Syntax::isAtom);
    }

    private static Arbitrary<SequenceSet> sets() {
        Arbitrary<Long> n = Arbitraries.oneOf(Arbitraries.longs().between(1, 20),
                Arbitraries.longs().between(1, SequenceSet.MAX_NUMBER), Arbitraries.just(SequenceSet.STAR));
        Arbitrary<SequenceSet.Range> range = Combinators.combine(n, n).as(SequenceSet.Range::new);
        return Arbitraries.oneOf(range.list().ofMinSize(1).ofMaxSize(4).map(l -> new SequenceSet(l, false)),
                Arbitraries.just(SequenceSet.SAVED));
    }

    private static Arbitrary<List<Flag>> flags() {
        return Arbitraries.oneOf(Arbitraries.of(Flag.SEEN, Flag.DELETED, Flag.ANSWERED, Flag.DRAFT, Flag.FLAGGED),
                atoms().map(Flag::of), atoms().map(a -> Flag.of("\\" + a))).list().ofMaxSize(4);
    }

    private static Arbitrary<FetchAttribute> fetchAtts() {
        Arbitrary<List<Long>> part = Arbitraries.longs().between(1, 300).list().ofMaxSize(3);
        Arbitrary<Partial> partial = Combinators.combine(Arbitraries.longs().between(0, 5000),
                Arbitraries.longs().between(1, 5000)).as(Partial::new).injectNull(0.4);
        Arbitrary<Section> section = Combinators.combine(part, Arbitraries.of(Section.Text.class),
                text().filter(s -> !s.isEmpty() && !Syntax.hasCrLfNulOrControl(s)).list().ofMinSize(1).ofMaxSize(3))
                .as((p, t, f) -> {
                    if (t == Section.Text.MIME && p.isEmpty()) {
                        t = Section.Text.TEXT;
                    }
                    boolean fields = t == Section.Text.HEADER_FIELDS || t == Section.Text.HEADER_FIELDS_NOT;
                    return new Section(p, t, fields ? f : List.of());
                });
        return Arbitraries.oneOf(Arbitraries.of(FetchAttribute.Simple.class).map(s -> (FetchAttribute) s),
                Combinators.combine(section, Arbitraries.of(true, false), partial).as(FetchAttribute.BodySection::new),
                Combinators.combine(part, Arbitraries.of(true, false), partial).as(FetchAttribute.Binary::new),
                part.map(FetchAttribute.BinarySize::new));
    }

    @Provide
    Arbitrary<ImapCommand> commands() {
        Arbitrary<Tag> t = tags();
        Arbitrary<MailboxName> m = mailboxes();
        Arbitrary<Boolean> b = Arbitraries.of(true, false);
        return Arbitraries.oneOf(List.of(
                t.map(ImapCommand.Capability::new), t.map(ImapCommand.Noop::new), t.map(ImapCommand.Logout::new),
                t.map(ImapCommand.StartTls::new), t.map(ImapCommand.Check::new), t.map(ImapCommand.Close::new),
                t.map(ImapCommand.Unselect::new), t.map(ImapCommand.Idle::new),
                Combinators.combine(t, text(), text()).as(ImapCommand.Login::new),
                Combinators.combine(t, atoms(), atoms().injectNull(0.3))
                        .as((tag, mech, ir) -> new ImapCommand.Authenticate(tag, mech.toUpperCase(java.util.Locale.ROOT), ir)),
                Combinators.combine(t, atoms().list().ofMinSize(1).ofMaxSize(3)).as(ImapCommand.Enable::new),
                Combinators.combine(t, m, b, qresyncs()).as(ImapCommand.Select::new),
                Combinators.combine(t, m, b, qresyncs()).as(ImapCommand.Examine::new),
                Combinators.combine(t, m).as(ImapCommand.Create::new),
                Combinators.combine(t, m).as(ImapCommand.Delete::new),
                Combinators.combine(t, m, m).as(ImapCommand.Rename::new),
                Combinators.combine(t, m).as(ImapCommand.Subscribe::new),
                Combinators.combine(t, m).as(ImapCommand.Unsubscribe::new),
                Combinators.combine(t, m, m).as((tag, r, p) -> new ImapCommand.ListMailboxes(tag, r.name(), p.name() + "%")),
                Combinators.combine(t, m, m).as((tag, r, p) -> new ImapCommand.Lsub(tag, r.name(), "*" + p.name())),
                Combinators.combine(t, m, Arbitraries.of(StatusItem.class).list().ofMinSize(1).ofMaxSize(4))
                        .as(ImapCommand.Status::new),
                Combinators.combine(t, sets()).as((tag, s) -> new ImapCommand.Expunge(tag, s)),
                t.map(tag -> new ImapCommand.Expunge(tag, null)),
                Combinators.combine(t, b, sets(), fetchAtts().list().ofMinSize(1).ofMaxSize(4),
                        Arbitraries.oneOf(Arbitraries.just(-1L), Arbitraries.longs().between(0, Long.MAX_VALUE)), b)
                        .as((tag, u, s, items, since, v) -> new ImapCommand.Fetch(tag, u, s, items, since,
                                v && u && since >= 0)),
                Combinators.combine(t, b, sets(), Arbitraries.of(FetchAttribute.Macro.class))
                        .as((tag, u, s, mac) -> new ImapCommand.Fetch(tag, u, s, List.of(mac))),
                Combinators.combine(t, b, sets(), Arbitraries.oneOf(Arbitraries.just(-1L),
                        Arbitraries.longs().between(0, Long.MAX_VALUE)), Arbitraries.of(ImapCommand.StoreMode.class), b,
                        flags()).as(ImapCommand.Store::new),
                Combinators.combine(t, b, Arbitraries.of(SearchReturn.class).set().ofMaxSize(5)
                        .map(x -> List.copyOf(new java.util.TreeSet<>(x))).injectNull(0.5), atoms().injectNull(0.5),
                        searchKeys(3).list().ofMinSize(1).ofMaxSize(3)).as(ImapCommand.Search::new),
                Combinators.combine(t, b, sets(), m).as(ImapCommand.Copy::new),
                Combinators.combine(t, b, sets(), m).as(ImapCommand.Move::new),
                t.map(ImapCommand.Namespace::new),
                Combinators.combine(t, atoms()).as(ImapCommand.Compress::new),
                Combinators.combine(t, idParameters()).as(ImapCommand.Id::new),
                Combinators.combine(t, b, sortCriteria(), searchReturns(), charsets(),
                        searchKeys(2).list().ofMinSize(1).ofMaxSize(3)).as(ImapCommand.Sort::new),
                Combinators.combine(t, b, atoms(), charsets(), searchKeys(2).list().ofMinSize(1).ofMaxSize(3))
                        .as(ImapCommand.ThreadMessages::new),
                Combinators.combine(t, m, specialUses()).as(ImapCommand.Create::new),
                extendedLists()));
    }

    private static Arbitrary<List<SearchReturn>> searchReturns() {
        return Arbitraries.of(SearchReturn.class).set().ofMaxSize(5).map(x -> List.copyOf(new java.util.TreeSet<>(x)))
                .injectNull(0.5);
    }

    private static Arbitrary<List<SortCriterion>> sortCriteria() {
        return Combinators.combine(Arbitraries.of(SortKey.class), Arbitraries.of(true, false)).as(SortCriterion::new)
                .list().ofMinSize(1).ofMaxSize(4);
    }

    /** RFC 5256 charsets: atoms and quoted strings. */
    private static Arbitrary<String> charsets() {
        return Arbitraries.oneOf(atoms(), Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(8));
    }

    /** ID pairs within the RFC 2971 limits, fields distinct ignoring case, values possibly NIL. */
    private static Arbitrary<Map<String, String>> idParameters() {
        Arbitrary<String> field = text().filter(f -> f.getBytes(StandardCharsets.UTF_8).length <= 30);
        return Combinators.combine(field, text().injectNull(0.3)).as(java.util.AbstractMap.SimpleEntry::new)
                .list().ofMaxSize(5).map(pairs -> {
                    Map<String, String> m = new LinkedHashMap<>();
                    java.util.Set<String> seen = new java.util.HashSet<>();
                    for (var e : pairs) {
                        if (seen.add(e.getKey().toLowerCase(java.util.Locale.ROOT))) {
                            m.put(e.getKey(), e.getValue());
                        }
                    }
                    return m;
                });
    }

    private static Arbitrary<List<String>> specialUses() {
        return Arbitraries.oneOf(Arbitraries.of(ImapCommand.Create.SPECIAL_USES), atoms().map(a -> "\\" + a))
                .list().ofMaxSize(3);
    }

    private static Arbitrary<ImapCommand> extendedLists() {
        Arbitrary<List<ListSelectOption>> select = Arbitraries.of(ListSelectOption.class).list().ofMaxSize(3)
                .filter(l -> !l.contains(ListSelectOption.RECURSIVEMATCH) || l.contains(ListSelectOption.SUBSCRIBED)
                        || l.contains(ListSelectOption.SPECIAL_USE));
        Arbitrary<ListReturnOption> ret = Arbitraries.oneOf(
                Arbitraries.of(ListReturnOption.Simple.class).map(o -> (ListReturnOption) o),
                Arbitraries.of(StatusItem.class).list().ofMinSize(1).ofMaxSize(3).map(ListReturnOption.Status::new));
        Arbitrary<List<ListReturnOption>> returns = ret.list().ofMaxSize(3)
                .filter(l -> l.stream().filter(o -> o instanceof ListReturnOption.Status).count() <= 1);
        Arbitrary<String> pattern = mailboxes().map(p -> p.name() + "*");
        return Combinators.combine(tags(), select, mailboxes(), pattern.list().ofMinSize(1).ofMaxSize(3), returns)
                .as((tag, sel, ref, pats, rets) -> new ImapCommand.ListMailboxes(tag, sel, ref.name(), pats, rets));
    }

    private static Arbitrary<Qresync> qresyncs() {
        Arbitrary<SequenceSet> set = sets().filter(x -> !x.saved());
        return Combinators.combine(Arbitraries.longs().between(1, SequenceSet.MAX_NUMBER),
                Arbitraries.longs().between(1, Long.MAX_VALUE), set.injectNull(0.5), set, set, Arbitraries.of(true, false))
                .as((v, m, k, s, u, match) -> new Qresync(v, m, k, match ? s : null, match ? u : null)).injectNull(0.6);
    }

    private static Arbitrary<SearchKey> searchKeys(int depth) {
        Arbitrary<String> fieldName = text().filter(f -> !f.isEmpty() && !Syntax.hasCrLfNulOrControl(f));
        Arbitrary<SearchKey> leaves = Arbitraries.oneOf(List.of(
                Arbitraries.of(SearchKey.Simple.class).map(k -> (SearchKey) k),
                atoms().map(a -> new SearchKey.Keyword(Flag.of(a), a.length() % 2 == 0)),
                Combinators.combine(Arbitraries.of(SearchKey.TextField.class), text()).as(SearchKey.Text::new),
                Combinators.combine(fieldName, text()).as(SearchKey.Header::new),
                Combinators.combine(Arbitraries.of(SearchKey.DateField.class),
                        Arbitraries.longs().between(-719162, 2932896).map(java.time.LocalDate::ofEpochDay))
                        .as(SearchKey.Date::new),
                Combinators.combine(Arbitraries.of(true, false), Arbitraries.longs().between(0, SequenceSet.MAX_NUMBER))
                        .as(SearchKey.Size::new),
                sets().map(SearchKey.Uid::new), sets().map(SearchKey.Sequence::new),
                Arbitraries.longs().between(0, Long.MAX_VALUE).map(SearchKey.ModSeq::new)));
        if (depth == 0) {
            return leaves;
        }
        Arbitrary<SearchKey> sub = searchKeys(depth - 1);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, leaves),
                net.jqwik.api.Tuple.of(1, sub.map(SearchKey.Not::new)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(sub, sub).as(SearchKey.Or::new)),
                net.jqwik.api.Tuple.of(1, sub.list().ofMinSize(1).ofMaxSize(3).map(SearchKey.And::new)));
    }

    @Provide
    Arbitrary<ImapCommand.Append> appends() {
        Arbitrary<ImapDateTime> date = Combinators.combine(Arbitraries.longs().between(0, 4_000_000_000L),
                Arbitraries.integers().between(-720, 840))
                .as((s, z) -> new ImapDateTime(OffsetDateTime.ofInstant(java.time.Instant.ofEpochSecond(s),
                        ZoneOffset.ofTotalSeconds(z * 60)))).injectNull(0.3);
        return Combinators.combine(tags(), mailboxes(), flags(), date, Arbitraries.longs().between(0, 300),
                Arbitraries.of(true, false)).as(ImapCommand.Append::new);
    }

    /** Control characters have no atom or quoted form but are fine in a literal or modified UTF-7. */
    static final class Syntax {
        static boolean hasCrLfNulOrControl(String s) {
            return org.mailwire.imap.Syntax.hasCrLfNul(s);
        }
    }
}
