package org.mailwire.imap.client;

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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mailwire.imap.ImapResponse;
import org.mailwire.imap.MailboxName;
import org.mailwire.imap.ResponseCode;
import org.mailwire.imap.StatusItem;
import org.mailwire.transport.testing.ScriptedServer;

/**
 * RFC 7889 APPENDLIMIT: the capability read, APPEND / MULTIAPPEND / CATENATE of a message above the
 * server-wide limit refused before anything is sent (each scripted server expects the next command
 * right away, so a literal sent anyway fails the script), and a per-mailbox limit or NIL read with
 * STATUS and LIST-STATUS.
 */
class ImapClientAppendLimitTest {

    private static final byte[] TEN = "0123456789".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ELEVEN = "0123456789A".getBytes(StandardCharsets.US_ASCII);

    @Test
    void theServerWideLimitIsReadFromTheCapability() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(greeted("APPENDLIMIT=257890")
                .expect("A1 NOOP").send("A1 OK done"))) {
            ImapClient client = connect(server, plain().build());
            assertEquals(OptionalLong.of(257890), client.appendLimit());
            await(client.noop());
            server.verify();
        }
    }

    @Test
    void aBareCapabilityMeansEachMailboxHasItsOwnLimit() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(greeted("APPENDLIMIT")
                .expect("A1 APPEND INBOX {" + ELEVEN.length + "}").send("+ go")
                .expectBytes(ELEVEN).expect("")
                .send("A1 OK appended"))) {
            ImapClient client = connect(server, plain().build());
            assertTrue(client.hasCapability("APPENDLIMIT"));
            assertEquals(OptionalLong.empty(), client.appendLimit());
            await(client.append(MailboxName.INBOX, List.of(AppendMessage.of(ELEVEN))));
            server.verify();
        }
    }

    @Test
    void aMalformedLimitIsIgnored() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(greeted("APPENDLIMIT=12x APPENDLIMIT=")
                .expect("A1 NOOP").send("A1 OK done"))) {
            ImapClient client = connect(server, plain().build());
            assertEquals(OptionalLong.empty(), client.appendLimit());
            await(client.noop());
            server.verify();
        }
    }

    @Test
    void aMessageAboveTheLimitIsRefusedBeforeAnythingIsSent() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(greeted("APPENDLIMIT=10 MULTIAPPEND CATENATE LITERAL+")
                .expect("A1 NOOP").send("A1 OK done")
                // a message of exactly the limit goes
                .expect("A2 APPEND INBOX {" + TEN.length + "+}").expectBytes(TEN).expect("")
                .send("A2 OK appended"))) {
            ImapClient client = connect(server, plain().build());
            MessageTooLargeException whole = assertInstanceOf(MessageTooLargeException.class,
                    failure(client.append(MailboxName.INBOX, List.of(AppendMessage.of(ELEVEN)))));
            assertEquals(10, whole.limit());
            assertInstanceOf(MessageTooLargeException.class, failure(client.append(MailboxName.INBOX,
                    List.of(AppendMessage.of(new ByteArrayInputStream(ELEVEN), ELEVEN.length)))));
            // MULTIAPPEND: one message too large refuses the whole command
            assertInstanceOf(MessageTooLargeException.class, failure(client.append(MailboxName.INBOX,
                    List.of(AppendMessage.of(TEN), AppendMessage.of(ELEVEN)))));
            // CATENATE: the TEXT parts alone pass the limit (a URL part's size is unknown here)
            assertInstanceOf(MessageTooLargeException.class, failure(client.catenate(MailboxName.INBOX, List.of(),
                    null, List.of(CatenatePart.text(TEN), CatenatePart.url("/INBOX/;UID=1"),
                            CatenatePart.text(new byte[] {'x'})))));
            await(client.noop());
            await(client.append(MailboxName.INBOX, List.of(AppendMessage.of(TEN))));
            server.verify();
        }
    }

    @Test
    void toobigFromTheServerStaysACommandFailure() throws Exception {
        // no limit announced, so the message goes and the server's TOOBIG is reported with its code
        try (ScriptedServer server = ScriptedServer.start(greeted("APPENDLIMIT")
                .expect("A1 APPEND Sent {" + ELEVEN.length + "}")
                .send("A1 NO [TOOBIG] larger than this mailbox takes"))) {
            ImapClient client = connect(server, plain().build());
            Throwable e = failure(client.append(MailboxName.of("Sent"), List.of(AppendMessage.of(ELEVEN))));
            assertEquals(Optional.of(ResponseCode.Simple.TOOBIG),
                    assertInstanceOf(ImapCommandException.class, e).responseCode());
            server.verify();
        }
    }

    @Test
    void statusReadsAMailboxLimitOrNil() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(greeted("APPENDLIMIT")
                .expect("A1 STATUS Sent (APPENDLIMIT)")
                .send("* STATUS Sent (APPENDLIMIT NIL)", "A1 OK done")
                .expect("A2 STATUS INBOX (MESSAGES APPENDLIMIT)")
                .send("* STATUS INBOX (MESSAGES 4 APPENDLIMIT 257890)", "A2 OK done"))) {
            ImapClient client = connect(server, plain().build());
            ImapResponse.MailboxStatus sent = await(client.status(MailboxName.of("Sent"), StatusItem.APPENDLIMIT));
            assertTrue(sent.isNil(StatusItem.APPENDLIMIT));
            assertEquals(Map.of(), sent.items());
            ImapResponse.MailboxStatus inbox = await(client.status(MailboxName.INBOX, StatusItem.MESSAGES,
                    StatusItem.APPENDLIMIT));
            assertFalse(inbox.isNil(StatusItem.APPENDLIMIT));
            assertEquals(257890L, inbox.items().get(StatusItem.APPENDLIMIT));
            server.verify();
        }
    }

    @Test
    void listStatusCarriesAppendLimitNil() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(greeted("LIST-EXTENDED LIST-STATUS APPENDLIMIT")
                .expect("A1 LIST \"\" * RETURN (STATUS (APPENDLIMIT))")
                .send("* LIST () \"/\" Sent", "* STATUS Sent (APPENDLIMIT NIL)",
                        "* LIST () \"/\" INBOX", "* STATUS INBOX (APPENDLIMIT 100)", "A1 OK listed"))) {
            ImapClient client = connect(server, plain().build());
            ListResult r = await(client.list(ListRequest.of("", "*").withStatus(StatusItem.APPENDLIMIT)));
            assertEquals(Set.of(StatusItem.APPENDLIMIT), r.status().get(MailboxName.of("Sent")).nilItems());
            assertEquals(100L, r.status().get(MailboxName.INBOX).items().get(StatusItem.APPENDLIMIT));
            server.verify();
        }
    }
}
