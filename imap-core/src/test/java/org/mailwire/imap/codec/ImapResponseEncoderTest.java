package org.mailwire.imap.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mailwire.imap.FetchItem;
import org.mailwire.imap.Flag;
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

class ImapResponseEncoderTest {

    static String wire(ImapResponse r) {
        return new String(ImapResponseEncoder.encode(r), StandardCharsets.UTF_8);
    }

    @Test
    void statusResponsesAndCodes() {
        assertEquals("A1 OK [READ-WRITE] SELECT completed\r\n", wire(new ImapResponse.Tagged(Tag.of("A1"), Status.OK,
                Optional.of(ResponseCode.Simple.READ_WRITE), "SELECT completed")));
        assertEquals("* OK [COPYUID 9 1:2 5:6]\r\n", wire(new ImapResponse.UntaggedStatus(Status.OK,
                Optional.of(new ResponseCode.CopyUid(9, SequenceSet.parse("1:2"), SequenceSet.parse("5:6"))), "")));
        assertEquals("* BYE\r\n", wire(new ImapResponse.UntaggedStatus(Status.BYE, Optional.empty(), "")));
        assertEquals("+ dGVzdA==\r\n", wire(new ImapResponse.Continuation("dGVzdA==")));
        assertEquals("* OK [PERMANENTFLAGS (\\Seen \\*)] x\r\n", wire(new ImapResponse.UntaggedStatus(Status.OK,
                Optional.of(new ResponseCode.PermanentFlags(List.of("\\Seen", "\\*"))), "x")));
        assertThrows(IllegalArgumentException.class,
                () -> wire(new ImapResponse.UntaggedStatus(Status.OK, Optional.empty(), "[not a code")));
    }

    @Test
    void mailboxNamesChooseAtomQuotedOrLiteral() {
        assertEquals("* LIST () \"/\" INBOX\r\n",
                wire(new ImapResponse.ListEntry(false, List.of(), Optional.of('/'), MailboxName.INBOX)));
        assertEquals("* LIST (\\Noselect) NIL \"a b\"\r\n",
                wire(new ImapResponse.ListEntry(false, List.of("\\Noselect"), Optional.empty(), MailboxName.of("a b"))));
        assertEquals("* LSUB () \"\\\\\" Entw&APw-rfe\r\n",
                wire(new ImapResponse.ListEntry(true, List.of(), Optional.of('\\'), MailboxName.of("Entwürfe"))));
        assertEquals("* LIST () \".\" \"NIL\"\r\n",
                wire(new ImapResponse.ListEntry(false, List.of(), Optional.of('.'), MailboxName.of("NIL"))));
        assertEquals("* STATUS \"\" (MESSAGES 1)\r\n",
                wire(new ImapResponse.MailboxStatus(MailboxName.of(""), Map.of(StatusItem.MESSAGES, 1L))));
        assertEquals("* STATUS Sent (MESSAGES 1 APPENDLIMIT NIL)\r\n",
                wire(new ImapResponse.MailboxStatus(MailboxName.of("Sent"), Map.of(StatusItem.MESSAGES, 1L),
                        Set.of(StatusItem.APPENDLIMIT))));
    }

    @Test
    void fetchBodiesAreLiterals() {
        ImapResponse.Fetch f = new ImapResponse.Fetch(1, List.of(new FetchItem.Flags(List.of(Flag.SEEN)),
                new FetchItem.Body(false, Section.WHOLE, OptionalLong.empty(), 2, false),
                new FetchItem.Body(true, new Section(List.of(1L), Section.Text.NONE, List.of()), OptionalLong.of(3), 1,
                        false),
                new FetchItem.Body(false, new Section(List.of(), Section.Text.HEADER_FIELDS, List.of("From", "a b")),
                        OptionalLong.empty(), 0, true),
                new FetchItem.ModSeq(5)));
        assertEquals("* 1 FETCH (FLAGS (\\Seen) BODY[] {2}\r\nhi BINARY[1]<3> ~{1}\r\n\0"
                + " BODY[HEADER.FIELDS (From \"a b\")] NIL MODSEQ (5))\r\n",
                new String(ImapResponseEncoder.encode(f, List.of("hi".getBytes(StandardCharsets.US_ASCII), new byte[1])),
                        StandardCharsets.UTF_8));
        assertThrows(IllegalArgumentException.class, () -> ImapResponseEncoder.encode(f));
        assertThrows(IllegalArgumentException.class, () -> ImapResponseEncoder.encode(f, List.of(new byte[2], new byte[2])));
    }

    @Test
    void searchEsearchVanished() {
        assertEquals("* SEARCH 1 2 (MODSEQ 7)\r\n", wire(new ImapResponse.Search(List.of(1L, 2L), OptionalLong.of(7))));
        assertEquals("* ESEARCH (TAG \"A1\") UID MIN 1 COUNT 2 ALL 1,3\r\n", wire(new ImapResponse.Esearch(
                Optional.of(Tag.of("A1")), true, OptionalLong.of(1), OptionalLong.empty(), OptionalLong.of(2),
                Optional.of(SequenceSet.parse("1,3")), OptionalLong.empty())));
        assertEquals("* VANISHED (EARLIER) 1:3\r\n", wire(new ImapResponse.Vanished(true, SequenceSet.parse("1:3"))));
    }

    @Test
    void extensionResponsesOnTheWire() {
        assertEquals("* THREAD (2)(3 6 (4 23)(44 7 96))((3)(5))\r\n", wire(new ImapResponse.Threads(List.of(
                ThreadNode.chain(2),
                new ThreadNode(List.of(3L, 6L), List.of(ThreadNode.chain(4, 23),
                        ThreadNode.chain(44, 7, 96))),
                new ThreadNode(List.of(), List.of(ThreadNode.chain(3),
                        ThreadNode.chain(5)))))));
        assertEquals("* THREAD\r\n", wire(new ImapResponse.Threads(List.of())));
        assertEquals("* NAMESPACE ((\"\" \"/\" \"X\" (\"a\" \"b\"))) NIL ((\"#shared/\" NIL))\r\n",
                wire(new ImapResponse.Namespace(List.of(new NamespaceDescriptor("", Optional.of('/'),
                        Map.of("X", List.of("a", "b")))), List.of(),
                        List.of(new NamespaceDescriptor("#shared/", Optional.empty())))));
        java.util.Map<String, String> id = new java.util.LinkedHashMap<>();
        id.put("name", "Mailwire");
        id.put("os", null);
        assertEquals("* ID (\"name\" \"Mailwire\" \"os\" NIL)\r\n", wire(new ImapResponse.Id(id)));
        TaggedExtValue xb = new TaggedExtValue.Items(List.of(new TaggedExtValue.Text("a"),
                new TaggedExtValue.Text("b c"), new TaggedExtValue.Items(List.of())));
        List<ListExtendedItem> extended = List.of(new ListExtendedItem.ChildInfo(List.of("SUBSCRIBED")),
                new ListExtendedItem.OldName(MailboxName.of("Bar")),
                new ListExtendedItem.Other("X-A", new TaggedExtValue.Text("1:*")), new ListExtendedItem.Other("X-B", xb));
        assertEquals("* LIST () \"/\" Foo (\"CHILDINFO\" (\"SUBSCRIBED\") \"OLDNAME\" (Bar) X-A 1:*"
                + " X-B (a \"b c\" ()))\r\n",
                wire(new ImapResponse.ListEntry(false, List.of(), Optional.of('/'), MailboxName.of("Foo"), extended)));
        assertEquals("* 1 FETCH (RFC822.HEADER {2}\r\nab RFC822 NIL BINARY.SIZE[1.2] 9 SAVEDATE NIL EMAILID (M1)"
                + " THREADID NIL PREVIEW \"hi\")\r\n", new String(ImapResponseEncoder.encode(new ImapResponse.Fetch(1,
                        List.of(new FetchItem.Rfc822(FetchItem.Rfc822.Part.HEADER, 2, false),
                                new FetchItem.Rfc822(FetchItem.Rfc822.Part.WHOLE, 0, true),
                                new FetchItem.BinarySize(List.of(1L, 2L), 9), new FetchItem.SaveDate(Optional.empty()),
                                new FetchItem.EmailId("M1"), new FetchItem.ThreadId(Optional.empty()),
                                new FetchItem.Preview(Optional.of("hi")))),
                        List.of("ab".getBytes(StandardCharsets.US_ASCII))), StandardCharsets.US_ASCII));
        assertEquals("A1 NO [BADCHARSET (UTF-8 \"x y\")] no\r\n", wire(new ImapResponse.Tagged(Tag.of("A1"), Status.NO,
                Optional.of(new ResponseCode.BadCharset(List.of("UTF-8", "x y"))), "no")));
        assertEquals("A1 OK [MAILBOXID (F1)] made\r\n", wire(new ImapResponse.Tagged(Tag.of("A1"), Status.OK,
                Optional.of(new ResponseCode.MailboxId("F1")), "made")));
        assertThrows(IllegalArgumentException.class, () -> ImapResponseEncoder.encode(new ImapResponse.Fetch(1,
                List.of(new FetchItem.Rfc822(FetchItem.Rfc822.Part.TEXT, 3, false))), List.of(new byte[2])));
    }
}
