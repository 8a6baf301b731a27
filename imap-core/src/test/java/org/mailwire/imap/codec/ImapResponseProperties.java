package org.mailwire.imap.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.Size;
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
import org.mailwire.imap.Tag;
import org.mailwire.imap.TaggedExtValue;
import org.mailwire.imap.ThreadNode;

/**
 * Split invariance of the response decoder (pausing or not), and encode→decode round trips of
 * generated responses with their FETCH bodies.
 */
class ImapResponseProperties {

    // ------------------------------------------------------------ split invariance

    @Property(shrinking = ShrinkingMode.OFF, tries = 1500)
    void decoderGivesTheSameEventsInAnyChunking(@ForAll("transcripts") byte[] input, @ForAll("chunkSizes") int[] chunks,
            @ForAll("configs") ImapResponseDecoderConfig config, @ForAll boolean pause) {
        ClientFeed.Outcome whole = ClientFeed.whole(input, config);
        ClientFeed.Outcome chunked = ClientFeed.feed(input, chunks, config, pause);
        assertEquals(whole.events(), chunked.events());
        assertEquals(input.length, chunked.consumed());
    }

    @Property(shrinking = ShrinkingMode.OFF)
    void decoderOnArbitraryBytes(@ForAll @Size(max = 400) byte[] input, @ForAll("chunkSizes") int[] chunks,
            @ForAll("configs") ImapResponseDecoderConfig config, @ForAll boolean pause) {
        ClientFeed.Outcome whole = ClientFeed.whole(input, config);
        ClientFeed.Outcome chunked = ClientFeed.feed(input, chunks, config, pause);
        assertEquals(whole.events(), chunked.events());
    }

    @Property(shrinking = ShrinkingMode.OFF, tries = 3000)
    void decoderOnFragmentSoup(@ForAll("soup") byte[] input, @ForAll("chunkSizes") int[] chunks,
            @ForAll("configs") ImapResponseDecoderConfig config, @ForAll boolean pause) {
        ClientFeed.Outcome whole = ClientFeed.whole(input, config);
        ClientFeed.Outcome chunked = ClientFeed.feed(input, chunks, config, pause);
        assertEquals(whole.events(), chunked.events());
    }

    static final List<String> RESPONSES = List.of("* OK [CAPABILITY IMAP4rev1 IDLE] ready\r\n",
            "* 3 EXISTS\r\n", "* 0 RECENT\r\n", "* FLAGS (\\Seen \\Deleted)\r\n",
            "* OK [PERMANENTFLAGS (\\Seen \\*)] Limited\r\n", "* OK [UIDVALIDITY 3857529045] UIDs valid\r\n",
            "A1 OK [READ-WRITE] SELECT completed\r\n", "* LIST (\\Noselect) \"/\" {3}\r\nfoo\r\n",
            "* LIST () NIL \"Entw&APw-rfe\"\r\n", "* STATUS INBOX (MESSAGES 2 HIGHESTMODSEQ 9)\r\n",
            "* SEARCH 1 4 (MODSEQ 3)\r\n", "* ESEARCH (TAG \"A3\") UID ALL 1:9 COUNT 9\r\n",
            "* VANISHED (EARLIER) 1:3,7\r\n", "* 1 FETCH (UID 4 BODY[] {12}\r\nSubject: x\r\n FLAGS ())\r\n",
            "* 2 FETCH (BINARY[1] ~{3}\r\n\0\r\n BODY[HEADER.FIELDS ({4}\r\nFrom)] {0}\r\n)\r\n",
            "* 1 FETCH (BODY[TEXT]<5> \"abc\" BODY[1] NIL MODSEQ (4))\r\n", "+ go ahead\r\n", "+\r\n",
            "* BYE [ALERT] shutting down\r\n", "A2 NO [TRYCREATE] no\r\n", "* 5 EXPUNGE\r\n", "* ENABLED QRESYNC\r\n",
            "A3 OK [COPYUID 1 1:2 5:6] done\r\n", ImapResponseBodyStructureTest.DOVECOT,
            ImapResponseBodyStructureTest.RFC822_WIRE,
            "* 4 FETCH (ENVELOPE (NIL {5}\r\nhello ((NIL NIL \"g\" NIL)(NIL NIL NIL NIL)) NIL NIL NIL NIL NIL NIL"
                    + " \"<x@y>\") BODY (\"text\" \"plain\" NIL NIL NIL \"7bit\" 0 0))\r\n",
            "* 5 FETCH (BODY " + ImapResponseBodyStructureTest.nested(120) + ")\r\n",
            "* SORT 2 84 882 (MODSEQ 7)\r\n", "* THREAD (2)(3 6 (4 23)(44 7 96))((3)(5))\r\n", "* THREAD\r\n",
            "* NAMESPACE ((\"\" \"/\")(\"#mh/\" \"/\" \"X-PARAM\" (\"A\" \"B\"))) NIL (({6}\r\nPublic NIL))\r\n",
            "* ID (\"name\" \"Dovecot\" \"x\" NIL)\r\n", "* ID NIL\r\n",
            "* LIST () \"/\" Foo (\"CHILDINFO\" (\"SUBSCRIBED\") OLDNAME (Bar) X-Y (1 (a {2}\r\nbc)) X-Z 1:*)\r\n",
            "* 7 FETCH (RFC822 {4}\r\nab\r\n RFC822.HEADER \"x\" RFC822.TEXT NIL BINARY.SIZE[1] 9)\r\n",
            "* 8 FETCH (SAVEDATE NIL EMAILID (M1-a) THREADID NIL PREVIEW {2}\r\nhi)\r\n",
            "A4 NO [BADCHARSET (UTF-8 \"x y\")] no\r\n", "A5 OK [MAILBOXID (F1-x)] ok\r\n",
            "A6 NO [OVERQUOTA] full\r\n", "A7 NO [LIMIT too many] x\r\n",
            ImapResponseExtensionsTest.deepThread(120));

    @Provide
    Arbitrary<byte[]> transcripts() {
        return Arbitraries.of(RESPONSES).list().ofMinSize(1).ofMaxSize(8)
                .map(l -> String.join("", l).getBytes(StandardCharsets.UTF_8));
    }

    private static final List<String> FRAGMENTS = List.of("* ", "A1 ", "+", " ", "\r\n", "\r", "\n", "\0", "{", "}",
            "{0}\r\n", "{1}\r\n", "{3}\r\n", "~{2}\r\n", "{4+}\r\n", "{99999999999}\r\n", "(", ")", "[", "]", "<0>",
            "\"", "\\", "x", "1", "0", "4294967296", "9223372036854775808", "OK", "NO", "BYE", "FETCH", "BODY[]",
            "BODY[1.HEADER.FIELDS (a)]", "BINARY[1]", "UID", "FLAGS", "NIL", "LIST", "STATUS", "SEARCH", "ESEARCH",
            "VANISHED", "(EARLIER)", "MODSEQ", "EXISTS", "[ALERT]", "[UIDNEXT 4]", "&AOQ-", "\u00e4", "ENVELOPE",
            "BODYSTRUCTURE", "BODY ", "\"text\"", "\"message\" \"rfc822\"", "((", "))",
            "SORT", "THREAD", "NAMESPACE", "ID", "RFC822", "RFC822.TEXT", "BINARY.SIZE[1]", "SAVEDATE", "EMAILID",
            "THREADID", "PREVIEW", "(M1)", "(1 2 (3)(4))", "\"message\" \"global\"", "(\"CHILDINFO\" (\"SUBSCRIBED\"))",
            "[BADCHARSET (a)]", "[MAILBOXID (x)]",
            "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)", ImapResponseBodyStructureTest.LEAF, " \"mixed\"");

    @Provide
    Arbitrary<byte[]> soup() {
        return Arbitraries.of(FRAGMENTS).list().ofMaxSize(30)
                .map(l -> String.join("", l).getBytes(StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<int[]> chunkSizes() {
        return Arbitraries.integers().between(1, 40).array(int[].class).ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<ImapResponseDecoderConfig> configs() {
        ImapResponseDecoderConfig d = ImapResponseDecoderConfig.defaults();
        return Arbitraries.of(d, d.withMaxLine(30).withMaxResponse(60).withMaxLiteral(4).withMaxStreamedLiteral(8)
                .withMaxNestingDepth(1).withMaxListLength(2).withMaxResultLine(60).withMaxThreadNesting(2).withMaxThreadNodes(5));
    }

    // ------------------------------------------------------------ round trips

    record WithBodies(ImapResponse response, List<byte[]> bodies) {
    }

    @Property(shrinking = ShrinkingMode.OFF, tries = 1500)
    void encodedResponsesDecodeToThemselves(@ForAll("responses") WithBodies r, @ForAll("chunkSizes") int[] chunks,
            @ForAll boolean pause) {
        byte[] wire = ImapResponseEncoder.encode(r.response(), r.bodies());
        ClientFeed.Outcome o = ClientFeed.feed(wire, chunks, ImapResponseDecoderConfig.defaults(), pause);
        assertEquals(List.of(r.response()), o.responses(), o.events().toString());
        assertEquals(r.bodies().size(), o.bodies().size());
        for (int i = 0; i < r.bodies().size(); i++) {
            assertArrayEquals(r.bodies().get(i), o.bodies().get(i));
        }
    }

    @Provide
    Arbitrary<WithBodies> responses() {
        return Arbitraries.oneOf(simple().map(x -> new WithBodies(x, List.of())), fetches());
    }

    private Arbitrary<ImapResponse> simple() {
        Arbitrary<String> text = text();
        Arbitrary<Optional<ResponseCode>> code = codes().optional();
        return Arbitraries.oneOf(
                text.map(ImapResponse.Continuation::new),
                Combinators.combine(tags(), Arbitraries.of(Status.OK, Status.NO, Status.BAD), code, text)
                        .as((t, s, c, x) -> c.isEmpty() && x.startsWith("[") ? new ImapResponse.Continuation(x)
                                : new ImapResponse.Tagged(t, s, c, x)),
                Combinators.combine(Arbitraries.of(Status.values()), code, text)
                        .as((s, c, x) -> c.isEmpty() && x.startsWith("[") ? new ImapResponse.Continuation(x)
                                : new ImapResponse.UntaggedStatus(s, c, x)),
                atoms().list().ofMinSize(1).ofMaxSize(5).map(ImapResponse.Capability::new),
                atoms().list().ofMaxSize(3).map(ImapResponse.Enabled::new),
                flags().list().ofMaxSize(5).map(ImapResponse.Flags::new),
                n32().map(ImapResponse.Exists::new),
                n32().map(ImapResponse.Recent::new),
                nz32().map(ImapResponse.Expunge::new),
                Combinators.combine(Arbitraries.of(true, false),
                        atoms().map(a -> "\\" + a).list().ofMaxSize(3),
                        Arbitraries.chars().range(' ', '~').optional(), mailboxes())
                        .as(ImapResponse.ListEntry::new),
                Combinators.combine(mailboxes(), Arbitraries.of(StatusItem.values()).list().ofMaxSize(8),
                        Arbitraries.longs().between(0, Long.MAX_VALUE), n32(), Arbitraries.of(true, false))
                        .as((m, items, big, small, appendLimitNil) -> {
                            Map<StatusItem, Long> map = new LinkedHashMap<>();
                            Set<StatusItem> nil = EnumSet.noneOf(StatusItem.class);
                            for (StatusItem i : items) {
                                if (i == StatusItem.APPENDLIMIT && appendLimitNil) {
                                    nil.add(i); // RFC 7889: no limit on this mailbox
                                } else {
                                    map.put(i, i == StatusItem.HIGHESTMODSEQ || i == StatusItem.SIZE ? big : small);
                                }
                            }
                            return new ImapResponse.MailboxStatus(m, map, nil);
                        }),
                Combinators.combine(nz32().list().ofMaxSize(6), modSeqs().optional())
                        .as((l, m) -> new ImapResponse.Search(l, m.map(OptionalLong::of).orElse(OptionalLong.empty()))),
                Combinators.combine(tags().optional(), Arbitraries.of(true, false), optLong(nz32()), optLong(nz32()),
                        optLong(n32()), sets().optional(), optLong(modSeqs()))
                        .as(ImapResponse.Esearch::new),
                Combinators.combine(Arbitraries.of(true, false), sets()).as(ImapResponse.Vanished::new),
                Combinators.combine(nz32().list().ofMaxSize(6), modSeqs().optional())
                        .as((l, m) -> new ImapResponse.Sort(l, m.map(OptionalLong::of).orElse(OptionalLong.empty()))),
                threadNode(3).list().ofMaxSize(4).map(ImapResponse.Threads::new),
                Combinators.combine(namespaces(), namespaces(), namespaces()).as(ImapResponse.Namespace::new),
                idParameters().map(ImapResponse.Id::new),
                Combinators.combine(Arbitraries.of(true, false), atoms().map(a -> "\\" + a).list().ofMaxSize(2),
                        Arbitraries.chars().range(' ', '~').optional(), mailboxes(), listExtended().list().ofMaxSize(3))
                        .as(ImapResponse.ListEntry::new));
    }

    /** Thread lists up to {@code depth} branch points deep, in the shapes the grammar allows. */
    private Arbitrary<ThreadNode> threadNode(int depth) {
        Arbitrary<ThreadNode> chain = nz32().list().ofMinSize(1).ofMaxSize(3).map(l -> new ThreadNode(l, List.of()));
        if (depth == 0) {
            return chain;
        }
        Arbitrary<ThreadNode> branched = Combinators.combine(nz32().list().ofMaxSize(2),
                threadNode(depth - 1).list().ofMinSize(2).ofMaxSize(3)).as(ThreadNode::new);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(2, chain), net.jqwik.api.Tuple.of(1, branched));
    }

    private Arbitrary<List<NamespaceDescriptor>> namespaces() {
        Arbitrary<Map<String, List<String>>> extensions = Combinators.combine(nonNilStrings(),
                nonNilStrings().list().ofMinSize(1).ofMaxSize(2)).as(Map::entry).list().ofMaxSize(2).map(l -> {
                    Map<String, List<String>> m = new LinkedHashMap<>();
                    l.forEach(e -> m.put(e.getKey(), e.getValue()));
                    return m;
                });
        return Combinators.combine(nonNilStrings(), Arbitraries.chars().range(' ', '~').optional(), extensions)
                .as(NamespaceDescriptor::new).list().ofMaxSize(2);
    }

    private Arbitrary<Map<String, String>> idParameters() {
        return Combinators.combine(nonNilStrings(), nstrings()).as(java.util.AbstractMap.SimpleEntry::new).list().ofMaxSize(4).map(l -> {
            Map<String, String> m = new LinkedHashMap<>();
            l.forEach(e -> m.put(e.getKey(), e.getValue()));
            return m;
        });
    }

    private Arbitrary<ListExtendedItem> listExtended() {
        Arbitrary<String> option = Arbitraries.strings().withCharRange(' ', '~').withChars('\u00fc').ofMinLength(1)
                .ofMaxLength(8);
        return Arbitraries.oneOf(option.list().ofMinSize(1).ofMaxSize(2).map(ListExtendedItem.ChildInfo::new),
                mailboxes().map(ListExtendedItem.OldName::new),
                Combinators.combine(atoms().map(a -> "X-" + a), taggedExtValue(2)).as(ListExtendedItem.Other::new));
    }

    private Arbitrary<TaggedExtValue> taggedExtValue(int depth) {
        Arbitrary<TaggedExtValue> text = Arbitraries.oneOf(nonNilStrings(), Arbitraries.of("1:5,7", "*", "$", "42",
                "NIL")).map(TaggedExtValue.Text::new);
        if (depth == 0) {
            return text;
        }
        return Arbitraries.oneOf(text, taggedExtValue(depth - 1).list().ofMaxSize(3).map(TaggedExtValue.Items::new));
    }

    private static Arbitrary<String> nonNilStrings() {
        return Arbitraries.strings().withCharRange(' ', '~').withChars('\u00fc', '\u00df', '"', '\\', '\r', '\n')
                .ofMaxLength(8);
    }

    private static Arbitrary<OptionalLong> optLong(Arbitrary<Long> a) {
        return a.optional().map(o -> o.map(OptionalLong::of).orElse(OptionalLong.empty()));
    }

    /** Strings for ENVELOPE and BODY fields: quotes, backslashes, 8-bit and CRLF (sent as literals), or NIL. */
    private static Arbitrary<String> nstrings() {
        return Arbitraries.strings().withCharRange(' ', '~').withChars('\u00fc', '\u00df', '"', '\\', '\r', '\n')
                .ofMaxLength(8).injectNull(0.2);
    }

    private static Arbitrary<Address> addresses() {
        return Combinators.combine(nstrings(), nstrings(), nstrings(), nstrings()).as(Address::new);
    }

    private static Arbitrary<FetchItem.Envelope> envelopes() {
        Arbitrary<List<Address>> list = addresses().list().ofMaxSize(2);
        return Combinators.combine(nstrings(), nstrings(), list, list, list, list, list, list)
                .as((d, s, a, b, c, e, f, g) -> new FetchItem.Envelope(d, s, a, b, c, e, f, g, s, d));
    }

    private static Arbitrary<BodyPart> leaves() {
        return Combinators.combine(Arbitraries.of("text", "application", "IMAGE"), nstrings(), nstrings(),
                nstrings(), Arbitraries.longs().between(0, SequenceSet.MAX_NUMBER))
                .as((type, sub, value, id, size) -> new BodyPart.SinglePart(type, sub == null ? "x" : sub,
                        value == null ? Map.of() : Map.of("name", value), id, value, "base64", size,
                        type.equals("text") ? OptionalLong.of(size) : OptionalLong.empty(), Optional.empty(),
                        Optional.empty(), 0, null, null, null, null, null));
    }

    private Arbitrary<WithBodies> fetches() {
        Arbitrary<Object[]> item = Arbitraries.oneOf(
                Arbitraries.of(ImapResponseBodyStructureTest.SAMPLES).map(i -> new Object[] {i}),
                envelopes().map(e -> new Object[] {e}),
                Combinators.combine(envelopes(), leaves(), Arbitraries.longs().between(0, Long.MAX_VALUE),
                        Arbitraries.of("GLOBAL", "rfc822", "Global"))
                        .as((e, leaf, lines, sub) -> new Object[] {new FetchItem.BodyStructure(new BodyPart.SinglePart(
                                "message", sub, Map.of(), null, null, "8bit", 12, OptionalLong.of(lines),
                                Optional.of(e), Optional.of(leaf), 0, null, null, null, null, null), false)}),
                Combinators.combine(leaves().list().ofMinSize(1).ofMaxSize(3), nstrings(), Arbitraries.of(true, false))
                        .as((parts, sub, one) -> new Object[] {new FetchItem.BodyStructure(one ? parts.get(0)
                                : new BodyPart.MultiPart(parts, sub == null ? "mixed" : sub, 0, null, null, null,
                                        null, null), false)}),
                flags().list().ofMaxSize(3).map(f -> new Object[] {new FetchItem.Flags(f)}),
                nz32().map(u -> new Object[] {new FetchItem.Uid(u)}),
                Arbitraries.longs().between(0, Long.MAX_VALUE).map(s -> new Object[] {new FetchItem.Rfc822Size(s)}),
                modSeqs().map(m -> new Object[] {new FetchItem.ModSeq(m)}),
                Combinators.combine(Arbitraries.of(FetchItem.Rfc822.Part.values()),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(40), Arbitraries.of(true, false))
                        .as((part, content, nil) -> nil ? new Object[] {new FetchItem.Rfc822(part, 0, true)}
                                : new Object[] {new FetchItem.Rfc822(part, content.length, false), content}),
                Combinators.combine(Arbitraries.longs().between(1, 30).list().ofMaxSize(3), n32())
                        .as((p, n) -> new Object[] {new FetchItem.BinarySize(p, n)}),
                Arbitraries.longs().between(0, 4_000_000_000L).optional().map(s -> new Object[] {new FetchItem.SaveDate(
                        s.map(x -> new ImapDateTime(OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(-5))
                                .plusSeconds(x))))}),
                objectIds().map(i -> new Object[] {new FetchItem.EmailId(i)}),
                objectIds().optional().map(i -> new Object[] {new FetchItem.ThreadId(i)}),
                nstrings().map(p -> new Object[] {new FetchItem.Preview(Optional.ofNullable(p))}),
                Arbitraries.longs().between(0, 4_000_000_000L).map(s -> new Object[] {new FetchItem.InternalDate(
                        new ImapDateTime(OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(2))
                                .plusSeconds(s)))}),
                Combinators.combine(Arbitraries.of(true, false), sections(), optLong(n32()),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(40), Arbitraries.of(true, false))
                        .as((binary, section, origin, content, nil) -> {
                            Section s = binary ? new Section(section.part(), Section.Text.NONE, List.of()) : section;
                            return nil ? new Object[] {new FetchItem.Body(binary, s, origin, 0, true)}
                                    : new Object[] {new FetchItem.Body(binary, s, origin, content.length, false),
                                            content};
                        }));
        return Combinators.combine(nz32(), item.list().ofMinSize(1).ofMaxSize(5)).as((seq, items) -> {
            List<FetchItem> list = new ArrayList<>();
            List<byte[]> bodies = new ArrayList<>();
            for (Object[] i : items) {
                list.add((FetchItem) i[0]);
                if (i.length > 1) {
                    bodies.add((byte[]) i[1]);
                }
            }
            return new WithBodies(new ImapResponse.Fetch(seq, list), bodies);
        });
    }

    private static Arbitrary<String> objectIds() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
                .withChars('_', '-').ofMinLength(1).ofMaxLength(20);
    }

    private Arbitrary<Section> sections() {
        Arbitrary<List<Long>> parts = Arbitraries.longs().between(1, 30).list().ofMaxSize(3);
        Arbitrary<List<String>> fields = Arbitraries.strings().withCharRange('!', '~').withChars(' ', 'ä')
                .ofMinLength(1).ofMaxLength(8).list().ofMinSize(1).ofMaxSize(3);
        return Combinators.combine(parts, Arbitraries.of(Section.Text.values()), fields).as((p, t, f) -> {
            if (t == Section.Text.MIME && p.isEmpty()) {
                t = Section.Text.TEXT;
            }
            boolean hasFields = t == Section.Text.HEADER_FIELDS || t == Section.Text.HEADER_FIELDS_NOT;
            return new Section(p, t, hasFields ? f : List.of());
        });
    }

    private Arbitrary<ResponseCode> codes() {
        return Arbitraries.oneOf(Arbitraries.of(ResponseCode.Simple.values()),
                nz32().map(ResponseCode.UidNext::new), nz32().map(ResponseCode.UidValidity::new),
                nz32().map(ResponseCode.Unseen::new),
                Combinators.combine(flags().list().ofMaxSize(3), Arbitraries.of(true, false)).as((f, star) -> {
                    List<String> l = new ArrayList<>(f.stream().map(Flag::name).toList());
                    if (star) {
                        l.add("\\*");
                    }
                    return new ResponseCode.PermanentFlags(l);
                }),
                atoms().list().ofMinSize(1).ofMaxSize(4).map(ResponseCode.Capability::new),
                Combinators.combine(nz32(), sets()).as(ResponseCode.AppendUid::new),
                Combinators.combine(nz32(), sets(), sets()).as(ResponseCode.CopyUid::new),
                modSeqs().map(ResponseCode.HighestModSeq::new), sets().map(ResponseCode.Modified::new),
                Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(8).list().ofMaxSize(3)
                        .map(ResponseCode.BadCharset::new),
                objectIds().map(ResponseCode.MailboxId::new),
                Combinators.combine(Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(8)
                        .map(s -> "X" + s), Arbitraries.strings().withCharRange(' ', '\\').withChars('^', 'é')
                        .ofMinLength(1).ofMaxLength(10).optional()).as(ResponseCode.Other::new));
    }

    private Arbitrary<String> text() {
        return Arbitraries.strings().withCharRange(' ', '~').withChars('ä', '€', '台').ofMaxLength(20);
    }

    private Arbitrary<String> atoms() {
        return Arbitraries.strings().withCharRange('A', 'Z').withChars('=', '-', '.', '1', '+').ofMinLength(1)
                .ofMaxLength(8);
    }

    private Arbitrary<Tag> tags() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars('0', '9', '.').ofMinLength(1).ofMaxLength(6)
                .map(Tag::of);
    }

    private Arbitrary<Flag> flags() {
        return Arbitraries.oneOf(Arbitraries.of(Flag.SEEN, Flag.ANSWERED, Flag.RECENT, Flag.DRAFT),
                atoms().map(Flag::of), atoms().map(a -> Flag.of("\\" + a)));
    }

    private Arbitrary<MailboxName> mailboxes() {
        return Arbitraries.strings().withCharRange(' ', '~').withChars('ä', '台', '&').ofMaxLength(12)
                .map(MailboxName::of);
    }

    private Arbitrary<SequenceSet> sets() {
        Arbitrary<SequenceSet.Range> range = Combinators.combine(nz32(), nz32()).as(SequenceSet.Range::new);
        return range.list().ofMinSize(1).ofMaxSize(4)
                .map(l -> new SequenceSet(l, false));
    }

    private Arbitrary<Long> nz32() {
        return Arbitraries.oneOf(Arbitraries.longs().between(1, 100), Arbitraries.longs().between(1, SequenceSet.MAX_NUMBER));
    }

    private Arbitrary<Long> n32() {
        return Arbitraries.longs().between(0, SequenceSet.MAX_NUMBER);
    }

    private Arbitrary<Long> modSeqs() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, 100), Arbitraries.longs().between(0, Long.MAX_VALUE));
    }
}
