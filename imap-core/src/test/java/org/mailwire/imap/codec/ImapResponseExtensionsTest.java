package org.mailwire.imap.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mailwire.imap.codec.ImapResponseDecoderTest.code;
import static org.mailwire.imap.codec.ImapResponseDecoderTest.one;
import static org.mailwire.imap.codec.ImapResponseDecoderTest.violation;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.mailwire.imap.BodyPart;
import org.mailwire.imap.FetchItem;
import org.mailwire.imap.ImapDateTime;
import org.mailwire.imap.ImapResponse;
import org.mailwire.imap.ListExtendedItem;
import org.mailwire.imap.MailboxName;
import org.mailwire.imap.NamespaceDescriptor;
import org.mailwire.imap.ResponseCode;
import org.mailwire.imap.Section;
import org.mailwire.imap.TaggedExtValue;
import org.mailwire.imap.ThreadNode;
import org.mailwire.imap.codec.ImapResponseViolation.Kind;

/**
 * SORT, THREAD, NAMESPACE, ID, LIST extended data, the FETCH items of RFC 3501 RFC822.*, RFC 3516,
 * RFC 8474, RFC 8514 and RFC 8970, message/global, and the response codes of RFC 9051 §7.1 and
 * its neighbours: decoding hard cases, and encoding back.
 */
class ImapResponseExtensionsTest {

    private static final ImapResponseDecoderConfig DEFAULTS = ImapResponseDecoderConfig.defaults();

    private static void roundTrip(ImapResponse r) {
        assertEquals(r, one(new String(ImapResponseEncoder.encode(r), StandardCharsets.UTF_8)));
    }

    private static ThreadNode node(List<Long> messages, ThreadNode... children) {
        return new ThreadNode(messages, List.of(children));
    }

    // ------------------------------------------------------------ SORT

    @Test
    void sort() {
        assertEquals(new ImapResponse.Sort(List.of(2L, 84L, 882L), OptionalLong.empty()), one("* SORT 2 84 882\r\n"));
        assertEquals(new ImapResponse.Sort(List.of(), OptionalLong.empty()), one("* SORT\r\n"));
        assertEquals(new ImapResponse.Sort(List.of(5L, 3L), OptionalLong.of(917162500L)),
                one("* SORT 5 3 (MODSEQ 917162500)\r\n"));
        assertEquals(Kind.SYNTAX_ERROR, violation("* SORT 0\r\n"));
        assertEquals(Kind.SYNTAX_ERROR, violation("* SORT 1  2\r\n"));
        assertEquals(Kind.SYNTAX_ERROR, violation("* SORT 1 (MODSEQ 2) 3\r\n"));
        assertEquals("* SORT 2 84 882 (MODSEQ 9)\r\n", new String(ImapResponseEncoder.encode(
                new ImapResponse.Sort(List.of(2L, 84L, 882L), OptionalLong.of(9))), StandardCharsets.US_ASCII));
    }

    // ------------------------------------------------------------ THREAD

    @Test
    void threadOfRfc5256() {
        ImapResponse.Threads t = (ImapResponse.Threads) one("* THREAD (2)(3 6 (4 23)(44 7 96))\r\n");
        assertEquals(List.of(ThreadNode.chain(2), node(List.of(3L, 6L), ThreadNode.chain(4, 23),
                ThreadNode.chain(44, 7, 96))), t.threads());
        // a missing parent: siblings 3 and 5 under no message
        assertEquals(new ImapResponse.Threads(List.of(node(List.of(), ThreadNode.chain(3), ThreadNode.chain(5)))),
                one("* THREAD ((3)(5))\r\n"));
        // a missing parent below a message, beside a real branch
        assertEquals(new ImapResponse.Threads(List.of(node(List.of(1L), node(List.of(), ThreadNode.chain(2),
                ThreadNode.chain(3)), ThreadNode.chain(4)))), one("* THREAD (1 ((2)(3))(4))\r\n"));
        assertEquals(new ImapResponse.Threads(List.of()), one("* THREAD\r\n"));
        ImapResponse.Threads rfc = (ImapResponse.Threads) one("* THREAD (166)(167)(168)(169)(172)(170)(171)"
                + "(173)(174 (175)(176)(178)(181)(180))(179)(177 (183)(182)(188)(184)(185)(186)(187)(189))(190)"
                + "(191)(192)(193)(194 195)(196 (197)(198))(199)(200 202)(201)(203)(204)(205)(206 207)(208)\r\n");
        assertEquals(25, rfc.threads().size());
        assertEquals(5, rfc.threads().get(8).children().size());
        roundTrip(rfc);
        roundTrip(t);
    }

    @Test
    void threadShapesOutsideTheGrammarAreRefused() {
        for (String bad : List.of("* THREAD (1 (2))", "* THREAD ()", "* THREAD (1)(", "* THREAD (1) (2)",
                "* THREAD (1 )", "* THREAD ((1)(2) 3)", "* THREAD (1(2)(3))", "* THREAD (1 2", "* THREAD x",
                "* THREAD  ", "* THREAD (0)", "* THREAD (1  2)", "* THREAD (1 (2)(3) )", "* THREAD (1)x",
                "* THREAD ((1))")) {
            assertEquals(Kind.SYNTAX_ERROR, violation(bad + "\r\n"), bad);
        }
        // "* THREAD " alone is Dovecot's empty answer, taken as such (ImapResponseDecoderTest)
    }

    /** A valid THREAD whose branches nest {@code depth} deep. */
    static String deepThread(int depth) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < depth - 1; i++) {
            b.append("(1 ");
        }
        b.append("(1)");
        for (int i = 0; i < depth - 1; i++) {
            b.append("(2))");
        }
        return "* THREAD " + b + "\r\n";
    }

    @Test
    void threadNestingCapBothSides() {
        ImapResponseDecoderConfig c = DEFAULTS.withMaxThreadNesting(5);
        ClientFeed.Outcome ok = ClientFeed.whole(deepThread(5).getBytes(StandardCharsets.US_ASCII), c);
        assertEquals(1, ok.responses().size(), ok.events().toString());
        assertEquals(Kind.THREAD_TOO_DEEP, violation(c, deepThread(6)));
        // the default, and a hostile nesting far beyond it, refused without exhausting the stack
        assertEquals(1, ClientFeed.whole(deepThread(100).getBytes(StandardCharsets.US_ASCII), DEFAULTS)
                .responses().size());
        assertEquals(Kind.THREAD_TOO_DEEP, violation(deepThread(101)));
        assertEquals(Kind.THREAD_TOO_DEEP, violation("* THREAD " + "(".repeat(200_000) + "\r\n"));
    }

    @Test
    void threadNodeCapBothSides() {
        ImapResponseDecoderConfig c = DEFAULTS.withMaxThreadNodes(10);
        // five lists and five messages
        ClientFeed.Outcome ok = ClientFeed.whole("* THREAD (1)(2)(3)(4 5)\r\n".getBytes(StandardCharsets.US_ASCII), c);
        assertEquals(1, ok.responses().size(), ok.events().toString());
        assertEquals(Kind.TOO_MANY_THREAD_NODES, violation(c, "* THREAD (1)(2)(3)(4)(5)(6)\r\n"));
        assertEquals(Kind.TOO_MANY_THREAD_NODES, violation(c, "* THREAD (1 2 3 4 5 6 7 8 9 10)\r\n"));
    }

    @Test
    void aLongReplyChainIsOneLevel() {
        StringBuilder b = new StringBuilder("* THREAD (");
        long[] chain = new long[50_000];
        for (int i = 0; i < chain.length; i++) {
            chain[i] = i + 1;
            b.append(i == 0 ? "" : " ").append(i + 1);
        }
        b.append(")\r\n");
        ClientFeed.Outcome o = ClientFeed.whole(b.toString().getBytes(StandardCharsets.US_ASCII),
                DEFAULTS.withMaxThreadNesting(1));
        assertEquals(List.of(new ImapResponse.Threads(List.of(ThreadNode.chain(chain)))), o.responses());
    }

    // ------------------------------------------------------------ NAMESPACE

    @Test
    void namespace() {
        NamespaceDescriptor root = new NamespaceDescriptor("", Optional.of('/'));
        assertEquals(new ImapResponse.Namespace(List.of(root), List.of(), List.of()),
                one("* NAMESPACE ((\"\" \"/\")) NIL NIL\r\n"));
        assertEquals(new ImapResponse.Namespace(List.of(new NamespaceDescriptor("INBOX.", Optional.of('.'))),
                List.of(new NamespaceDescriptor("user.", Optional.of('.'))),
                List.of(new NamespaceDescriptor("public.", Optional.of('.')))),
                one("* NAMESPACE ((\"INBOX.\" \".\")) ((\"user.\" \".\")) ((\"public.\" \".\"))\r\n"));
        Map<String, List<String>> ext = new LinkedHashMap<>();
        ext.put("X-PARAM", List.of("FLAG1", "FLAG2"));
        ext.put("X-2", List.of("a"));
        ImapResponse r = one("* NAMESPACE ((\"\" \"/\")(\"#mh/\" \"/\" \"X-PARAM\" (\"FLAG1\" \"FLAG2\") \"X-2\" (\"a\")))"
                + " ((\"~\" NIL)) (({6}\r\nPublic \"\\\\\"))\r\n");
        assertEquals(new ImapResponse.Namespace(List.of(root, new NamespaceDescriptor("#mh/", Optional.of('/'), ext)),
                List.of(new NamespaceDescriptor("~", Optional.empty())),
                List.of(new NamespaceDescriptor("Public", Optional.of('\\')))), r);
        roundTrip(r);
        for (String bad : List.of("* NAMESPACE () NIL NIL", "* NAMESPACE ((\"\" \"//\")) NIL NIL",
                "* NAMESPACE NIL NIL", "* NAMESPACE ((\"\" \"/\") (\"x\" \"/\")) NIL NIL",
                "* NAMESPACE ((\"\" \"/\" \"X\" ())) NIL NIL", "* NAMESPACE ((\"\" \"/\" \"X\")) NIL NIL",
                "* NAMESPACE ((\"\" \"/\" \"X\" (\"a\") \"X\" (\"b\"))) NIL NIL", "* NAMESPACE ((NIL \"/\")) NIL NIL")) {
            assertEquals(Kind.SYNTAX_ERROR, violation(bad + "\r\n"), bad);
        }
    }

    // ------------------------------------------------------------ ID

    @Test
    void id() {
        Map<String, String> cyrus = new LinkedHashMap<>();
        cyrus.put("name", "Cyrus");
        cyrus.put("version", "1.5");
        cyrus.put("os", "sunos");
        cyrus.put("support-url", "mailto:cyrus-bugs+@andrew.cmu.edu");
        ImapResponse r = one("* ID (\"name\" \"Cyrus\" \"version\" \"1.5\" \"os\" \"sunos\" \"support-url\""
                + " \"mailto:cyrus-bugs+@andrew.cmu.edu\")\r\n");
        assertEquals(new ImapResponse.Id(cyrus), r);
        assertEquals(List.of("name", "version", "os", "support-url"),
                new ArrayList<>(((ImapResponse.Id) r).parameters().keySet()));
        roundTrip(r);
        assertEquals(new ImapResponse.Id(Map.of()), one("* ID NIL\r\n"));
        assertEquals(new ImapResponse.Id(Map.of()), one("* ID ()\r\n"));
        Map<String, String> nil = new HashMap<>();
        nil.put("name", null);
        nil.put("x", "");
        ImapResponse withNil = one("* ID (\"name\" NIL \"x\" \"\")\r\n");
        assertEquals(new ImapResponse.Id(nil), withNil);
        roundTrip(withNil);
        assertEquals("* ID NIL\r\n", new String(ImapResponseEncoder.encode(new ImapResponse.Id(Map.of())),
                StandardCharsets.US_ASCII));
        for (String bad : List.of("* ID (NIL \"x\")", "* ID (\"a\")", "* ID", "* ID (\"a\" \"b\" )",
                "* ID (\"a\"  \"b\")")) {
            assertEquals(Kind.SYNTAX_ERROR, violation(bad + "\r\n"), bad);
        }
    }

    // ------------------------------------------------------------ LIST extended data

    @Test
    void listExtendedData() {
        MailboxName foo = MailboxName.of("Foo");
        assertEquals(new ImapResponse.ListEntry(false, List.of(), Optional.of('/'), foo,
                List.of(new ListExtendedItem.ChildInfo(List.of("SUBSCRIBED")))),
                one("* LIST () \"/\" \"Foo\" (\"CHILDINFO\" (\"SUBSCRIBED\"))\r\n"));
        assertEquals(new ImapResponse.ListEntry(false, List.of("\\Subscribed"), Optional.of('/'),
                MailboxName.of("NewName"), List.of(new ListExtendedItem.OldName(MailboxName.of("Old Name")))),
                one("* LIST (\\Subscribed) \"/\" NewName (oldname (\"Old Name\"))\r\n"));
        ImapResponse unknown = one("* LIST () \"/\" INBOX (\"X-FOO\" (1 \"two\" (3 (four))) X-BAR 1:5,7 \"X-BAZ\" ()"
                + " X-Q \"quoted\")\r\n");
        TaggedExtValue four = new TaggedExtValue.Items(List.of(new TaggedExtValue.Text("four")));
        TaggedExtValue inner = new TaggedExtValue.Items(List.of(new TaggedExtValue.Text("3"), four));
        TaggedExtValue fooValue = new TaggedExtValue.Items(List.of(new TaggedExtValue.Text("1"),
                new TaggedExtValue.Text("two"), inner));
        assertEquals(new ImapResponse.ListEntry(false, List.of(), Optional.of('/'), MailboxName.INBOX, List.of(
                new ListExtendedItem.Other("X-FOO", fooValue),
                new ListExtendedItem.Other("X-BAR", new TaggedExtValue.Text("1:5,7")),
                new ListExtendedItem.Other("X-BAZ", new TaggedExtValue.Items(List.of())),
                new ListExtendedItem.Other("X-Q", new TaggedExtValue.Text("quoted")))), unknown);
        roundTrip(unknown);
        assertEquals(new ImapResponse.ListEntry(false, List.of(), Optional.of('/'), MailboxName.INBOX),
                one("* LIST () \"/\" INBOX ()\r\n"));
        roundTrip(new ImapResponse.ListEntry(true, List.of(), Optional.empty(), foo,
                List.of(new ListExtendedItem.ChildInfo(List.of("SUBSCRIBED", "X opt")),
                        new ListExtendedItem.OldName(MailboxName.of("Grüße")))));
        for (String bad : List.of("* LIST () \"/\" INBOX (CHILDINFO)", "* LIST () \"/\" INBOX (CHILDINFO ())",
                "* LIST () \"/\" INBOX (X 1 )", "* LIST () \"/\" INBOX (OLDNAME (a b))", "* LIST () \"/\" INBOX x")) {
            assertEquals(Kind.SYNTAX_ERROR, violation(bad + "\r\n"), bad);
        }
        // extension values are lists like any other: bounded by maxNestingDepth
        assertEquals(Kind.TOO_DEEP, violation("* LIST () \"/\" INBOX (X " + "(".repeat(9) + "1" + ")".repeat(9)
                + ")\r\n"));
    }

    // ------------------------------------------------------------ FETCH items

    @Test
    void rfc822ItemsAreStreamedAndNamed() {
        ClientFeed.Outcome o = ClientFeed.whole(
                "* 1 FETCH (RFC822 {5}\r\nhello RFC822.HEADER \"ab\" RFC822.TEXT NIL UID 3)\r\n");
        assertEquals(List.of("rfc822Begin 1 WHOLE 5", "data 68656c6c6f", "bodyEnd", "rfc822Begin 1 HEADER 2",
                "data 6162", "bodyEnd"), o.events().subList(0, 6));
        assertEquals(new ImapResponse.Fetch(1, List.of(new FetchItem.Rfc822(FetchItem.Rfc822.Part.WHOLE, 5, false),
                new FetchItem.Rfc822(FetchItem.Rfc822.Part.HEADER, 2, false),
                new FetchItem.Rfc822(FetchItem.Rfc822.Part.TEXT, 0, true), new FetchItem.Uid(3))),
                o.responses().get(0));
        assertEquals(Kind.SYNTAX_ERROR, violation("* 1 FETCH (RFC822 ~{1}\r\nx)\r\n"));
        assertEquals(Kind.SYNTAX_ERROR, violation("* 1 FETCH (RFC822.MIME {1}\r\nx)\r\n"));
        // limits of streamed literals apply to these too
        assertEquals(Kind.LITERAL_TOO_BIG, violation(DEFAULTS.withMaxStreamedLiteral(4),
                "* 1 FETCH (RFC822.TEXT {5}\r\nhello)\r\n"));
    }

    @Test
    void aSinkThatDoesNotKnowRfc822SeesTheSameBodySection() {
        List<String> seen = new ArrayList<>();
        ImapClientSink sink = new ImapClientSink() {
            @Override
            public boolean response(ImapResponse response) {
                seen.add("response");
                return true;
            }

            @Override
            public boolean bodyBegin(long seq, boolean binary, Section section, OptionalLong origin, long size) {
                seen.add("body " + seq + " [" + section + "] " + size);
                return true;
            }

            @Override
            public boolean bodyData(ByteBuffer chunk) {
                return true;
            }

            @Override
            public boolean bodyEnd() {
                return true;
            }

            @Override
            public boolean violation(ImapResponseViolation violation) {
                seen.add("violation");
                return true;
            }
        };
        new ImapResponseDecoder(DEFAULTS).decode(ByteBuffer.wrap(
                "* 2 FETCH (RFC822.HEADER {1}\r\nx RFC822 \"y\")\r\n".getBytes(StandardCharsets.US_ASCII)), sink);
        assertEquals(List.of("body 2 [HEADER] 1", "body 2 [] 1", "response"), seen);
    }

    @Test
    void binarySizeSaveDateObjectIdsAndPreview() {
        assertEquals(new ImapResponse.Fetch(2, List.of(new FetchItem.BinarySize(List.of(1L, 2L), 345),
                new FetchItem.BinarySize(List.of(), 7))), one("* 2 FETCH (BINARY.SIZE[1.2] 345 BINARY.SIZE[] 7)\r\n"));
        ImapDateTime saved = new ImapDateTime(OffsetDateTime.of(1996, 7, 17, 2, 44, 25, 0, ZoneOffset.ofHours(-7)));
        ImapResponse r = one("* 3 FETCH (SAVEDATE \"17-Jul-1996 02:44:25 -0700\" EMAILID (M6d99ac3275bb4e)"
                + " THREADID (T64b478a75b7ea9) PREVIEW \"Hello\")\r\n");
        assertEquals(new ImapResponse.Fetch(3, List.of(new FetchItem.SaveDate(Optional.of(saved)),
                new FetchItem.EmailId("M6d99ac3275bb4e"), new FetchItem.ThreadId(Optional.of("T64b478a75b7ea9")),
                new FetchItem.Preview(Optional.of("Hello")))), r);
        roundTrip(r);
        ImapResponse nils = one("* 3 FETCH (SAVEDATE NIL THREADID NIL PREVIEW NIL)\r\n");
        assertEquals(new ImapResponse.Fetch(3, List.of(new FetchItem.SaveDate(Optional.empty()),
                new FetchItem.ThreadId(Optional.empty()), new FetchItem.Preview(Optional.empty()))), nils);
        roundTrip(nils);
        ImapResponse literal = one("* 4 FETCH (PREVIEW {11}\r\nGrüße\r\nab)\r\n");
        assertEquals(new ImapResponse.Fetch(4, List.of(new FetchItem.Preview(Optional.of("Grüße\r\nab")))), literal);
        roundTrip(literal);
        roundTrip(new ImapResponse.Fetch(4, List.of(new FetchItem.Preview(Optional.of("")))));
        for (String bad : List.of("* 1 FETCH (EMAILID ())", "* 1 FETCH (EMAILID (a b))", "* 1 FETCH (THREADID x)",
                "* 1 FETCH (EMAILID (" + "a".repeat(256) + "))", "* 1 FETCH (BINARY.SIZE[1] x)",
                "* 1 FETCH (BINARY.SIZE[1.TEXT] 4)", "* 1 FETCH (SAVEDATE \"yesterday\")", "* 1 FETCH (EMAILID M1)",
                "* 1 FETCH (BINARY.SIZE[0] 4)")) {
            assertEquals(Kind.SYNTAX_ERROR, violation(bad + "\r\n"), bad);
        }
        roundTrip(new ImapResponse.Fetch(1, List.of(new FetchItem.EmailId("a".repeat(255)))));
    }

    // ------------------------------------------------------------ message/global, lines

    @Test
    void messageGlobalIsParsedLikeRfc822() {
        ImapResponse r = one("* 1 FETCH (BODYSTRUCTURE (\"message\" \"global\" NIL NIL NIL \"8bit\" 100"
                + " (NIL \"s\" NIL NIL NIL NIL NIL NIL NIL NIL) (\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL"
                + " \"8bit\" 10 1 NIL NIL NIL NIL) 5 NIL NIL NIL NIL))\r\n");
        BodyPart.SinglePart p = (BodyPart.SinglePart) ((FetchItem.BodyStructure) ((ImapResponse.Fetch) r).items()
                .get(0)).part();
        assertEquals("s", p.envelope().orElseThrow().subject());
        assertEquals(OptionalLong.of(5), p.lines());
        assertEquals("plain", ((BodyPart.SinglePart) p.body().orElseThrow()).subtype());
        roundTrip(r);
        // body-fld-lines is number64 (RFC 9051)
        ImapResponse big = one("* 1 FETCH (BODY (\"text\" \"plain\" NIL NIL NIL \"7bit\" 0 9223372036854775807))\r\n");
        roundTrip(big);
        assertEquals(Kind.SYNTAX_ERROR,
                violation("* 1 FETCH (BODY (\"text\" \"plain\" NIL NIL NIL \"7bit\" 4294967296 1))\r\n"));
    }

    // ------------------------------------------------------------ response codes

    @Test
    void everySimpleCodeDecodesAndEncodes() {
        for (ResponseCode.Simple s : ResponseCode.Simple.values()) {
            assertEquals(s, code(s.wire()), s.wire());
            assertEquals(s, code(s.wire().toLowerCase(java.util.Locale.ROOT)), s.wire());
            roundTrip(new ImapResponse.Tagged(org.mailwire.imap.Tag.of("A1"), ImapResponse.Status.NO,
                    Optional.of(s), "x"));
        }
        assertTrue(ResponseCode.Simple.values().length >= 30);
    }

    @Test
    void badCharsetAndMailboxId() {
        assertEquals(new ResponseCode.BadCharset(List.of()), code("BADCHARSET"));
        assertEquals(new ResponseCode.BadCharset(List.of("UTF-8", "US-ASCII", "x y")),
                code("BADCHARSET (UTF-8 \"US-ASCII\" \"x y\")"));
        assertEquals(new ResponseCode.MailboxId("F2212ea87-6097-4256-9d51-71338625"),
                code("MAILBOXID (F2212ea87-6097-4256-9d51-71338625)"));
        for (ResponseCode c : List.of(new ResponseCode.BadCharset(List.of()),
                new ResponseCode.BadCharset(List.of("UTF-8", "a\"b", "x\\y z")), new ResponseCode.MailboxId("F-1_a"))) {
            roundTrip(new ImapResponse.Tagged(org.mailwire.imap.Tag.of("A1"), ImapResponse.Status.NO, Optional.of(c),
                    "x"));
        }
        for (String bad : List.of("A1 NO [BADCHARSET ()] x", "A1 NO [BADCHARSET (a] x", "A1 NO [MAILBOXID ()] x",
                "A1 NO [MAILBOXID F1] x", "A1 NO [MAILBOXID (a b)] x")) {
            assertEquals(Kind.SYNTAX_ERROR, violation(bad + "\r\n"), bad);
        }
    }

    // ------------------------------------------------------------ fuzz seeds

    /**
     * The seed transcripts of these responses are well formed: each decodes to the end without a
     * violation (their last four octets are the fuzz target's chunking and configuration).
     */
    @Test
    void seedTranscriptsDecodeCleanly() throws java.io.IOException {
        for (String seed : List.of("sort-thread", "namespace-id", "list-extended",
                "fetch-rfc822-objectid-preview", "codes-rfc9051", "search-past-line-limit")) {
            String path = "ImapResponseDecoderFuzzTestInputs/decodeResponses/" + seed;
            try (java.io.InputStream in = getClass().getResourceAsStream(path)) {
                byte[] all = in.readAllBytes();
                byte[] wire = java.util.Arrays.copyOf(all, all.length - 4);
                ClientFeed.Outcome o = ClientFeed.whole(wire, DEFAULTS);
                assertTrue(o.events().stream().noneMatch(e -> e.startsWith("violation")), seed + " " + o.events());
                assertTrue(o.responses().size() >= 2, seed);
            }
        }
        try (java.io.InputStream in = getClass().getResourceAsStream(
                "ImapResponseDecoderFuzzTestInputs/decodeResponses/thread-hostile")) {
            byte[] all = in.readAllBytes();
            ClientFeed.Outcome o = ClientFeed.whole(java.util.Arrays.copyOf(all, all.length - 4), DEFAULTS);
            assertEquals(List.of("violation " + Kind.THREAD_TOO_DEEP), o.events());
        }
    }
}
