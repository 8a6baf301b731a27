package org.mailwire.imap.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mailwire.imap.Flag;
import org.mailwire.imap.ImapCommand;
import org.mailwire.imap.ListReturnOption;
import org.mailwire.imap.ListSelectOption;
import org.mailwire.imap.MailboxName;
import org.mailwire.imap.SearchKey;
import org.mailwire.imap.SearchReturn;
import org.mailwire.imap.SortCriterion;
import org.mailwire.imap.SortKey;
import org.mailwire.imap.StatusItem;
import org.mailwire.imap.Tag;

/** The client side of the extension commands: their wire form, segments and APPEND heads. */
class ImapCommandSegmentsTest {

    private static final Tag A1 = Tag.of("A1");
    private final ImapCommandEncoder sync = new ImapCommandEncoder();
    private final ImapCommandEncoder plus = new ImapCommandEncoder(NonSyncLiterals.LITERAL_PLUS);
    private final ImapCommandEncoder minus = new ImapCommandEncoder(NonSyncLiterals.LITERAL_MINUS);

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static List<String> texts(List<byte[]> segments) {
        return segments.stream().map(ImapCommandSegmentsTest::text).toList();
    }

    @Test
    void extensionCommandsOnTheWire() {
        assertEquals("A1 NAMESPACE\r\n", text(sync.encode(new ImapCommand.Namespace(A1))));
        assertEquals("A1 COMPRESS DEFLATE\r\n", text(sync.encode(new ImapCommand.Compress(A1, "deflate"))));
        assertEquals("A1 ID NIL\r\n", text(sync.encode(new ImapCommand.Id(A1, Map.of()))));
        Map<String, String> id = new LinkedHashMap<>();
        id.put("name", "Mailwire");
        id.put("version", null);
        id.put("a\"b", "x\\y");
        assertEquals("A1 ID (\"name\" \"Mailwire\" \"version\" NIL \"a\\\"b\" \"x\\\\y\")\r\n",
                text(sync.encode(new ImapCommand.Id(A1, id))));
        assertEquals("A1 UID SORT RETURN (MIN ALL) (REVERSE DATE SUBJECT) UTF-8 UNSEEN\r\n",
                text(sync.encode(new ImapCommand.Sort(A1, true, List.of(SortCriterion.reverse(SortKey.DATE),
                        SortCriterion.of(SortKey.SUBJECT)), List.of(SearchReturn.MIN, SearchReturn.ALL), "UTF-8",
                        List.of(SearchKey.Simple.UNSEEN)))));
        assertEquals("A1 SORT (DISPLAYTO) \"a b\" ALL\r\n", text(sync.encode(new ImapCommand.Sort(A1, false,
                List.of(SortCriterion.of(SortKey.DISPLAYTO)), null, "a b", List.of(SearchKey.Simple.ALL)))));
        assertEquals("A1 THREAD REFERENCES UTF-8 ALL\r\n", text(sync.encode(new ImapCommand.ThreadMessages(A1, false,
                "references", "UTF-8", List.of(SearchKey.Simple.ALL)))));
        assertEquals("A1 CREATE Trash (USE (\\Trash \\X))\r\n", text(sync.encode(new ImapCommand.Create(A1,
                MailboxName.of("Trash"), List.of("\\trash", "\\X")))));
        assertEquals("A1 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" (% &AOQ-*) RETURN (CHILDREN STATUS (MESSAGES UIDNEXT))\r\n",
                text(sync.encode(new ImapCommand.ListMailboxes(A1, List.of(ListSelectOption.SUBSCRIBED,
                        ListSelectOption.RECURSIVEMATCH), "", List.of("%", "\u00e4*"), List.of(
                                ListReturnOption.Simple.CHILDREN, new ListReturnOption.Status(List.of(
                                        StatusItem.MESSAGES, StatusItem.UIDNEXT)))))));
        assertEquals("A1 LIST \"\" * RETURN (SPECIAL-USE)\r\n", text(sync.encode(new ImapCommand.ListMailboxes(A1,
                List.of(), "", List.of("*"), List.of(ListReturnOption.Simple.SPECIAL_USE)))));
        assertEquals("A1 LIST \"\" *\r\n", text(sync.encode(new ImapCommand.ListMailboxes(A1, "", "*"))));
    }

    @Test
    void idStringsAreNeverAtoms() {
        // RFC 2971 writes fields and values as strings: an atom-looking value is still quoted.
        assertEquals("A1 ID (\"os\" {2}\r\n\u00e9)\r\n", text(sync.encode(new ImapCommand.Id(A1, Map.of("os", "\u00e9")))));
    }

    @Test
    void segmentsSplitAfterEverySynchronisingLiteral() {
        ImapCommand login = new ImapCommand.Login(A1, "j\u00f6", "a\r\nb");
        assertEquals(List.of("A1 LOGIN {3}\r\n", "j\u00f6 {4}\r\n", "a\r\nb\r\n"), texts(sync.encodeSegments(login)));
        assertEquals(List.of("A1 LOGIN {3+}\r\nj\u00f6 {4+}\r\na\r\nb\r\n"), texts(plus.encodeSegments(login)));
        assertEquals(List.of("A1 NOOP\r\n"), texts(sync.encodeSegments(new ImapCommand.Noop(A1))));
        // LITERAL-: only literals over 4096 octets wait.
        String big = "x".repeat(4097) + "\u00e9";
        List<byte[]> mixed = minus.encodeSegments(new ImapCommand.Login(A1, "\u00e9", big));
        assertEquals(2, mixed.size());
        assertTrue(text(mixed.get(0)).startsWith("A1 LOGIN {2+}\r\n\u00e9 {4099}\r\n"));
        for (ImapCommandEncoder e : List.of(sync, plus, minus)) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            e.encodeSegments(login).forEach(all::writeBytes);
            assertArrayEquals(e.encode(login), all.toByteArray());
        }
        // A literal in an ID value, in an extended LIST pattern, in a SORT search key.
        assertEquals(List.of("A1 ID (\"k\" {2}\r\n", "\u00e9)\r\n"),
                texts(sync.encodeSegments(new ImapCommand.Id(A1, Map.of("k", "\u00e9")))));
        assertEquals(List.of("A1 SORT (DATE) UTF-8 SUBJECT {2}\r\n", "\u00e9\r\n"), texts(sync.encodeSegments(
                new ImapCommand.Sort(A1, false, List.of(SortCriterion.of(SortKey.DATE)), null, "UTF-8",
                        List.of(new SearchKey.Text(SearchKey.TextField.SUBJECT, "\u00e9"))))));
    }

    @Test
    void appendHeadsForStreaming() {
        ImapCommand.Append first = new ImapCommand.Append(A1, MailboxName.of("S\u00e9nt"), List.of(Flag.SEEN), null, 10,
                false);
        AppendHead head = sync.appendHead(first);
        assertEquals(List.of("A1 APPEND S&AOk-nt (\\Seen) {10}\r\n"), texts(head.segments()));
        assertTrue(head.awaitContinuation());
        assertEquals(0, head.afterData().length);
        AppendHead plusHead = plus.appendHead(first);
        assertEquals(List.of("A1 APPEND S&AOk-nt (\\Seen) {10+}\r\n"), texts(plusHead.segments()));
        assertFalse(plusHead.awaitContinuation());
        // LITERAL-: the message's own size decides.
        assertTrue(minus.appendHead(new ImapCommand.Append(A1, MailboxName.INBOX, List.of(), null, 4097, false))
                .awaitContinuation());
        assertEquals("A1 APPEND INBOX ~{4096+}\r\n", text(minus.appendHead(new ImapCommand.Append(A1, MailboxName.INBOX,
                List.of(), null, 4096, true)).joined()));
        // A mailbox too long to quote goes as a literal: one more segment, awaiting "+".
        String longName = "a b".repeat(400);
        AppendHead lit = sync.appendHead(new ImapCommand.Append(A1, MailboxName.of(longName), List.of(), null, 0, false));
        assertEquals(List.of("A1 APPEND {1200}\r\n", longName + " {0}\r\n"), texts(lit.segments()));
        AppendHead utf8 = sync.appendNext(new ImapCommand.Append(A1, MailboxName.INBOX, List.of(), null, 5, true, true));
        assertEquals(List.of(" UTF8 (~{5}\r\n"), texts(utf8.segments()));
        assertArrayEquals(new byte[] {')'}, utf8.afterData());
        assertEquals(List.of(" ~{0}\r\n"), texts(sync.appendNext(new ImapCommand.Append(A1, MailboxName.INBOX, List.of(),
                null, 0, true)).segments()));
        assertEquals("\r\n", text(sync.appendEnd()));
    }

    @Test
    void catenateHeads() {
        ImapCommand.Catenate cat = new ImapCommand.Catenate(A1, MailboxName.of("Drafts"), List.of(Flag.DRAFT), null);
        assertEquals("A1 APPEND Drafts (\\Draft) CATENATE (", text(sync.appendHead(cat).joined()));
        assertFalse(sync.appendHead(cat).awaitContinuation());
        assertEquals(" CATENATE (", text(sync.appendNext(new ImapCommand.Catenate(A1, MailboxName.INBOX, List.of(),
                null)).joined()));
        assertEquals("URL /Drafts;UID=1", text(sync.catenateUrl("/Drafts;UID=1", true).joined()));
        assertEquals("URL \"/a b\"", text(sync.catenateUrl("/a b", true).joined()));
        assertEquals(" URL /a", text(sync.catenateUrl("/a", false).joined()));
        assertEquals(List.of(" URL {2}\r\n", "\u00e9"), texts(sync.catenateUrl("\u00e9", false).segments()));
        AppendHead text = sync.catenateText(42, false, false);
        assertEquals(" TEXT {42}\r\n", text(text.joined()));
        assertTrue(text.awaitContinuation());
        AppendHead u = plus.catenateText(3, true, true);
        assertEquals("UTF8 (~{3+}\r\n", text(u.joined()));
        assertArrayEquals(new byte[] {')'}, u.afterData());
        assertEquals(")", text(sync.catenateEnd()));
    }

    @Test
    void appendIsNotACompleteCommand() {
        assertThrows(IllegalArgumentException.class, () -> sync.encodeSegments(new ImapCommand.Catenate(A1,
                MailboxName.INBOX, List.of(), null)));
        assertThrows(IllegalArgumentException.class, () -> sync.encode(new ImapCommand.Append(A1, MailboxName.INBOX,
                List.of(), null, 0, false)));
        assertThrows(IllegalArgumentException.class, () -> sync.catenateText(-1, false, true));
    }

    @Test
    void deepKeyTreesAreWrittenWithoutRecursion() {
        SearchKey k = SearchKey.Simple.SEEN;
        for (int i = 0; i < 100_000; i++) {
            k = i % 2 == 0 ? new SearchKey.Not(k) : new SearchKey.And(List.of(k, SearchKey.Simple.ALL));
        }
        String wire = text(sync.encode(new ImapCommand.Search(A1, false, null, List.of(k))));
        assertEquals(50_000, wire.chars().filter(c -> c == '(').count());
        assertTrue(wire.startsWith("A1 SEARCH (NOT (NOT "));
        assertTrue(wire.endsWith(" ALL) ALL)\r\n"));
        assertTrue(wire.contains("(NOT SEEN ALL) ALL)"));
        assertEquals("A1 SEARCH OR SEEN (ALL NOT DRAFT)\r\n", text(sync.encode(new ImapCommand.Search(A1, false, null,
                List.of(new SearchKey.Or(SearchKey.Simple.SEEN, new SearchKey.And(List.of(SearchKey.Simple.ALL,
                        new SearchKey.Not(SearchKey.Simple.DRAFT)))))))));
    }

    @Test
    void encodeAppendWritesUtf8() {
        ImapCommand.Append a = new ImapCommand.Append(A1, MailboxName.INBOX, List.of(), null, 2, true, true);
        assertEquals("A1 APPEND INBOX UTF8 (~{2}\r\n\0\u0001)\r\n",
                new String(sync.encodeAppend(a, new byte[] {0, 1}), StandardCharsets.ISO_8859_1));
    }
}
