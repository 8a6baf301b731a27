package org.mailwire.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImapResponseModelTest {

    private static void bad(Runnable r) {
        assertThrows(IllegalArgumentException.class, r::run);
    }

    @Test
    void responsesValidateTheirValues() {
        bad(() -> new ImapResponse.Tagged(Tag.of("A1"), ImapResponse.Status.BYE, Optional.empty(), "x"));
        bad(() -> new ImapResponse.Tagged(Tag.of("A1"), ImapResponse.Status.PREAUTH, Optional.empty(), "x"));
        bad(() -> new ImapResponse.Continuation("a\r\nA2 LOGOUT"));
        bad(() -> new ImapResponse.UntaggedStatus(ImapResponse.Status.OK, Optional.empty(), "a\0"));
        bad(() -> new ImapResponse.Capability(List.of()));
        bad(() -> new ImapResponse.Capability(List.of("a b")));
        bad(() -> new ImapResponse.Exists(-1));
        bad(() -> new ImapResponse.Exists(4294967296L));
        bad(() -> new ImapResponse.Expunge(0));
        bad(() -> new ImapResponse.ListEntry(false, List.of("Noselect"), Optional.empty(), MailboxName.INBOX));
        bad(() -> new ImapResponse.ListEntry(false, List.of(), Optional.of('\n'), MailboxName.INBOX));
        bad(() -> new ImapResponse.MailboxStatus(MailboxName.INBOX, Map.of(StatusItem.MESSAGES, 4294967296L)));
        // RFC 7889: only APPENDLIMIT may be NIL, and an item is either a number or NIL
        bad(() -> new ImapResponse.MailboxStatus(MailboxName.INBOX, Map.of(), Set.of(StatusItem.MESSAGES)));
        bad(() -> new ImapResponse.MailboxStatus(MailboxName.INBOX, Map.of(StatusItem.APPENDLIMIT, 5L),
                Set.of(StatusItem.APPENDLIMIT)));
        bad(() -> new ImapResponse.Search(List.of(0L), OptionalLong.empty()));
        bad(() -> new ImapResponse.Search(List.of(), OptionalLong.of(-1)));
        bad(() -> new ImapResponse.Vanished(false, SequenceSet.parse("1:*")));
        bad(() -> new ImapResponse.Fetch(1, List.of()));
        bad(() -> new FetchItem.Body(true, new Section(List.of(), Section.Text.TEXT, List.of()), OptionalLong.empty(),
                0, false));
        bad(() -> new FetchItem.Body(false, Section.WHOLE, OptionalLong.empty(), 3, true));
        bad(() -> new FetchItem.Uid(0));
        new ImapResponse.MailboxStatus(MailboxName.INBOX, Map.of(StatusItem.HIGHESTMODSEQ, Long.MAX_VALUE));
    }

    @Test
    void codesValidateTheirValues() {
        bad(() -> new ResponseCode.UidNext(0));
        bad(() -> new ResponseCode.UidValidity(4294967296L));
        bad(() -> new ResponseCode.HighestModSeq(-1));
        bad(() -> new ResponseCode.PermanentFlags(List.of("a b")));
        bad(() -> new ResponseCode.AppendUid(1, SequenceSet.SAVED));
        bad(() -> new ResponseCode.Other("A B", Optional.empty()));
        bad(() -> new ResponseCode.Other("X", Optional.of("a]b")));
        bad(() -> new ResponseCode.Other("X", Optional.of("")));
        assertEquals("X-QUOTA", new ResponseCode.Other("x-Quota", Optional.empty()).atom());
        // a Simple code's atom without text is that Simple code, not Other
        bad(() -> new ResponseCode.Other("overQuota", Optional.empty()));
        assertEquals("OVERQUOTA", new ResponseCode.Other("overQuota", Optional.of("x")).atom());
        bad(() -> new ResponseCode.BadCharset(List.of("")));
        bad(() -> new ResponseCode.BadCharset(List.of("a\r\nb")));
        bad(() -> new ResponseCode.MailboxId(""));
        bad(() -> new ResponseCode.MailboxId("a b"));
        bad(() -> new ResponseCode.MailboxId("x".repeat(256)));
        new ResponseCode.MailboxId("x".repeat(255));
        assertEquals(List.of("\\Seen", "\\*"), new ResponseCode.PermanentFlags(List.of("\\Seen", "\\*")).flags());
    }

    @Test
    void newResponsesValidateTheirValues() {
        bad(() -> new ImapResponse.Sort(List.of(0L), OptionalLong.empty()));
        bad(() -> new ImapResponse.Sort(List.of(1L), OptionalLong.of(-1)));
        // a thread branches into none or at least two threads; a list holds something
        bad(() -> new ThreadNode(List.of(1L), List.of(ThreadNode.chain(2))));
        bad(() -> new ThreadNode(List.of(), List.of()));
        bad(() -> new ThreadNode(List.of(), List.of(ThreadNode.chain(2))));
        bad(() -> ThreadNode.chain(0));
        new ThreadNode(List.of(), List.of(ThreadNode.chain(2), ThreadNode.chain(3)));
        bad(() -> new NamespaceDescriptor("", Optional.of('\u00e4')));
        bad(() -> new NamespaceDescriptor("", Optional.empty(), Map.of("X", List.of())));
        java.util.Map<String, String> nil = new java.util.HashMap<>();
        nil.put("name", null);
        assertEquals(nil, new ImapResponse.Id(nil).parameters());
        bad(() -> new ListExtendedItem.ChildInfo(List.of()));
        bad(() -> new ListExtendedItem.Other("childInfo", new TaggedExtValue.Items(List.of())));
        bad(() -> new FetchItem.Rfc822(FetchItem.Rfc822.Part.WHOLE, 3, true));
        bad(() -> new FetchItem.BinarySize(List.of(0L), 1));
        bad(() -> new FetchItem.EmailId("M-1 "));
        bad(() -> new FetchItem.ThreadId(Optional.of("")));
        assertEquals(Section.WHOLE, FetchItem.Rfc822.Part.WHOLE.section());
        assertEquals("RFC822.TEXT", FetchItem.Rfc822.Part.TEXT.wire());
    }

    @Test
    void messageGlobalCarriesEnvelopeBodyAndLines() {
        FetchItem.Envelope env = new FetchItem.Envelope(null, null, null, null, null, null, null, null, null, null);
        BodyPart inner = new BodyPart.SinglePart("text", "plain", Map.of(), null, null, "7bit", 0, OptionalLong.of(0),
                Optional.empty(), Optional.empty(), 0, null, null, null, null, null);
        new BodyPart.SinglePart("message", "GLOBAL", Map.of(), null, null, "8bit", 10, OptionalLong.of(Long.MAX_VALUE),
                Optional.of(env), Optional.of(inner), 0, null, null, null, null, null);
        bad(() -> new BodyPart.SinglePart("message", "global", Map.of(), null, null, "8bit", 10, OptionalLong.empty(),
                Optional.empty(), Optional.empty(), 0, null, null, null, null, null));
    }
}
