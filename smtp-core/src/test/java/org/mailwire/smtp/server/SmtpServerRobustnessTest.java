package org.mailwire.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailwire.smtp.Envelope;
import org.mailwire.smtp.ForwardPath;
import org.mailwire.smtp.RcptParameters;
import org.mailwire.smtp.SmtpReply;
import org.mailwire.smtp.codec.SmtpDecoderConfig;

/** Failures and edge cases around hooks, BDAT and LMTP, each over a real socket. */
class SmtpServerRobustnessTest {
    private final RecordingSink sink = new RecordingSink();
    private SmtpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private SmtpTestClient start(UnaryOperator<SmtpServer.Builder> settings) throws Exception {
        server = settings.apply(SmtpServer.builder().hostname("mx.test").port(0).messageSink(sink)).start();
        SmtpTestClient client = new SmtpTestClient(server.port());
        client.reply();
        return client;
    }

    private static SmtpHooks failingData() {
        return new SmtpHooks() {
            @Override
            public CompletionStage<HookResult> onData(SessionInfo session, Envelope envelope) {
                return CompletableFuture.supplyAsync(() -> {
                    throw new IllegalStateException("database down");
                });
            }
        };
    }

    @Test
    void bdatSizesThatOverflowAreRefused() throws Exception {
        try (SmtpTestClient client = start(b -> b.limits(SmtpDecoderConfig.builder().maxMessageSize(1000).build()))) {
            client.command("EHLO client.test");
            client.command("MAIL FROM:<a@x.test>");
            client.command("RCPT TO:<b@mx.test>");
            client.send("BDAT 1\r\nx");
            assertEquals("250 2.0.0 1 octets received", client.reply());

            assertEquals("552 5.3.4 Message size exceeds fixed limit", client.command("BDAT 9223372036854775807"));
            assertTrue(client.closed());
        }
        assertEquals(0, sink.delivered.size());
    }

    @Test
    void bdatChunksOverTheLimitTogetherAreRefused() throws Exception {
        try (SmtpTestClient client = start(b -> b.limits(SmtpDecoderConfig.builder().maxMessageSize(1000).build()))) {
            client.command("EHLO client.test");
            client.command("MAIL FROM:<a@x.test>");
            client.command("RCPT TO:<b@mx.test>");
            client.send("BDAT 600\r\n" + "x".repeat(600));
            assertEquals("250 2.0.0 600 octets received", client.reply());
            client.send("BDAT 600 LAST\r\n" + "y".repeat(600));
            assertEquals("552 5.3.4 Message size exceeds fixed limit", client.reply());
            assertEquals("250 2.0.0 OK", client.command("NOOP"));
        }
        assertEquals(0, sink.delivered.size());
    }

    /** The chunk behind a BDAT whose hook failed is data, never commands (no smuggled transaction). */
    @Test
    void bdatChunkIsNeverReadAsCommandsWhenTheHookFails() throws Exception {
        try (SmtpTestClient client = start(b -> b.hooks(failingData()))) {
            client.command("EHLO client.test");
            client.command("MAIL FROM:<a@x.test>");
            client.command("RCPT TO:<b@mx.test>");
            client.send("BDAT 20 LAST\r\nMAIL FROM:<evil@x>\r\nNOOP\r\n");

            assertEquals("451 4.3.0 Local error in processing, try again later", client.reply());
            assertEquals("250 2.0.0 OK", client.reply());
        }
        assertEquals(0, sink.delivered.size());
    }

    @Test
    void firstBdatZeroLastAfterAnAsynchronousHook() throws Exception {
        try (SmtpTestClient client = start(b -> b.hooks(new SmtpHooks() {
            @Override
            public CompletionStage<HookResult> onData(SessionInfo session, Envelope envelope) {
                return CompletableFuture.supplyAsync(HookResult.Continue::new,
                        CompletableFuture.delayedExecutor(50, java.util.concurrent.TimeUnit.MILLISECONDS));
            }
        }))) {
            client.command("EHLO client.test");
            client.command("MAIL FROM:<a@x.test>");
            client.command("RCPT TO:<b@mx.test>");
            assertEquals("250 2.0.0 OK: message accepted", client.command("BDAT 0 LAST"));
        }
        assertEquals(1, sink.delivered.size());
    }

    @Test
    void dataHookCannotReplaceThe354() throws Exception {
        try (SmtpTestClient client = start(b -> b.hooks(new SmtpHooks() {
            @Override
            public CompletionStage<HookResult> onData(SessionInfo session, Envelope envelope) {
                return CompletableFuture.completedFuture(new HookResult.Accept(
                        java.util.Optional.of(SmtpReply.of(250, "2.0.0", "go on"))));
            }
        }))) {
            client.command("EHLO client.test");
            client.command("MAIL FROM:<a@x.test>");
            client.command("RCPT TO:<b@mx.test>");
            assertEquals("354 End data with <CR><LF>.<CR><LF>", client.command("DATA"));
        }
    }

    /** A failed recipient check answers that command only; the transaction goes on. */
    @Test
    void failedRcptHookKeepsTheTransaction() throws Exception {
        try (SmtpTestClient client = start(b -> b.hooks(new SmtpHooks() {
            @Override
            public CompletionStage<HookResult> onRcpt(SessionInfo session, Envelope transaction, ForwardPath to,
                    RcptParameters parameters) {
                return to.mailbox().localPart().equals("flaky")
                        ? CompletableFuture.failedFuture(new IllegalStateException("ldap down"))
                        : HookResult.proceed();
            }
        }))) {
            client.command("EHLO client.test");
            client.command("MAIL FROM:<a@x.test>");
            assertEquals("451 4.3.0 Local error in processing, try again later", client.command("RCPT TO:<flaky@mx.test>"));
            assertEquals("250 2.1.5 Recipient OK", client.command("RCPT TO:<b@mx.test>"));
        }
    }

    /** RFC 2033 §4.2: a refused body still gets one reply per recipient, so replies stay in step. */
    @Test
    void lmtpRefusalRepliesOncePerRecipient() throws Exception {
        try (SmtpTestClient client = start(b -> b.mode(SmtpMode.LMTP))) {
            client.command("LHLO client.test");
            client.command("MAIL FROM:<a@x.test>");
            client.command("RCPT TO:<one@mx.test>");
            client.command("RCPT TO:<two@mx.test>");
            client.command("DATA");
            client.send("bare\nLF\r\n.\r\nNOOP\r\n");

            assertTrue(client.reply().startsWith("550 5.6.0"));
            assertTrue(client.reply().startsWith("550 5.6.0"));
            assertEquals("250 2.0.0 OK", client.reply());
        }
    }

    @Test
    void lmtpFailedSinkRepliesOncePerRecipient() throws Exception {
        sink.outcome = () -> CompletableFuture.failedFuture(new java.io.IOException("disk full"));
        try (SmtpTestClient client = start(b -> b.mode(SmtpMode.LMTP))) {
            client.command("LHLO client.test");
            client.command("MAIL FROM:<a@x.test>");
            client.command("RCPT TO:<one@mx.test>");
            client.command("RCPT TO:<two@mx.test>");
            client.command("DATA");
            client.send("x\r\n.\r\nNOOP\r\n");
            assertEquals("451 4.3.0 Local error in processing, try again later", client.reply());
            assertEquals("451 4.3.0 Local error in processing, try again later", client.reply());
            assertEquals("250 2.0.0 OK", client.reply());
        }
    }

    /**
     * More replies than socket buffers hold: the server stops reading while its replies wait, then
     * goes on when the client reads them; nothing is lost or reordered.
     */
    @Test
    void clientThatPipelinesFasterThanItReadsLosesNothing() throws Exception {
        int commands = 300_000;
        try (SmtpTestClient client = start(b -> b)) {
            client.command("EHLO client.test");
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    byte[] batch = "NOOP\r\n".repeat(1000).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                    for (int i = 0; i < commands / 1000; i++) {
                        client.sendBytes(batch);
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            for (int i = 0; i < commands; i++) {
                assertEquals("250 2.0.0 OK", client.reply(), "reply " + i);
            }
            writer.get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void failingConnectHookSays421() throws Exception {
        server = SmtpServer.builder().hostname("mx.test").port(0).messageSink(sink).hooks(new SmtpHooks() {
            @Override
            public CompletionStage<HookResult> onConnect(SessionInfo session) {
                return CompletableFuture.failedFuture(new IllegalStateException("rbl down"));
            }
        }).timeouts(new SmtpTimeouts(Duration.ofMinutes(5), Duration.ofMinutes(3), Duration.ofMinutes(2))).start();
        try (SmtpTestClient client = new SmtpTestClient(server.port())) {
            assertEquals("421 4.3.0 Service temporarily unavailable, try again later", client.reply());
            assertTrue(client.closed());
        }
    }
}
