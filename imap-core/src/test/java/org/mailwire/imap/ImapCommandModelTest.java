package org.mailwire.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Validation of the extension command records. */
class ImapCommandModelTest {

    private static final Tag A1 = Tag.of("A1");

    @Test
    void listKeepsItsBasicConstructorAndChecksOptions() {
        ImapCommand.ListMailboxes basic = new ImapCommand.ListMailboxes(A1, "", "%");
        assertEquals(List.of("%"), basic.patterns());
        assertEquals(List.of(), basic.selectOptions());
        assertFalse(basic.extended());
        ImapCommand.ListMailboxes twice = new ImapCommand.ListMailboxes(A1, List.of(ListSelectOption.SUBSCRIBED,
                ListSelectOption.SUBSCRIBED), "", List.of("*"), List.of(ListReturnOption.Simple.CHILDREN,
                        ListReturnOption.Simple.CHILDREN));
        assertEquals(List.of(ListSelectOption.SUBSCRIBED), twice.selectOptions());
        assertEquals(List.of(ListReturnOption.Simple.CHILDREN), twice.returnOptions());
        assertThrows(IllegalArgumentException.class, () -> new ImapCommand.ListMailboxes(A1, List.of(), "", List.of(),
                List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ImapCommand.ListMailboxes(A1,
                List.of(ListSelectOption.RECURSIVEMATCH, ListSelectOption.REMOTE), "", List.of("*"), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ImapCommand.ListMailboxes(A1, List.of(), "",
                List.of("a\r\n"), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ImapCommand.ListMailboxes(A1, List.of(), "", List.of("*"),
                List.of(new ListReturnOption.Status(List.of(StatusItem.MESSAGES)),
                        new ListReturnOption.Status(List.of(StatusItem.UNSEEN)))));
        assertThrows(IllegalArgumentException.class, () -> new ListReturnOption.Status(List.of()));
        assertEquals("STATUS (MESSAGES UIDNEXT)", new ListReturnOption.Status(List.of(StatusItem.MESSAGES,
                StatusItem.UIDNEXT, StatusItem.MESSAGES)).wire());
        assertEquals(ListSelectOption.SPECIAL_USE, ListSelectOption.fromWire("special-use"));
        assertEquals(null, ListReturnOption.Simple.fromWire("MYRIGHTS"));
    }

    @Test
    void createUsesAreCanonical() {
        ImapCommand.Create c = new ImapCommand.Create(A1, MailboxName.of("x"), List.of("\\JUNK", "\\junk", "\\Mine"));
        assertEquals(List.of("\\Junk", "\\Mine"), c.specialUse());
        assertEquals(List.of(), new ImapCommand.Create(A1, MailboxName.INBOX).specialUse());
        for (String bad : new String[] {"Junk", "\\", "\\a b", "\\a(", "\\\\x"}) {
            assertThrows(IllegalArgumentException.class, () -> new ImapCommand.Create(A1, MailboxName.INBOX, List.of(bad)),
                    bad);
        }
    }

    @Test
    void appendAndCatenate() {
        ImapCommand.Append old = new ImapCommand.Append(A1, MailboxName.INBOX, List.of(), null, 5, true);
        assertFalse(old.utf8());
        assertTrue(new ImapCommand.Append(A1, MailboxName.INBOX, List.of(), null, 5, true, true).utf8());
        assertThrows(IllegalArgumentException.class, () -> new ImapCommand.Append(A1, MailboxName.INBOX, List.of(), null,
                5, false, true));
        assertEquals("APPEND", new ImapCommand.Catenate(A1, MailboxName.INBOX, List.of(Flag.SEEN), null).name());
    }

    @Test
    void idKeepsOrderAndNil() {
        Map<String, String> in = new LinkedHashMap<>();
        in.put("z", "1");
        in.put("a", null);
        ImapCommand.Id id = new ImapCommand.Id(A1, in);
        in.put("b", "changed later");
        assertEquals(List.of("z", "a"), List.copyOf(id.parameters().keySet()));
        assertEquals(null, id.parameters().get("a"));
        assertThrows(UnsupportedOperationException.class, () -> id.parameters().put("q", "r"));
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 31; i++) {
            many.put("f" + i, null);
        }
        assertThrows(IllegalArgumentException.class, () -> new ImapCommand.Id(A1, many));
    }

    @Test
    void sortThreadCompress() {
        assertThrows(IllegalArgumentException.class, () -> new ImapCommand.Sort(A1, false, List.of(), null, "UTF-8",
                List.of(SearchKey.Simple.ALL)));
        assertThrows(IllegalArgumentException.class, () -> new ImapCommand.Sort(A1, false,
                List.of(SortCriterion.of(SortKey.DATE)), null, "UTF-8", List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ImapCommand.Sort(A1, false,
                List.of(SortCriterion.of(SortKey.DATE)), null, "", List.of(SearchKey.Simple.ALL)));
        assertEquals(List.of(SearchReturn.MIN), new ImapCommand.Sort(A1, false, List.of(SortCriterion.of(SortKey.DATE)),
                List.of(SearchReturn.MIN, SearchReturn.MIN), "UTF-8", List.of(SearchKey.Simple.ALL)).returnOptions());
        assertEquals("REVERSE CC", SortCriterion.reverse(SortKey.CC).toString());
        assertEquals("ORDEREDSUBJECT", new ImapCommand.ThreadMessages(A1, true, "orderedsubject", "UTF-8",
                List.of(SearchKey.Simple.ALL)).algorithm());
        assertThrows(IllegalArgumentException.class, () -> new ImapCommand.ThreadMessages(A1, true, "a b", "UTF-8",
                List.of(SearchKey.Simple.ALL)));
        assertThrows(IllegalArgumentException.class, () -> new ImapCommand.Compress(A1, "DEFLATE\r\n"));
    }
}
