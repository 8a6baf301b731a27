package org.mailwire.imap.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mailwire.imap.client.ImapScripts.await;
import static org.mailwire.imap.client.ImapScripts.connect;
import static org.mailwire.imap.client.ImapScripts.failure;
import static org.mailwire.imap.client.ImapScripts.greeted;
import static org.mailwire.imap.client.ImapScripts.plain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;
import org.mailwire.imap.ImapResponse;
import org.mailwire.imap.MailboxName;
import org.mailwire.imap.SearchKey;
import org.mailwire.imap.StatusItem;
import org.mailwire.imap.ThreadNode;
import org.mailwire.transport.testing.ScriptedServer;

/** NAMESPACE, ID, SORT, THREAD, extended LIST with STATUS, COMPRESS. */
class ImapClientExtensionsTest {

    @Test
    void namespaceAndId() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(greeted("NAMESPACE ID")
                .expect("A1 NAMESPACE").send("* NAMESPACE ((\"\" \"/\")) NIL ((\"Shared/\" \"/\"))", "A1 OK done")
                .expect("A2 ID (\"name\" \"mailwire\" \"os\" NIL)")
                .send("* ID (\"name\" \"Peer\")", "A2 OK done"))) {
            ImapClient client = connect(server, plain().build());
            ImapResponse.Namespace ns = await(client.namespace());
            assertEquals("", ns.personal().get(0).prefix());
            assertTrue(ns.otherUsers().isEmpty());
            assertEquals("Shared/", ns.shared().get(0).prefix());
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("name", "mailwire");
            fields.put("os", null);
            assertEquals(Map.of("name", "Peer"), await(client.id(fields)).parameters());
            server.verify();
        }
    }

    @Test
    void sortAndThreadWriteTheirCriteriaBeforeTheSearchKeys() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(greeted("SORT THREAD=REFERENCES")
                .expect("A1 UID SORT (REVERSE DATE SUBJECT) UTF-8 UNSEEN FROM \"a b\"")
                .send("* SORT 5 3 9", "A1 OK sorted")
                .expect("A2 THREAD REFERENCES UTF-8 ALL")
                .send("* THREAD (2)(3 6 (4 23)(44 7 96))", "A2 OK threaded"))) {
            ImapClient client = connect(server, plain().build());
            assertEquals(List.of(5L, 3L, 9L), await(client.sort(true,
                    List.of(SortCriterion.descending(SortCriterion.Key.DATE),
                            SortCriterion.ascending(SortCriterion.Key.SUBJECT)),
                    List.of(SearchKey.Simple.UNSEEN, new SearchKey.Text(SearchKey.TextField.FROM, "a b")))));
            List<ThreadNode> threads = await(client.thread(false, "references", List.of(SearchKey.Simple.ALL)));
            assertEquals(2, threads.size());
            assertEquals(List.of(3L, 6L), threads.get(1).messages());
            assertInstanceOf(MissingCapabilityException.class,
                    failure(client.thread(false, "ORDEREDSUBJECT", List.of(SearchKey.Simple.ALL))));
            server.verify();
        }
    }

    @Test
    void extendedListReturnsSpecialUseAndStatus() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(greeted("LIST-EXTENDED LIST-STATUS SPECIAL-USE")
                .expect("A1 LIST (SUBSCRIBED) \"\" (* Caf&AOk-) RETURN (SPECIAL-USE STATUS (MESSAGES UNSEEN))")
                .send("* LIST (\\Sent \\Subscribed) \"/\" Sent", "* STATUS Sent (MESSAGES 4 UNSEEN 0)",
                        "* LIST (\\Subscribed) \"/\" INBOX", "* STATUS INBOX (MESSAGES 9 UNSEEN 2)", "A1 OK listed"))) {
            ImapClient client = connect(server, plain().build());
            ListResult r = await(client.list(ListRequest.of("", "*").withPatterns("*", "Caf\u00e9")
                    .selecting("subscribed").returning("special-use").withStatus(StatusItem.MESSAGES, StatusItem.UNSEEN)));
            assertEquals(2, r.entries().size());
            assertTrue(r.entries().get(0).attributes().contains("\\Sent"));
            assertEquals(9L, r.status().get(MailboxName.INBOX).items().get(StatusItem.MESSAGES));
            server.verify();
        }
    }

    @Test
    void extendedListWithoutTheExtensionIsRefusedBeforeSending() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(greeted("")
                .expect("A1 NOOP").send("A1 OK done"))) {
            ImapClient client = connect(server, plain().build());
            assertEquals("LIST-EXTENDED", assertInstanceOf(MissingCapabilityException.class,
                    failure(client.list(ListRequest.of("", "*").returning("CHILDREN")))).capability());
            await(client.noop());
            server.verify();
        }
    }

    /** Switches the scripted peer to raw DEFLATE both ways, as a server does after its OK to COMPRESS. */
    private static void deflate(ScriptedServer.Peer peer) throws IOException {
        peer.in = new InflaterInputStream(peer.socket.getInputStream(), new Inflater(true), 1);
        peer.out = new DeflaterOutputStream(peer.socket.getOutputStream(),
                new Deflater(Deflater.DEFAULT_COMPRESSION, true), true);
    }

    @Test
    void compressSwitchesBothDirectionsRightBehindTheOk() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(greeted("COMPRESS=DEFLATE")
                .expect("A1 COMPRESS DEFLATE").send("A1 OK DEFLATE active").then(ImapClientExtensionsTest::deflate)
                .expect("A2 LIST \"\" *").send("* LIST () \"/\" INBOX", "A2 OK listed")
                .expect("A3 NOOP").send("* 3 EXISTS", "A3 OK done")
                .expect("A4 LOGOUT").send("* BYE", "A4 OK bye"))) {
            ImapClient client = connect(server, plain().build());
            await(client.compress());
            assertTrue(client.isCompressed());
            List<ImapResponse.ListEntry> list = await(client.list("", "*"));
            assertEquals(MailboxName.INBOX, list.get(0).mailbox());
            await(client.noop());
            await(client.logout());
            server.verify();
        }
    }

    @Test
    void compressedDataInTheSameWriteAsTheOkIsInflated() throws Exception {
        byte[] compressed;
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(b, new Deflater(Deflater.DEFAULT_COMPRESSION, true), true)) {
            d.write("* OK [ALERT] compressed hello\r\n".getBytes(StandardCharsets.US_ASCII));
            d.flush();
            compressed = b.toByteArray();
        }
        byte[] ok = "A1 OK DEFLATE active\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] both = new byte[ok.length + compressed.length];
        System.arraycopy(ok, 0, both, 0, ok.length);
        System.arraycopy(compressed, 0, both, ok.length, compressed.length);
        try (ScriptedServer server = ScriptedServer.start(greeted("COMPRESS=DEFLATE")
                .expect("A1 COMPRESS DEFLATE").sendBytes(both)
                .then(peer -> peer.in = new InflaterInputStream(peer.socket.getInputStream(), new Inflater(true), 1))
                .expect("A2 NOOP")
                .then(peer -> peer.socket.close()))) {
            ImapClient client = connect(server, plain().build());
            List<ImapEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
            client.addListener(events::add);
            await(client.compress());
            client.noop();
            server.verify();
            assertEquals(List.of(new ImapEvent.Alert("compressed hello")), events);
        }
    }
}
