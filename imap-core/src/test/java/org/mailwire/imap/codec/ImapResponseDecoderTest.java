package org.mailwire.imap.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailwire.imap.FetchItem;
import org.mailwire.imap.Flag;
import org.mailwire.imap.ImapDateTime;
import org.mailwire.imap.ImapResponse;
import org.mailwire.imap.ImapResponse.Status;
import org.mailwire.imap.MailboxName;
import org.mailwire.imap.ResponseCode;
import org.mailwire.imap.Section;
import org.mailwire.imap.SequenceSet;
import org.mailwire.imap.StatusItem;
import org.mailwire.imap.Tag;
import org.mailwire.imap.codec.ImapResponseViolation.Kind;

class ImapResponseDecoderTest {

    private static final ImapResponseDecoderConfig DEFAULTS = ImapResponseDecoderConfig.defaults();

    static ImapResponse one(String wire) {
        ClientFeed.Outcome o = ClientFeed.whole(wire);
        assertEquals(1, o.responses().size(), o.events().toString());
        assertEquals(1, o.events().size(), o.events().toString());
        return o.responses().get(0);
    }

    static Kind violation(ImapResponseDecoderConfig config, String wire) {
        ClientFeed.Outcome o = ClientFeed.whole(wire.getBytes(StandardCharsets.UTF_8), config);
        String last = o.events().get(o.events().size() - 1);
        assertTrue(last.startsWith("violation "), o.events().toString());
        return Kind.valueOf(last.substring("violation ".length()));
    }

    static Kind violation(String wire) {
        return violation(DEFAULTS, wire);
    }

    static ResponseCode code(String code) {
        ImapResponse r = one("A1 OK [" + code + "] done\r\n");
        ImapResponse.Tagged t = (ImapResponse.Tagged) r;
        assertEquals("done", t.text());
        return t.code().orElseThrow();
    }

    // ------------------------------------------------------------ status responses

    @Test
    void greetingAndTagged() {
        assertEquals(new ImapResponse.UntaggedStatus(Status.OK, Optional.empty(), "IMAP4rev1 ready"),
                one("* OK IMAP4rev1 ready\r\n"));
        assertEquals(new ImapResponse.UntaggedStatus(Status.PREAUTH, Optional.empty(), "welcome"),
                one("* PREAUTH welcome\r\n"));
        assertEquals(new ImapResponse.UntaggedStatus(Status.BYE, Optional.empty(), "Logging out"),
                one("* BYE Logging out\r\n"));
        assertEquals(new ImapResponse.UntaggedStatus(Status.NO, Optional.empty(), "disk full"), one("* NO disk full\r\n"));
        assertEquals(new ImapResponse.UntaggedStatus(Status.BAD, Optional.empty(), "what"), one("* BAD what\r\n"));
        assertEquals(new ImapResponse.Tagged(Tag.of("a.1"), Status.NO, Optional.empty(), "no such mailbox"),
                one("a.1 NO no such mailbox\r\n"));
        assertEquals(new ImapResponse.Tagged(Tag.of("A1"), Status.OK, Optional.empty(), ""), one("A1 OK\r\n"));
        assertEquals(new ImapResponse.Tagged(Tag.of("A1"), Status.BAD, Optional.of(ResponseCode.Simple.PARSE), ""),
                one("A1 BAD [PARSE]\r\n"));
        assertEquals(new ImapResponse.UntaggedStatus(Status.OK, Optional.empty(), "text {5}"),
                one("* OK text {5}\r\n"));
        assertEquals(new ImapResponse.UntaggedStatus(Status.OK, Optional.empty(), "Grüße"), one("* OK Grüße\r\n"));
    }

    @Test
    void taggedPreauthAndByeAreRefused() {
        assertEquals(Kind.SYNTAX_ERROR, violation("A1 BYE x\r\n"));
        assertEquals(Kind.SYNTAX_ERROR, violation("A1 PREAUTH x\r\n"));
        assertEquals(Kind.SYNTAX_ERROR, violation("A1 MAYBE x\r\n"));
    }

    @Test
    void continuation() {
        assertEquals(new ImapResponse.Continuation("Ready for literal"), one("+ Ready for literal\r\n"));
        assertEquals(new ImapResponse.Continuation("dGVzdA=="), one("+ dGVzdA==\r\n"));
        assertEquals(new ImapResponse.Continuation(""), one("+\r\n"));
        assertEquals(new ImapResponse.Continuation(""), one("+ \r\n"));
    }

    // ------------------------------------------------------------ response codes

    @Test
    void simpleCodes() {
        assertEquals(ResponseCode.Simple.ALERT, code("ALERT"));
        assertEquals(ResponseCode.Simple.PARSE, code("PARSE"));
        assertEquals(ResponseCode.Simple.READ_ONLY, code("READ-ONLY"));
        assertEquals(ResponseCode.Simple.READ_WRITE, code("read-write"));
        assertEquals(ResponseCode.Simple.TRYCREATE, code("TRYCREATE"));
        assertEquals(ResponseCode.Simple.NOMODSEQ, code("NOMODSEQ"));
        assertEquals(ResponseCode.Simple.CLOSED, code("CLOSED"));
    }

    @Test
    void numberCodes() {
        assertEquals(new ResponseCode.UidNext(4392), code("UIDNEXT 4392"));
        assertEquals(new ResponseCode.UidValidity(4294967295L), code("UIDVALIDITY 4294967295"));
        assertEquals(new ResponseCode.Unseen(12), code("UNSEEN 12"));
        assertEquals(new ResponseCode.HighestModSeq(Long.MAX_VALUE), code("HIGHESTMODSEQ 9223372036854775807"));
        assertEquals(Kind.SYNTAX_ERROR, violation("A1 OK [UIDVALIDITY 4294967296] x\r\n"));
        assertEquals(Kind.SYNTAX_ERROR, violation("A1 OK [UIDNEXT 0] x\r\n"));
        assertEquals(Kind.SYNTAX_ERROR, violation("A1 OK [HIGHESTMODSEQ 9223372036854775808] x\r\n"));
        assertEquals(Kind.SYNTAX_ERROR, violation("A1 OK [UNSEEN] x\r\n"));
    }

    @Test
    void listCodes() {
        assertEquals(new ResponseCode.PermanentFlags(List.of("\\Deleted", "\\Seen", "$Junk", "\\*")),
                code("PERMANENTFLAGS (\\Deleted \\Seen $Junk \\*)"));
        assertEquals(new ResponseCode.PermanentFlags(List.of()), code("PERMANENTFLAGS ()"));
        assertEquals(new ResponseCode.Capability(List.of("IMAP4rev1", "STARTTLS", "AUTH=PLAIN")),
                code("CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN"));
        assertEquals(new ResponseCode.AppendUid(38505, SequenceSet.parse("3955")), code("APPENDUID 38505 3955"));
        assertEquals(new ResponseCode.CopyUid(38505, SequenceSet.parse("304,319:320"), SequenceSet.parse("3956:3958")),
                code("COPYUID 38505 304,319:320 3956:3958"));
        assertEquals(new ResponseCode.Modified(SequenceSet.parse("7,9")), code("MODIFIED 7,9"));
        assertEquals(Kind.SYNTAX_ERROR, violation("A1 OK [APPENDUID 1 3:*] x\r\n"));
        assertEquals(Kind.SYNTAX_ERROR, violation("A1 OK [MODIFIED $] x\r\n"));
    }

    @Test
    void unknownCodes() {
        assertEquals(new ResponseCode.Other("X-FOO", Optional.of("(UTF-8 US-ASCII)")),
                code("x-foo (UTF-8 US-ASCII)"));
        assertEquals(new ResponseCode.Other("XYZ", Optional.empty()), code("xyz"));
        // a known code in the generic form "atom SP text" is kept, not refused
        assertEquals(new ResponseCode.Other("LIMIT", Optional.of("100 messages")), code("LIMIT 100 messages"));
        assertEquals(Kind.SYNTAX_ERROR, violation("A1 OK [ALERT x\r\n"));
        assertEquals(Kind.SYNTAX_ERROR, violation("A1 OK [FOO ] x\r\n"));
    }

    // ------------------------------------------------------------ untagged data

    @Test
    void capabilityEnabledFlags() {
        assertEquals(new ImapResponse.Capability(List.of("IMAP4rev1", "IDLE", "CONDSTORE")),
                one("* CAPABILITY IMAP4rev1 IDLE CONDSTORE\r\n"));
        assertEquals(Kind.SYNTAX_ERROR, violation("* CAPABILITY\r\n"));
        assertEquals(new ImapResponse.Enabled(List.of("QRESYNC")), one("* ENABLED QRESYNC\r\n"));
        assertEquals(new ImapResponse.Enabled(List.of()), one("* ENABLED\r\n"));
        assertEquals(new ImapResponse.Flags(List.of(Flag.ANSWERED, Flag.SEEN, Flag.of("$Forwarded"))),
                one("* FLAGS (\\Answered \\Seen $Forwarded)\r\n"));
        assertEquals(Kind.SYNTAX_ERROR, violation("* FLAGS (\\*)\r\n"));
    }

    @Test
    void messageCounts() {
        assertEquals(new ImapResponse.Exists(0), one("* 0 EXISTS\r\n"));
        assertEquals(new ImapResponse.Exists(4294967295L), one("* 4294967295 EXISTS\r\n"));
        assertEquals(new ImapResponse.Recent(3), one("* 3 RECENT\r\n"));
        assertEquals(new ImapResponse.Expunge(7), one("* 7 expunge\r\n"));
        assertEquals(Kind.SYNTAX_ERROR, violation("* 0 EXPUNGE\r\n"));
        assertEquals(Kind.SYNTAX_ERROR, violation("* 4294967296 EXISTS\r\n"));
        assertEquals(Kind.SYNTAX_ERROR, violation("* 99999999999999999999999 EXISTS\r\n"));
    }

    @Test
    void list() {
        assertEquals(new ImapResponse.ListEntry(false, List.of("\\HasNoChildren"), Optional.of('/'), MailboxName.INBOX),
                one("* LIST (\\HasNoChildren) \"/\" INBOX\r\n"));
        assertEquals(new ImapResponse.ListEntry(true, List.of(), Optional.empty(), MailboxName.of("Foo")),
                one("* LSUB () NIL Foo\r\n"));
        assertEquals(new ImapResponse.ListEntry(false, List.of("\\Noselect"), Optional.of('\\'), MailboxName.of("a b")),
                one("* LIST (\\Noselect) \"\\\\\" \"a b\"\r\n"));
        // modified UTF-7 and 8-bit (UTF8=ACCEPT) names
        assertEquals(MailboxName.of("Entwürfe"),
                ((ImapResponse.ListEntry) one("* LIST () \".\" Entw&APw-rfe\r\n")).mailbox());
        assertEquals(MailboxName.of("Entwürfe"),
                ((ImapResponse.ListEntry) one("* LIST () \".\" \"Entwürfe\"\r\n")).mailbox());
        assertEquals(MailboxName.of("~peter/mail/台北"),
                ((ImapResponse.ListEntry) one("* LIST () \"/\" {20}\r\n~peter/mail/&U,BTFw-\r\n")).mailbox());
        assertEquals(Kind.BAD_MAILBOX_NAME, violation("* LIST () \"/\" &AGE-\r\n"));
        assertEquals(List.of("violation BAD_UTF8"), ClientFeed.whole("* LIST () \"/\" \"\u00ff\"\r\n"
                .getBytes(StandardCharsets.ISO_8859_1), DEFAULTS).events());
        assertEquals(Kind.SYNTAX_ERROR, violation("* LIST () \"ab\" x\r\n"));
    }

    @Test
    void status() {
        Map<StatusItem, Long> items = new LinkedHashMap<>();
        items.put(StatusItem.MESSAGES, 231L);
        items.put(StatusItem.UIDNEXT, 44292L);
        items.put(StatusItem.HIGHESTMODSEQ, 7011231777L);
        assertEquals(new ImapResponse.MailboxStatus(MailboxName.of("blurdybloop"), items),
                one("* STATUS blurdybloop (MESSAGES 231 UIDNEXT 44292 HIGHESTMODSEQ 7011231777)\r\n"));
        assertEquals(new ImapResponse.MailboxStatus(MailboxName.INBOX, Map.of()), one("* STATUS inbox ()\r\n"));
        assertEquals(new ImapResponse.MailboxStatus(MailboxName.of("x"), Map.of(StatusItem.UNSEEN, 0L)),
                one("* STATUS x (UNSEEN 0)\r\n"));
        assertEquals(Kind.SYNTAX_ERROR, violation("* STATUS x (MESSAGES 1 MESSAGES 2)\r\n"));
        assertEquals(Kind.SYNTAX_ERROR, violation("* STATUS x (FOO 1)\r\n"));
    }

    @Test
    void statusAppendLimitMayBeNil() {
        // RFC 7889 §4: "APPENDLIMIT" SP (append-limit / nil); NIL: this mailbox has no limit
        ImapResponse.MailboxStatus nil = (ImapResponse.MailboxStatus) one("* STATUS Sent (MESSAGES 3 APPENDLIMIT NIL)\r\n");
        assertEquals(new ImapResponse.MailboxStatus(MailboxName.of("Sent"), Map.of(StatusItem.MESSAGES, 3L),
                Set.of(StatusItem.APPENDLIMIT)), nil);
        assertTrue(nil.isNil(StatusItem.APPENDLIMIT));
        assertFalse(nil.items().containsKey(StatusItem.APPENDLIMIT));
        assertEquals(new ImapResponse.MailboxStatus(MailboxName.INBOX, Map.of(), Set.of(StatusItem.APPENDLIMIT)),
                one("* STATUS INBOX (APPENDLIMIT nil)\r\n"));
        ImapResponse.MailboxStatus number = (ImapResponse.MailboxStatus) one("* STATUS x (APPENDLIMIT 257890)\r\n");
        assertEquals(Map.of(StatusItem.APPENDLIMIT, 257890L), number.items());
        assertFalse(number.isNil(StatusItem.APPENDLIMIT));
        // only APPENDLIMIT may be NIL, and only once
        assertEquals(Kind.SYNTAX_ERROR, violation("* STATUS x (MESSAGES NIL)\r\n"));
        assertEquals(Kind.SYNTAX_ERROR, violation("* STATUS x (APPENDLIMIT NIL APPENDLIMIT NIL)\r\n"));
        assertEquals(Kind.SYNTAX_ERROR, violation("* STATUS x (APPENDLIMIT 5 APPENDLIMIT NIL)\r\n"));
        assertEquals(Kind.SYNTAX_ERROR, violation("* STATUS x (APPENDLIMIT NIL APPENDLIMIT 5)\r\n"));
        assertEquals(Kind.SYNTAX_ERROR, violation("* STATUS x (APPENDLIMIT NILS)\r\n"));
    }

    @Test
    void listStatusAnswerWithAppendLimitNil() {
        // RFC 5819 LIST-STATUS answers are STATUS responses after the LIST line
        assertEquals(new ImapResponse.MailboxStatus(MailboxName.of("Drafts"), Map.of(StatusItem.UIDNEXT, 8L),
                Set.of(StatusItem.APPENDLIMIT)), one("* STATUS Drafts (UIDNEXT 8 APPENDLIMIT NIL)\r\n"));
    }

    @Test
    void search() {
        assertEquals(new ImapResponse.Search(List.of(2L, 3L, 6L), OptionalLong.empty()), one("* SEARCH 2 3 6\r\n"));
        assertEquals(new ImapResponse.Search(List.of(), OptionalLong.empty()), one("* SEARCH\r\n"));
        assertEquals(new ImapResponse.Search(List.of(2L, 5L), OptionalLong.of(917162500L)),
                one("* SEARCH 2 5 (MODSEQ 917162500)\r\n"));
        assertEquals(Kind.SYNTAX_ERROR, violation("* SEARCH 2 (MODSEQ 1) 3\r\n"));
        assertEquals(Kind.SYNTAX_ERROR, violation("* SEARCH 0\r\n"));
    }

    @Test
    void esearch() {
        assertEquals(new ImapResponse.Esearch(Optional.of(Tag.of("A282")), false, OptionalLong.of(2), OptionalLong.empty(),
                OptionalLong.of(3), Optional.empty(), OptionalLong.empty()),
                one("* ESEARCH (TAG \"A282\") MIN 2 COUNT 3\r\n"));
        assertEquals(new ImapResponse.Esearch(Optional.of(Tag.of("A1")), true, OptionalLong.empty(), OptionalLong.of(9),
                OptionalLong.empty(), Optional.of(SequenceSet.parse("1:3,5")), OptionalLong.of(12)),
                one("* ESEARCH (TAG \"A1\") UID MAX 9 ALL 1:3,5 MODSEQ 12\r\n"));
        assertEquals(new ImapResponse.Esearch(Optional.empty(), false, OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.of(0), Optional.empty(), OptionalLong.empty()), one("* ESEARCH COUNT 0\r\n"));
        assertEquals(new ImapResponse.Esearch(Optional.empty(), false, OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), Optional.empty(), OptionalLong.empty()), one("* ESEARCH\r\n"));
        assertEquals(Kind.SYNTAX_ERROR, violation("* ESEARCH MIN 1 MIN 2\r\n"));
        assertEquals(Kind.SYNTAX_ERROR, violation("* ESEARCH (TAG A1) MIN 1\r\n"));
    }

    @Test
    void vanished() {
        assertEquals(new ImapResponse.Vanished(true, SequenceSet.parse("41,43:116,118")),
                one("* VANISHED (EARLIER) 41,43:116,118\r\n"));
        assertEquals(new ImapResponse.Vanished(false, SequenceSet.parse("405")), one("* VANISHED 405\r\n"));
        assertEquals(Kind.SYNTAX_ERROR, violation("* VANISHED (LATER) 1\r\n"));
        assertEquals(Kind.SYNTAX_ERROR, violation("* VANISHED 1:*\r\n"));
    }

    // ------------------------------------------------------------ FETCH

    @Test
    void fetchSimpleItems() {
        ImapDateTime date = new ImapDateTime(OffsetDateTime.of(1996, 7, 17, 2, 44, 25, 0, ZoneOffset.ofHours(-7)));
        assertEquals(new ImapResponse.Fetch(12, List.of(new FetchItem.Flags(List.of(Flag.SEEN, Flag.RECENT)),
                new FetchItem.Uid(4827313), new FetchItem.InternalDate(date), new FetchItem.Rfc822Size(44827),
                new FetchItem.ModSeq(624140003))),
                one("* 12 FETCH (FLAGS (\\Seen \\Recent) UID 4827313 INTERNALDATE \"17-Jul-1996 02:44:25 -0700\""
                        + " RFC822.SIZE 44827 MODSEQ (624140003))\r\n"));
        assertEquals(Kind.SYNTAX_ERROR, violation("* 1 FETCH ()\r\n"));
        assertEquals(Kind.SYNTAX_ERROR, violation("* 1 FETCH (ENVELOPE NIL)\r\n"));
        assertEquals(Kind.SYNTAX_ERROR, violation("* 1 FETCH (INTERNALDATE \"yesterday\")\r\n"));
        assertEquals(Kind.SYNTAX_ERROR, violation("* 0 FETCH (UID 1)\r\n"));
    }

    @Test
    void fetchBodyLiteralIsStreamed() {
        ClientFeed.Outcome o = ClientFeed.whole("* 1 FETCH (UID 7 BODY[] {11}\r\nHello\r\nBye! FLAGS (\\Seen))\r\n");
        assertEquals(List.of("bodyBegin 1 false [] OptionalLong.empty 11", "data " + hex("Hello\r\nBye!"), "bodyEnd",
                "response " + new ImapResponse.Fetch(1, List.of(new FetchItem.Uid(7),
                        new FetchItem.Body(false, Section.WHOLE, OptionalLong.empty(), 11, false),
                        new FetchItem.Flags(List.of(Flag.SEEN))))), o.events());
    }

    @Test
    void fetchBodyForms() {
        ClientFeed.Outcome o = ClientFeed.whole("* 2 FETCH (BODY[1.2.HEADER.FIELDS (From {7}\r\nSubject)]<0> {0}\r\n"
                + " BINARY[1] ~{3}\r\n\0\1\2 BODY[TEXT] \"hi\" BODY[1.MIME] NIL)\r\n");
        Section fields = new Section(List.of(1L, 2L), Section.Text.HEADER_FIELDS, List.of("From", "Subject"));
        assertEquals(List.of("bodyBegin 2 false [" + fields + "] OptionalLong[0] 0", "data ", "bodyEnd",
                "bodyBegin 2 true [1] OptionalLong.empty 3", "data 000102", "bodyEnd",
                "bodyBegin 2 false [TEXT] OptionalLong.empty 2", "data " + hex("hi"), "bodyEnd",
                "response " + new ImapResponse.Fetch(2, List.of(
                        new FetchItem.Body(false, fields, OptionalLong.of(0), 0, false),
                        new FetchItem.Body(true, new Section(List.of(1L), Section.Text.NONE, List.of()),
                                OptionalLong.empty(), 3, false),
                        new FetchItem.Body(false, new Section(List.of(), Section.Text.TEXT, List.of()),
                                OptionalLong.empty(), 2, false),
                        new FetchItem.Body(false, new Section(List.of(1L), Section.Text.MIME, List.of()),
                                OptionalLong.empty(), 0, true)))), o.events());
    }

    @Test
    void bodyLiteralSplitAcrossChunksAndPaused() {
        byte[] wire = "* 3 FETCH (BODY[] {10}\r\n0123456789)\r\nA1 OK done\r\n".getBytes(StandardCharsets.US_ASCII);
        ClientFeed.Outcome whole = ClientFeed.whole(wire, DEFAULTS);
        for (int size = 1; size < wire.length; size++) {
            for (boolean pause : new boolean[] {false, true}) {
                ClientFeed.Outcome o = ClientFeed.feed(wire, new int[] {size}, DEFAULTS, pause);
                assertEquals(whole.events(), o.events());
            }
        }
        assertArrayEquals("0123456789".getBytes(StandardCharsets.US_ASCII), whole.bodies().get(0));
        assertEquals(5, whole.events().size());
    }

    @Test
    void bodyChunksAreNotBuffered() {
        ImapResponseDecoder d = new ImapResponseDecoder(DEFAULTS);
        ClientFeed.Recorder r = new ClientFeed.Recorder(false);
        d.decode(ByteBuffer.wrap("* 1 FETCH (BODY[] {1000000}\r\n".getBytes(StandardCharsets.US_ASCII)), r);
        int[] seen = new int[1];
        ImapClientSink counting = new ClientFeed.Recorder(false) {
            @Override
            public boolean bodyData(ByteBuffer chunk) {
                seen[0] += chunk.remaining();
                return true;
            }
        };
        d.decode(ByteBuffer.wrap(new byte[4096]), counting);
        assertEquals(4096, seen[0]);
        assertEquals(List.of("bodyBegin 1 false [] OptionalLong.empty 1000000"), r.events);
    }

    @Test
    void pipelinedResponses() {
        ClientFeed.Outcome o = ClientFeed.whole("* 4 EXISTS\r\n* 1 RECENT\r\n* OK [UIDVALIDITY 3857529045] UIDs valid\r\n"
                + "* 1 FETCH (BODY[] {2}\r\nab)\r\nA2 OK [READ-WRITE] SELECT completed\r\n+ go\r\n");
        assertEquals(6, o.responses().size(), o.events().toString());
        assertEquals(new ImapResponse.Tagged(Tag.of("A2"), Status.OK, Optional.of(ResponseCode.Simple.READ_WRITE),
                "SELECT completed"), o.responses().get(4));
        assertEquals(new ImapResponse.Continuation("go"), o.responses().get(5));
    }

    @Test
    void literalStrings() {
        assertEquals(MailboxName.of(""), ((ImapResponse.ListEntry) one("* LIST () NIL {0}\r\n\r\n")).mailbox());
        assertEquals(Kind.NUL, violation("* LIST () NIL {1}\r\n\0\r\n"));
        assertEquals(Kind.SYNTAX_ERROR, violation("* LIST () NIL ~{1}\r\na\r\n"));
        assertEquals(Kind.SYNTAX_ERROR, violation("* 1 FETCH (UID {1}\r\n1)\r\n"));
    }

    // ------------------------------------------------------------ violations and limits

    @ParameterizedTest
    @ValueSource(strings = {"* LIST () NIL {}\r\n", "* LIST () NIL {-1}\r\n", "* LIST () NIL {1a}\r\n",
            "* LIST () NIL {3+}\r\n", "* 1 FETCH (BODY[] {}\r\n"})
    void malformedLiterals(String wire) {
        assertEquals(Kind.BAD_LITERAL, violation(wire));
    }

    @Test
    void literalLimits() {
        assertEquals(Kind.LITERAL_TOO_BIG, violation("* LIST () NIL {99999999999999999999}\r\n"));
        assertEquals(Kind.LITERAL_TOO_BIG, violation("* 1 FETCH (BODY[] {99999999999999999999}\r\n"));
        assertEquals(Kind.LITERAL_TOO_BIG, violation("* LIST () NIL {65537}\r\n"));
        assertEquals(MailboxName.of("a".repeat(65536)), ((ImapResponse.ListEntry) one("* LIST () NIL {65536}\r\n"
                + "a".repeat(65536) + "\r\n")).mailbox());
        ImapResponseDecoderConfig small = DEFAULTS.withMaxLiteral(3).withMaxStreamedLiteral(5);
        assertEquals(Kind.LITERAL_TOO_BIG, violation(small, "* LIST () NIL {4}\r\n"));
        assertEquals(1, ClientFeed.whole("* LIST () NIL {3}\r\nabc\r\n".getBytes(StandardCharsets.US_ASCII), small)
                .responses().size());
        assertEquals(Kind.LITERAL_TOO_BIG, violation(small, "* 1 FETCH (BODY[] {6}\r\n"));
        assertEquals(1, ClientFeed.whole("* 1 FETCH (BODY[] {5}\r\nabcde)\r\n".getBytes(StandardCharsets.US_ASCII), small)
                .responses().size());
    }

    @Test
    void literalsPerResponse() {
        ImapResponseDecoderConfig c = DEFAULTS.withMaxLiteralsPerResponse(2);
        String two = "* 1 FETCH (BODY[1] {1}\r\na BODY[2] {1}\r\nb)\r\n";
        assertEquals(1, ClientFeed.whole(two.getBytes(StandardCharsets.US_ASCII), c).responses().size());
        assertEquals(Kind.TOO_MANY_LITERALS, violation(c, "* 1 FETCH (BODY[1] {1}\r\na BODY[2] {1}\r\nb"
                + " BODY[3] {1}\r\nc)\r\n"));
        assertEquals(Kind.TOO_MANY_LITERALS,
                violation(c, "* 1 FETCH (BODY[HEADER.FIELDS ({1}\r\na {1}\r\nb {1}\r\nc)] NIL)\r\n"));
        assertEquals(ImapResponseDecoderConfig.DEFAULT_MAX_LITERALS_PER_RESPONSE, DEFAULTS.maxLiteralsPerResponse());
    }

    @Test
    void lineAndResponseLimits() {
        String atom = "x".repeat(DEFAULTS.maxLine() - "* OK ".length());
        assertEquals(1, ClientFeed.whole("* OK " + atom + "\r\n").responses().size());
        assertEquals(Kind.LINE_TOO_LONG, violation("* OK " + atom + "y\r\n"));
        ImapResponseDecoderConfig c = DEFAULTS.withMaxLine(20).withMaxResponse(40);
        assertEquals(1, ClientFeed.whole("* LIST () NIL {4}\r\nabcd\r\n".getBytes(StandardCharsets.US_ASCII), c)
                .responses().size());
        assertEquals(Kind.RESPONSE_TOO_LONG, violation(c, "* LIST () NIL {4}\r\nabcd\r\n".repeat(1)
                .replace("abcd", "a".repeat(30)).replace("{4}", "{30}")));
        assertEquals(ImapResponseDecoderConfig.DEFAULT_MAX_LINE, DEFAULTS.maxLine());
        assertEquals(ImapResponseDecoderConfig.DEFAULT_MAX_RESPONSE, DEFAULTS.maxResponse());
    }

    @Test
    void nestingAndListLength() {
        ImapResponseDecoderConfig c = DEFAULTS.withMaxNestingDepth(1).withMaxListLength(2);
        assertEquals(1, ClientFeed.whole("* FLAGS (a b)\r\n".getBytes(StandardCharsets.US_ASCII), c).responses().size());
        assertEquals(Kind.LIST_TOO_LONG, violation(c, "* FLAGS (a b c)\r\n"));
        assertEquals(Kind.LIST_TOO_LONG, violation(c, "* SEARCH 1 2 3\r\n"));
        assertEquals(Kind.TOO_DEEP, violation(c, "* 1 FETCH (FLAGS ())\r\n"));
        assertEquals(1, ClientFeed.whole("* 1 FETCH (UID 1)\r\n".getBytes(StandardCharsets.US_ASCII), c).responses().size());
        assertEquals(Kind.LIST_TOO_LONG, violation("* SEARCH" + " 1".repeat(100_001) + "\r\n"
                .replace("\r\n", "\r\n"), DEFAULTS.withMaxLine(1 << 20).withMaxResponse(1 << 20)));
    }

    private static Kind violation(String wire, ImapResponseDecoderConfig config) {
        return violation(config, wire);
    }

    @Test
    void framingViolations() {
        assertEquals(Kind.NUL, violation("* OK a\0b\r\n"));
        assertEquals(Kind.BARE_CR_OR_LF, violation("* OK a\nb\r\n"));
        assertEquals(Kind.BARE_CR_OR_LF, violation("* OK a\rb\r\n"));
        assertEquals(Kind.SYNTAX_ERROR, violation("\r\n"));
        assertEquals(Kind.SYNTAX_ERROR, violation("* FOO\r\n"));
    }

    @Test
    void violationIsFatalAndNeverEchoesInput() {
        ClientFeed.Outcome o = ClientFeed.whole("* FOO secret\r\n* 1 EXISTS\r\nA1 OK x\r\n");
        assertEquals(List.of("violation SYNTAX_ERROR"), o.events());
        for (Kind k : Kind.values()) {
            assertFalse(new ImapResponseViolation(k).text().contains("secret"));
        }
        ImapResponseDecoder d = new ImapResponseDecoder(DEFAULTS);
        d.decode(ByteBuffer.wrap("* FOO\r\n".getBytes(StandardCharsets.US_ASCII)), new ClientFeed.Recorder(false));
        assertTrue(d.failed());
        d.reset();
        assertFalse(d.failed());
    }

    @Test
    void configIsValidated() {
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withMaxLine(1));
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withMaxNestingDepth(0));
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withMaxListLength(0));
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withMaxLiteral(-1));
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withMaxResponse(10));
    }

    static String hex(String s) {
        return java.util.HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Dovecot's "* THREAD " for an empty result (and the same for SEARCH and SORT) is the empty result. */
    @Test
    void aTrailingSpaceAfterAnEmptyResultIsTheEmptyResult() {
        assertEquals(new ImapResponse.Threads(List.of()), one("* THREAD \r\n"));
        assertEquals(new ImapResponse.Search(List.of(), OptionalLong.empty()), one("* SEARCH \r\n"));
        assertEquals(new ImapResponse.Sort(List.of(), OptionalLong.empty()), one("* SORT \r\n"));
        // only there: a space after numbers, or two spaces, are still errors
        assertEquals(Kind.SYNTAX_ERROR, violation(DEFAULTS, "* SEARCH 1 2 \r\n"));
        assertEquals(Kind.SYNTAX_ERROR, violation(DEFAULTS, "* SEARCH  \r\n"));
        assertEquals(Kind.SYNTAX_ERROR, violation(DEFAULTS, "* THREAD  \r\n"));
    }
}
