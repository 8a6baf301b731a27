package org.mailwire.smtp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mailwire.smtp.client.ClientFixtures.EHLO;
import static org.mailwire.smtp.client.ClientFixtures.FROM;
import static org.mailwire.smtp.client.ClientFixtures.ascii;
import static org.mailwire.smtp.client.ClientFixtures.await;
import static org.mailwire.smtp.client.ClientFixtures.connect;
import static org.mailwire.smtp.client.ClientFixtures.envelope;
import static org.mailwire.smtp.client.ClientFixtures.failure;
import static org.mailwire.smtp.client.ClientFixtures.plain;
import static org.mailwire.transport.testing.ScriptedServer.Script.script;

import java.io.ByteArrayInputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailwire.smtp.Envelope;
import org.mailwire.smtp.ForwardPath;
import org.mailwire.smtp.Mailbox;
import org.mailwire.smtp.ReversePath;
import org.mailwire.transport.testing.ScriptedServer;

/** Mail transactions against a scripted server that checks every byte the client sends. */
class SmtpClientTransactionTest {

    private static final String MESSAGE = "Subject: hi\r\n\r\nHello\r\n";

    /**
     * RFC 2920: MAIL, every RCPT and DATA go out before any reply is read. The server reads all four
     * lines before it answers, so a client that waited for the MAIL reply would time out instead.
     */
    @Test
    void pipelinesTheEnvelopeAndMatchesRepliesInOrder() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("220 fake ESMTP")
                .expect(EHLO)
                .send("250-fake", "250-PIPELINING", "250 8BITMIME")
                .expect(FROM, "RCPT TO:<bob@example.net>", "RCPT TO:<carol@example.net>", "DATA")
                .send("250 2.1.0 ok", "250 2.1.5 ok", "550 5.1.1 no such user", "354 go ahead")
                .expectBytes(ascii(MESSAGE + ".\r\n"))
                .send("250 2.0.0 queued")
                .expect("QUIT")
                .send("221 bye"))) {
            SmtpClient client = connect(server, plain().build());
            assertTrue(client.capabilities().pipelining());

            SendResult result = await(client.send(envelope("bob@example.net", "carol@example.net"), ascii(MESSAGE)));

            assertEquals(2, result.recipients().size());
            RecipientResult bob = result.recipients().get(0);
            RecipientResult carol = result.recipients().get(1);
            assertTrue(bob.delivered());
            assertEquals(250, bob.deliveryReply().code());
            assertFalse(carol.accepted());
            assertEquals(550, carol.rcptReply().code());
            assertNull(carol.deliveryReply());
            assertEquals(List.of(carol), result.failed());
            await(client.quit());
            server.verify();
        }
    }

    /**
     * SECURITY.md row 2: a leading dot is doubled, a bare LF and a bare CR become CRLF, and a line
     * that is a lone dot cannot end the data early; the body gets its final CRLF before the dot.
     */
    @Test
    void dotStuffsAndCanonicalisesTheBody() throws Exception {
        String body = ".leading\nbare LF\rbare CR\r\n..two\r\n.\r\nend";
        String wire = "..leading\r\nbare LF\r\nbare CR\r\n...two\r\n..\r\nend\r\n.\r\n";
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("220 fake")
                .expect(EHLO)
                .send("250 fake")
                .expect(FROM).send("250 ok")
                .expect("RCPT TO:<bob@example.net>").send("250 ok")
                .expect("DATA").send("354 go ahead")
                .expectBytes(ascii(wire))
                .send("250 queued"))) {
            SmtpClient client = connect(server, plain().build());

            SendResult result = await(client.send(envelope("bob@example.net"),
                    new ByteArrayInputStream(ascii(body))));

            assertTrue(result.allDelivered());
            server.verify();
        }
    }

    /**
     * RFC 3030: with CHUNKING the body goes in BDAT chunks of the configured size, the first one in
     * the pipeline with MAIL and RCPT, the last marked LAST; nothing is dot-stuffed.
     */
    @Test
    void sendsBdatChunksWhenChunkingIsOffered() throws Exception {
        byte[] body = ascii(".dot\r\n0123456789abcd");
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("220 fake")
                .expect(EHLO)
                .send("250-fake", "250-PIPELINING", "250-CHUNKING", "250 SIZE 1000")
                .expect(FROM + " SIZE=20", "RCPT TO:<bob@example.net>", "BDAT 8")
                .expectBytes(ascii(".dot\r\n01"))
                .send("250 ok", "250 ok", "250 8 octets")
                .expect("BDAT 8").expectBytes(ascii("23456789")).send("250 8 more")
                .expect("BDAT 4 LAST").expectBytes(ascii("abcd")).send("250 2.0.0 queued"))) {
            SmtpClient client = connect(server, plain().chunkSize(8).build());

            SendResult result = await(client.send(envelope("bob@example.net"), body));

            assertTrue(result.allDelivered());
            assertEquals("2.0.0", result.recipients().get(0).deliveryReply().status().orElseThrow().toString());
            server.verify();
        }
    }

    /** A stream that ends exactly at a chunk boundary ends with an empty BDAT 0 LAST (RFC 3030 §2). */
    @Test
    void streamEndingOnAChunkBoundaryEndsWithAnEmptyLastChunk() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("220 fake")
                .expect(EHLO)
                .send("250-fake", "250-CHUNKING", "250 8BITMIME")
                .expect(FROM + " BODY=8BITMIME").send("250 ok")
                .expect("RCPT TO:<bob@example.net>").send("250 ok")
                .expect("BDAT 4").expectBytes(ascii("abcd")).send("250 ok")
                .expect("BDAT 0 LAST").send("250 queued"))) {
            SmtpClient client = connect(server, plain().chunkSize(4).build());

            SendResult result = await(client.send(envelope("bob@example.net"), new ByteArrayInputStream(ascii("abcd"))));

            assertTrue(result.allDelivered());
            server.verify();
        }
    }

    /** Without PIPELINING and with every recipient refused, RSET follows and DATA is never sent. */
    @Test
    void noAcceptedRecipientMeansRsetNotData() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("220 fake")
                .expect(EHLO)
                .send("250 fake")
                .expect(FROM).send("250 ok")
                .expect("RCPT TO:<bob@example.net>").send("550 5.1.1 unknown")
                .expect("RSET").send("250 reset")
                .expect(FROM).send("250 ok")
                .expect("RCPT TO:<carol@example.net>").send("250 ok")
                .expect("DATA").send("354 go")
                .expectBytes(ascii(MESSAGE + ".\r\n")).send("250 queued"))) {
            SmtpClient client = connect(server, plain().build());

            NoRecipientsAcceptedException refused = failure(NoRecipientsAcceptedException.class,
                    client.send(envelope("bob@example.net"), ascii(MESSAGE)));
            assertEquals(550, refused.recipients().get(0).rcptReply().code());
            // the same connection carries the next message
            assertTrue(await(client.send(envelope("carol@example.net"), ascii(MESSAGE))).allDelivered());
            server.verify();
        }
    }

    /**
     * RFC 2920 §3.1: with the DATA pipelined, a server whose recipients were all refused answers it
     * 554; the client sends no body, ends the transaction with RSET, and reports the recipients.
     */
    @Test
    void pipelinedDataAfterRefusedRecipientsIsHandled() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("220 fake")
                .expect(EHLO)
                .send("250-fake", "250 PIPELINING")
                .expect(FROM, "RCPT TO:<bob@example.net>", "RCPT TO:<carol@example.net>", "DATA")
                .send("250 ok", "550 no", "450 later", "554 5.5.1 no valid recipients")
                .expect("RSET").send("250 reset")
                .expect("NOOP").send("250 still here"))) {
            SmtpClient client = connect(server, plain().build());

            NoRecipientsAcceptedException refused = failure(NoRecipientsAcceptedException.class,
                    client.send(envelope("bob@example.net", "carol@example.net"), ascii(MESSAGE)));
            assertEquals(List.of(550, 450), refused.recipients().stream().map(r -> r.rcptReply().code()).toList());
            assertEquals(250, await(client.noop()).code());
            server.verify();
        }
    }

    /** A server that wrongly answers the pipelined DATA with 354 gets a lone dot, then RSET. */
    @Test
    void pipelinedDataAnswered354AfterRefusedRecipientsGetsALoneDot() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("220 fake")
                .expect(EHLO)
                .send("250-fake", "250 PIPELINING")
                .expect(FROM, "RCPT TO:<bob@example.net>", "DATA")
                .send("250 ok", "550 no", "354 go ahead anyway")
                .expect(".").send("554 no recipients")
                .expect("RSET").send("250 reset"))) {
            SmtpClient client = connect(server, plain().build());

            failure(NoRecipientsAcceptedException.class, client.send(envelope("bob@example.net"), ascii(MESSAGE)));
            server.verify();
        }
    }

    /** RFC 2033 §4.2: one reply per accepted recipient after the body, in RCPT order. */
    @Test
    void lmtpReturnsOneReplyPerRecipient() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("220 fake LMTP")
                .expect("LHLO client.example")
                .send("250-fake", "250 PIPELINING")
                .expect(FROM, "RCPT TO:<bob@example.net>", "RCPT TO:<carol@example.net>",
                        "RCPT TO:<dave@example.net>", "DATA")
                .send("250 ok", "250 ok", "550 5.1.1 unknown", "250 ok", "354 go")
                .expectBytes(ascii(MESSAGE + ".\r\n"))
                .send("250 2.1.5 bob delivered", "452 4.2.2 dave is over quota"))) {
            SmtpClient client = connect(server, plain().lmtp(true).build());

            SendResult result = await(client.send(envelope("bob@example.net", "carol@example.net", "dave@example.net"),
                    ascii(MESSAGE)));

            List<RecipientResult> r = result.recipients();
            assertTrue(r.get(0).delivered());
            assertEquals("bob delivered", r.get(0).deliveryReply().lines().get(0));
            assertFalse(r.get(1).accepted());
            assertTrue(r.get(2).accepted());
            assertFalse(r.get(2).delivered());
            assertEquals(452, r.get(2).deliveryReply().code());
            server.verify();
        }
    }

    /** RFC 1870: a message over the advertised SIZE is refused before MAIL; only QUIT follows EHLO. */
    @Test
    void sizeIsCheckedBeforeMail() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("220 fake")
                .expect(EHLO)
                .send("250-fake", "250 SIZE 10")
                .expect("QUIT").send("221 bye")
                .expectEnd())) {
            SmtpClient client = connect(server, plain().build());

            MessageTooLargeException tooLarge = failure(MessageTooLargeException.class,
                    client.send(envelope("bob@example.net"), ascii(MESSAGE)));

            assertEquals(10, tooLarge.limit());
            assertEquals(MESSAGE.length(), tooLarge.size());
            await(client.quit());
            server.verify();
        }
    }

    /** 8-bit octets in a body held in memory, to a server without 8BITMIME: refused before MAIL. */
    @Test
    void eightBitBodyNeeds8BitMime() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("220 fake")
                .expect(EHLO)
                .send("250-fake", "250 PIPELINING")
                .expect("QUIT").send("221 bye"))) {
            SmtpClient client = connect(server, plain().build());

            MissingExtensionException missing = failure(MissingExtensionException.class,
                    client.send(envelope("bob@example.net"), ascii("Subject: caf\u00e9\r\n\r\n")));

            assertEquals("8BITMIME", missing.extension());
            await(client.quit());
            server.verify();
        }
    }

    /** The same with a stream: the connection is dropped before any 8-bit octet is sent. */
    @Test
    void eightBitStreamIsStoppedBeforeItsFirst8BitChunk() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("220 fake")
                .expect(EHLO)
                .send("250 fake")
                .expect(FROM).send("250 ok")
                .expect("RCPT TO:<bob@example.net>").send("250 ok")
                .expect("DATA").send("354 go")
                .expectBytes(ascii("Subject: 7bit\r\n"))
                .expectEnd())) {
            SmtpClient client = connect(server, plain().chunkSize(15).build());

            MissingExtensionException missing = failure(MissingExtensionException.class, client.send(
                    envelope("bob@example.net"), new ByteArrayInputStream(ascii("Subject: 7bit\r\ncaf\u00e9\r\n"))));

            assertEquals("8BITMIME", missing.extension());
            assertFalse(client.isOpen());
            server.verify();
        }
    }

    /** RFC 6531: a non-ASCII address needs SMTPUTF8; offered, MAIL declares it. */
    @Test
    void nonAsciiAddressNeedsSmtpUtf8() throws Exception {
        Envelope utf8 = Envelope.of(ReversePath.of(new Mailbox("alice", "example.org")),
                List.of(ForwardPath.of(new Mailbox("j\u00f6rg", "example.net"))));
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("220 fake")
                .expect(EHLO)
                .send("250-fake", "250-SMTPUTF8", "250 8BITMIME")
                .expect(FROM + " SMTPUTF8").send("250 ok")
                .expect("RCPT TO:<j\u00f6rg@example.net>").send("250 ok")
                .expect("DATA").send("354 go")
                .expectBytes(ascii(MESSAGE + ".\r\n")).send("250 queued"))) {
            SmtpClient client = connect(server, plain().build());
            assertTrue(await(client.send(utf8, ascii(MESSAGE))).allDelivered());
            server.verify();
        }
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("220 fake")
                .expect(EHLO)
                .send("250 fake")
                .expect("QUIT").send("221 bye"))) {
            SmtpClient client = connect(server, plain().build());
            assertEquals("SMTPUTF8", failure(MissingExtensionException.class, client.send(utf8, ascii(MESSAGE)))
                    .extension());
            await(client.quit());
            server.verify();
        }
    }

    /** A refused end of data fails the transaction with the reply; the next one goes ahead. */
    @Test
    void refusedMessageReportsTheReply() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("220 fake")
                .expect(EHLO)
                .send("250-fake", "250 PIPELINING")
                .expect(FROM, "RCPT TO:<bob@example.net>", "DATA")
                .send("250 ok", "250 ok", "354 go")
                .expectBytes(ascii(MESSAGE + ".\r\n"))
                .send("554 5.7.1 spam")
                .expect(FROM, "RCPT TO:<bob@example.net>", "DATA")
                .send("250 ok", "250 ok", "354 go")
                .expectBytes(ascii(MESSAGE + ".\r\n"))
                .send("250 queued"))) {
            SmtpClient client = connect(server, plain().build());

            MessageRejectedException rejected = failure(MessageRejectedException.class,
                    client.send(envelope("bob@example.net"), ascii(MESSAGE)));
            assertEquals(554, rejected.reply().code());
            assertEquals(554, rejected.recipients().get(0).deliveryReply().code());
            assertTrue(await(client.send(envelope("bob@example.net"), ascii(MESSAGE))).allDelivered());
            server.verify();
        }
    }

    /** Operations asked for at once run one after another, each with its own replies. */
    @Test
    void concurrentSendsRunInOrder() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("220 fake")
                .expect(EHLO)
                .send("250-fake", "250 PIPELINING")
                .expect(FROM, "RCPT TO:<bob@example.net>", "DATA")
                .send("250 ok", "250 ok", "354 go")
                .expectBytes(ascii("one\r\n.\r\n")).send("250 first")
                .expect(FROM, "RCPT TO:<carol@example.net>", "DATA")
                .send("250 ok", "250 ok", "354 go")
                .expectBytes(ascii("two\r\n.\r\n")).send("250 second"))) {
            SmtpClient client = connect(server, plain().build());

            var first = client.send(envelope("bob@example.net"), ascii("one\r\n"));
            var second = client.send(envelope("carol@example.net"), ascii("two\r\n"));

            assertEquals("first", await(first).recipients().get(0).deliveryReply().lines().get(0));
            assertEquals("second", await(second).recipients().get(0).deliveryReply().lines().get(0));
            server.verify();
        }
    }

    /** More recipients than fit in the pending queue are pipelined in groups, in order. */
    @Test
    void largeEnvelopesArePipelinedInGroups() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("220 fake")
                .expect(EHLO)
                .send("250-fake", "250 PIPELINING")
                .expect(FROM, "RCPT TO:<r1@example.net>", "RCPT TO:<r2@example.net>")
                .send("250 ok", "250 ok", "250 ok")
                .expect("RCPT TO:<r3@example.net>", "RCPT TO:<r4@example.net>", "DATA")
                .send("250 ok", "250 ok", "354 go")
                .expectBytes(ascii(MESSAGE + ".\r\n")).send("250 queued"))) {
            SmtpClient client = connect(server, plain().maxPipelinedCommands(3).build());

            SendResult result = await(client.send(envelope("r1@example.net", "r2@example.net", "r3@example.net",
                    "r4@example.net"), ascii(MESSAGE)));

            assertEquals(4, result.delivered().size());
            server.verify();
        }
    }
}
