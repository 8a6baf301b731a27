package org.mailwire.imap.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailwire.imap.FetchAttribute;
import org.mailwire.imap.Flag;
import org.mailwire.imap.ImapCommand;
import org.mailwire.imap.MailboxName;
import org.mailwire.imap.Partial;
import org.mailwire.imap.Section;
import org.mailwire.imap.SequenceSet;
import org.mailwire.imap.Tag;

class ImapCommandEncoderTest {

    private static final Tag A1 = Tag.of("A1");
    private final ImapCommandEncoder sync = new ImapCommandEncoder();

    private String wire(ImapCommandEncoder e, ImapCommand c) {
        return new String(e.encode(c), StandardCharsets.UTF_8);
    }

    @Test
    void stringsAreAtomsQuotedOrLiterals() {
        assertEquals("A1 LOGIN joe \"p w\\\"\\\\\"\r\n", wire(sync, new ImapCommand.Login(A1, "joe", "p w\"\\")));
        assertEquals("A1 LOGIN \"\" {4}\r\na\r\nb\r\n", wire(sync, new ImapCommand.Login(A1, "", "a\r\nb")));
        assertEquals("A1 LOGIN {2}\r\nä {1+}\r\n\u0001\r\n".replace("{2}\r\nä {1+}", "{2}\r\nä {1}"),
                wire(sync, new ImapCommand.Login(A1, "ä", "\u0001")));
        assertEquals("A1 LOGIN {2+}\r\nä x\r\n",
                wire(new ImapCommandEncoder(NonSyncLiterals.LITERAL_MINUS), new ImapCommand.Login(A1, "ä", "x")));
    }

    @Test
    void nulIsRefusedWhereNoLiteral8Can_Go() {
        assertThrows(IllegalArgumentException.class, () -> new ImapCommand.Login(A1, "a\0", "b"));
        ImapCommand.Append text = new ImapCommand.Append(A1, MailboxName.INBOX, List.of(), null, 1, false);
        assertThrows(IllegalArgumentException.class, () -> sync.encodeAppend(text, new byte[] {0}));
        assertThrows(IllegalArgumentException.class, () -> sync.encodeAppend(text, new byte[2]));
        assertThrows(IllegalArgumentException.class, () -> sync.encode(text));
        ImapCommand.Append binary = new ImapCommand.Append(A1, MailboxName.INBOX, List.of(Flag.SEEN), null, 1, true);
        assertEquals("A1 APPEND INBOX (\\Seen) ~{1}\r\n\0\r\n",
                new String(sync.encodeAppend(binary, new byte[] {0}), StandardCharsets.ISO_8859_1));
    }

    @Test
    void mailboxesInModifiedUtf7() {
        assertEquals("A1 SELECT &U,BTFw- (CONDSTORE)\r\n", wire(sync, new ImapCommand.Select(A1, MailboxName.of("台北"), true)));
        assertEquals("A1 CREATE \"a b&-\"\r\n", wire(sync, new ImapCommand.Create(A1, MailboxName.of("a b&"))));
        assertEquals("A1 LIST \"\" %/&AOQ-*\r\n", wire(sync, new ImapCommand.ListMailboxes(A1, "", "%/ä*")));
    }

    @Test
    void fetchAndStore() {
        assertEquals("A1 UID FETCH 1:* (UID BODY.PEEK[1.HEADER.FIELDS (From \"X Y\")]<0.10>)\r\n",
                wire(sync, new ImapCommand.Fetch(A1, true, SequenceSet.parse("1:*"), List.of(FetchAttribute.Simple.UID,
                        new FetchAttribute.BodySection(new Section(List.of(1L), Section.Text.HEADER_FIELDS,
                                List.of("From", "X Y")), true, new Partial(0, 10))))));
        assertEquals("A1 FETCH $ FULL\r\n",
                wire(sync, new ImapCommand.Fetch(A1, false, SequenceSet.SAVED, List.of(FetchAttribute.Macro.FULL))));
        assertEquals("A1 STORE 4:* (UNCHANGEDSINCE 9) +FLAGS.SILENT (\\Seen kw)\r\n",
                wire(sync, new ImapCommand.Store(A1, false, SequenceSet.parse("*:4"), 9, ImapCommand.StoreMode.ADD, true,
                        List.of(Flag.SEEN, Flag.of("kw")))));
    }
}
