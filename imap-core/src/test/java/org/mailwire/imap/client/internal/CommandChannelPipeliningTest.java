package org.mailwire.imap.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailwire.imap.FetchAttribute;
import org.mailwire.imap.MailboxName;
import org.mailwire.imap.SearchKey;
import org.mailwire.imap.SequenceSet;
import org.mailwire.imap.client.FetchRequest;
import org.mailwire.imap.client.ImapClientOptions;
import org.mailwire.imap.client.SelectParameters;
import org.mailwire.imap.client.StartTlsPolicy;

/**
 * The RFC 3501/9051 §5.5 rules, checked on what the channel writes, with a connection that records
 * writes and runs tasks at once: which command goes out, and which waits for a completion.
 */
class CommandChannelPipeliningTest {

    private final RecordingConnection connection = new RecordingConnection();
    private final CommandChannel channel;
    private final ClientSession session;

    CommandChannelPipeliningTest() {
        ImapClientOptions options = ImapClientOptions.builder().startTlsPolicy(StartTlsPolicy.DISABLED)
                .maxPipelinedCommands(3).build();
        channel = new CommandChannel(options);
        channel.attach(connection);
        session = new ClientSession(options, channel, "localhost", 143);
        session.open();
        connection.execute(channel::onOpen);
        server("* OK [CAPABILITY IMAP4rev1 UIDPLUS] ready");
    }

    private void server(String... lines) {
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            b.append(l).append("\r\n");
        }
        connection.execute(() -> channel.onBytes(ByteBuffer.wrap(b.toString().getBytes(StandardCharsets.UTF_8))));
    }

    private static final SequenceSet ONE = SequenceSet.parse("1");

    @Test
    void twoSearchesNeverShareTheWire() {
        var first = session.search(false, List.of(SearchKey.Simple.ALL));
        var second = session.search(false, List.of(SearchKey.Simple.SEEN));
        assertEquals(List.of("A1 SEARCH ALL"), connection.written);
        server("* SEARCH 1 2", "A1 OK done");
        assertEquals(List.of("A1 SEARCH ALL", "A2 SEARCH SEEN"), connection.written);
        server("* SEARCH 2", "A2 OK done");
        assertEquals(List.of(1L, 2L), first.toCompletableFuture().join().numbers());
        assertEquals(List.of(2L), second.toCompletableFuture().join().numbers());
    }

    @Test
    void fetchAndSearchBySequenceNumberMayShareTheWire() {
        session.fetchCollect(FetchRequest.of(ONE, FetchAttribute.Simple.FLAGS));
        session.search(false, List.of(SearchKey.Simple.ALL));
        assertEquals(List.of("A1 FETCH 1 (FLAGS)", "A2 SEARCH ALL"), connection.written);
    }

    @Test
    void sequenceNumbersWaitBehindACommandThatAllowsExpunge() {
        session.noop();
        session.fetchCollect(FetchRequest.uid(ONE, FetchAttribute.Simple.FLAGS));
        session.fetchCollect(FetchRequest.of(ONE, FetchAttribute.Simple.FLAGS));
        // the UID FETCH may follow NOOP; the FETCH by number must wait for both (RFC 3501 §5.5)
        assertEquals(List.of("A1 NOOP", "A2 UID FETCH 1 (FLAGS)"), connection.written);
        server("A1 OK done");
        assertEquals(2, connection.written.size());
        server("A2 OK done");
        assertEquals("A3 FETCH 1 (FLAGS)", connection.written.get(2));
    }

    @Test
    void copyBySequenceNumberWaitsBehindExpunge() {
        session.expunge(null);
        session.copy(false, ONE, MailboxName.of("X"));
        assertEquals(List.of("A1 EXPUNGE"), connection.written);
        server("* 1 EXPUNGE", "A1 OK done");
        assertEquals(List.of("A1 EXPUNGE", "A2 COPY 1 X"), connection.written);
    }

    @Test
    void selectIsABarrierBothWays() {
        session.noop();
        session.select(MailboxName.INBOX, SelectParameters.NONE, false);
        session.status(MailboxName.of("X"), List.of(org.mailwire.imap.StatusItem.MESSAGES));
        assertEquals(List.of("A1 NOOP"), connection.written);
        server("A1 OK done");
        assertEquals(List.of("A1 NOOP", "A2 SELECT INBOX"), connection.written);
        server("* 0 EXISTS", "A2 OK selected");
        assertEquals("A3 STATUS X (MESSAGES)", connection.written.get(2));
    }

    @Test
    void theBoundOnCommandsInFlightHolds() {
        for (int i = 0; i < 5; i++) {
            session.create(MailboxName.of("M" + i));
        }
        assertEquals(3, connection.written.size());
        server("A2 OK done");
        assertEquals(4, connection.written.size());
    }

    @Test
    void aSynchronisingLiteralIsSentAloneAndOnlyAfterPlus() {
        session.noop();
        var search = session.search(false, List.of(new SearchKey.Text(SearchKey.TextField.BODY, "caf\u00e9")));
        assertEquals(List.of("A1 NOOP"), connection.written);
        server("A1 OK done");
        assertEquals(List.of("A1 NOOP", "A2 SEARCH CHARSET UTF-8 BODY {5}"), connection.written);
        server("+ go on");
        assertEquals("caf\u00e9", connection.written.get(2));
        server("* SEARCH", "A2 OK done");
        assertTrue(search.toCompletableFuture().join().numbers().isEmpty());
    }

    @Test
    void untaggedDataGoesToTheCommandThatCollectsItsKind() {
        var fetch = session.fetchCollect(FetchRequest.of(ONE, FetchAttribute.Simple.UID));
        var list = session.list("", "*", false);
        // UID SEARCH: a SEARCH by number would wait for the LIST, which allows EXPUNGE
        var search = session.search(true, List.of(SearchKey.Simple.ALL));
        assertEquals(List.of("A1 FETCH 1 (UID)", "A2 LIST \"\" *", "A3 UID SEARCH ALL"), connection.written);
        server("* LIST () \"/\" INBOX", "* SEARCH 7", "* 1 FETCH (UID 3)", "A3 OK s", "A2 OK l", "A1 OK f");
        assertEquals(1, fetch.toCompletableFuture().join().size());
        assertEquals(MailboxName.INBOX, list.toCompletableFuture().join().get(0).mailbox());
        assertEquals(List.of(7L), search.toCompletableFuture().join().numbers());
        assertFalse(channel.failure().isPresent());
    }
}
