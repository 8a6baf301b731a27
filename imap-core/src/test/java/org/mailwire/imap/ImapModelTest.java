package org.mailwire.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImapModelTest {

    @Test
    void tags() {
        assertEquals("a]1", Tag.of("a]1").value());
        for (String bad : new String[] {"", "A+1", "A 1", "A(", "A*", "A%", "A\"", "A\\", "A{", "A\r", "é"}) {
            assertThrows(IllegalArgumentException.class, () -> Tag.of(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> Tag.of("x".repeat(Tag.MAX_LENGTH + 1)));
    }

    @Test
    void sequenceSetsStayRanges() {
        SequenceSet s = SequenceSet.parse("1:4294967295");
        assertEquals(List.of(new SequenceSet.Range(1, 4294967295L)), s.ranges());
        assertTrue(s.contains(4294967295L, 5));
        assertEquals("4:*", SequenceSet.parse("*:4").toString());
        assertEquals("1:*", SequenceSet.parse("1:*").toString());
        assertEquals("*", SequenceSet.parse("*").toString());
        assertEquals("2:4,7,9:*", SequenceSet.parse("4:2,7,9:*").toString());
        assertTrue(SequenceSet.parse("5:*").contains(3, 3));
        assertFalse(SequenceSet.parse("5:*").contains(2, 3));
        assertTrue(SequenceSet.parse("*").contains(10, 10));
        assertFalse(SequenceSet.parse("*").contains(9, 10));
        assertTrue(SequenceSet.parse("$").saved());
        assertThrows(IllegalStateException.class, () -> SequenceSet.SAVED.contains(1, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "01", "4294967296", "99999999999999999999999", "1:", ":1", "1,", ",1", "1::2", "a",
        "$,1", "1:$", "-1", "1 2", "**"})
    void malformedSequenceSets(String s) {
        assertThrows(IllegalArgumentException.class, () -> SequenceSet.parse(s));
    }

    @Test
    void flags() {
        assertEquals(Flag.SEEN, Flag.of("\\SEEN"));
        assertTrue(Flag.SEEN.system());
        assertEquals("$Forwarded", Flag.of("$Forwarded").name());
        assertEquals("$forwarded", Flag.of("$Forwarded").key());
        assertEquals("\\Custom", Flag.of("\\Custom").name());
        for (String bad : new String[] {"", "\\", "\\*", "a b", "a\r\n", "(x)", "a]", "\\\\Seen"}) {
            assertThrows(IllegalArgumentException.class, () -> Flag.of(bad), bad);
        }
    }

    @Test
    void modifiedUtf7KnownForms() {
        assertEquals("&-", ModifiedUtf7.encode("&"));
        assertEquals("&", ModifiedUtf7.decode("&-"));
        assertEquals("a&-b&-", ModifiedUtf7.encode("a&b&"));
        assertEquals("~peter/mail/&U,BTFw-/&ZeVnLIqe-", ModifiedUtf7.encode("~peter/mail/台北/日本語"));
        assertEquals("~peter/mail/台北/日本語", ModifiedUtf7.decode("~peter/mail/&U,BTFw-/&ZeVnLIqe-"));
        assertEquals("Entw&APw-rfe", ModifiedUtf7.encode("Entwürfe"));
        assertEquals("&AOQ-&-", ModifiedUtf7.encode("ä&"));
        assertEquals("ä&", ModifiedUtf7.decode("&AOQ-&-"));
        assertEquals("&2D3eAA-", ModifiedUtf7.encode("\uD83D\uDE00"));
        assertEquals("\uD83D\uDE00", ModifiedUtf7.decode("&2D3eAA-"));
        assertEquals("\t", ModifiedUtf7.decode(ModifiedUtf7.encode("\t")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"&AGE-", "&AOQ-&AOQ-", "&AOQ", "&AOR-", "&ZeVnLIqe", "&Jjo!", "&-&", "&A-", "&AOQA-",
        "&2D0-", "a\tb", "&U,BTFw", "\u00e4"})
    void modifiedUtf7RefusesNonCanonicalForms(String s) {
        assertThrows(IllegalArgumentException.class, () -> ModifiedUtf7.decode(s), s);
    }

    @Test
    void mailboxNames() {
        assertEquals(MailboxName.INBOX, MailboxName.of("inBox"));
        assertTrue(MailboxName.fromWire("INBOX").isInbox());
        assertEquals("inbox/Sub", MailboxName.of("inbox/Sub").name());
        assertEquals("台北", MailboxName.fromWire("&U,BTFw-").name());
        assertEquals("台北", MailboxName.fromWire("台北").name());
        assertEquals("&U,BTFw-", MailboxName.of("台北").toWire());
        assertThrows(IllegalArgumentException.class, () -> MailboxName.of("a\r\nb"));
        assertThrows(IllegalArgumentException.class, () -> MailboxName.of("a\0"));
        assertThrows(IllegalArgumentException.class, () -> MailboxName.of("\uD800"));
        assertThrows(IllegalArgumentException.class, () -> MailboxName.fromWire("&AGE-"));
    }

    @Test
    void dateTimes() {
        ImapDateTime d = ImapDateTime.parse(" 1-Jul-2024 09:05:00 -0700");
        assertEquals(OffsetDateTime.of(2024, 7, 1, 9, 5, 0, 0, ZoneOffset.ofHours(-7)), d.value());
        assertEquals(" 1-Jul-2024 09:05:00 -0700", d.format());
        assertEquals(d, ImapDateTime.parse("01-JUL-2024 09:05:00 -0700"));
        assertEquals("17-Jan-1999 23:59:59 +0530",
                ImapDateTime.parse("17-jan-1999 23:59:59 +0530").format());
        for (String bad : new String[] {"32-Jul-2024 09:05:00 -0700", "1-Jul-2024 09:05:00 -0700",
            "01-Jux-2024 09:05:00 -0700", "01-Jul-2024 24:05:00 -0700", "01-Jul-2024 09:05:00 0700",
            "01-Jul-2024 09:05:00 -07:0", "29-Feb-2023 00:00:00 +0000", ""}) {
            assertThrows(IllegalArgumentException.class, () -> ImapDateTime.parse(bad), bad);
        }
        assertEquals(LocalDate.of(1994, 2, 1), ImapDateTime.parseDate("1-Feb-1994"));
        assertEquals(LocalDate.of(1994, 2, 1), ImapDateTime.parseDate("01-feb-1994"));
        assertEquals("1-Feb-1994", ImapDateTime.formatDate(LocalDate.of(1994, 2, 1)));
        assertThrows(IllegalArgumentException.class, () -> ImapDateTime.parseDate("1-Feb-94"));
        assertThrows(IllegalArgumentException.class, () -> ImapDateTime.parseDate("123-Feb-1994"));
    }

    @Test
    void sectionsAndPartials() {
        assertEquals("1.2.HEADER.FIELDS (From To)",
                new Section(List.of(1L, 2L), Section.Text.HEADER_FIELDS, List.of("From", "To")).toString());
        assertEquals("", Section.WHOLE.toString());
        assertEquals("3.MIME", new Section(List.of(3L), Section.Text.MIME, List.of()).toString());
        assertThrows(IllegalArgumentException.class, () -> new Section(List.of(), Section.Text.MIME, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Section(List.of(0L), Section.Text.NONE, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Section(List.of(), Section.Text.HEADER_FIELDS, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Section(List.of(), Section.Text.TEXT, List.of("x")));
        assertEquals("<0.1>", new Partial(0, 1).toString());
        assertThrows(IllegalArgumentException.class, () -> new Partial(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Partial(-1, 1));
        assertEquals("BODY.PEEK[1.TEXT]<5.10>", new FetchAttribute.BodySection(
                new Section(List.of(1L), Section.Text.TEXT, List.of()), true, new Partial(5, 10)).wire());
        assertEquals("BINARY.SIZE[1.2]", new FetchAttribute.BinarySize(List.of(1L, 2L)).wire());
    }

    @Test
    void secretsAreMaskedAndCommandsValidate() {
        Tag t = Tag.of("A1");
        assertFalse(new ImapCommand.Login(t, "u", "hunter2").toString().contains("hunter2"));
        assertFalse(new ImapCommand.Authenticate(t, "PLAIN", "c2VjcmV0").toString().contains("c2VjcmV0"));
        assertThrows(IllegalArgumentException.class, () -> new ImapCommand.Login(t, "u", "a\0"));
        assertThrows(IllegalArgumentException.class, () -> new ImapCommand.Authenticate(t, "PLA IN", null));
        assertThrows(IllegalArgumentException.class, () -> new ImapCommand.Enable(t, List.of("A\r\nB")));
        assertThrows(IllegalArgumentException.class, () -> new ImapCommand.Fetch(t, false, SequenceSet.parse("1"),
                List.of(FetchAttribute.Macro.ALL, FetchAttribute.Simple.UID)));
        assertEquals(4, FetchAttribute.Macro.ALL.expand().size());
    }

    @Test
    void sectionsMatchWithHeaderFieldNamesInAnyCase() {
        Section asked = new Section(List.of(2L), Section.Text.HEADER_FIELDS, List.of("Subject", "From"));
        assertTrue(asked.sameSectionAs(new Section(List.of(2L), Section.Text.HEADER_FIELDS, List.of("SUBJECT", "from"))));
        assertFalse(asked.sameSectionAs(new Section(List.of(2L), Section.Text.HEADER_FIELDS, List.of("Subject"))));
        assertFalse(asked.sameSectionAs(new Section(List.of(2L), Section.Text.HEADER_FIELDS_NOT, List.of("Subject", "From"))));
        assertFalse(asked.sameSectionAs(new Section(List.of(3L), Section.Text.HEADER_FIELDS, List.of("Subject", "From"))));
        assertTrue(Section.WHOLE.sameSectionAs(Section.WHOLE));
    }
}
