package org.mailwire.imap.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailwire.imap.FetchAttribute;
import org.mailwire.imap.Flag;
import org.mailwire.imap.ImapCommand;
import org.mailwire.imap.ImapDateTime;
import org.mailwire.imap.MailboxName;
import org.mailwire.imap.Partial;
import org.mailwire.imap.Qresync;
import org.mailwire.imap.SearchKey;
import org.mailwire.imap.SearchReturn;
import org.mailwire.imap.Section;
import org.mailwire.imap.SequenceSet;
import org.mailwire.imap.StatusItem;
import org.mailwire.imap.Tag;

class ImapCommandDecoderTest {

    private static final Tag A1 = Tag.of("A1");
    private static final ImapDecoderConfig DEFAULTS = ImapDecoderConfig.defaults();

    static List<String> events(ImapDecoderConfig config, String wire) {
        return ServerFeed.whole(wire.getBytes(StandardCharsets.UTF_8), config).events();
    }

    static List<String> events(String wire) {
        return events(DEFAULTS, wire);
    }

    static ImapCommand one(String wire) {
        ServerFeed.Outcome o = ServerFeed.whole(wire.getBytes(StandardCharsets.UTF_8), DEFAULTS);
        assertEquals(1, o.commands().size(), o.events().toString());
        return o.commands().get(0);
    }

    static String bad(ImapDecoderConfig config, String wire) {
        List<String> e = events(config, wire);
        assertEquals(1, e.stream().filter(s -> s.startsWith("invalid")).count(), e.toString());
        return e.stream().filter(s -> s.startsWith("invalid")).findFirst().orElseThrow();
    }

    static String bad(String wire) {
        return bad(DEFAULTS, wire);
    }

    // ------------------------------------------------------------ simple commands

    @Test
    void commandsWithoutArguments() {
        assertEquals(new ImapCommand.Capability(A1), one("A1 CAPABILITY\r\n"));
        assertEquals(new ImapCommand.Noop(A1), one("A1 noop\r\n"));
        assertEquals(new ImapCommand.Logout(A1), one("A1 LOGOUT\r\n"));
        assertEquals(new ImapCommand.StartTls(A1), one("A1 STARTTLS\r\n"));
        assertEquals(new ImapCommand.Check(A1), one("A1 CHECK\r\n"));
        assertEquals(new ImapCommand.Close(A1), one("A1 CLOSE\r\n"));
        assertEquals(new ImapCommand.Unselect(A1), one("A1 UNSELECT\r\n"));
        assertEquals(new ImapCommand.Expunge(A1, null), one("A1 EXPUNGE\r\n"));
        assertEquals(new ImapCommand.Idle(A1), one("A1 IDLE\r\n"));
    }

    @Test
    void unknownAndTrailingGarbage() {
        assertEquals("invalid A1 BAD Unknown command", bad("A1 CAPABILITYX\r\n"));
        assertEquals("invalid A1 BAD Syntax error in command", bad("A1 NOOP x\r\n"));
        assertEquals("invalid A1 BAD Syntax error in command", bad("A1  NOOP\r\n"));
        assertEquals("invalid * BAD Syntax error in command", bad("+A NOOP\r\n"));
        assertEquals("invalid * BAD Syntax error in command", bad("\r\n"));
        assertEquals("invalid A1 BAD Unknown command", bad("A1 UID NOOP 1\r\n"));
    }

    @Test
    void violationTextNeverEchoesInput() {
        String v = bad("A1 SECRETCOMMAND hunter2\r\n");
        assertFalse(v.contains("SECRET") || v.contains("hunter2"));
    }

    @Test
    void login() {
        assertEquals(new ImapCommand.Login(A1, "joe", "p w\"\\"), one("A1 LOGIN joe \"p w\\\"\\\\\"\r\n"));
        assertEquals(new ImapCommand.Login(A1, "joe", "a\r\nb"), one("A1 LOGIN joe {4}\r\na\r\nb\r\n"));
        assertEquals(new ImapCommand.Login(A1, "", ""), one("A1 LOGIN {0}\r\n {0}\r\n\r\n"));
        assertFalse(one("A1 LOGIN joe secret\r\n").toString().contains("secret"));
        assertEquals("invalid A1 BAD Syntax error in command", bad("A1 LOGIN \"a\\n\" b\r\n"));
        assertEquals("invalid A1 BAD Syntax error in command", bad("A1 LOGIN \"unterminated b\r\n"));
    }

    @Test
    void continuationIsRequestedBeforeAnyLiteralOctet() {
        List<String> e = events("A1 LOGIN {3}\r\njoe {2}\r\npw\r\n");
        assertEquals(List.of("+ 3", "+ 2", "command Login[tag=A1, user=joe, password=***]"), e);
        ImapCommandDecoder d = new ImapCommandDecoder(DEFAULTS);
        List<Long> asked = new ArrayList<>();
        ServerFeed.Recorder r = new ServerFeed.Recorder(d, false, true) {
            @Override
            public boolean literalRequest(Tag tag, long size) {
                asked.add(size);
                return true;
            }
        };
        ByteBuffer in = ByteBuffer.wrap("A1 LOGIN {3}\r\njoe {2}\r\npw\r\n".getBytes(StandardCharsets.US_ASCII));
        d.decode(in, r);
        assertEquals(List.of(3L), asked);
        assertTrue(d.awaitingContinuation());
        int p = in.position();
        d.decode(in, r);
        assertEquals(p, in.position(), "nothing is read before the session answers");
        d.refuseLiteral();
        d.decode(in, r);
        // The refused command is gone: the client would not have sent the octets; here they are a new line.
        assertEquals("invalid joe BAD Syntax error in command", r.events.get(0));
    }

    @Test
    void authenticate() {
        assertEquals(new ImapCommand.Authenticate(A1, "PLAIN", "AGpvZQBwdw=="), one("A1 AUTHENTICATE plain AGpvZQBwdw==\r\n"));
        assertEquals(List.of("command Authenticate[tag=A1, mechanism=PLAIN]", "auth AGpvZQBwdw==", "command Noop[tag=A2]"),
                events("A1 AUTHENTICATE PLAIN\r\nAGpvZQBwdw==\r\nA2 NOOP\r\n"));
        assertEquals(List.of("command Authenticate[tag=A1, mechanism=PLAIN]", "invalid * BAD NUL octet not allowed"),
                events("A1 AUTHENTICATE PLAIN\r\nab\0c\r\n"));
    }

    @Test
    void idleAndDone() {
        assertEquals(List.of("command Idle[tag=A1]", "done", "command Noop[tag=A2]"),
                events("A1 IDLE\r\ndone\r\nA2 NOOP\r\n"));
        assertEquals(List.of("command Idle[tag=A1]", "invalid * BAD Expected DONE"), events("A1 IDLE\r\nA2 NOOP\r\n"));
        ImapCommandDecoder d = new ImapCommandDecoder(DEFAULTS);
        d.decode(ByteBuffer.wrap("A1 NO".getBytes(StandardCharsets.US_ASCII)), new ServerFeed.Recorder(d, false, false));
        assertThrows(IllegalStateException.class, d::expectDone);
    }

    @Test
    void enableSelectExamine() {
        assertEquals(new ImapCommand.Enable(A1, List.of("CONDSTORE", "IMAP4rev2")), one("A1 ENABLE CONDSTORE IMAP4rev2\r\n"));
        assertEquals(new ImapCommand.Select(A1, MailboxName.INBOX, false), one("A1 SELECT inbox\r\n"));
        assertEquals(new ImapCommand.Select(A1, MailboxName.of("a b"), true), one("A1 SELECT \"a b\" (condstore)\r\n"));
        assertEquals(new ImapCommand.Examine(A1, MailboxName.of("Entwürfe"), false), one("A1 EXAMINE Entw&APw-rfe\r\n"));
        assertEquals("invalid A1 BAD Syntax error in command", bad("A1 SELECT INBOX (QRESYNC)\r\n"));
    }

    @Test
    void qresync() {
        assertEquals(new ImapCommand.Select(A1, MailboxName.INBOX, false, new Qresync(67890007L, 20050715194045000L,
                SequenceSet.parse("41,43:211,214:541"), null, null)),
                one("A1 SELECT INBOX (QRESYNC (67890007 20050715194045000 41,43:211,214:541))\r\n"));
        assertEquals(new ImapCommand.Examine(A1, MailboxName.INBOX, true, new Qresync(67890007L, 90060115194045000L,
                SequenceSet.parse("1:29997"), SequenceSet.parse("5000,7500,9000,9990:9999"),
                SequenceSet.parse("15000,22500,27000,29970,29973,29976,29979,29982,29985,29988,29991,29994,29997"))),
                one("A1 EXAMINE INBOX (CONDSTORE QRESYNC (67890007 90060115194045000 1:29997 (5000,7500,9000,9990:9999 "
                        + "15000,22500,27000,29970,29973,29976,29979,29982,29985,29988,29991,29994,29997)))\r\n"));
        assertEquals(new ImapCommand.Select(A1, MailboxName.INBOX, false, new Qresync(1, 2, null,
                SequenceSet.parse("1"), SequenceSet.parse("7"))), one("A1 SELECT INBOX (QRESYNC (1 2 (1 7)))\r\n"));
        for (String bad : new String[] {"(QRESYNC (0 1))", "(QRESYNC (1 0))", "(QRESYNC (1))", "(QRESYNC (1 2 $))",
            "(QRESYNC (1 2 1:3 (1)))", "(CONDSTORE CONDSTORE)", "(QRESYNC (1 2) QRESYNC (1 2))", "()"}) {
            assertEquals("invalid A1 BAD Syntax error in command", bad("A1 SELECT INBOX " + bad + "\r\n"), bad);
        }
    }

    @Test
    void mailboxNames() {
        assertEquals(new ImapCommand.Create(A1, MailboxName.of("台北")), one("A1 CREATE &U,BTFw-\r\n"));
        assertEquals(new ImapCommand.Create(A1, MailboxName.of("台北")), one("A1 CREATE \"台北\"\r\n"));
        assertEquals(new ImapCommand.Create(A1, MailboxName.of("台北")), one("A1 CREATE {6}\r\n台北\r\n"));
        assertEquals(new ImapCommand.Delete(A1, MailboxName.of("a&b")), one("A1 DELETE a&-b\r\n"));
        assertEquals(new ImapCommand.Rename(A1, MailboxName.of("x"), MailboxName.of("y/z")), one("A1 RENAME x y/z\r\n"));
        assertEquals(new ImapCommand.Subscribe(A1, MailboxName.INBOX), one("A1 SUBSCRIBE InBoX\r\n"));
        assertEquals(new ImapCommand.Unsubscribe(A1, MailboxName.of("")), one("A1 UNSUBSCRIBE \"\"\r\n"));
        assertEquals("invalid A1 BAD Invalid mailbox name", bad("A1 CREATE &AGE-\r\n"));
        assertEquals("invalid A1 BAD Invalid mailbox name", bad("A1 CREATE &AOQ-&AOQ-\r\n"));
    }

    @Test
    void eightBitMailboxThatIsNotUtf8() {
        byte[] wire = {'A', '1', ' ', 'C', 'R', 'E', 'A', 'T', 'E', ' ', '"', (byte) 0xff, '"', '\r', '\n'};
        assertEquals(List.of("invalid A1 BAD Invalid UTF-8"), ServerFeed.whole(wire, DEFAULTS).events());
    }

    @Test
    void listAndLsub() {
        assertEquals(new ImapCommand.ListMailboxes(A1, "", "*"), one("A1 LIST \"\" *\r\n"));
        assertEquals(new ImapCommand.ListMailboxes(A1, "~/Mail", "%/ä%"), one("A1 LIST ~/Mail %/&AOQ-%\r\n"));
        assertEquals(new ImapCommand.Lsub(A1, "#news.", "comp.mail.*"), one("A1 LSUB #news. comp.mail.*\r\n"));
        assertEquals(new ImapCommand.ListMailboxes(A1, "", "inbox"), one("A1 LIST \"\" inbox\r\n"));
    }

    @Test
    void status() {
        assertEquals(new ImapCommand.Status(A1, MailboxName.INBOX, List.of(StatusItem.MESSAGES, StatusItem.UIDNEXT,
                StatusItem.HIGHESTMODSEQ)), one("A1 STATUS INBOX (MESSAGES uidnext HIGHESTMODSEQ)\r\n"));
        assertEquals("invalid A1 BAD Syntax error in command", bad("A1 STATUS INBOX ()\r\n"));
        assertEquals("invalid A1 BAD Syntax error in command", bad("A1 STATUS INBOX (FOO)\r\n"));
    }

    @Test
    void fetch() {
        assertEquals(new ImapCommand.Fetch(A1, false, SequenceSet.parse("1:*"), List.of(FetchAttribute.Macro.ALL)),
                one("A1 FETCH 1:* all\r\n"));
        assertEquals(new ImapCommand.Fetch(A1, true, SequenceSet.parse("4:*"), List.of(FetchAttribute.Simple.FLAGS)),
                one("A1 UID FETCH *:4 FLAGS\r\n"));
        ImapCommand.Fetch f = (ImapCommand.Fetch) one("A1 FETCH 2,4:7 (UID RFC822.SIZE BODY BODY.PEEK[1.2.HEADER.FIELDS "
                + "(From \"Subject\")]<0.1024> BODY[] BODY[3.MIME] BINARY.PEEK[1]<5.10> BINARY.SIZE[2] MODSEQ "
                + "BODYSTRUCTURE BODY[HEADER.FIELDS.NOT (X)] BODY[TEXT] BINARY[])\r\n");
        assertEquals(List.of(FetchAttribute.Simple.UID, FetchAttribute.Simple.RFC822_SIZE, FetchAttribute.Simple.BODY,
                new FetchAttribute.BodySection(new Section(List.of(1L, 2L), Section.Text.HEADER_FIELDS,
                        List.of("From", "Subject")), true, new Partial(0, 1024)),
                new FetchAttribute.BodySection(Section.WHOLE, false, null),
                new FetchAttribute.BodySection(new Section(List.of(3L), Section.Text.MIME, List.of()), false, null),
                new FetchAttribute.Binary(List.of(1L), true, new Partial(5, 10)),
                new FetchAttribute.BinarySize(List.of(2L)), FetchAttribute.Simple.MODSEQ,
                FetchAttribute.Simple.BODYSTRUCTURE,
                new FetchAttribute.BodySection(new Section(List.of(), Section.Text.HEADER_FIELDS_NOT, List.of("X")),
                        false, null),
                new FetchAttribute.BodySection(new Section(List.of(), Section.Text.TEXT, List.of()), false, null),
                new FetchAttribute.Binary(List.of(), false, null)), f.items());
        assertEquals(new ImapCommand.Fetch(A1, false, SequenceSet.SAVED, List.of(FetchAttribute.Simple.UID)),
                one("A1 FETCH $ UID\r\n"));
    }

    @Test
    void fetchModifiers() {
        List<FetchAttribute> flags = List.of(FetchAttribute.Simple.FLAGS);
        assertEquals(new ImapCommand.Fetch(A1, false, SequenceSet.parse("1:*"), flags, 12345, false),
                one("A1 FETCH 1:* (FLAGS) (CHANGEDSINCE 12345)\r\n"));
        assertEquals(new ImapCommand.Fetch(A1, true, SequenceSet.parse("1:*"), flags, 0, true),
                one("A1 UID FETCH 1:* FLAGS (VANISHED CHANGEDSINCE 0)\r\n"));
        assertEquals("invalid A1 BAD Syntax error in command", bad("A1 FETCH 1:* FLAGS (CHANGEDSINCE 1 VANISHED)\r\n"));
        assertEquals("invalid A1 BAD Syntax error in command", bad("A1 UID FETCH 1:* FLAGS (VANISHED)\r\n"));
        assertEquals("invalid A1 BAD Syntax error in command", bad("A1 FETCH 1 FLAGS (CHANGEDSINCE 1 CHANGEDSINCE 2)\r\n"));
        assertEquals("invalid A1 BAD Syntax error in command", bad("A1 FETCH 1 FLAGS ()\r\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"A1 FETCH 0 FLAGS", "A1 FETCH 4294967296 FLAGS", "A1 FETCH 99999999999999999999 FLAGS",
        "A1 FETCH 1: FLAGS", "A1 FETCH 1 (ALL)", "A1 FETCH 1 (FLAGS ALL)", "A1 FETCH 1 BODY[MIME]",
        "A1 FETCH 1 BODY[1.]", "A1 FETCH 1 BODY[0]", "A1 FETCH 1 BODY[]<1.0>", "A1 FETCH 1 BODY[]<1>",
        "A1 FETCH 1 BODY[HEADER.FIELDS ()]", "A1 FETCH 1 BODY.PEEK", "A1 FETCH 1 BINARY[TEXT]", "A1 FETCH 1 ()",
        "A1 FETCH 1 FLAGS FLAGS", "A1 FETCH 1,", "A1 FETCH 01 FLAGS", "A1 FETCH 1 BODY[]<4294967296.1>",
        "A1 FETCH 1 BODY[]<0.99999999999999999999>", "A1 FETCH 1 BODY[4294967296]", "A1 STORE 1 (UNCHANGEDSINCE "
            + "99999999999999999999) FLAGS ()", "A1 STORE 1 (UNCHANGEDSINCE -1) FLAGS ()"})
    void badFetch(String line) {
        assertEquals("invalid A1 BAD Syntax error in command", bad(line + "\r\n"));
    }

    @Test
    void hugeButValidSequenceNumbersStayRanges() {
        ImapCommand.Fetch f = (ImapCommand.Fetch) one("A1 UID FETCH 1:4294967295 UID\r\n");
        assertEquals(List.of(new SequenceSet.Range(1, 4294967295L)), f.set().ranges());
    }

    @Test
    void store() {
        assertEquals(new ImapCommand.Store(A1, false, SequenceSet.parse("1:3"), -1, ImapCommand.StoreMode.ADD, true,
                List.of(Flag.SEEN, Flag.of("$Junk"))), one("A1 STORE 1:3 +FLAGS.SILENT (\\seen $Junk)\r\n"));
        assertEquals(new ImapCommand.Store(A1, true, SequenceSet.parse("5"), 12345, ImapCommand.StoreMode.REMOVE, false,
                List.of(Flag.DELETED)), one("A1 UID STORE 5 (UNCHANGEDSINCE 12345) -FLAGS \\Deleted\r\n"));
        assertEquals(new ImapCommand.Store(A1, false, SequenceSet.parse("1"), -1, ImapCommand.StoreMode.REPLACE, false,
                List.of()), one("A1 STORE 1 FLAGS ()\r\n"));
        assertEquals("invalid A1 BAD Syntax error in command", bad("A1 STORE 1 FLAGS (\\*)\r\n"));
        assertEquals("invalid A1 BAD Syntax error in command", bad("A1 STORE 1 *FLAGS (\\Seen)\r\n"));
    }

    @Test
    void copyMoveExpunge() {
        assertEquals(new ImapCommand.Copy(A1, false, SequenceSet.parse("1,3"), MailboxName.of("Trash")),
                one("A1 COPY 1,3 Trash\r\n"));
        assertEquals(new ImapCommand.Copy(A1, true, SequenceSet.parse("$"), MailboxName.of("Trash")),
                one("A1 UID COPY $ Trash\r\n"));
        assertEquals(new ImapCommand.Move(A1, true, SequenceSet.parse("7:9"), MailboxName.INBOX),
                one("A1 uid move 9:7 inbox\r\n"));
        assertEquals(new ImapCommand.Expunge(A1, SequenceSet.parse("3:5")), one("A1 UID EXPUNGE 3:5\r\n"));
        assertTrue(one("A1 UID EXPUNGE 3:5\r\n").uid());
    }

    // ------------------------------------------------------------ SEARCH

    @Test
    void searchKeyTree() {
        ImapCommand.Search s = (ImapCommand.Search) one("A1 UID SEARCH CHARSET UTF-8 OR (FROM joe SUBJECT \"x y\") "
                + "NOT seen 1:5,* UID 3:* LARGER 100 SINCE 1-Feb-1994 SENTON \"01-feb-1994\" KEYWORD $Junk "
                + "HEADER X-Y {3}\r\nabc ALL $\r\n");
        assertTrue(s.uid());
        assertEquals("UTF-8", s.charset());
        assertEquals(List.of(
                new SearchKey.Or(new SearchKey.And(List.of(new SearchKey.Text(SearchKey.TextField.FROM, "joe"),
                        new SearchKey.Text(SearchKey.TextField.SUBJECT, "x y"))),
                        new SearchKey.Not(SearchKey.Simple.SEEN)),
                new SearchKey.Sequence(SequenceSet.parse("1:5,*")), new SearchKey.Uid(SequenceSet.parse("3:*")),
                new SearchKey.Size(true, 100),
                new SearchKey.Date(SearchKey.DateField.SINCE, java.time.LocalDate.of(1994, 2, 1)),
                new SearchKey.Date(SearchKey.DateField.SENTON, java.time.LocalDate.of(1994, 2, 1)),
                new SearchKey.Keyword(Flag.of("$Junk"), false), new SearchKey.Header("X-Y", "abc"),
                SearchKey.Simple.ALL, new SearchKey.Sequence(SequenceSet.SAVED)), s.keys());
        assertEquals(new ImapCommand.Search(A1, false, null, List.of(new SearchKey.And(List.of(
                new SearchKey.Sequence(SequenceSet.parse("1:3")), SearchKey.Simple.UNSEEN)))),
                one("A1 SEARCH (1:3 UNSEEN)\r\n"));
    }

    @Test
    void esearchReturnOptionsAndModseq() {
        assertEquals(new ImapCommand.Search(A1, true, List.of(SearchReturn.MIN, SearchReturn.COUNT, SearchReturn.SAVE),
                "UTF-8", List.of(new SearchKey.ModSeq(620162338L), SearchKey.Simple.SEEN)),
                one("A1 UID SEARCH RETURN (MIN COUNT save) CHARSET UTF-8 MODSEQ 620162338 SEEN\r\n"));
        assertEquals(new ImapCommand.Search(A1, false, List.of(), null, List.of(SearchKey.Simple.ALL)),
                one("A1 SEARCH RETURN () ALL\r\n"));
        assertEquals("invalid A1 BAD Syntax error in command", bad("A1 SEARCH RETURN (MIN MIN) ALL\r\n"));
        assertEquals("invalid A1 BAD Syntax error in command", bad("A1 SEARCH RETURN (FOO) ALL\r\n"));
        assertEquals("invalid A1 BAD Syntax error in command", bad("A1 SEARCH RETURN (MIN)\r\n"));
        assertEquals("invalid A1 BAD Syntax error in command", bad("A1 SEARCH MODSEQ \"/flags/\\\\draft\" all 1\r\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"A1 SEARCH", "A1 SEARCH FOO", "A1 SEARCH ()", "A1 SEARCH SINCE 32-Feb-1994",
        "A1 SEARCH LARGER 4294967296", "A1 SEARCH CHARSET", "A1 SEARCH OR SEEN", "A1 SEARCH NOT",
        "A1 SEARCH KEYWORD \\Seen", "A1 SEARCH (SEEN", "A1 SEARCH SEEN)", "A1 SEARCH 0"})
    void badSearch(String line) {
        assertEquals("invalid A1 BAD Syntax error in command", bad(line + "\r\n"));
    }

    @Test
    void searchDepthIsCapped() {
        String three = "A1 SEARCH NOT OR (SEEN) DRAFT DELETED\r\n";
        assertEquals(1, ServerFeed.whole(three.getBytes(StandardCharsets.US_ASCII),
                DEFAULTS.toBuilder().maxNestingDepth(3).build()).commands().size());
        assertEquals("invalid A1 BAD Lists nested too deeply", bad(DEFAULTS.toBuilder().maxNestingDepth(2).build(), three));
        assertEquals("invalid A1 BAD Lists nested too deeply", bad("A1 SEARCH " + "NOT ".repeat(2000) + "SEEN\r\n"));
        assertEquals("invalid A1 BAD Lists nested too deeply", bad("A1 SEARCH " + "(".repeat(4000) + "\r\n"));
        ImapDecoderConfig deep = DEFAULTS.toBuilder().maxNestingDepth(1000).maxLineBeforeAuth(1 << 20).build();
        assertEquals(1, ServerFeed.whole(("A1 SEARCH " + "NOT ".repeat(1000) + "SEEN\r\n")
                .getBytes(StandardCharsets.US_ASCII), deep).commands().size());
        assertEquals("invalid A1 BAD List too long", bad(DEFAULTS.toBuilder().maxListLength(2).build(),
                "A1 SEARCH SEEN DRAFT DELETED\r\n"));
    }

    /** The key tree is built with an explicit stack: a deep one fits a thread with a small stack. */
    @Test
    void deepSearchNeedsNoJavaStack() throws InterruptedException {
        ImapDecoderConfig deep = DEFAULTS.toBuilder().maxNestingDepth(1000).maxLineBeforeAuth(1 << 20).build();
        byte[] wire = ("A1 SEARCH " + "OR (".repeat(499) + "SEEN" + ") SEEN".repeat(499) + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        List<Object> result = new ArrayList<>();
        Thread small = new Thread(null, () -> {
            ImapCommandDecoder d = new ImapCommandDecoder(deep);
            // Records print and compare recursively: this sink only counts the ORs, with a loop.
            ServerFeed.Recorder r = new ServerFeed.Recorder(d, false, false) {
                @Override
                public boolean command(ImapCommand command) {
                    SearchKey k = ((ImapCommand.Search) command).keys().get(0);
                    int ors = 0;
                    while (k instanceof SearchKey.Or or && ors < 10_000) {
                        ors++;
                        k = ((SearchKey.And) or.left()).keys().get(0);
                    }
                    result.add(ors);
                    return true;
                }
            };
            try {
                d.decode(ByteBuffer.wrap(wire), r);
            } catch (StackOverflowError e) {
                result.add(e);
            }
        }, "small-stack", 160 * 1024);
        small.start();
        small.join();
        assertEquals(List.of(499), result);
    }

    // ------------------------------------------------------------ APPEND

    @Test
    void appendStreamsTheMessage() {
        ImapDateTime date = new ImapDateTime(OffsetDateTime.of(2024, 7, 1, 9, 5, 0, 0, ZoneOffset.ofHours(-7)));
        List<String> e = events("A1 APPEND Sent (\\Seen) \" 1-Jul-2024 09:05:00 -0700\" {10}\r\nhello\r\nyou\r\nA2 NOOP\r\n");
        ImapCommand.Append a = new ImapCommand.Append(A1, MailboxName.of("Sent"), List.of(Flag.SEEN), date, 10, false);
        assertEquals(List.of("append " + a + " sync=true", "+ 10", "data 68656c6c6f0d0a796f75", "appendEnd A1",
                "command Noop[tag=A2]"), e);
    }

    @Test
    void appendWithMailboxLiteralAndEmptyMessage() {
        List<String> e = events("A1 APPEND {4}\r\nSent {0}\r\n\r\n");
        ImapCommand.Append a = new ImapCommand.Append(A1, MailboxName.of("Sent"), List.of(), null, 0, false);
        assertEquals(List.of("+ 4", "append " + a + " sync=true", "+ 0", "appendEnd A1"), e);
    }

    @Test
    void appendNonSynchronisingAndBinary() {
        ImapCommand.Append a = new ImapCommand.Append(A1, MailboxName.INBOX, List.of(), null, 3, true);
        assertEquals(List.of("append " + a + " sync=false", "data 610062", "appendEnd A1"),
                events("A1 APPEND INBOX ~{3+}\r\na\0b\r\n"));
        assertEquals(List.of("append " + new ImapCommand.Append(A1, MailboxName.INBOX, List.of(), null, 3, false)
                + " sync=false", "data 610062", "invalid A1 BAD NUL octet not allowed"),
                events("A1 APPEND INBOX {3+}\r\na\0b\r\n"));
    }

    @Test
    void appendRefusesTrailingArgumentsAndMissingLiteral() {
        List<String> e = events("A1 APPEND INBOX {1+}\r\nx more\r\n");
        assertEquals("invalid A1 BAD Syntax error in command", e.get(e.size() - 1));
        assertEquals("invalid A1 BAD Syntax error in command", bad("A1 APPEND INBOX\r\n"));
        List<String> multi = events("A1 APPEND INBOX {1+}\r\nx INBOX {2+}\r\n");
        assertEquals("invalid A1 BAD Syntax error in command fatal", multi.get(multi.size() - 1));
        List<String> nul = events("A1 APPEND INBOX {1+}\r\nx \0{2+}\r\n");
        assertEquals("invalid A1 BAD NUL octet not allowed fatal", nul.get(nul.size() - 1));
        assertEquals("invalid A1 BAD Syntax error in command", bad("A1 APPEND INBOX \"bad date\" {1}\r\n"));
        assertEquals("invalid A1 BAD Binary literal not allowed here", bad("A1 LOGIN ~{1}\r\n"));
    }

    // ------------------------------------------------------------ literal attacks (SECURITY.md row 4)

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{-1}", "{1a}", "{+}", "{ 1}"})
    void malformedLiteralCounts(String header) {
        String v = bad("A1 LOGIN " + header + "\r\n");
        assertTrue(v.startsWith("invalid A1 BAD Malformed literal") || v.equals("invalid A1 BAD Syntax error in command"), v);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{2147483647}", "{99999999999}", "{99999999999999999999999999}", "{8193}"})
    void oversizedLiteralsBeforeAuthentication(String header) {
        assertEquals("invalid A1 BAD [TOOBIG] Literal too big", bad("A1 LOGIN " + header + "\r\n"));
        assertEquals("invalid A1 BAD [TOOBIG] Literal too big", bad("A1 APPEND INBOX " + header + "\r\n"));
    }

    @Test
    void nonSynchronisingLiteralsUnderEachMode() {
        ImapDecoderConfig minus = DEFAULTS;
        assertEquals(List.of("command Login[tag=A1, user=joe, password=***]"), events(minus, "A1 LOGIN {3+}\r\njoe x\r\n"));
        ImapDecoderConfig big = DEFAULTS.toBuilder().maxArgumentLiteral(10000).maxLiteralBeforeAuth(10000).build();
        assertEquals("invalid A1 BAD [TOOBIG] Non-synchronizing literal refused fatal",
                bad(big, "A1 LOGIN {4097+}\r\n"));
        assertEquals("+ 4097", events(big, "A1 LOGIN {4097}\r\n").get(0));
        assertEquals(1, ServerFeed.whole(("A1 LOGIN {4096+}\r\n" + "x".repeat(4096) + " y\r\n")
                .getBytes(StandardCharsets.US_ASCII), big).commands().size());
        ImapDecoderConfig plus = big.toBuilder().nonSyncLiterals(NonSyncLiterals.LITERAL_PLUS).build();
        assertEquals(1, ServerFeed.whole(("A1 LOGIN {4097+}\r\n" + "x".repeat(4097) + " y\r\n")
                .getBytes(StandardCharsets.US_ASCII), plus).commands().size());
        ImapDecoderConfig none = DEFAULTS.toBuilder().nonSyncLiterals(NonSyncLiterals.NONE).build();
        assertEquals("invalid A1 BAD [TOOBIG] Non-synchronizing literal refused fatal", bad(none, "A1 LOGIN {1+}\r\n"));
    }

    @Test
    void literalLimitsFollowAuthentication() {
        ImapDecoderConfig c = DEFAULTS.toBuilder().maxLiteralBeforeAuth(10).maxLiteralAfterAuth(20)
                .maxArgumentLiteral(15).build();
        assertEquals("+ 10", events(c, "A1 CREATE {10}\r\n").get(0));
        assertEquals("invalid A1 BAD [TOOBIG] Literal too big", bad(c, "A1 CREATE {11}\r\n"));
        // LOGIN in the feed authenticates the decoder.
        List<String> e = events(c, "A0 LOGIN a b\r\nA1 CREATE {15}\r\n");
        assertEquals("+ 15", e.get(1));
        assertEquals("invalid A1 BAD [TOOBIG] Literal too big", events(c, "A0 LOGIN a b\r\nA1 CREATE {16}\r\n").get(1));
        assertTrue(events(c, "A0 LOGIN a b\r\nA1 APPEND INBOX {20}\r\n").get(1).startsWith("append"));
        assertEquals("invalid A1 BAD [TOOBIG] Literal too big",
                events(c, "A0 LOGIN a b\r\nA1 APPEND INBOX {21}\r\n").get(1));
    }

    @Test
    void literalsPerCommand() {
        ImapDecoderConfig c = DEFAULTS.toBuilder().maxLiteralsPerCommand(2).build();
        assertEquals(1, ServerFeed.whole("A1 LOGIN {1}\r\na {1}\r\nb\r\n".getBytes(StandardCharsets.US_ASCII), c)
                .commands().size());
        ImapDecoderConfig one = DEFAULTS.toBuilder().maxLiteralsPerCommand(1).build();
        List<String> e = events(one, "A1 LOGIN {1}\r\na {1}\r\n");
        assertEquals(List.of("+ 1", "invalid A1 BAD Too many literals in command"), e);
    }

    @Test
    void nulOnlyInLiteral8() {
        assertEquals("invalid A1 BAD NUL octet not allowed", bad("A1 LOGIN a\0 b\r\n"));
        assertEquals("invalid A1 BAD NUL octet not allowed", bad("A1 LOGIN {2}\r\na\0 b\r\n"));
        assertEquals("invalid A1 BAD NUL octet not allowed", bad("A1 LOGIN \"a\0\" b\r\n"));
    }

    @Test
    void bareCrAndLf() {
        assertEquals("invalid A1 BAD Bare CR or LF not allowed, lines end with CRLF", bad("A1 NOOP\n"));
        assertEquals(List.of("invalid A1 BAD Bare CR or LF not allowed, lines end with CRLF", "command Noop[tag=A2]"),
                events("A1 NO\rOP\r\nA2 NOOP\r\n"));
    }

    // ------------------------------------------------------------ line, depth and list limits

    @Test
    void lineLimitBeforeAndAfterAuthentication() {
        ImapDecoderConfig c = DEFAULTS.toBuilder().maxLineBeforeAuth(20).maxLineAfterAuth(30).build();
        String at20 = "A1 CREATE " + "x".repeat(8) + "\r\n";
        assertEquals(20, at20.length());
        assertEquals(1, ServerFeed.whole(at20.getBytes(StandardCharsets.US_ASCII), c).commands().size());
        String at21 = "A1 CREATE " + "x".repeat(9) + "\r\n";
        assertEquals(List.of("invalid A1 BAD Command line too long", "command Noop[tag=A2]"),
                events(c, at21 + "A2 NOOP\r\n"));
        String login = "L LOGIN a b\r\n";
        assertEquals("command " + new ImapCommand.Create(A1, MailboxName.of("x".repeat(18))),
                events(c, login + "A1 CREATE " + "x".repeat(18) + "\r\n").get(1));
        assertEquals("invalid A1 BAD Command line too long", events(c, login + "A1 CREATE " + "x".repeat(19) + "\r\n").get(1));
    }

    @Test
    void lineLimitCountsAllLinesOfACommand() {
        ImapDecoderConfig c = DEFAULTS.toBuilder().maxLineBeforeAuth(24).build();
        // 13 + 2 + ... text octets: "A1 LOGIN {1}\r\n" (14) + " {1}\r\n" (6) + "\r\n" (2) = 22
        assertEquals(1, ServerFeed.whole("A1 LOGIN {1}\r\na {1}\r\nb\r\n".getBytes(StandardCharsets.US_ASCII), c)
                .commands().size());
        assertEquals("invalid A1 BAD Command line too long",
                bad(c, "A1 LOGIN {1}\r\na {1}\r\nb    \r\n"));
    }

    @Test
    void overlongTagIsNotCutIntoAnotherTag() {
        ImapDecoderConfig c = DEFAULTS.toBuilder().maxLineBeforeAuth(20).build();
        assertEquals("invalid * BAD Command line too long", bad(c, "A".repeat(30) + " NOOP\r\n"));
        assertEquals("invalid A1 BAD Command line too long", bad(c, "A1 " + "x".repeat(30) + "\r\n"));
    }

    @Test
    void overlongLineEndingInNonSyncLiteralIsFatal() {
        ImapDecoderConfig c = DEFAULTS.toBuilder().maxLineBeforeAuth(20).build();
        assertEquals("invalid A1 BAD Command line too long fatal", bad(c, "A1 LOGIN xxxxxxxxxxxxxxxx {5+}\r\n"));
        assertEquals("invalid A1 BAD Command line too long", bad(c, "A1 LOGIN xxxxxxxxxxxxxxxx {5}\r\n"));
    }

    @Test
    void nestingDepth() {
        String line = "A1 FETCH 1 (BODY[HEADER.FIELDS (From)])\r\n";
        assertEquals(1, ServerFeed.whole(line.getBytes(StandardCharsets.US_ASCII),
                DEFAULTS.toBuilder().maxNestingDepth(2).build()).commands().size());
        assertEquals("invalid A1 BAD Lists nested too deeply", bad(DEFAULTS.toBuilder().maxNestingDepth(1).build(), line));
    }

    @Test
    void listLength() {
        String line = "A1 STORE 1 FLAGS (a b c)\r\n";
        assertEquals(1, ServerFeed.whole(line.getBytes(StandardCharsets.US_ASCII),
                DEFAULTS.toBuilder().maxListLength(3).build()).commands().size());
        assertEquals("invalid A1 BAD List too long", bad(DEFAULTS.toBuilder().maxListLength(2).build(), line));
        assertEquals("invalid A1 BAD List too long", bad(DEFAULTS.toBuilder().maxListLength(2).build(),
                "A1 ENABLE A B C\r\n"));
    }

    @Test
    void argumentLiteralLimit() {
        ImapDecoderConfig c = DEFAULTS.toBuilder().maxArgumentLiteral(5).build();
        assertEquals("+ 5", events(c, "A1 CREATE {5}\r\n").get(0));
        assertEquals("invalid A1 BAD [TOOBIG] Literal too big", bad(c, "A1 CREATE {6}\r\n"));
    }

    @Test
    void configRefusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.toBuilder().maxLineBeforeAuth(15).build());
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.toBuilder().maxLineAfterAuth(Integer.MAX_VALUE).build());
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.toBuilder().maxNestingDepth(0).build());
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.toBuilder().maxLiteralBeforeAuth(-1).build());
        assertEquals(8192, DEFAULTS.maxLineBeforeAuth());
        assertEquals(65536, DEFAULTS.maxLineAfterAuth());
        assertEquals(NonSyncLiterals.LITERAL_MINUS, DEFAULTS.nonSyncLiterals());
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.toBuilder().maxAppendMessages(0).build());
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.toBuilder().maxCatenateParts(0).build());
        // The constructor without the APPEND limits gives them their defaults.
        assertEquals(DEFAULTS, new ImapDecoderConfig(8192, 65536, 8192, 64L << 20, 65536, 32, 8, 1024,
                NonSyncLiterals.LITERAL_MINUS));
    }

    @Test
    void everyFragmentSizeGivesTheSameEvents() {
        byte[] input = ("A1 LOGIN {3}\r\njoe {2+}\r\npw\r\nA2 APPEND INBOX (\\Seen) {5}\r\nab\r\nc\r\n"
                + "A3 IDLE\r\nDONE\r\nA4 FETCH 1:* (BODY.PEEK[1.HEADER.FIELDS ({4}\r\nFrom)]<0.10>)\r\n"
                + "A5 LOGIN {99999999999}\r\nA6 AUTHENTICATE PLAIN\r\nAGpvZQBwdw==\r\nA7 NOOP\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        List<String> whole = ServerFeed.whole(input, DEFAULTS).events();
        assertEquals(11, whole.stream().filter(e -> !e.startsWith("+ ")).count(), whole.toString());
        for (int size = 1; size <= input.length; size++) {
            for (boolean later : new boolean[] {false, true}) {
                ServerFeed.Outcome o = ServerFeed.feed(input, new int[] {size}, DEFAULTS, size % 2 == 0, later);
                assertEquals(whole, o.events(), "fragment size " + size);
            }
        }
    }

    @Test
    void pauseStopsRightAfterTheEvent() {
        ImapCommandDecoder d = new ImapCommandDecoder(DEFAULTS);
        ServerFeed.Recorder r = new ServerFeed.Recorder(d, true, false);
        ByteBuffer in = ByteBuffer.wrap("A1 NOOP\r\nA2 NOOP\r\n".getBytes(StandardCharsets.US_ASCII));
        d.decode(in, r);
        assertEquals(9, in.position());
        assertEquals(1, r.events.size());
    }

    @Test
    void resetForgetsPartialInput() {
        ImapCommandDecoder d = new ImapCommandDecoder(DEFAULTS);
        ServerFeed.Recorder r = new ServerFeed.Recorder(d, false, false);
        d.decode(ByteBuffer.wrap("A1 NO".getBytes(StandardCharsets.US_ASCII)), r);
        d.reset();
        d.decode(ByteBuffer.wrap("A2 NOOP\r\n".getBytes(StandardCharsets.US_ASCII)), r);
        assertEquals(List.of("command Noop[tag=A2]"), r.events);
    }
}
