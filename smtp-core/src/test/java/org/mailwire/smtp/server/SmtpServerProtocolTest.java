package org.mailwire.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** RFC 5321 and its extensions, transcript by transcript, over real sockets. */
class SmtpServerProtocolTest {
    private final RecordingSink sink = new RecordingSink();
    private SmtpServer server;

    private SmtpServer start(java.util.function.UnaryOperator<SmtpServer.Builder> settings) {
        server = settings.apply(SmtpServer.builder().hostname("mx.test").port(0).messageSink(sink)).start();
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private SmtpTestClient connect() throws Exception {
        SmtpTestClient client = new SmtpTestClient(server.port());
        assertEquals("220 mx.test ESMTP Mailwire", client.reply());
        return client;
    }

    @Test
    void ehloAdvertisesTheExtensions() throws Exception {
        start(b -> b);
        try (SmtpTestClient client = connect()) {
            String ehlo = client.command("EHLO client.test");

            assertTrue(ehlo.startsWith("250-mx.test greets client.test\n"), ehlo);
            for (String keyword : List.of("PIPELINING", "SIZE 26214400", "8BITMIME", "SMTPUTF8",
                    "ENHANCEDSTATUSCODES", "CHUNKING", "BINARYMIME", "DSN")) {
                assertTrue(ehlo.contains("250-" + keyword + "\n") || ehlo.endsWith("250 " + keyword), keyword + " in " + ehlo);
            }
            assertTrue(!ehlo.contains("STARTTLS") && !ehlo.contains("AUTH") && !ehlo.contains("REQUIRETLS"), ehlo);
        }
    }

    @Test
    void oneMessageWithDotStuffing() throws Exception {
        start(b -> b);
        try (SmtpTestClient client = connect()) {
            client.command("EHLO client.test");
            assertEquals("250 2.1.0 Sender OK", client.command("MAIL FROM:<alice@client.test> SIZE=100"));
            assertEquals("250 2.1.5 Recipient OK", client.command("RCPT TO:<bob@mx.test> NOTIFY=SUCCESS,FAILURE"));
            assertEquals("354 End data with <CR><LF>.<CR><LF>", client.command("DATA"));
            client.send("Subject: hi\r\n\r\n..leading dot\r\nbody\r\n.\r\n");
            assertEquals("250 2.0.0 OK: message accepted", client.reply());
            assertEquals("221 2.0.0 Bye", client.command("QUIT"));
        }
        assertEquals(1, sink.delivered.size());
        assertEquals("Subject: hi\r\n\r\n.leading dot\r\nbody\r\n", sink.delivered.get(0).text());
        var envelope = sink.delivered.get(0).envelope();
        assertEquals("alice", envelope.from().mailbox().orElseThrow().localPart());
        assertEquals(100L, envelope.mailParameters().size().getAsLong());
        assertEquals(2, envelope.recipients().get(0).parameters().notifyOn().size());
    }

    @Test
    void pipelinedCommandsAreAnsweredInOneBatchInOrder() throws Exception {
        start(b -> b);
        try (SmtpTestClient client = connect()) {
            client.command("EHLO client.test");
            client.send("MAIL FROM:<a@client.test>\r\nRCPT TO:<b@mx.test>\r\nRCPT TO:<c@mx.test>\r\nDATA\r\n");

            assertEquals("250 2.1.0 Sender OK", client.reply());
            assertEquals("250 2.1.5 Recipient OK", client.reply());
            assertEquals("250 2.1.5 Recipient OK", client.reply());
            assertEquals("354 End data with <CR><LF>.<CR><LF>", client.reply());
            client.send("x\r\n.\r\n");
            assertEquals("250 2.0.0 OK: message accepted", client.reply());
        }
        assertEquals(2, sink.delivered.get(0).envelope().recipients().size());
    }

    @Test
    void sequenceErrors() throws Exception {
        start(b -> b);
        try (SmtpTestClient client = connect()) {
            assertEquals("503 5.5.1 Send HELO/EHLO first", client.command("MAIL FROM:<a@b.test>"));
            client.command("EHLO client.test");
            assertEquals("503 5.5.1 Need MAIL before RCPT", client.command("RCPT TO:<b@mx.test>"));
            client.command("MAIL FROM:<a@b.test>");
            assertEquals("503 5.5.1 Sender already specified", client.command("MAIL FROM:<a@b.test>"));
            assertEquals("554 5.5.1 No valid recipients", client.command("DATA"));
            assertEquals("250 2.0.0 Flushed", client.command("RSET"));
            assertEquals("503 5.5.1 Need MAIL before RCPT", client.command("RCPT TO:<b@mx.test>"));
            assertEquals("500 5.5.1 Command unrecognized", client.command("QUITX"));
            assertEquals("250 2.0.0 OK", client.command("NOOP"));
            assertTrue(client.command("VRFY bob").startsWith("252 2.5.2 "));
            assertTrue(client.command("HELP").startsWith("214 2.0.0 "));
        }
    }

    @Test
    void heloClientsMayNotUseParameters() throws Exception {
        start(b -> b);
        try (SmtpTestClient client = connect()) {
            assertEquals("250 mx.test", client.command("HELO client.test"));
            assertTrue(client.command("MAIL FROM:<a@b.test> SIZE=10").startsWith("555 5.5.4 "));
            assertEquals("250 2.1.0 Sender OK", client.command("MAIL FROM:<a@b.test>"));
        }
    }

    @Test
    void declaredSizeOverTheLimitIsRefusedAtMail() throws Exception {
        start(b -> b.limits(org.mailwire.smtp.codec.SmtpDecoderConfig.builder().maxMessageSize(1000).build()));
        try (SmtpTestClient client = connect()) {
            client.command("EHLO client.test");
            assertEquals("552 5.3.4 Message size exceeds fixed limit", client.command("MAIL FROM:<a@b.test> SIZE=1001"));
            assertEquals("250 2.1.0 Sender OK", client.command("MAIL FROM:<a@b.test> SIZE=1000"));
        }
    }

    @Test
    void bodyOverTheLimitIsRefusedAfterItEndsAndNothingIsDelivered() throws Exception {
        start(b -> b.limits(org.mailwire.smtp.codec.SmtpDecoderConfig.builder().maxMessageSize(1000).build()));
        try (SmtpTestClient client = connect()) {
            client.command("EHLO client.test");
            client.command("MAIL FROM:<a@b.test>");
            client.command("RCPT TO:<b@mx.test>");
            client.command("DATA");
            client.send(("x".repeat(99) + "\r\n").repeat(11) + ".\r\n");
            assertEquals("552 5.3.4 Message size exceeds fixed limit", client.reply());
            assertEquals("250 2.0.0 OK", client.command("NOOP"));
        }
        assertEquals(0, sink.delivered.size());
        assertEquals(1, sink.aborted.size());
    }

    @Test
    void bdatChunksMakeOneMessage() throws Exception {
        start(b -> b);
        try (SmtpTestClient client = connect()) {
            client.command("EHLO client.test");
            client.send("MAIL FROM:<a@b.test> BODY=BINARYMIME\r\nRCPT TO:<b@mx.test>\r\nBDAT 6\r\nab\u0000\r\ncBDAT 3 LAST\r\n.\r\n");
            assertEquals("250 2.1.0 Sender OK", client.reply());
            assertEquals("250 2.1.5 Recipient OK", client.reply());
            assertEquals("250 2.0.0 6 octets received", client.reply());
            assertEquals("250 2.0.0 OK: message accepted", client.reply());
        }
        assertEquals("ab\u0000\r\nc.\r\n", sink.delivered.get(0).text());
    }

    @Test
    void bdatWithoutTransactionIsConsumedAndRefused() throws Exception {
        start(b -> b);
        try (SmtpTestClient client = connect()) {
            client.command("EHLO client.test");
            client.send("BDAT 12\r\nQUIT\r\nQUIT\r\nNOOP\r\n");
            assertEquals("503 5.5.1 Need MAIL before RCPT", client.reply());
            assertEquals("250 2.0.0 OK", client.reply());
        }
        assertEquals(0, sink.delivered.size());
    }

    @Test
    void binaryMimeNeedsBdat() throws Exception {
        start(b -> b);
        try (SmtpTestClient client = connect()) {
            client.command("EHLO client.test");
            client.command("MAIL FROM:<a@b.test> BODY=BINARYMIME");
            client.command("RCPT TO:<b@mx.test>");
            assertEquals("503 5.6.1 BODY=BINARYMIME requires BDAT", client.command("DATA"));
        }
    }

    @Test
    void theReplyToTheBodyWaitsForTheSink() throws Exception {
        var stored = new java.util.concurrent.CompletableFuture<DeliveryResult>();
        sink.outcome = () -> stored;
        start(b -> b);
        try (SmtpTestClient client = connect()) {
            client.command("EHLO client.test");
            client.command("MAIL FROM:<a@b.test>");
            client.command("RCPT TO:<b@mx.test>");
            client.command("DATA");
            client.send("body\r\n.\r\nNOOP\r\n");
            Thread.sleep(200);
            assertEquals(0, sink.delivered.size(), "not stored yet");

            stored.complete(DeliveryResult.delivered());

            assertEquals("250 2.0.0 OK: message accepted", client.reply());
            assertEquals("250 2.0.0 OK", client.reply());
        }
    }

    @Test
    void aFailingSinkGetsATemporaryFailure() throws Exception {
        sink.outcome = () -> java.util.concurrent.CompletableFuture.failedFuture(new java.io.IOException("disk full"));
        start(b -> b);
        try (SmtpTestClient client = connect()) {
            client.command("EHLO client.test");
            client.command("MAIL FROM:<a@b.test>");
            client.command("RCPT TO:<b@mx.test>");
            client.command("DATA");
            client.send("body\r\n.\r\n");
            assertEquals("451 4.3.0 Local error in processing, try again later", client.reply());
        }
    }

    @Test
    void hooksDecideAsynchronously() throws Exception {
        var verdict = new java.util.concurrent.CompletableFuture<HookResult>();
        start(b -> b.hooks(new SmtpHooks() {
            @Override
            public java.util.concurrent.CompletionStage<HookResult> onRcpt(SessionInfo session,
                    org.mailwire.smtp.Envelope transaction, org.mailwire.smtp.ForwardPath to,
                    org.mailwire.smtp.RcptParameters parameters) {
                return to.mailbox().localPart().equals("slow") ? verdict
                        : HookResult.reject(org.mailwire.smtp.SmtpReply.of(550, "5.1.1", "No such user"));
            }
        }));
        try (SmtpTestClient client = connect()) {
            client.command("EHLO client.test");
            client.send("MAIL FROM:<a@b.test>\r\nRCPT TO:<nobody@mx.test>\r\nRCPT TO:<slow@mx.test>\r\nNOOP\r\n");
            assertEquals("250 2.1.0 Sender OK", client.reply());
            assertEquals("550 5.1.1 No such user", client.reply());

            verdict.complete(new HookResult.Continue());

            assertEquals("250 2.1.5 Recipient OK", client.reply());
            assertEquals("250 2.0.0 OK", client.reply());
        }
    }

    @Test
    void unknownCommandHookAnswersAnExtension() throws Exception {
        start(b -> b.hooks(new SmtpHooks() {
            @Override
            public java.util.concurrent.CompletionStage<HookResult> onUnknownCommand(SessionInfo session, String verb,
                    String argument) {
                return verb.equals("XCLIENT") && argument.equals("ADDR=192.0.2.1")
                        ? java.util.concurrent.CompletableFuture.completedFuture(new HookResult.Accept(
                                java.util.Optional.of(org.mailwire.smtp.SmtpReply.of(250, "2.0.0", "XCLIENT applied"))))
                        : HookResult.proceed();
            }
        }).maxBadCommands(2));
        try (SmtpTestClient client = connect()) {
            assertEquals("250 2.0.0 XCLIENT applied", client.command("xclient ADDR=192.0.2.1"));
            assertEquals("250 2.0.0 XCLIENT applied", client.command("XCLIENT ADDR=192.0.2.1"));
            assertEquals("500 5.5.1 Command unrecognized", client.command("XCLIENT NAME=x"));
            assertEquals("250 2.0.0 OK", client.command("NOOP"), "accepted extension commands are not bad commands");
        }
    }

    @Test
    void authenticatedHookCanRefuseAnIdentity() throws Exception {
        org.mailwire.transport.sasl.InMemoryUsers users = new org.mailwire.transport.sasl.InMemoryUsers();
        users.add("mallory", "pass word");
        start(b -> b.authenticator(users).allowCleartextAuth(true).authFailures(Duration.ZERO, 3)
                .hooks(new SmtpHooks() {
                    @Override
                    public java.util.concurrent.CompletionStage<HookResult> onAuthenticated(SessionInfo session,
                            String identity) {
                        return HookResult.reject(org.mailwire.smtp.SmtpReply.of(535, "5.7.8", "Account locked"));
                    }
                }));
        try (SmtpTestClient client = connect()) {
            client.command("EHLO client.test");
            String plain = java.util.Base64.getEncoder().encodeToString("\0mallory\0pass word".getBytes());
            assertEquals("535 5.7.8 Account locked", client.command("AUTH PLAIN " + plain));
            assertEquals("250 2.1.0 Sender OK", client.command("MAIL FROM:<m@client.test>"), "MX mode, not authenticated");
        }
    }

    @Test
    void lmtpRepliesOncePerRecipient() throws Exception {
        sink.outcome = () -> java.util.concurrent.CompletableFuture.completedFuture(new DeliveryResult.PerRecipient(List.of(
                org.mailwire.smtp.SmtpReply.of(250, "2.1.5", "delivered"),
                org.mailwire.smtp.SmtpReply.of(452, "4.2.2", "mailbox full"))));
        start(b -> b.mode(SmtpMode.LMTP));
        try (SmtpTestClient client = new SmtpTestClient(server.port())) {
            assertEquals("220 mx.test LMTP Mailwire", client.reply());
            assertEquals("500 5.5.1 This is LMTP: use LHLO", client.command("EHLO client.test"));
            assertTrue(client.command("LHLO client.test").startsWith("250-mx.test"));
            client.command("MAIL FROM:<a@b.test>");
            client.command("RCPT TO:<one@mx.test>");
            client.command("RCPT TO:<two@mx.test>");
            client.command("DATA");
            client.send("body\r\n.\r\n");
            assertEquals("250 2.1.5 delivered", client.reply());
            assertEquals("452 4.2.2 mailbox full", client.reply());
        }
    }

    @Test
    void commandTimeoutSays421() throws Exception {
        start(b -> b.timeouts(new SmtpTimeouts(Duration.ofMillis(300), Duration.ofMinutes(3), Duration.ofMinutes(2))));
        try (SmtpTestClient client = connect()) {
            assertEquals("421 4.4.2 Timeout, closing connection", client.reply());
            assertTrue(client.closed());
        }
    }

    @Test
    void gracefulShutdownLetsTheTransactionFinish() throws Exception {
        start(b -> b);
        try (SmtpTestClient client = connect()) {
            client.command("EHLO client.test");
            client.command("MAIL FROM:<a@b.test>");
            var stopping = java.util.concurrent.CompletableFuture.supplyAsync(() -> server.shutdown(Duration.ofSeconds(20)));
            client.command("RCPT TO:<b@mx.test>");
            client.command("DATA");
            client.send("body\r\n.\r\n");
            assertEquals("250 2.0.0 OK: message accepted", client.reply());
            assertEquals("421 4.3.2 Service shutting down", client.reply());
            assertTrue(client.closed());
            assertTrue(stopping.get(20, java.util.concurrent.TimeUnit.SECONDS));
        }
        assertEquals(1, sink.delivered.size());
    }
}
