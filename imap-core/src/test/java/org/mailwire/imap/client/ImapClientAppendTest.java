package org.mailwire.imap.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mailwire.imap.client.ImapScripts.await;
import static org.mailwire.imap.client.ImapScripts.connect;
import static org.mailwire.imap.client.ImapScripts.failure;
import static org.mailwire.imap.client.ImapScripts.greeted;
import static org.mailwire.imap.client.ImapScripts.plain;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailwire.imap.Flag;
import org.mailwire.imap.ImapDateTime;
import org.mailwire.imap.ImapResponse;
import org.mailwire.imap.MailboxName;
import org.mailwire.imap.ResponseCode;
import org.mailwire.imap.SearchKey;
import org.mailwire.imap.SearchReturn;
import org.mailwire.imap.SequenceSet;
import org.mailwire.transport.testing.ScriptedServer;

/**
 * MULTIAPPEND (RFC 3502), CATENATE (RFC 4469), APPEND UTF8 (RFC 6855) and ESORT (RFC 5267): the
 * exact octets written, when the client waits for {@code +}, refusals before anything is sent, and
 * NO. A client that wrote a literal before its {@code +} is caught by a server that answers NO
 * instead: the literal's octets would then stand where the next command is expected.
 */
class ImapClientAppendTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static final byte[] M1 = ascii("Subject: one\r\n\r\nfirst\r\n");
    private static final byte[] M2 = ascii("Subject: two\r\n\r\nsecond, longer\r\n");
    private static final byte[] M3 = ascii("Subject: three\r\n\r\nthird\r\n");

    // ---- MULTIAPPEND ----

    @Test
    void multiappendWaitsForAContinuationBeforeEachMessage() throws Exception {
        ImapDateTime date = ImapDateTime.parse("17-Jul-1996 02:44:25 -0700");
        try (ScriptedServer server = ScriptedServer.start(greeted("MULTIAPPEND UIDPLUS")
                .expect("A1 APPEND Drafts (\\Seen) {" + M1.length + "}")
                .send("+ go")
                .expectBytes(M1)
                .expect(" (\\Draft) \"17-Jul-1996 02:44:25 -0700\" {" + M2.length + "}")
                .send("+ go")
                .expectBytes(M2)
                .expect(" {" + M3.length + "}")
                .send("+ go")
                .expectBytes(M3).expect("")
                .send("A1 OK [APPENDUID 7 42:44] appended"))) {
            ImapClient client = connect(server, plain().build());
            AppendResult r = await(client.append(MailboxName.of("Drafts"), List.of(
                    AppendMessage.of(M1).withFlags(List.of(Flag.SEEN)),
                    AppendMessage.of(new ByteArrayInputStream(M2), M2.length).withFlags(List.of(Flag.DRAFT))
                            .withDate(date),
                    AppendMessage.of(M3))));
            assertEquals(Optional.of(new ResponseCode.AppendUid(7, SequenceSet.parse("42:44"))), r.appendUid());
            server.verify();
        }
    }

    @Test
    void multiappendWithLiteralPlusSendsEveryMessageAtOnce(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("m2.eml"), M2);
        try (ScriptedServer server = ScriptedServer.start(greeted("MULTIAPPEND LITERAL+")
                .expect("A1 APPEND INBOX {" + M1.length + "+}")
                .expectBytes(M1)
                .expect(" {" + M2.length + "+}")
                .expectBytes(M2)
                .expect(" (\\Flagged) {" + M3.length + "+}")
                .expectBytes(M3).expect("")
                .send("A1 OK appended"))) {
            ImapClient client = connect(server, plain().build());
            AppendResult r = await(client.append(MailboxName.INBOX, List.of(AppendMessage.of(M1),
                    AppendMessage.of(file), AppendMessage.of(M3).withFlags(List.of(Flag.FLAGGED)))));
            assertEquals(Optional.empty(), r.appendUid());
            server.verify();
        }
    }

    @Test
    void multiappendRefusedMidwayWritesNothingMore() throws Exception {
        // RFC 3502 §6.3.11: a NO instead of the second message's + means none was appended
        try (ScriptedServer server = ScriptedServer.start(greeted("MULTIAPPEND")
                .expect("A1 APPEND INBOX {" + M1.length + "}")
                .send("+ go")
                .expectBytes(M1)
                .expect(" {" + M2.length + "}")
                .send("A1 NO [TOOBIG] the second message is too large")
                .expect("A2 NOOP").send("A2 OK done"))) {
            ImapClient client = connect(server, plain().build());
            Throwable e = failure(client.append(MailboxName.INBOX, List.of(AppendMessage.of(M1),
                    AppendMessage.of(M2))));
            assertEquals(Optional.of(ResponseCode.Simple.TOOBIG),
                    assertInstanceOf(ImapCommandException.class, e).responseCode());
            await(client.noop());
            server.verify();
        }
    }

    @Test
    void aMailboxNameSentAsALiteralIsFollowedOnlyAfterItsContinuation() throws Exception {
        // no atom (a space) and longer than the encoder quotes: the name is a synchronising literal
        String name = "box " + "n".repeat(1096);
        try (ScriptedServer server = ScriptedServer.start(greeted("MULTIAPPEND")
                .expect("A1 APPEND {1100}")
                .send("+ name")
                .expect(name + " {" + M1.length + "}")
                .send("+ first")
                .expectBytes(M1)
                .expect(" {" + M2.length + "}")
                .send("+ second")
                .expectBytes(M2).expect("")
                .send("A1 OK appended"))) {
            ImapClient client = connect(server, plain().build());
            await(client.append(MailboxName.of(name), List.of(AppendMessage.of(M1), AppendMessage.of(M2))));
            server.verify();
        }
    }

    @Test
    void multiappendWithoutTheCapabilityIsRefusedBeforeAnythingIsSent() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(greeted("LITERAL+ UIDPLUS")
                .expect("A1 NOOP").send("A1 OK done"))) {
            ImapClient client = connect(server, plain().build());
            Throwable e = failure(client.append(MailboxName.INBOX, List.of(AppendMessage.of(M1),
                    AppendMessage.of(M2))));
            assertEquals("MULTIAPPEND", assertInstanceOf(MissingCapabilityException.class, e).capability());
            assertThrows(IllegalArgumentException.class, () -> client.append(MailboxName.INBOX, List.of()));
            await(client.noop());
            server.verify();
        }
    }

    @Test
    void oneMessageInTheListNeedsNoMultiappend() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(greeted("LITERAL+")
                .expect("A1 APPEND INBOX {" + M1.length + "+}")
                .expectBytes(M1).expect("")
                .send("A1 OK appended"))) {
            ImapClient client = connect(server, plain().build());
            await(client.append(MailboxName.INBOX, List.of(AppendMessage.of(M1))));
            server.verify();
        }
    }

    @Test
    void multiappendFailsWholeWhenTheServerSaysNoAtTheEnd() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(greeted("MULTIAPPEND LITERAL+")
                .expect("A1 APPEND Archive {" + M1.length + "+}")
                .expectBytes(M1)
                .expect(" {" + M2.length + "+}")
                .expectBytes(M2).expect("")
                .send("A1 NO [TRYCREATE] no such mailbox")
                .expect("A2 NOOP").send("A2 OK done"))) {
            ImapClient client = connect(server, plain().build());
            Throwable e = failure(client.append(MailboxName.of("Archive"), List.of(AppendMessage.of(M1),
                    AppendMessage.of(M2))));
            assertEquals(Optional.of(ResponseCode.Simple.TRYCREATE),
                    assertInstanceOf(ImapCommandException.class, e).responseCode());
            await(client.noop());
            server.verify();
        }
    }

    @Test
    void anEarlyNoUnderLiteralPlusStillGetsTheWholeCommandBeforeTheNext() throws Exception {
        // a server may refuse at the first header and skip the literals that follow (Dovecot does)
        try (ScriptedServer server = ScriptedServer.start(greeted("MULTIAPPEND LITERAL+")
                .expect("A1 APPEND Missing {" + M1.length + "+}")
                .send("A1 NO [TRYCREATE] no such mailbox")
                .expectBytes(M1)
                .expect(" {" + M2.length + "+}")
                .expectBytes(M2).expect("")
                .expect("A2 NOOP").send("A2 OK done"))) {
            ImapClient client = connect(server, plain().build());
            CountDownLatch refused = new CountDownLatch(1);
            // the first message is held back until the NO has arrived, so the NOOP is queued by then
            InputStream gated = new FilterInputStream(new ByteArrayInputStream(M1)) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    try {
                        if (!refused.await(20, TimeUnit.SECONDS)) {
                            throw new IOException("the NO never arrived");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException(e);
                    }
                    return super.read(b, off, len);
                }
            };
            CompletionStage<AppendResult> append = client.append(MailboxName.of("Missing"),
                    List.of(AppendMessage.of(gated, M1.length), AppendMessage.of(M2)));
            CompletionStage<Void> noop = client.noop();
            append.whenComplete((r, e) -> refused.countDown());
            assertEquals(Optional.of(ResponseCode.Simple.TRYCREATE),
                    assertInstanceOf(ImapCommandException.class, failure(append)).responseCode());
            await(noop);
            server.verify();
        }
    }

    @Test
    void aShortStreamInAMultiappendDropsTheConnection() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(greeted("MULTIAPPEND LITERAL+")
                .expect("A1 APPEND INBOX {" + M1.length + "+}")
                .expectBytes(M1)
                .expect(" {" + (M2.length + 5) + "+}"))) {
            ImapClient client = connect(server, plain().build());
            Throwable e = failure(client.append(MailboxName.INBOX, List.of(AppendMessage.of(M1),
                    AppendMessage.of(new ByteArrayInputStream(M2), M2.length + 5))));
            assertInstanceOf(ImapConnectionException.class, e);
            assertEquals(false, client.isOpen());
            server.verify();
        }
    }

    // ---- CATENATE ----

    private static final String URL = "/INBOX;UIDVALIDITY=385759045/;UID=20/;SECTION=HEADER";

    @Test
    void catenateWaitsForTheContinuationBeforeEachText() throws Exception {
        byte[] body = ascii("\r\nA new body.\r\n");
        byte[] trailer = ascii("-- \r\nsig\r\n");
        try (ScriptedServer server = ScriptedServer.start(greeted("CATENATE UIDPLUS")
                .expect("A1 APPEND Drafts (\\Draft) CATENATE (URL " + URL + " TEXT {" + body.length + "}")
                .send("+ go")
                .expectBytes(body)
                .expect(" TEXT {" + trailer.length + "}")
                .send("+ go")
                .expectBytes(trailer)
                .expect(")")
                .send("A1 OK [APPENDUID 385759045 45] appended"))) {
            ImapClient client = connect(server, plain().build());
            AppendResult r = await(client.catenate(MailboxName.of("Drafts"), List.of(Flag.DRAFT), null,
                    List.of(CatenatePart.url(URL), CatenatePart.text(body),
                            CatenatePart.text(new ByteArrayInputStream(trailer), trailer.length))));
            assertEquals(Optional.of(new ResponseCode.AppendUid(385759045, SequenceSet.parse("45"))), r.appendUid());
            server.verify();
        }
    }

    @Test
    void catenateWithLiteralPlusSendsTextAtOnceAndQuotesAUrlThatIsNoAtom() throws Exception {
        byte[] head = ascii("Subject: x\r\n");
        // a percent-encoded name holds %, a list wildcard, which no atom holds
        String url = "imap://bob@example.org/Sent%20Items;UIDVALIDITY=1/;UID=3/;SECTION=TEXT";
        try (ScriptedServer server = ScriptedServer.start(greeted("CATENATE LITERAL+")
                .expect("A1 APPEND INBOX CATENATE (TEXT {" + head.length + "+}")
                .expectBytes(head)
                .expect(" URL /INBOX;UID=3/;SECTION=HEADER URL \"" + url + "\")")
                .send("A1 OK appended"))) {
            ImapClient client = connect(server, plain().build());
            await(client.blocking().async().catenate(MailboxName.INBOX, List.of(), null, List.of(
                    CatenatePart.text(head), CatenatePart.url("/INBOX;UID=3/;SECTION=HEADER"),
                    CatenatePart.url(url))));
            server.verify();
        }
    }

    @Test
    void catenateWithABadUrlFailsWithTheServersCode() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(greeted("CATENATE")
                .expect("A1 APPEND INBOX CATENATE (URL /INBOX;UID=99)")
                .send("A1 NO [BADURL \"/INBOX;UID=99\"] no such message")
                .expect("A2 NOOP").send("A2 OK done"))) {
            ImapClient client = connect(server, plain().build());
            Throwable e = failure(client.catenate(MailboxName.INBOX, List.of(), null,
                    List.of(CatenatePart.url("/INBOX;UID=99"))));
            ResponseCode code = assertInstanceOf(ImapCommandException.class, e).responseCode().orElseThrow();
            assertEquals("BADURL", assertInstanceOf(ResponseCode.Other.class, code).atom());
            await(client.noop());
            server.verify();
        }
    }

    @Test
    void catenateRefusedBeforeTheTextWritesNoText() throws Exception {
        byte[] body = ascii("\r\nbody\r\n");
        try (ScriptedServer server = ScriptedServer.start(greeted("CATENATE")
                .expect("A1 APPEND INBOX CATENATE (URL /INBOX;UID=5/;SECTION=HEADER TEXT {" + body.length + "}")
                .send("A1 NO [TOOBIG] too large")
                .expect("A2 NOOP").send("A2 OK done"))) {
            ImapClient client = connect(server, plain().build());
            failure(client.catenate(MailboxName.INBOX, List.of(), null,
                    List.of(CatenatePart.url("/INBOX;UID=5/;SECTION=HEADER"), CatenatePart.text(body))));
            await(client.noop());
            server.verify();
        }
    }

    @Test
    void catenateWithoutTheCapabilityOrWithNulIsRefusedBeforeAnythingIsSent() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(greeted("MULTIAPPEND LITERAL+ BINARY")
                .expect("A1 NOOP").send("A1 OK done"))) {
            ImapClient client = connect(server, plain().build());
            Throwable e = failure(client.catenate(MailboxName.INBOX, List.of(), null,
                    List.of(CatenatePart.url("/INBOX;UID=5"))));
            assertEquals("CATENATE", assertInstanceOf(MissingCapabilityException.class, e).capability());
            assertThrows(IllegalArgumentException.class,
                    () -> client.catenate(MailboxName.INBOX, List.of(), null, List.of()));
            assertThrows(IllegalArgumentException.class, () -> CatenatePart.url(""));
            await(client.noop());
            server.verify();
        }
        try (ScriptedServer server = ScriptedServer.start(greeted("CATENATE BINARY")
                .expect("A1 NOOP").send("A1 OK done"))) {
            ImapClient client = connect(server, plain().build());
            assertThrows(IllegalArgumentException.class, () -> client.catenate(MailboxName.INBOX, List.of(), null,
                    List.of(CatenatePart.text(new byte[] {'a', 0}))));
            await(client.noop());
            server.verify();
        }
    }

    // ---- APPEND UTF8 ----

    private static final byte[] UTF8_HEADER = "Subject: caf\u00e9\r\n\r\nbody\r\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] UTF8_BODY_ONLY = "Subject: cafe\r\n\r\nbod\u00ff\r\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void anEightBitHeaderGoesAsUtf8OnceUtf8AcceptIsEnabled() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(greeted("ENABLE UTF8=ACCEPT LITERAL+")
                .expect("A1 ENABLE UTF8=ACCEPT").send("* ENABLED UTF8=ACCEPT", "A1 OK enabled")
                .expect("A2 APPEND INBOX UTF8 (~{" + UTF8_HEADER.length + "+}")
                .expectBytes(UTF8_HEADER).expect(")")
                .send("A2 OK appended")
                // an ASCII header with an 8-bit body is no internationalised message
                .expect("A3 APPEND INBOX {" + UTF8_BODY_ONLY.length + "+}")
                .expectBytes(UTF8_BODY_ONLY).expect("")
                .send("A3 OK appended")
                .expect("A4 APPEND INBOX UTF8 (~{" + M1.length + "+}")
                .expectBytes(M1).expect(")")
                .send("A4 OK appended")
                .expect("A5 APPEND INBOX {" + UTF8_HEADER.length + "+}")
                .expectBytes(UTF8_HEADER).expect("")
                .send("A5 OK appended"))) {
            ImapClient client = connect(server, plain().build());
            await(client.enable("UTF8=ACCEPT"));
            await(client.append(MailboxName.INBOX, List.of(), null, UTF8_HEADER));
            await(client.append(MailboxName.INBOX, List.of(), null, UTF8_BODY_ONLY));
            await(client.append(MailboxName.INBOX, List.of(AppendMessage.of(M1).withUtf8(AppendMessage.Utf8.ALWAYS))));
            await(client.append(MailboxName.INBOX,
                    List.of(AppendMessage.of(UTF8_HEADER).withUtf8(AppendMessage.Utf8.NEVER))));
            server.verify();
        }
    }

    @Test
    void utf8WithoutLiteralPlusWaitsForTheContinuation(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("m.eml"), UTF8_HEADER);
        try (ScriptedServer server = ScriptedServer.start(greeted("ENABLE UTF8=ACCEPT")
                .expect("A1 ENABLE UTF8=ACCEPT").send("* ENABLED UTF8=ACCEPT", "A1 OK enabled")
                .expect("A2 APPEND INBOX UTF8 (~{" + UTF8_HEADER.length + "}")
                .send("A2 NO [OVERQUOTA] full")
                .expect("A3 APPEND INBOX UTF8 (~{" + UTF8_HEADER.length + "}")
                .send("+ go")
                .expectBytes(UTF8_HEADER).expect(")")
                .send("A3 OK appended"))) {
            ImapClient client = connect(server, plain().build());
            await(client.enable("UTF8=ACCEPT"));
            ImapCommandException e = assertInstanceOf(ImapCommandException.class,
                    failure(client.append(MailboxName.INBOX, List.of(), null, file)));
            assertEquals(Optional.of(ResponseCode.Simple.OVERQUOTA), e.responseCode());
            await(client.append(MailboxName.INBOX, List.of(), null, file));
            server.verify();
        }
    }

    @Test
    void utf8IsNeitherChosenNorAllowedUntilUtf8AcceptIsEnabled() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(greeted("ENABLE UTF8=ACCEPT LITERAL+")
                .expect("A1 APPEND INBOX {" + UTF8_HEADER.length + "+}")
                .expectBytes(UTF8_HEADER).expect("")
                .send("A1 OK appended"))) {
            ImapClient client = connect(server, plain().build());
            Throwable e = failure(client.append(MailboxName.INBOX,
                    List.of(AppendMessage.of(M1).withUtf8(AppendMessage.Utf8.ALWAYS))));
            assertEquals("UTF8=ACCEPT", assertInstanceOf(MissingCapabilityException.class, e).capability());
            await(client.append(MailboxName.INBOX, List.of(), null, UTF8_HEADER));
            server.verify();
        }
    }

    // ---- ESORT ----

    @Test
    void esortSendsReturnOptionsAndTakesTheEsearchOfItsTag() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(greeted("SORT ESORT")
                .expect("A1 UID SORT RETURN (MIN MAX COUNT ALL) (REVERSE DATE) UTF-8 ALL")
                .send("* ESEARCH (TAG \"A0\") UID COUNT 99",
                        "* ESEARCH (TAG \"A1\") UID MIN 9 MAX 3 COUNT 4 ALL 9,5,7,3",
                        "A1 OK sorted")
                .expect("A2 SORT RETURN () (SUBJECT) UTF-8 UNSEEN")
                .send("A2 OK nothing matched"))) {
            ImapClient client = connect(server, plain().build());
            ImapResponse.Esearch r = await(client.esort(true,
                    List.of(SortCriterion.descending(SortCriterion.Key.DATE)),
                    List.of(SearchReturn.MIN, SearchReturn.MAX, SearchReturn.COUNT, SearchReturn.ALL),
                    List.of(SearchKey.Simple.ALL)));
            assertEquals(OptionalLong.of(9), r.min());
            assertEquals(OptionalLong.of(3), r.max());
            assertEquals(OptionalLong.of(4), r.count());
            // the sort order survives: ALL is not renumbered
            assertEquals(SequenceSet.parse("9,5,7,3"), r.all().orElseThrow());
            ImapResponse.Esearch none = client.blocking().esort(false,
                    List.of(SortCriterion.ascending(SortCriterion.Key.SUBJECT)), List.of(),
                    List.of(SearchKey.Simple.UNSEEN));
            assertEquals(OptionalLong.empty(), none.count());
            assertEquals(Optional.empty(), none.all());
            server.verify();
        }
    }

    @Test
    void esortWithoutTheCapabilityIsRefusedBeforeAnythingIsSent() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(greeted("SORT")
                .expect("A1 NOOP").send("A1 OK done"))) {
            ImapClient client = connect(server, plain().build());
            Throwable e = failure(client.esort(false, List.of(SortCriterion.ascending(SortCriterion.Key.ARRIVAL)),
                    List.of(SearchReturn.COUNT), List.of(SearchKey.Simple.ALL)));
            assertEquals("ESORT", assertInstanceOf(MissingCapabilityException.class, e).capability());
            await(client.noop());
            server.verify();
        }
        try (ScriptedServer server = ScriptedServer.start(greeted("SORT ESORT")
                .expect("A1 NOOP").send("A1 OK done"))) {
            ImapClient client = connect(server, plain().build());
            Throwable e = failure(client.esort(false, List.of(SortCriterion.ascending(SortCriterion.Key.ARRIVAL)),
                    List.of(SearchReturn.SAVE), List.of(SearchKey.Simple.ALL)));
            assertEquals("SEARCHRES", assertInstanceOf(MissingCapabilityException.class, e).capability());
            await(client.noop());
            server.verify();
        }
    }

    @Test
    void esortRefusedByTheServerFailsOnlyItself() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(greeted("SORT ESORT")
                .expect("A1 SORT RETURN (COUNT) (FROM) UTF-8 ALL")
                .send("A1 NO [BADCHARSET (US-ASCII)] no UTF-8 here")
                .expect("A2 NOOP").send("A2 OK done"))) {
            ImapClient client = connect(server, plain().build());
            Throwable e = failure(client.esort(false, List.of(SortCriterion.ascending(SortCriterion.Key.FROM)),
                    List.of(SearchReturn.COUNT), List.of(SearchKey.Simple.ALL)));
            assertInstanceOf(ResponseCode.BadCharset.class,
                    assertInstanceOf(ImapCommandException.class, e).responseCode().orElseThrow());
            await(client.noop());
            server.verify();
        }
    }
}
