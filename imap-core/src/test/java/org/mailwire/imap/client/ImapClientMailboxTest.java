package org.mailwire.imap.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mailwire.imap.client.ImapScripts.await;
import static org.mailwire.imap.client.ImapScripts.connect;
import static org.mailwire.imap.client.ImapScripts.failure;
import static org.mailwire.imap.client.ImapScripts.greeted;
import static org.mailwire.imap.client.ImapScripts.plain;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailwire.imap.FetchAttribute;
import org.mailwire.imap.Flag;
import org.mailwire.imap.ImapResponse;
import org.mailwire.imap.MailboxName;
import org.mailwire.imap.Qresync;
import org.mailwire.imap.ResponseCode;
import org.mailwire.imap.SearchKey;
import org.mailwire.imap.SearchReturn;
import org.mailwire.imap.Section;
import org.mailwire.imap.SequenceSet;
import org.mailwire.transport.testing.ScriptedServer;
import org.mailwire.transport.testing.ScriptedServer.Script;

/** SELECT and the mailbox view, events, FETCH streaming, STORE, SEARCH, APPEND, MOVE, IDLE. */
class ImapClientMailboxTest {

    private static Script selectInbox(Script s, String tag) {
        return s.expect(tag + " SELECT INBOX").send("* FLAGS (\\Seen \\Deleted)", "* 3 EXISTS", "* 0 RECENT",
                "* OK [UIDVALIDITY 7] v", "* OK [UIDNEXT 13] n", "* OK [PERMANENTFLAGS (\\Seen \\Deleted \\*)] p",
                tag + " OK [READ-WRITE] selected");
    }

    @Test
    void selectReportsTheMailboxAndSeedsTheView() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(selectInbox(greeted(""), "A1")
                .expect("A2 CLOSE").send("A2 OK closed"))) {
            ImapClient client = connect(server, plain().build());
            SelectResult r = await(client.select(MailboxName.INBOX));
            assertEquals(3, r.exists());
            assertEquals(OptionalLong.of(0), r.recent());
            assertEquals(List.of(Flag.SEEN, Flag.DELETED), r.flags());
            assertEquals(OptionalLong.of(7), r.uidValidity());
            assertEquals(OptionalLong.of(13), r.uidNext());
            assertEquals(List.of("\\Seen", "\\Deleted", "\\*"), r.permanentFlags());
            assertFalse(r.readOnly());
            MailboxView view = client.selected().orElseThrow();
            assertEquals(3, view.messageCount());
            assertEquals(OptionalLong.of(7), view.uidValidity());
            await(client.closeMailbox());
            assertFalse(view.isCurrent());
            assertTrue(client.selected().isEmpty());
            server.verify();
        }
    }

    @Test
    void unsolicitedExpungeDuringAUidFetchShiftsTheViewAndIsAnEvent() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(selectInbox(greeted(""), "A1")
                .expect("A2 UID FETCH 1:* (UID FLAGS)")
                .send("* 1 FETCH (UID 10 FLAGS (\\Seen))", "* 2 FETCH (UID 11 FLAGS ())", "* 1 EXPUNGE",
                        "* 2 FETCH (UID 12 FLAGS (\\Deleted))", "A2 OK done"))) {
            ImapClient client = connect(server, plain().build());
            List<ImapEvent> events = new CopyOnWriteArrayList<>();
            client.addListener(events::add);
            await(client.select(MailboxName.INBOX));
            List<ImapResponse.Fetch> fetched = await(client.fetch(FetchRequest.uid(SequenceSet.parse("1:*"),
                    FetchAttribute.Simple.UID, FetchAttribute.Simple.FLAGS)));
            assertEquals(3, fetched.size());
            MailboxView view = client.selected().orElseThrow();
            assertEquals(2, view.messageCount());
            assertEquals(OptionalLong.of(11), view.uid(1));
            assertEquals(OptionalLong.of(12), view.uid(2));
            assertEquals(OptionalLong.of(1), view.sequenceNumber(11));
            assertEquals(OptionalLong.empty(), view.sequenceNumber(10));
            assertEquals(Optional.of(Set.of(Flag.DELETED)), view.flags(2));
            assertEquals(List.of(new ImapEvent.Expunged(1, OptionalLong.of(10))), events);
            server.verify();
        }
    }

    @Test
    void qresyncSelectEnablesFirstAndVanishedRemovesUids() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(greeted("ENABLE CONDSTORE QRESYNC")
                .expect("A1 ENABLE QRESYNC").send("* ENABLED QRESYNC", "A1 OK enabled")
                .expect("A2 SELECT INBOX (QRESYNC (7 100 1:20))")
                .send("* 4 EXISTS", "* OK [UIDVALIDITY 7] v", "* OK [HIGHESTMODSEQ 120] h",
                        "* VANISHED (EARLIER) 3,5", "* 1 FETCH (UID 10 MODSEQ (110) FLAGS (\\Seen))",
                        "A2 OK [READ-WRITE] selected")
                .expect("A3 NOOP").send("* VANISHED 10", "* 2 FETCH (FLAGS (\\Flagged) MODSEQ (130))", "A3 OK done"))) {
            ImapClient client = connect(server, plain().build());
            List<ImapEvent> events = new CopyOnWriteArrayList<>();
            client.addListener(events::add);
            SelectResult r = await(client.select(MailboxName.INBOX, SelectParameters.withQresync(
                    new Qresync(7, 100, SequenceSet.parse("1:20"), null, null))));
            assertEquals(Set.of("QRESYNC"), client.enabled());
            assertEquals(Optional.of(SequenceSet.parse("3,5")), r.vanished());
            assertEquals(1, r.changes().size());
            assertEquals(OptionalLong.of(120), r.highestModSeq());
            assertTrue(events.isEmpty(), "SELECT's own responses are no events: " + events);
            await(client.noop());
            MailboxView view = client.selected().orElseThrow();
            assertEquals(3, view.messageCount());
            assertEquals(OptionalLong.empty(), view.sequenceNumber(10));
            assertEquals(OptionalLong.of(130), view.highestModSeq());
            assertEquals(List.of(new ImapEvent.Vanished(false, SequenceSet.parse("10")),
                    new ImapEvent.FlagsChanged(2, OptionalLong.empty(), List.of(Flag.FLAGGED), OptionalLong.of(130))),
                    events);
            server.verify();
        }
    }

    @Test
    void fetchStreamsBodiesThenTheResponse() throws Exception {
        String body = "Subject: x\r\n\r\nhello\r\n";
        try (ScriptedServer server = ScriptedServer.start(greeted("")
                .expect("A1 FETCH 1:2 (UID BODY.PEEK[])")
                .send("* 1 FETCH (UID 5 BODY[] {" + body.length() + "}")
                .sendBytes((body + ")\r\n* 2 FETCH (UID 6 BODY[] NIL)\r\nA1 OK done\r\n")
                        .getBytes(StandardCharsets.US_ASCII)))) {
            ImapClient client = connect(server, plain().build());
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            List<String> order = new CopyOnWriteArrayList<>();
            await(client.fetch(FetchRequest.of(SequenceSet.parse("1:2"), FetchAttribute.Simple.UID,
                    new FetchAttribute.BodySection(Section.WHOLE, true, null)), new FetchListener() {
                        @Override
                        public void bodyChunk(long seq, Section section, ByteBuffer chunk) {
                            order.add("chunk " + seq);
                            byte[] b = new byte[chunk.remaining()];
                            chunk.get(b);
                            got.writeBytes(b);
                        }

                        @Override
                        public void fetched(ImapResponse.Fetch response) {
                            order.add("fetch " + response.seq());
                        }
                    }));
            assertEquals(body, got.toString(StandardCharsets.US_ASCII));
            assertEquals("chunk 1", order.get(0));
            assertEquals(List.of("fetch 1", "fetch 2"), order.stream().filter(s -> s.startsWith("fetch")).toList());
            server.verify();
        }
    }

    @Test
    void fetchBodyIntoMemoryWithACap() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(greeted("")
                .expect("A1 UID FETCH 9 (BODY.PEEK[TEXT])").send("* 3 FETCH (UID 9 BODY[TEXT] {5}", "abc", ")",
                        "A1 OK done")
                .expect("A2 UID FETCH 9 (BODY.PEEK[TEXT])").send("* 3 FETCH (UID 9 BODY[TEXT] {5}", "abc", ")",
                        "A2 OK done")
                .expect("A3 NOOP").send("A3 OK still in step"))) {
            ImapClient client = connect(server, plain().build());
            Section text = new Section(List.of(), Section.Text.TEXT, List.of());
            assertArrayEquals("abc\r\n".getBytes(StandardCharsets.US_ASCII), await(client.fetchBody(true, 9, text, 5)));
            assertInstanceOf(MessageTooLargeException.class, failure(client.fetchBody(true, 9, text, 4)));
            await(client.noop());
            server.verify();
        }
    }

    @Test
    void storeReportsModifiedAndSearchSendsUtf8Charset() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(greeted("CONDSTORE ESEARCH")
                .expect("A1 UID STORE 1:3 (UNCHANGEDSINCE 40) +FLAGS.SILENT (\\Seen)")
                .send("A1 OK [MODIFIED 2] conditional store")
                .expect("A2 SEARCH CHARSET UTF-8 SUBJECT {6}")
                .send("+ go")
                .expectBytes("h\u00e9llo\r\n".getBytes(StandardCharsets.UTF_8))
                .send("* SEARCH 2 4", "A2 OK done")
                .expect("A3 UID SEARCH RETURN (MIN COUNT) UNSEEN")
                .send("* ESEARCH (TAG \"A3\") UID MIN 4 COUNT 2", "A3 OK done"))) {
            ImapClient client = connect(server, plain().build());
            StoreResult stored = await(client.store(StoreRequest.add(SequenceSet.parse("1:3"), Flag.SEEN).byUid()
                    .silently().unchangedSince(40)));
            assertEquals(Optional.of(SequenceSet.parse("2")), stored.modified());
            SearchResult found = await(client.search(new SearchKey.Text(SearchKey.TextField.SUBJECT, "h\u00e9llo")));
            assertEquals(List.of(2L, 4L), found.numbers());
            ImapResponse.Esearch e = await(client.esearch(true, List.of(SearchReturn.MIN, SearchReturn.COUNT),
                    List.of(SearchKey.Simple.UNSEEN)));
            assertEquals(OptionalLong.of(4), e.min());
            assertEquals(OptionalLong.of(2), e.count());
            server.verify();
        }
    }

    @Test
    void appendWaitsForTheContinuationWithoutLiteralPlus() throws Exception {
        byte[] message = "Subject: a\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        try (ScriptedServer server = ScriptedServer.start(greeted("UIDPLUS")
                .expect("A1 APPEND Drafts (\\Draft) {" + message.length + "}")
                .send("+ ready")
                .expectBytes(message).expect("")
                .send("A1 OK [APPENDUID 7 42] appended"))) {
            ImapClient client = connect(server, plain().build());
            AppendResult r = await(client.append(MailboxName.of("Drafts"), List.of(Flag.DRAFT), null,
                    new ByteArrayInputStream(message), message.length));
            assertEquals(Optional.of(new ResponseCode.AppendUid(7, SequenceSet.parse("42"))), r.appendUid());
            server.verify();
        }
    }

    @Test
    void appendWithLiteralPlusSendsAtOnceAndBinaryWhenTheMessageHasNul(@TempDir Path dir) throws Exception {
        byte[] message = "Subject: a\r\n\r\nbo\0dy\r\n".getBytes(StandardCharsets.US_ASCII);
        Path file = Files.write(dir.resolve("m.eml"), message);
        try (ScriptedServer server = ScriptedServer.start(greeted("LITERAL+ BINARY")
                .expect("A1 APPEND INBOX ~{" + message.length + "+}")
                .expectBytes(message).expect("")
                .send("A1 OK appended"))) {
            ImapClient client = connect(server, plain().build());
            AppendResult r = await(client.append(MailboxName.INBOX, List.of(), null, file));
            assertEquals(Optional.empty(), r.appendUid());
            server.verify();
        }
    }

    @Test
    void appendOfNulWithoutBinaryIsRefusedBeforeAnythingIsSent() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(greeted("")
                .expect("A1 NOOP").send("A1 OK done"))) {
            ImapClient client = connect(server, plain().build());
            Throwable e = failure(client.append(MailboxName.INBOX, List.of(), null, new byte[] {'a', 0, 'b'}));
            assertEquals("BINARY", assertInstanceOf(MissingCapabilityException.class, e).capability());
            await(client.noop());
            server.verify();
        }
    }

    @Test
    void moveWithoutMoveFallsBackToCopyStoreUidExpunge() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(selectInbox(greeted("UIDPLUS"), "A1")
                .expect("A2 FETCH 2:3 (UID)").send("* 2 FETCH (UID 11)", "* 3 FETCH (UID 12)", "A2 OK done")
                .expect("A3 UID COPY 11:12 Archive").send("A3 OK [COPYUID 9 11:12 1:2] copied")
                .expect("A4 UID STORE 11:12 +FLAGS.SILENT (\\Deleted)").send("A4 OK stored")
                .expect("A5 UID EXPUNGE 11:12").send("* 3 EXPUNGE", "* 2 EXPUNGE", "A5 OK expunged"))) {
            ImapClient client = connect(server, plain().build());
            await(client.select(MailboxName.INBOX));
            CopyResult r = await(client.move(false, SequenceSet.parse("2:3"), MailboxName.of("Archive")));
            assertEquals(Optional.of(new ResponseCode.CopyUid(9, SequenceSet.parse("11:12"), SequenceSet.parse("1:2"))),
                    r.copyUid());
            assertEquals(1, client.selected().orElseThrow().messageCount());
            server.verify();
        }
    }

    @Test
    void moveFallbackStopsWhenTheCopyFails() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(greeted("UIDPLUS")
                .expect("A1 UID COPY 5 Archive").send("A1 NO [TRYCREATE] no such mailbox")
                .expect("A2 NOOP").send("A2 OK done"))) {
            ImapClient client = connect(server, plain().build());
            Throwable e = failure(client.move(true, SequenceSet.parse("5"), MailboxName.of("Archive")));
            assertEquals(Optional.of(ResponseCode.Simple.TRYCREATE),
                    assertInstanceOf(ImapCommandException.class, e).responseCode());
            await(client.noop());
            server.verify();
        }
    }

    @Test
    void idleDeliversEventsUntilDone() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(selectInbox(greeted("IDLE"), "A1")
                .expect("A2 IDLE").send("+ idling", "* 4 EXISTS", "* 1 FETCH (FLAGS (\\Seen))",
                        "* OK [ALERT] maintenance soon")
                .expect("DONE").send("A2 OK idle done")
                .expect("A3 NOOP").send("A3 OK done"))) {
            ImapClient client = connect(server, plain().build());
            await(client.select(MailboxName.INBOX));
            List<ImapEvent> events = new CopyOnWriteArrayList<>();
            java.util.concurrent.CountDownLatch three = new java.util.concurrent.CountDownLatch(3);
            client.addListener(e -> {
                events.add(e);
                three.countDown();
            });
            IdleHandle idle = await(client.idle());
            assertTrue(idle.isIdling());
            // a command asked for while idling waits for the IDLE to end
            CompletionStage<Void> noop = client.noop();
            assertTrue(three.await(30, java.util.concurrent.TimeUnit.SECONDS));
            await(idle.done());
            await(noop);
            assertEquals(List.of(new ImapEvent.Exists(4),
                    new ImapEvent.FlagsChanged(1, OptionalLong.empty(), List.of(Flag.SEEN), OptionalLong.empty()),
                    new ImapEvent.Alert("maintenance soon")), events);
            assertEquals(4, client.selected().orElseThrow().messageCount());
            server.verify();
        }
    }

    @Test
    void mailboxNamesGoInUtf8OnceUtf8AcceptIsEnabled() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(greeted("ENABLE UTF8=ACCEPT")
                .expect("A1 CREATE Caf&AOk-").send("A1 OK created")
                .expect("A2 ENABLE UTF8=ACCEPT").send("* ENABLED UTF8=ACCEPT", "A2 OK enabled")
                .expect("A3 RENAME \"Caf\u00e9\" \"Th\u00e9 & co\"").send("A3 OK renamed")
                .expect("A4 SELECT \"Th\u00e9 & co\"").send("* 0 EXISTS", "A4 OK [READ-WRITE] selected"))) {
            ImapClient client = connect(server, plain().build());
            await(client.create(MailboxName.of("Caf\u00e9")));
            assertEquals(Set.of("UTF8=ACCEPT"), await(client.enable("UTF8=ACCEPT")));
            await(client.rename(MailboxName.of("Caf\u00e9"), MailboxName.of("Th\u00e9 & co")));
            await(client.select(MailboxName.of("Th\u00e9 & co")));
            server.verify();
        }
    }

    @Test
    void aListenerThatThrowsFailsItsFetchAloneAndAHugeExistsCostsNothing() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(selectInbox(greeted(""), "A1")
                .expect("A2 FETCH 1:2 (BODY.PEEK[])")
                .send("* 1 FETCH (BODY[] {2}", "ab)", "* 2 FETCH (BODY[] {2}", "cd)", "A2 OK done")
                .expect("A3 NOOP").send("* 4294967295 EXISTS", "* 7 FETCH (UID 70 FLAGS ())", "A3 OK done"))) {
            ImapClient client = connect(server, plain().build());
            await(client.select(MailboxName.INBOX));
            List<Long> seen = new CopyOnWriteArrayList<>();
            IllegalStateException boom = new IllegalStateException("the listener gives up");
            Throwable e = failure(client.fetch(FetchRequest.of(SequenceSet.parse("1:2"),
                    new FetchAttribute.BodySection(Section.WHOLE, true, null)), new FetchListener() {
                        @Override
                        public void bodyChunk(long seq, Section section, ByteBuffer chunk) {
                            seen.add(seq);
                            throw boom;
                        }

                        @Override
                        public void fetched(ImapResponse.Fetch response) {
                        }
                    }));
            assertEquals(boom, e);
            assertEquals(List.of(1L), seen);
            await(client.noop());
            MailboxView view = client.selected().orElseThrow();
            assertEquals(4294967295L, view.messageCount());
            assertEquals(OptionalLong.of(70), view.uid(7));
            server.verify();
        }
    }

    @Test
    void anImap4rev2ServerAnswersSearchWithEsearch() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Script.script().send("* OK [CAPABILITY IMAP4rev2] hi")
                .expect("A1 ENABLE IMAP4REV2").send("* ENABLED IMAP4rev2", "A1 OK enabled")
                .expect("A2 UID SEARCH UNSEEN").send("* ESEARCH (TAG \"A2\") UID ALL 2:4,9", "A2 OK done")
                .expect("A3 APPEND INBOX {3+}").expectBytes("abc".getBytes(StandardCharsets.US_ASCII)).expect("")
                .send("A3 OK appended"))) {
            ImapClient client = connect(server, plain().build());
            await(client.enable("IMAP4rev2"));
            assertEquals(List.of(2L, 3L, 4L, 9L), await(client.uidSearch(SearchKey.Simple.UNSEEN)).numbers());
            // IMAP4rev2 includes LITERAL-: a small message goes without waiting for +
            await(client.append(MailboxName.INBOX, List.of(), null, "abc".getBytes(StandardCharsets.US_ASCII)));
            server.verify();
        }
    }
}
