package org.mailwire.pop3.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mailwire.pop3.client.ClientFixtures.ascii;
import static org.mailwire.pop3.client.ClientFixtures.await;
import static org.mailwire.pop3.client.ClientFixtures.connect;
import static org.mailwire.pop3.client.ClientFixtures.failure;
import static org.mailwire.pop3.client.ClientFixtures.plain;
import static org.mailwire.transport.testing.ScriptedServer.Script.script;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.mailwire.pop3.ScanListing;
import org.mailwire.pop3.UniqueId;
import org.mailwire.transport.testing.ScriptedServer;

/** The TRANSACTION and UPDATE states (RFC 1939 §5, §6, §7), byte for byte against a scripted server. */
class Pop3ClientTransactionTest {

    private static ScriptedServer.Script opened(String... capa) {
        String[] lines = new String[capa.length + 2];
        lines[0] = "+OK";
        System.arraycopy(capa, 0, lines, 1, capa.length);
        lines[lines.length - 1] = ".";
        return script().send("+OK ready").expect("CAPA").send(lines);
    }

    @Test
    void statListAndUidl() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(opened("UIDL", "TOP")
                .expect("STAT").send("+OK 2 320")
                .expect("LIST").send("+OK 2 messages (320 octets)", "1 120", "2 200", ".")
                .expect("LIST 2").send("+OK 2 200")
                .expect("UIDL").send("+OK", "1 whqtswO00WBw418f9t5JxYwZ", "2 QhdPYR:00WBw1Ph7x7", ".")
                .expect("UIDL 2").send("+OK 2 QhdPYR:00WBw1Ph7x7")
                .expect("QUIT").send("+OK dewey POP3 server signing off"))) {
            Pop3Client client = connect(server, plain().build());

            assertEquals(new MaildropStat(2, 320), await(client.stat()));
            assertEquals(List.of(new ScanListing(1, 120), new ScanListing(2, 200)), await(client.list()));
            assertEquals(new ScanListing(2, 200), await(client.list(2)));
            assertEquals(List.of(new UniqueId(1, "whqtswO00WBw418f9t5JxYwZ"), new UniqueId(2, "QhdPYR:00WBw1Ph7x7")),
                    await(client.uidl()));
            assertEquals(new UniqueId(2, "QhdPYR:00WBw1Ph7x7"), await(client.uidl(2)));
            assertTrue(await(client.quit()));
            server.verify();
        }
    }

    /** An empty maildrop: STAT 0 0 and an empty listing. */
    @Test
    void emptyMaildrop() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(opened()
                .expect("STAT").send("+OK 0 0")
                .expect("LIST").send("+OK", "."))) {
            Pop3Client client = connect(server, plain().build());

            assertEquals(new MaildropStat(0, 0), await(client.stat()));
            assertEquals(List.of(), await(client.list()));
            server.verify();
        }
    }

    /**
     * RFC 1939 §3: lines starting with "." are stuffed with another; the terminating line is not
     * part of the body. The body arrives in pieces that split a CRLF and a stuffed dot, and comes
     * back exactly as the message was.
     */
    @Test
    void retrieveUnstuffsAndStreamsTheBody() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(opened()
                .expect("RETR 1")
                .sendBytes(ascii("+OK 40 octets\r\nSubject: dots\r\n\r\n..one\r"))
                .sendBytes(ascii("\ntwo\r\n.."))
                .sendBytes(ascii(".\r\n..\r\nlast\r\n.\r\n"))
                .expect("NOOP").send("+OK"))) {
            Pop3Client client = connect(server, plain().build());
            ClientFixtures.Collected body = new ClientFixtures.Collected();

            await(client.retrieve(1, body));
            assertEquals("Subject: dots\r\n\r\n.one\r\ntwo\r\n..\r\n.\r\nlast\r\n",
                    new String(body.toByteArray(), java.nio.charset.StandardCharsets.US_ASCII));
            await(client.noop());
            server.verify();
        }
    }

    @Test
    void topAndRetrieveIntoMemory() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(opened("TOP")
                .expect("TOP 1 0").send("+OK", "Subject: hi", "", ".")
                .expect("RETR 1").send("+OK", "Subject: hi", "", "body", "."))) {
            Pop3Client client = connect(server, plain().build());

            assertArrayEquals(ascii("Subject: hi\r\n\r\n"), await(client.top(1, 0, 1000)));
            assertArrayEquals(ascii("Subject: hi\r\n\r\nbody\r\n"), await(client.retrieve(1, 1000)));
            server.verify();
        }
    }

    /**
     * RFC 2449 §6.6: with PIPELINING listed, LIST, UIDL and RETR all reach the server before it
     * answers any of them, and the answers, sent in one write, go to the right commands.
     */
    @Test
    void pipelinedListUidlAndRetrieve() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(opened("PIPELINING", "UIDL")
                .expect("LIST", "UIDL", "RETR 1")
                .send("+OK", "1 12", ".", "+OK", "1 uid-one", ".", "+OK 12 octets", "Subject: x", "", ".")
                .expect("QUIT").send("+OK"))) {
            Pop3Client client = connect(server, plain().build());
            ClientFixtures.Collected body = new ClientFixtures.Collected();

            CompletionStage<List<ScanListing>> list = client.list();
            CompletionStage<List<UniqueId>> uidl = client.uidl();
            CompletionStage<Void> retr = client.retrieve(1, body);

            assertEquals(List.of(new ScanListing(1, 12)), await(list));
            assertEquals(List.of(new UniqueId(1, "uid-one")), await(uidl));
            await(retr);
            assertArrayEquals(ascii("Subject: x\r\n\r\n"), body.toByteArray());
            await(client.quit());
            server.verify();
        }
    }

    /**
     * Without PIPELINING listed, commands asked for together still go one at a time: the server sees
     * nothing after STAT until it has answered it.
     */
    @Test
    void withoutPipeliningCommandsWaitForTheirTurn() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(opened("UIDL")
                .expect("STAT")
                .then(peer -> {
                    peer.socket.setSoTimeout(300);
                    try {
                        int b = peer.in.read();
                        throw new AssertionError("the client sent more before STAT was answered: " + (char) b);
                    } catch (java.net.SocketTimeoutException expected) {
                        // nothing more: the client waits
                    } finally {
                        peer.socket.setSoTimeout(ScriptedServer.READ_TIMEOUT_MILLIS);
                    }
                })
                .send("+OK 1 10")
                .expect("LIST").send("+OK", "1 10", "."))) {
            Pop3Client client = connect(server, plain().build());

            assertFalse(client.isPipelining());
            CompletionStage<MaildropStat> stat = client.stat();
            CompletionStage<List<ScanListing>> list = client.list();
            assertEquals(new MaildropStat(1, 10), await(stat));
            assertEquals(List.of(new ScanListing(1, 10)), await(list));
            server.verify();
        }
    }

    /** A -ERR fails its own command only; the ones pipelined behind it still get their answers. */
    @Test
    void errorInAPipelineFailsOnlyItsCommand() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(opened("PIPELINING")
                .expect("RETR 9", "DELE 1")
                .send("-ERR no such message", "+OK message 1 deleted"))) {
            Pop3Client client = connect(server, plain().build());

            CompletionStage<byte[]> retr = client.retrieve(9, 1000);
            CompletionStage<Void> dele = client.delete(1);

            Pop3ResponseException missing = failure(Pop3ResponseException.class, retr);
            assertEquals("RETR", missing.command());
            assertFalse(missing.isTransient());
            await(dele);
            server.verify();
        }
    }

    @Test
    void deleteThenQuitEntersTheUpdateState() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(opened()
                .expect("DELE 1").send("+OK message 1 deleted")
                .expect("RSET").send("+OK")
                .expect("DELE 2").send("+OK message 2 deleted")
                .expect("QUIT").send("+OK dewey POP3 server signing off (1 message left)")
                .expectEnd())) {
            Pop3Client client = connect(server, plain().build());

            await(client.delete(1));
            await(client.reset());
            await(client.delete(2));
            assertTrue(await(client.quit()));
            server.verify();
        }
    }

    /** RFC 1939 §6: -ERR to QUIT means some messages marked deleted were not removed. */
    @Test
    void quitReportsAFailedUpdate() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(opened()
                .expect("DELE 1").send("+OK")
                .expect("QUIT").send("-ERR some deleted messages not removed"))) {
            Pop3Client client = connect(server, plain().build());

            await(client.delete(1));
            assertFalse(await(client.quit()));
            server.verify();
        }
    }

    /** A message over the caller's limit fails with a typed error; the rest is read, and the connection goes on. */
    @Test
    void retrieveIntoMemoryIsBounded() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(opened()
                .expect("RETR 1").send("+OK", "x".repeat(100), "y".repeat(100), ".")
                .expect("NOOP").send("+OK"))) {
            Pop3Client client = connect(server, plain().build());

            MessageTooLargeException tooLarge = failure(MessageTooLargeException.class, client.retrieve(1, 150));
            assertEquals(150, tooLarge.limit());
            await(client.noop());
            server.verify();
        }
    }

    /** A sink that throws fails its stage with what it threw; the body is still read to its end. */
    @Test
    void throwingSinkFailsOnlyItsRetrieve() throws Exception {
        IllegalStateException full = new IllegalStateException("disk full");
        try (ScriptedServer server = ScriptedServer.start(opened()
                .expect("RETR 1").send("+OK", "line one", "line two", ".")
                .expect("NOOP").send("+OK"))) {
            Pop3Client client = connect(server, plain().build());

            IllegalStateException thrown = failure(IllegalStateException.class, client.retrieve(1, chunk -> {
                throw full;
            }));
            assertSame(full, thrown);
            await(client.noop());
            server.verify();
        }
    }

    @Test
    void blockingViewWritesToAStream() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(opened()
                .expect("RETR 1").send("+OK", "..dot", ".")
                .expect("QUIT").send("+OK"))) {
            BlockingPop3Client client = connect(server, plain().build()).blocking();
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

            client.retrieve(1, out);
            assertArrayEquals(ascii(".dot\r\n"), out.toByteArray());
            assertTrue(client.quit());
            server.verify();
        }
    }
}
