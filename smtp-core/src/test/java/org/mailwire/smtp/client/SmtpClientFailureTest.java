package org.mailwire.smtp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mailwire.smtp.client.ClientFixtures.EHLO;
import static org.mailwire.smtp.client.ClientFixtures.FROM;
import static org.mailwire.smtp.client.ClientFixtures.ascii;
import static org.mailwire.smtp.client.ClientFixtures.await;
import static org.mailwire.smtp.client.ClientFixtures.connect;
import static org.mailwire.smtp.client.ClientFixtures.envelope;
import static org.mailwire.smtp.client.ClientFixtures.failure;
import static org.mailwire.smtp.client.ClientFixtures.loopback;
import static org.mailwire.smtp.client.ClientFixtures.plain;
import static org.mailwire.transport.testing.ScriptedServer.Script.script;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mailwire.smtp.client.SmtpConnectionException.Reason;
import org.mailwire.transport.testing.ScriptedServer;

/** Refusals, broken servers and broken connections: each fails cleanly with a typed exception. */
class SmtpClientFailureTest {

    /** RFC 5321 §3.1: a 554 greeting fails the connect with the reply; the client says QUIT. */
    @Test
    void refusedGreeting() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("554 5.7.1 no service for you")
                .expect("QUIT").send("221 bye"))) {
            SmtpReplyException refused = failure(SmtpReplyException.class,
                    SmtpClient.connect(loopback(server.port()), "localhost", plain().build()));

            assertEquals("greeting", refused.command());
            assertEquals(554, refused.reply().code());
            server.verify();
        }
    }

    /** RFC 5321 §3.2: a server that does not know EHLO gets HELO, and mail goes without extensions. */
    @Test
    void fallsBackToHelo() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("220 old")
                .expect(EHLO).send("502 5.5.1 what?")
                .expect("HELO client.example").send("250 old.example")
                .expect(FROM).send("250 ok")
                .expect("RCPT TO:<bob@example.net>").send("250 ok")
                .expect("DATA").send("354 go")
                .expectBytes(ascii("hi\r\n.\r\n")).send("250 ok"))) {
            SmtpClient client = connect(server, plain().build());
            assertEquals("old.example", client.capabilities().greetingDomain());
            assertTrue(await(client.send(envelope("bob@example.net"), ascii("hi"))).allDelivered());
            server.verify();
        }
    }

    /** SECURITY.md row 5: a 20 KiB reply line (limit 16 KiB) fails the connection, not the heap. */
    @Test
    void overlongReplyLineFailsCleanly() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("220 fake")
                .expect(EHLO)
                .send("250-" + "x".repeat(20 * 1024), "250 PIPELINING")
                .expectEnd())) {
            SmtpConnectionException failed = failure(SmtpConnectionException.class,
                    SmtpClient.connect(loopback(server.port()), "localhost", plain().build()));

            assertEquals(Reason.PROTOCOL_VIOLATION, failed.reason());
            server.verify();
        }
    }

    /** The connection drops after the body: the pending stage fails, and so does every later one. */
    @Test
    void connectionDropMidTransactionFailsTheStage() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("220 fake")
                .expect(EHLO)
                .send("250-fake", "250 PIPELINING")
                .expect(FROM, "RCPT TO:<bob@example.net>", "DATA")
                .send("250 ok", "250 ok", "354 go")
                .expectBytes(ascii("hi\r\n.\r\n"))
                .hangUp())) {
            SmtpClient client = connect(server, plain().build());

            SmtpConnectionException failed = failure(SmtpConnectionException.class,
                    client.send(envelope("bob@example.net"), new ByteArrayInputStream(ascii("hi\r\n"))));

            assertEquals(Reason.CLOSED, failed.reason());
            assertFalse(client.isOpen());
            assertEquals(Reason.CLOSED, failure(SmtpConnectionException.class, client.noop()).reason());
            server.verify();
        }
    }

    /** No reply within the read timeout: the stage fails with TIMEOUT and the connection is dropped. */
    @Test
    void silentServerTimesOut() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("220 fake")
                .expect(EHLO)
                .send("250 fake")
                .expect("NOOP")
                .expectEnd())) {
            SmtpClient client = connect(server, plain().readTimeout(Duration.ofSeconds(1)).build());

            assertEquals(Reason.TIMEOUT, failure(SmtpConnectionException.class, client.noop()).reason());
            server.verify();
        }
    }

    /** RFC 5321 §3.8: a 421 no command asked for ends the session. */
    @Test
    void unsolicited421ClosesTheSession() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("220 fake")
                .expect(EHLO)
                .send("250 fake", "421 4.3.2 shutting down")
                .expectEnd())) {
            SmtpClient client = connect(server, plain().build());
            // the 421 may arrive with the EHLO reply or just after it; a command sent before the
            // client saw it would take it as its reply, so wait until the client has seen it
            for (int i = 0; i < 1000 && client.isOpen(); i++) {
                Thread.sleep(10);
            }

            assertFalse(client.isOpen());
            assertEquals(Reason.CLOSED, failure(SmtpConnectionException.class, client.noop()).reason());
            server.verify();
        }
    }

    @Test
    void theBlockingViewThrowsTheSameExceptions() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("220 fake")
                .expect(EHLO)
                .send("250-fake", "250 SIZE 3")
                .expect("NOOP").send("250 ok")
                .expect("QUIT").send("221 bye"))) {
            BlockingSmtpClient client = BlockingSmtpClient.connect("127.0.0.1", server.port(), plain()
                    .startTlsPolicy(StartTlsPolicy.DISABLED).build());

            assertThrows(MessageTooLargeException.class, () -> client.send(envelope("bob@example.net"), ascii("four")));
            assertEquals(250, client.noop().code());
            client.quit();
            server.verify();
        }
    }

    /** SECURITY.md row 11: nothing a caller passes can end the command line early. */
    @Test
    void commandInjectionIsRefusedWhenBuilt() {
        assertThrows(IllegalArgumentException.class, () -> plain().ehloName("client\r\nRCPT TO:<x@y>").build());
        assertThrows(IllegalArgumentException.class, () -> ClientFixtures.mailbox("bob\r\nDATA@example.net"));
    }
}
