package org.mailwire.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
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
        assertEquals("OVERQUOTA", new ResponseCode.Other("overQuota", Optional.empty()).atom());
        assertEquals(List.of("\\Seen", "\\*"), new ResponseCode.PermanentFlags(List.of("\\Seen", "\\*")).flags());
    }
}
