package org.mailwire.imap.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mailwire.imap.client.ImapScripts.await;
import static org.mailwire.imap.client.ImapScripts.connect;
import static org.mailwire.imap.client.ImapScripts.failure;
import static org.mailwire.imap.client.ImapScripts.greeted;
import static org.mailwire.imap.client.ImapScripts.plain;
import static org.mailwire.imap.client.ImapScripts.sasl;
import static org.mailwire.imap.client.ImapScripts.tls;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.mailwire.imap.FetchAttribute;
import org.mailwire.imap.SearchKey;
import org.mailwire.imap.SequenceSet;
import org.mailwire.transport.testing.ScriptedServer;

/** Broken connections: timeouts, invalid responses, BYE; and secrets kept out of the log. */
class ImapClientFailureTest {

    @Test
    void aStalledServerTimesOutEveryPendingCommand() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(greeted("")
                .expect("A1 NOOP")
                .then(peer -> peer.readLine()))) {
            ImapClient client = connect(server, plain().readTimeout(Duration.ofMillis(300)).build());
            CompletionStage<Void> noop = client.noop();
            ImapConnectionException e = assertInstanceOf(ImapConnectionException.class, failure(noop));
            assertEquals(ImapConnectionException.Reason.TIMEOUT, e.reason());
            assertFalse(client.isOpen());
            // later operations fail at once, with the same cause
            assertSame(e, failure(client.noop()));
            server.verify();
        }
    }

    @Test
    void anInvalidResponseFailsEveryPendingCommandAndCloses() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(greeted("")
                .expect("A1 FETCH 1 (FLAGS)", "A2 SEARCH ALL")
                .send("* 1 FETCH (FLAGS (\\Seen)", "A1 OK done")
                .expectEnd())) {
            ImapClient client = connect(server, plain().build());
            var fetch = client.fetch(FetchRequest.of(SequenceSet.parse("1"), FetchAttribute.Simple.FLAGS));
            var search = client.search(SearchKey.Simple.ALL);
            ImapConnectionException first = assertInstanceOf(ImapConnectionException.class, failure(fetch));
            assertEquals(ImapConnectionException.Reason.PROTOCOL_VIOLATION, first.reason());
            assertSame(first, failure(search));
            server.verify();
        }
    }

    @Test
    void byeInTheMiddleIsAnEventAndFailsWhatWaits() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(greeted("")
                .expect("A1 NOOP").send("* BYE [UNAVAILABLE] shutting down").hangUp())) {
            ImapClient client = connect(server, plain().build());
            List<ImapEvent> events = new CopyOnWriteArrayList<>();
            client.addListener(events::add);
            ImapConnectionException e = assertInstanceOf(ImapConnectionException.class, failure(client.noop()));
            assertEquals(ImapConnectionException.Reason.CLOSED, e.reason());
            assertTrue(e.getMessage().contains("shutting down"));
            assertEquals(1, events.size());
            assertEquals("shutting down", assertInstanceOf(ImapEvent.Bye.class, events.get(0)).text());
            server.verify();
        }
    }

    @Test
    void aRefusedCommandFailsAloneAndTheConnectionStays() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(greeted("")
                .expect("A1 DELETE Nope").send("A1 NO [NONEXISTENT] no such mailbox")
                .expect("A2 NOOP").send("A2 OK done"))) {
            ImapClient client = connect(server, plain().build());
            ImapCommandException e = assertInstanceOf(ImapCommandException.class,
                    failure(client.delete(org.mailwire.imap.MailboxName.of("Nope"))));
            assertEquals("DELETE", e.command());
            assertTrue(e.getMessage().contains("NONEXISTENT"));
            // the script still waits for A2 here, so the connection is open for sure
            assertTrue(client.isOpen());
            await(client.noop());
            server.verify();
        }
    }

    @Test
    void neitherPasswordsNorSaslPayloadsReachTheLog() throws Exception {
        String password = "s3cret-Passw0rd-77ab";
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            try (ScriptedServer server = ScriptedServer.startImplicitTls(greeted("")
                    .expect("A1 LOGIN alice " + password).send("A1 NO [AUTHENTICATIONFAILED] wrong")
                    .expect("A2 LOGOUT").send("* BYE", "A2 OK done"))) {
                failure(ImapClient.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()), "localhost",
                        tls().implicitTls(true).password("alice", password).build()));
                server.verify();
            }
            try (ScriptedServer server = ScriptedServer.startImplicitTls(greeted("AUTH=PLAIN")
                    .then(sasl("A1", "PLAIN", false, false))
                    .expect("A2 LOGOUT").send("* BYE", "A2 OK done"))) {
                ImapClient client = connect(server, tls().implicitTls(true).password("alice", "pencil").build());
                await(client.logout());
                server.verify();
            }
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("LOGIN"), "the log is captured at DEBUG: " + log);
        assertFalse(log.contains(password));
        assertFalse(log.contains("pencil"));
        assertFalse(log.contains(Base64.getEncoder().encodeToString("\0alice\0pencil".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void idlingIsBoundedByTheIdleTimeoutNotTheReadTimeout() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(greeted("IDLE")
                .expect("A1 IDLE").send("+ idling")
                .expect("DONE").send("A1 OK done")
                .expect("A2 NOOP")
                .then(peer -> peer.readLine()))) {
            ImapClient client = connect(server, plain().readTimeout(Duration.ofMillis(200))
                    .idleTimeout(Duration.ofSeconds(20)).build());
            IdleHandle idle = await(client.idle());
            // three read timeouts of silence: fatal for a command, the server's right while idling
            Thread.sleep(600);
            assertTrue(client.isOpen());
            await(idle.done());
            // back to the read timeout: a silent answer to NOOP times out
            ImapConnectionException e = assertInstanceOf(ImapConnectionException.class, failure(client.noop()));
            assertEquals(ImapConnectionException.Reason.TIMEOUT, e.reason());
            server.verify();
        }
    }
}
