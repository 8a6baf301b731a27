package org.mailwire.imap.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailwire.imap.FetchAttribute;
import org.mailwire.imap.ImapCommand;
import org.mailwire.imap.ListReturnOption;
import org.mailwire.imap.ListSelectOption;
import org.mailwire.imap.MailboxName;
import org.mailwire.imap.SearchKey;
import org.mailwire.imap.SearchReturn;
import org.mailwire.imap.SequenceSet;
import org.mailwire.imap.SortCriterion;
import org.mailwire.imap.SortKey;
import org.mailwire.imap.StatusItem;
import org.mailwire.imap.Tag;

/** NAMESPACE, ID, COMPRESS, SORT, THREAD, extended LIST and CREATE USE on the server side. */
class ImapExtensionCommandsTest {

    private static final Tag A1 = Tag.of("A1");
    private static final ImapDecoderConfig DEFAULTS = ImapDecoderConfig.defaults();

    private static ImapCommand one(String wire) {
        return ImapCommandDecoderTest.one(wire);
    }

    private static String bad(String wire) {
        return ImapCommandDecoderTest.bad(wire);
    }

    private static List<String> events(String wire) {
        return ImapCommandDecoderTest.events(wire);
    }

    private static final String SYNTAX = "invalid A1 BAD Syntax error in command";

    // ------------------------------------------------------------ NAMESPACE, COMPRESS

    @Test
    void namespaceAndCompress() {
        assertEquals(new ImapCommand.Namespace(A1), one("A1 namespace\r\n"));
        assertEquals(new ImapCommand.Compress(A1, "DEFLATE"), one("A1 COMPRESS deflate\r\n"));
        assertEquals(SYNTAX, bad("A1 NAMESPACE x\r\n"));
        assertEquals(SYNTAX, bad("A1 COMPRESS\r\n"));
        assertEquals(SYNTAX, bad("A1 COMPRESS \"DEFLATE\"\r\n"));
        assertEquals(SYNTAX, bad("A1 COMPRESS DEFLATE X\r\n"));
        assertThrows(IllegalArgumentException.class, () -> new ImapCommand.Compress(A1, "DEF LATE"));
    }

    // ------------------------------------------------------------ ID

    private static Map<String, String> map(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void idNilQuotedLiteralsAndOrder() {
        assertEquals(new ImapCommand.Id(A1, Map.of()), one("A1 ID NIL\r\n"));
        assertEquals(new ImapCommand.Id(A1, Map.of()), one("A1 ID nil\r\n"));
        assertEquals(new ImapCommand.Id(A1, Map.of()), one("A1 ID ()\r\n"));
        ImapCommand.Id id = (ImapCommand.Id) one("A1 ID (\"name\" \"sodr\" \"version\" NIL \"os\" {5}\r\nLinux"
                + " {0}\r\n {8}\r\nkernel\u00e9)\r\n");
        assertEquals(map("name", "sodr", "version", null, "os", "Linux", "", "kernel\u00e9"), id.parameters());
        assertEquals(List.of("name", "version", "os", ""), List.copyOf(id.parameters().keySet()));
        assertEquals(map("a", "x\r\ny"), ((ImapCommand.Id) one("A1 ID (\"a\" {4}\r\nx\r\ny)\r\n")).parameters());
    }

    @ParameterizedTest
    @ValueSource(strings = {"A1 ID", "A1 ID NILL", "A1 ID (name \"x\")", "A1 ID (\"name\" x)", "A1 ID (\"name\")",
        "A1 ID (\"a\" \"1\" \"A\" \"2\")", "A1 ID (\"a\" \"1\"", "A1 ID (\"a\" \"1\") x", "A1 ID ((\"a\" \"1\"))"})
    void badId(String line) {
        assertEquals(SYNTAX, bad(line + "\r\n"));
    }

    @Test
    void idLimitsOfRfc2971() {
        String limit = "invalid A1 BAD ID parameters over the RFC 2971 limits";
        String field30 = "f".repeat(30);
        assertEquals(map(field30, "v"), ((ImapCommand.Id) one("A1 ID (\"" + field30 + "\" \"v\")\r\n")).parameters());
        assertEquals(limit, bad("A1 ID (\"" + field30 + "x\" \"v\")\r\n"));
        String value1024 = "v".repeat(1024);
        assertEquals(1024, ((ImapCommand.Id) one("A1 ID (\"f\" {1024}\r\n" + value1024 + ")\r\n"))
                .parameters().get("f").length());
        // Refused at the header, before the continuation request: no "+".
        assertEquals(List.of(limit), events("A1 ID (\"f\" {1025}\r\n"));
        assertEquals(List.of(limit), events("A1 ID ({31}\r\n"));
        // 1024 octets, fewer characters: octets count.
        assertEquals(limit, bad("A1 ID (\"f\" \"" + "\u00e9".repeat(513) + "\")\r\n"));
        assertEquals(1, ServerFeed.whole(("A1 ID (\"f\" \"" + "\u00e9".repeat(512) + "\")\r\n")
                .getBytes(StandardCharsets.UTF_8), DEFAULTS).commands().size());
        StringBuilder pairs = new StringBuilder("A1 ID (");
        for (int i = 0; i < 30; i++) {
            pairs.append(i == 0 ? "" : " ").append("\"f").append(i).append("\" NIL");
        }
        assertEquals(30, ((ImapCommand.Id) one(pairs + ")\r\n")).parameters().size());
        assertEquals(limit, bad(pairs + " \"g\" NIL)\r\n"));
        assertThrows(IllegalArgumentException.class, () -> new ImapCommand.Id(A1, map("x".repeat(31), "v")));
        assertThrows(IllegalArgumentException.class, () -> new ImapCommand.Id(A1, map("x", "v".repeat(1025))));
        assertThrows(IllegalArgumentException.class, () -> new ImapCommand.Id(A1, map("x", "a", "X", "b")));
        assertThrows(IllegalArgumentException.class, () -> new ImapCommand.Id(A1, map("x", "a\0")));
    }

    // ------------------------------------------------------------ SORT, THREAD

    @Test
    void sortAndEsort() {
        assertEquals(new ImapCommand.Sort(A1, false, List.of(SortCriterion.of(SortKey.SUBJECT),
                SortCriterion.reverse(SortKey.DATE)), null, "UTF-8", List.of(SearchKey.Simple.ALL)),
                one("A1 SORT (SUBJECT reverse date) UTF-8 ALL\r\n"));
        assertEquals(new ImapCommand.Sort(A1, true, List.of(SortCriterion.reverse(SortKey.DISPLAYFROM),
                SortCriterion.of(SortKey.ARRIVAL)), List.of(SearchReturn.MIN, SearchReturn.COUNT), "US-ASCII",
                List.of(new SearchKey.Text(SearchKey.TextField.SUBJECT, "caf\u00e9"), SearchKey.Simple.UNSEEN,
                        new SearchKey.Uid(SequenceSet.parse("1:*")))),
                one("A1 UID SORT RETURN (MIN COUNT) (REVERSE DISPLAYFROM ARRIVAL) \"US-ASCII\" SUBJECT {5}\r\n"
                        + "caf\u00e9 UNSEEN UID 1:*\r\n"));
        assertEquals(new ImapCommand.Sort(A1, false, List.of(SortCriterion.of(SortKey.DISPLAYTO)), List.of(), "UTF-8",
                List.of(SearchKey.Simple.ALL)), one("A1 SORT RETURN () (DISPLAYTO) UTF-8 ALL\r\n"));
        assertTrue(one("A1 UID SORT (SIZE) UTF-8 ALL\r\n").uid());
    }

    @ParameterizedTest
    @ValueSource(strings = {"A1 SORT (DATE) ALL", "A1 SORT () UTF-8 ALL", "A1 SORT (DATE) UTF-8", "A1 SORT DATE UTF-8 ALL",
        "A1 SORT (REVERSE) UTF-8 ALL", "A1 SORT (REVERSE REVERSE DATE) UTF-8 ALL", "A1 SORT (FOO) UTF-8 ALL",
        "A1 SORT RETURN (MIN MIN) (DATE) UTF-8 ALL", "A1 SORT (DATE) {5}", "A1 SORT RETURN (DATE) UTF-8 ALL",
        "A1 THREAD REFERENCES ALL", "A1 THREAD UTF-8 ALL", "A1 THREAD \"REFS\" UTF-8 ALL", "A1 THREAD REFS UTF-8",
        "A1 THREAD (REFS) UTF-8 ALL"})
    void badSortAndThread(String line) {
        assertEquals(SYNTAX, bad(line + "\r\n"));
    }

    @Test
    void thread() {
        assertEquals(new ImapCommand.ThreadMessages(A1, false, "ORDEREDSUBJECT", "UTF-8", List.of(SearchKey.Simple.ALL)),
                one("A1 THREAD orderedsubject UTF-8 ALL\r\n"));
        assertEquals(new ImapCommand.ThreadMessages(A1, true, "REFS", "iso-8859-1", List.of(
                new SearchKey.Not(SearchKey.Simple.DELETED), new SearchKey.Sequence(SequenceSet.parse("1:5")))),
                one("A1 UID THREAD REFS \"iso-8859-1\" NOT DELETED 1:5\r\n"));
        assertThrows(NullPointerException.class, () -> new ImapCommand.ThreadMessages(A1, false, "REFS", null,
                List.of(SearchKey.Simple.ALL)));
        assertThrows(IllegalArgumentException.class, () -> new ImapCommand.Sort(A1, false,
                List.of(SortCriterion.of(SortKey.DATE)), null, "UTF\u00e9", List.of(SearchKey.Simple.ALL)));
    }

    @Test
    void sortAndThreadSearchKeysKeepTheDepthCap() {
        ImapDecoderConfig two = DEFAULTS.toBuilder().maxNestingDepth(2).build();
        assertEquals("invalid A1 BAD Lists nested too deeply",
                ImapCommandDecoderTest.bad(two, "A1 THREAD REFS UTF-8 NOT NOT NOT SEEN\r\n"));
        assertEquals("invalid A1 BAD Lists nested too deeply",
                ImapCommandDecoderTest.bad(two, "A1 SORT (DATE) UTF-8 ((((SEEN))))\r\n"));
        assertEquals("invalid A1 BAD List too long", ImapCommandDecoderTest.bad(
                DEFAULTS.toBuilder().maxListLength(2).build(), "A1 SORT (DATE SIZE FROM) UTF-8 ALL\r\n"));
    }

    // ------------------------------------------------------------ LIST

    @Test
    void basicListStaysBasic() {
        ImapCommand.ListMailboxes basic = new ImapCommand.ListMailboxes(A1, "", "*");
        assertEquals(basic, one("A1 LIST \"\" *\r\n"));
        assertEquals(basic, one("A1 LIST () \"\" (*) RETURN ()\r\n"));
        assertEquals("*", basic.pattern());
        assertEquals(false, basic.extended());
    }

    @Test
    void extendedList() {
        assertEquals(new ImapCommand.ListMailboxes(A1, List.of(ListSelectOption.SUBSCRIBED,
                ListSelectOption.RECURSIVEMATCH), "", List.of("%", "Entw\u00fcrfe/*", "\u53f0\u5317"),
                List.of(ListReturnOption.Simple.CHILDREN)),
                one("A1 LIST (subscribed RECURSIVEMATCH) \"\" (% Entw&APw-rfe/* {6}\r\n\u53f0\u5317) RETURN (CHILDREN)\r\n"));
        assertEquals(new ImapCommand.ListMailboxes(A1, List.of(ListSelectOption.SPECIAL_USE), "", List.of("*"),
                List.of(ListReturnOption.Simple.SPECIAL_USE, new ListReturnOption.Status(List.of(StatusItem.MESSAGES,
                        StatusItem.UNSEEN, StatusItem.APPENDLIMIT)), ListReturnOption.Simple.SUBSCRIBED)),
                one("A1 LIST (SPECIAL-USE) \"\" * RETURN (special-use STATUS (MESSAGES UNSEEN APPENDLIMIT) SUBSCRIBED)\r\n"));
        assertEquals(new ImapCommand.ListMailboxes(A1, List.of(ListSelectOption.REMOTE), "~/Mail", List.of(""),
                List.of()), one("A1 LIST (REMOTE) {6}\r\n~/Mail {0}\r\n\r\n"));
        assertEquals(true, ((ImapCommand.ListMailboxes) one("A1 LIST \"\" (a b)\r\n")).extended());
    }

    @ParameterizedTest
    @ValueSource(strings = {"A1 LIST (FOO) \"\" *", "A1 LIST (RECURSIVEMATCH) \"\" *", "A1 LIST (REMOTE RECURSIVEMATCH) \"\" *",
        "A1 LIST \"\" * RETURN (FOO)", "A1 LIST \"\" * RETURN (STATUS ())", "A1 LIST \"\" * RETURN (STATUS (FOO))",
        "A1 LIST \"\" * RETURN (STATUS (MESSAGES) STATUS (UNSEEN))", "A1 LIST \"\" * RETURN CHILDREN",
        "A1 LIST \"\" ()", "A1 LIST \"\" * RETURNS (CHILDREN)", "A1 LIST \"\" * RETURN (CHILDREN) x",
        "A1 LIST (SUBSCRIBED)\"\" *", "A1 LIST \"\" * RETURN (MYRIGHTS)", "A1 LIST (SUBSCRIBED (x)) \"\" *"})
    void listOptionsRefused(String line) {
        assertEquals(SYNTAX, bad(line + "\r\n"));
    }

    @Test
    void listPatternCountIsBounded() {
        assertEquals("invalid A1 BAD List too long", ImapCommandDecoderTest.bad(
                DEFAULTS.toBuilder().maxListLength(2).build(), "A1 LIST \"\" (a b c)\r\n"));
    }

    // ------------------------------------------------------------ CREATE USE

    @Test
    void createSpecialUse() {
        assertEquals(new ImapCommand.Create(A1, MailboxName.of("Drafts"), List.of("\\Drafts")),
                one("A1 CREATE Drafts (USE (\\drafts))\r\n"));
        assertEquals(new ImapCommand.Create(A1, MailboxName.of("\u00c4"), List.of("\\Sent", "\\Archive", "\\X-Mine")),
                one("A1 CREATE {2}\r\n\u00c4 (use (\\Sent \\ARCHIVE \\X-Mine \\sent))\r\n"));
        assertEquals(new ImapCommand.Create(A1, MailboxName.of("x")), one("A1 CREATE x (USE ())\r\n"));
        for (String b : new String[] {"(USE (Drafts))", "(USE \\Drafts)", "(FOO (\\Drafts))", "()", "(USE (\\Drafts)",
            "(USE (\\Drafts)) x"}) {
            assertEquals(SYNTAX, bad("A1 CREATE x " + b + "\r\n"), b);
        }
        assertThrows(IllegalArgumentException.class, () -> new ImapCommand.Create(A1, MailboxName.INBOX, List.of("Junk")));
    }

    // ------------------------------------------------------------ FETCH items and STATUS

    @Test
    void newFetchItemsAndStatusItems() {
        ImapCommand.Fetch f = (ImapCommand.Fetch) one("A1 FETCH 1 (SAVEDATE EMAILID THREADID RFC822.HEADER RFC822.TEXT "
                + "RFC822 RFC822.SIZE BINARY.SIZE[1.2])\r\n");
        assertEquals(List.of(FetchAttribute.Simple.SAVEDATE, FetchAttribute.Simple.EMAILID,
                FetchAttribute.Simple.THREADID, FetchAttribute.Simple.RFC822_HEADER, FetchAttribute.Simple.RFC822_TEXT,
                FetchAttribute.Simple.RFC822, FetchAttribute.Simple.RFC822_SIZE,
                new FetchAttribute.BinarySize(List.of(1L, 2L))), f.items());
        assertEquals(new ImapCommand.Status(A1, MailboxName.INBOX, List.of(StatusItem.APPENDLIMIT)),
                one("A1 STATUS INBOX (APPENDLIMIT)\r\n"));
    }

    // ------------------------------------------------------------ early refusal at a literal

    @Test
    void syncLiteralOfABrokenCommandIsRefusedBeforeContinuation() {
        assertEquals(List.of("invalid A1 BAD Unknown command"), events("A1 FOO {3}\r\n"));
        assertEquals(List.of(SYNTAX), events("A1 SORT (FOO) {3}\r\n"));
        // Non-synchronising: the octets are on their way, so the refusal waits for the line end.
        assertEquals(List.of("invalid A1 BAD Unknown command", "command Noop[tag=A2]"),
                events("A1 FOO {3+}\r\nabc\r\nA2 NOOP\r\n"));
        assertEquals(1, ServerFeed.whole("A1 NOOP\r\n".getBytes(StandardCharsets.US_ASCII), DEFAULTS).commands().size());
    }
}
