package org.mailwire.imap.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mailwire.imap.codec.ImapResponseDecoderTest.one;
import static org.mailwire.imap.codec.ImapResponseDecoderTest.violation;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.mailwire.imap.Address;
import org.mailwire.imap.BodyPart;
import org.mailwire.imap.BodyPart.MultiPart;
import org.mailwire.imap.BodyPart.SinglePart;
import org.mailwire.imap.FetchItem;
import org.mailwire.imap.ImapResponse;
import org.mailwire.imap.codec.ImapResponseViolation.Kind;

/** ENVELOPE, BODY and BODYSTRUCTURE in FETCH responses: decoding, limits, encoding. */
class ImapResponseBodyStructureTest {

    private static final ImapResponseDecoderConfig DEFAULTS = ImapResponseDecoderConfig.defaults();

    static final String LEAF = "(\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 1)";

    static final String DOVECOT = "* 12 FETCH (UID 42 BODYSTRUCTURE ("
            + "((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"quoted-printable\" 1234 40 NIL NIL NIL NIL)"
            + "(\"text\" \"html\" (\"charset\" \"utf-8\") NIL NIL \"quoted-printable\" 5678 120 NIL NIL NIL NIL)"
            + " \"alternative\" (\"boundary\" \"b2\") NIL NIL NIL)"
            + "(\"application\" \"pdf\" (\"name\" \"report.pdf\") NIL NIL \"base64\" 90210 NIL"
            + " (\"attachment\" (\"filename\" \"report.pdf\" \"size\" \"65432\")) NIL NIL)"
            + "(\"image\" \"png\" NIL \"<img1@example.com>\" \"logo\" \"base64\" 4096 \"Q2hlY2s=\" (\"inline\" NIL)"
            + " (\"en\" \"de\") \"http://example.com/logo.png\" 7 (\"x\" (1 NIL)))"
            + " \"mixed\" (\"boundary\" \"b1\") NIL \"en\" NIL))\r\n";

    private static Map<String, String> map(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static SinglePart text(String subtype, long size, long lines) {
        return new SinglePart("text", subtype, map("charset", "utf-8"), null, null, "quoted-printable", size,
                OptionalLong.of(lines), Optional.empty(), Optional.empty(), 4, null, null, List.of(), null, List.of());
    }

    static final MultiPart DOVECOT_PART = new MultiPart(List.of(
            new MultiPart(List.of(text("plain", 1234, 40), text("html", 5678, 120)), "alternative", 4,
                    map("boundary", "b2"), null, List.of(), null, List.of()),
            new SinglePart("application", "pdf", map("name", "report.pdf"), null, null, "base64", 90210,
                    OptionalLong.empty(), Optional.empty(), Optional.empty(), 4, null,
                    new BodyPart.Disposition("attachment", map("filename", "report.pdf", "size", "65432")), List.of(),
                    null, List.of()),
            new SinglePart("image", "png", Map.of(), "<img1@example.com>", "logo", "base64", 4096,
                    OptionalLong.empty(), Optional.empty(), Optional.empty(), 4, "Q2hlY2s=",
                    new BodyPart.Disposition("inline", Map.of()), List.of("en", "de"), "http://example.com/logo.png",
                    List.of(new BodyPart.Num(7), new BodyPart.ListOf(List.of(new BodyPart.Str("x"),
                            new BodyPart.ListOf(List.of(new BodyPart.Num(1), new BodyPart.Str(null)))))))),
            "mixed", 4, map("boundary", "b1"), null, List.of("en"), null, List.of());

    static final FetchItem.Envelope INNER_ENVELOPE = new FetchItem.Envelope("Mon, 7 Feb 1994 21:52:25 -0800",
            "Fwd: hello", List.of(new Address("Fred Foobar", null, "foobar", "blurdybloop.example")), List.of(),
            List.of(), List.of(new Address(null, null, "mooch", "owatagu.example")), List.of(), List.of(), null,
            "<B27397-0100000@cac.washington.example>");

    static final SinglePart RFC822 = new SinglePart("MESSAGE", "RFC822", Map.of(), null, null, "7BIT", 500,
            OptionalLong.of(15), Optional.of(INNER_ENVELOPE),
            Optional.of(new SinglePart("TEXT", "PLAIN", map("CHARSET", "US-ASCII"), null, null, "7BIT", 20,
                    OptionalLong.of(2), Optional.empty(), Optional.empty(), 0, null, null, List.of(), null,
                    List.of())),
            0, null, null, List.of(), null, List.of());

    static final String RFC822_WIRE = "* 3 FETCH (BODY (\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" 500"
            + " (\"Mon, 7 Feb 1994 21:52:25 -0800\" \"Fwd: hello\" ((\"Fred Foobar\" NIL \"foobar\""
            + " \"blurdybloop.example\")) NIL NIL ((NIL NIL \"mooch\" \"owatagu.example\")) NIL NIL NIL"
            + " \"<B27397-0100000@cac.washington.example>\")"
            + " (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 20 2) 15))\r\n";

    static final FetchItem.Envelope NIL_ENVELOPE = new FetchItem.Envelope(null, null, List.of(), List.of(),
            List.of(), List.of(), List.of(), List.of(), null, null);

    /** Hand-built items for round trips (also used by the properties). */
    static final List<FetchItem> SAMPLES = List.of(new FetchItem.BodyStructure(DOVECOT_PART, true),
            new FetchItem.BodyStructure(RFC822, false), NIL_ENVELOPE, INNER_ENVELOPE,
            new FetchItem.Envelope(null, "Gr\u00fc\u00dfe \"quoted\" \\ back", List.of(
                    new Address(null, null, "undisclosed-recipients", null), new Address(null, null, null, null)),
                    List.of(), List.of(), List.of(), List.of(), List.of(), "line\r\nbreak", null),
            new FetchItem.BodyStructure(new SinglePart("application", "octet-stream", Map.of(), null, null,
                    "base64", 0, OptionalLong.empty(), Optional.empty(), Optional.empty(), 1, null, null,
                    List.of(), null, List.of()), true));

    private static FetchItem item(String wire, int index) {
        return ((ImapResponse.Fetch) one(wire)).items().get(index);
    }

    // ------------------------------------------------------------ decoding

    @Test
    void dovecotMultipartAlternativeInsideMixed() {
        ImapResponse r = one(DOVECOT);
        assertEquals(new ImapResponse.Fetch(12, List.of(new FetchItem.Uid(42),
                new FetchItem.BodyStructure(DOVECOT_PART, true))), r);
    }

    @Test
    void messageRfc822WithNestedEnvelopeAndBody() {
        assertEquals(new FetchItem.BodyStructure(RFC822, false), item(RFC822_WIRE, 0));
    }

    @Test
    void nilWhereverAllowed() {
        assertEquals(NIL_ENVELOPE, item("* 1 FETCH (ENVELOPE (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL))\r\n", 0));
        assertEquals(new FetchItem.Envelope(null, null, List.of(new Address(null, null, null, null)), List.of(),
                List.of(), List.of(), List.of(), List.of(), null, null),
                item("* 1 FETCH (ENVELOPE (NIL NIL ((NIL NIL NIL NIL)) NIL NIL NIL NIL NIL NIL NIL))\r\n", 0));
        SinglePart p = new SinglePart("a", "b", Map.of(), null, null, "7bit", 0, OptionalLong.empty(),
                Optional.empty(), Optional.empty(), 4, null, null, List.of(), null, List.of(new BodyPart.Str(null)));
        assertEquals(new FetchItem.BodyStructure(p, true),
                item("* 1 FETCH (BODYSTRUCTURE (\"a\" \"b\" NIL NIL NIL \"7bit\" 0 NIL NIL NIL NIL NIL))\r\n", 0));
        MultiPart m = new MultiPart(List.of(p), "x", 4, Map.of(), null, List.of(), null, List.of());
        assertEquals(new FetchItem.BodyStructure(m, true), item("* 1 FETCH (BODYSTRUCTURE ((\"a\" \"b\" NIL NIL NIL"
                + " \"7bit\" 0 NIL NIL NIL NIL NIL) \"x\" NIL NIL NIL NIL))\r\n", 0));
    }

    @Test
    void groupSyntax() {
        FetchItem.Envelope e = (FetchItem.Envelope) item("* 1 FETCH (ENVELOPE (NIL NIL NIL NIL NIL"
                + " ((NIL NIL \"undisclosed-recipients\" NIL)(NIL NIL NIL NIL)) NIL NIL NIL NIL))\r\n", 0);
        assertTrue(e.to().get(0).groupStart());
        assertTrue(e.to().get(1).groupEnd());
    }

    @Test
    void literalInEnvelopeAndEightBitAndEncodedWordsKeptAsGiven() {
        String subject = "=?utf-8?q?Gr=C3=BC=C3=9Fe?= und Gr\u00fc\u00dfe";
        int n = subject.getBytes(StandardCharsets.UTF_8).length;
        String wire = "* 7 FETCH (ENVELOPE (\"Tue, 1 Jan 2030 00:00:00 +0000\" {" + n + "}\r\n" + subject
                + " ((\"J\u00f6rg\" NIL \"joerg\" \"example.org\")) NIL NIL NIL NIL NIL NIL \"<a@b>\") UID 9)\r\n";
        ImapResponse.Fetch f = (ImapResponse.Fetch) one(wire);
        FetchItem.Envelope e = (FetchItem.Envelope) f.items().get(0);
        assertEquals(subject, e.subject());
        assertEquals("J\u00f6rg", e.from().get(0).name());
        assertEquals(new FetchItem.Uid(9), f.items().get(1));
    }

    @Test
    void malformedStructuresAreSyntaxErrors() {
        // BODY carries no extension data
        assertEquals(Kind.SYNTAX_ERROR, violation("* 1 FETCH (BODY (\"a\" \"b\" NIL NIL NIL \"7bit\" 0 NIL))\r\n"));
        // text/* needs its line count
        assertEquals(Kind.SYNTAX_ERROR, violation("* 1 FETCH (BODY (\"text\" \"plain\" NIL NIL NIL \"7bit\" 0))\r\n"));
        // a type is a string, not NIL
        assertEquals(Kind.SYNTAX_ERROR, violation("* 1 FETCH (BODY (NIL \"b\" NIL NIL NIL \"7bit\" 0))\r\n"));
        // an envelope has ten fields
        assertEquals(Kind.SYNTAX_ERROR, violation("* 1 FETCH (ENVELOPE (NIL NIL))\r\n"));
        // an empty multipart subtype list
        assertEquals(Kind.SYNTAX_ERROR, violation("* 1 FETCH (BODY ( \"mixed\"))\r\n"));
        assertEquals(Kind.NUL, violation("* 1 FETCH (ENVELOPE (NIL {1}\r\n\0 NIL NIL NIL NIL NIL NIL NIL NIL))\r\n"));
    }

    /**
     * The RFC 3501 §9 / RFC 9051 §9 rules one by one: body-fld-lang as a string or a list,
     * "" kept apart from NIL in every nstring field, body-fld-dsp with NIL parameters,
     * body-extension nesting with numbers and NIL, and the places where NIL or "()" is not
     * allowed.
     */
    @Test
    void grammarOfBodyFieldsAndExtensions() {
        SinglePart one = (SinglePart) ((FetchItem.BodyStructure) item("* 1 FETCH (BODYSTRUCTURE (\"a\" \"b\""
                + " NIL \"\" \"\" \"7bit\" 0 \"\" (\"inline\" NIL) \"en\" \"\" (1 NIL (\"x\" (2 \"\")))))\r\n", 0)).part();
        assertEquals("", one.id());
        assertEquals("", one.description());
        assertEquals("", one.md5());
        assertEquals(new BodyPart.Disposition("inline", Map.of()), one.disposition());
        assertEquals(List.of("en"), one.language());
        assertEquals("", one.location());
        BodyPart.ExtensionValue inner = new BodyPart.ListOf(List.of(new BodyPart.Num(2), new BodyPart.Str("")));
        BodyPart.ExtensionValue middle = new BodyPart.ListOf(List.of(new BodyPart.Str("x"), inner));
        assertEquals(List.of(new BodyPart.ListOf(List.of(new BodyPart.Num(1), new BodyPart.Str(null), middle))),
                one.further());
        SinglePart list = (SinglePart) ((FetchItem.BodyStructure) item("* 1 FETCH (BODYSTRUCTURE (\"a\" \"b\""
                + " NIL NIL NIL \"7bit\" 0 NIL NIL (\"en\" \"de-CH\") NIL))\r\n", 0)).part();
        assertEquals(List.of("en", "de-CH"), list.language());
        assertEquals(null, list.location());
        SinglePart empty = (SinglePart) ((FetchItem.BodyStructure) item("* 1 FETCH (BODYSTRUCTURE (\"a\" \"b\""
                + " NIL NIL NIL \"7bit\" 0 NIL NIL \"\"))\r\n", 0)).part();
        assertEquals(List.of(""), empty.language());
        // a number64 as an extension value
        assertEquals(List.of(new BodyPart.Num(Long.MAX_VALUE)), ((SinglePart) ((FetchItem.BodyStructure) item(
                "* 1 FETCH (BODYSTRUCTURE (\"a\" \"b\" NIL NIL NIL \"7bit\" 0 NIL NIL NIL NIL"
                        + " 9223372036854775807))\r\n", 0)).part()).further());
        for (String bad : List.of(
                // body-fld-enc is a string
                "(\"a\" \"b\" NIL NIL NIL NIL 0)",
                // body-fld-param is NIL or a non-empty list of pairs
                "(\"a\" \"b\" () NIL NIL \"7bit\" 0)", "(\"a\" \"b\" (\"k\") NIL NIL \"7bit\" 0)",
                "(\"a\" \"b\" (\"k\" NIL) NIL NIL \"7bit\" 0)",
                // body-fld-octets is a 32-bit number
                "(\"a\" \"b\" NIL NIL NIL \"7bit\" 4294967296)",
                // the parts of a multipart follow each other without SP
                "((\"a\" \"b\" NIL NIL NIL \"7bit\" 0) (\"a\" \"b\" NIL NIL NIL \"7bit\" 0) \"mixed\")",
                // a multipart's subtype is a string
                "((\"a\" \"b\" NIL NIL NIL \"7bit\" 0) NIL)",
                // message/rfc822 and message/global carry envelope, body and lines
                "(\"message\" \"global\" NIL NIL NIL \"7bit\" 0)")) {
            assertEquals(Kind.SYNTAX_ERROR, violation("* 1 FETCH (BODY " + bad + ")\r\n"), bad);
        }
        for (String bad : List.of(
                // body-fld-dsp is "(" string SP body-fld-param ")" or NIL
                "(\"a\" \"b\" NIL NIL NIL \"7bit\" 0 NIL (NIL NIL))",
                "(\"a\" \"b\" NIL NIL NIL \"7bit\" 0 NIL (\"inline\"))",
                // body-fld-lang lists hold strings, at least one
                "(\"a\" \"b\" NIL NIL NIL \"7bit\" 0 NIL NIL ())",
                "(\"a\" \"b\" NIL NIL NIL \"7bit\" 0 NIL NIL (NIL))",
                // a body-extension list is not empty
                "(\"a\" \"b\" NIL NIL NIL \"7bit\" 0 NIL NIL NIL NIL ())")) {
            assertEquals(Kind.SYNTAX_ERROR, violation("* 1 FETCH (BODYSTRUCTURE " + bad + ")\r\n"), bad);
        }
        // an address list is NIL or non-empty
        assertEquals(Kind.SYNTAX_ERROR, violation("* 1 FETCH (ENVELOPE (NIL NIL () NIL NIL NIL NIL NIL NIL NIL))\r\n"));
        // an address has four fields
        assertEquals(Kind.SYNTAX_ERROR,
                violation("* 1 FETCH (ENVELOPE (NIL NIL ((NIL NIL NIL)) NIL NIL NIL NIL NIL NIL NIL))\r\n"));
    }

    // ------------------------------------------------------------ limits

    static String nested(int levels) {
        StringBuilder b = new StringBuilder();
        b.append("(".repeat(levels - 1)).append(LEAF);
        b.append(" \"mixed\")".repeat(levels - 1));
        return b.toString();
    }

    static String wide(int leaves) {
        return "(" + LEAF.repeat(leaves) + " \"mixed\")";
    }

    @Test
    void bodyNestingBothSides() {
        assertTrue(one("* 1 FETCH (BODY " + nested(100) + ")\r\n") instanceof ImapResponse.Fetch);
        assertEquals(Kind.BODY_TOO_DEEP, violation("* 1 FETCH (BODY " + nested(101) + ")\r\n"));
        ImapResponseDecoderConfig c = DEFAULTS.withMaxBodyNesting(3);
        assertEquals(1, ClientFeed.whole(("* 1 FETCH (BODYSTRUCTURE " + nested(3) + ")\r\n")
                .getBytes(StandardCharsets.US_ASCII), c).responses().size());
        assertEquals(Kind.BODY_TOO_DEEP, violation(c, "* 1 FETCH (BODYSTRUCTURE " + nested(4) + ")\r\n"));
        // message/rfc822 nesting counts too
        assertEquals(Kind.BODY_TOO_DEEP, violation(DEFAULTS.withMaxBodyNesting(1), RFC822_WIRE));
        // the generic list depth still applies to the lists inside a body part (FETCH list 1,
        // disposition 2, its parameters 3)
        assertEquals(Kind.TOO_DEEP, violation(DEFAULTS.withMaxNestingDepth(2), DOVECOT));
        assertEquals(1, ClientFeed.whole(DOVECOT.getBytes(StandardCharsets.US_ASCII),
                DEFAULTS.withMaxNestingDepth(3)).responses().size());
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withMaxBodyNesting(0));
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withMaxBodyNesting(1001));
    }

    @Test
    void tenThousandNestedMultipartsAreRefusedWithoutStackOverflow() {
        byte[] wire = ("* 1 FETCH (BODYSTRUCTURE " + nested(10_000) + ")\r\n").getBytes(StandardCharsets.US_ASCII);
        ImapResponseDecoderConfig big = DEFAULTS.withMaxLine(1 << 20).withMaxResponse(1 << 20);
        assertEquals(Kind.BODY_TOO_DEEP, violation(big, new String(wire, StandardCharsets.US_ASCII)));
        assertEquals(Kind.BODY_TOO_DEEP, violation(big.withMaxBodyNesting(1000),
                new String(wire, StandardCharsets.US_ASCII)));
        // under a smaller line limit the line itself is refused first
        assertEquals(Kind.LINE_TOO_LONG, violation(DEFAULTS.withMaxLine(16 * 1024),
                new String(wire, StandardCharsets.US_ASCII)));
        // an envelope-and-message chain nests too
        String msg = "(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 1 (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL) ";
        String chain = msg.repeat(5000) + LEAF + " 1)".repeat(5000);
        assertEquals(Kind.BODY_TOO_DEEP, violation(big.withMaxResponse(1 << 21).withMaxLine(1 << 21),
                "* 1 FETCH (BODY " + chain + ")\r\n"));
    }

    @Test
    void partCountBothSides() {
        ImapResponseDecoderConfig c = DEFAULTS.withMaxBodyParts(3);
        assertEquals(1, ClientFeed.whole(("* 1 FETCH (BODY " + wide(2) + ")\r\n").getBytes(StandardCharsets.US_ASCII),
                c).responses().size());
        assertEquals(Kind.TOO_MANY_PARTS, violation(c, "* 1 FETCH (BODY " + wide(3) + ")\r\n"));
        ImapResponseDecoderConfig big = DEFAULTS.withMaxLine(1 << 20).withMaxResponse(1 << 20);
        assertEquals(1, ClientFeed.whole(("* 1 FETCH (BODY " + wide(9_999) + ")\r\n")
                .getBytes(StandardCharsets.US_ASCII), big).responses().size());
        assertEquals(Kind.TOO_MANY_PARTS, violation(big, "* 1 FETCH (BODY " + wide(10_000) + ")\r\n"));
        // the count is per structure, not per response
        assertEquals(2, ((ImapResponse.Fetch) ClientFeed.whole(("* 1 FETCH (BODY " + wide(2) + " BODYSTRUCTURE "
                + wide(2) + ")\r\n").getBytes(StandardCharsets.US_ASCII), c).responses().get(0)).items().size());
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withMaxBodyParts(0));
        assertEquals(100, DEFAULTS.maxBodyNesting());
        assertEquals(10_000, DEFAULTS.maxBodyParts());
    }

    @Test
    void violationTextsAreFixed() {
        assertEquals("Body structure nested too deeply in server response",
                new ImapResponseViolation(Kind.BODY_TOO_DEEP).text());
        assertEquals("Too many body parts in server response", new ImapResponseViolation(Kind.TOO_MANY_PARTS).text());
    }

    // ------------------------------------------------------------ split invariance, round trips

    @Test
    void splitInvariance() {
        String wire = DOVECOT + RFC822_WIRE + "* 7 FETCH (ENVELOPE (NIL {5}\r\nhello NIL NIL NIL NIL NIL NIL NIL"
                + " NIL) BODY[] {3}\r\nabc)\r\n";
        byte[] bytes = wire.getBytes(StandardCharsets.UTF_8);
        ClientFeed.Outcome whole = ClientFeed.whole(bytes, DEFAULTS);
        assertEquals(3, whole.responses().size(), whole.events().toString());
        for (int size = 1; size <= 41; size += 4) {
            for (boolean pause : new boolean[] {false, true}) {
                assertEquals(whole.events(), ClientFeed.feed(bytes, new int[] {size, 1, 7}, DEFAULTS, pause).events());
            }
        }
    }

    @Test
    void handBuiltStructuresRoundTrip() {
        for (FetchItem i : SAMPLES) {
            ImapResponse r = new ImapResponse.Fetch(5, List.of(i, new FetchItem.Uid(3)));
            byte[] wire = ImapResponseEncoder.encode(r);
            assertEquals(List.of(r), ClientFeed.whole(wire, DEFAULTS).responses(),
                    new String(wire, StandardCharsets.UTF_8));
        }
        assertEquals(new ImapResponse.Fetch(12, List.of(new FetchItem.Uid(42),
                new FetchItem.BodyStructure(DOVECOT_PART, true))),
                one(new String(ImapResponseEncoder.encode(one(DOVECOT)), StandardCharsets.UTF_8)));
    }

    @Test
    void modelRules() {
        assertThrows(IllegalArgumentException.class, () -> new SinglePart("text", "plain", Map.of(), null, null,
                "7bit", 1, OptionalLong.empty(), Optional.empty(), Optional.empty(), 0, null, null, List.of(), null,
                List.of()));
        assertThrows(IllegalArgumentException.class, () -> new SinglePart("a", "b", Map.of(), null, null,
                "7bit", 1, OptionalLong.empty(), Optional.empty(), Optional.empty(), 1, null, null, List.of("en"),
                null, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new MultiPart(List.of(), "mixed", 0, Map.of(), null,
                List.of(), null, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new FetchItem.BodyStructure(DOVECOT_PART, false));
    }
}
