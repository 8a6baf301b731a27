package org.mailwire.pop3.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailwire.transport.sasl.InMemoryUsers;

/** Slow, failing and misbehaving clients, hooks and stores, over real sockets. */
class Pop3ServerRobustnessTest {
    private final InMemoryMaildropStore store = new InMemoryMaildropStore();
    private final InMemoryUsers users = new InMemoryUsers();
    private Pop3Server server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(UnaryOperator<Pop3Server.Builder> settings) {
        users.add("alice", "correct horse");
        server = settings.apply(Pop3Server.builder().hostname("mx.test").port(0).authenticator(users)
                .maildropStore(store).allowCleartextAuth(true).authFailures(Duration.ZERO, 3)).start();
    }

    private Pop3TestClient login() throws IOException {
        Pop3TestClient client = new Pop3TestClient(server.port());
        assertEquals("+OK mx.test POP3 ready", client.line());
        assertEquals("+OK Send PASS", client.command("USER alice"));
        assertTrue(client.command("PASS correct horse").startsWith("+OK maildrop has "));
        return client;
    }

    private static Pop3Timeouts hookTimeout(Duration hook) {
        return new Pop3Timeouts(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(1), hook);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? "<closed>" : line.toString(StandardCharsets.US_ASCII);
            }
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.US_ASCII);
            }
            line.write(b);
            previous = b;
        }
    }

    /** Regression: pipelined UIDLs to a client that does not read made the server queue without limit. */
    @Test
    void aClientThatDoesNotReadStopsTheServerReading() throws Exception {
        int count = 1000;
        for (int i = 0; i < count; i++) {
            store.add("alice", ("Subject: " + i + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        List<String> ids = store.uniqueIds("alice");
        start(b -> b);
        try (Pop3TestClient client = login()) {
            client.receiveBufferSize(64 * 1024);
            int uidls = 200;
            int noops = 100;
            // About 40 KB of responses per UIDL: far more than the socket buffers hold.
            long before = server.counters().bytesIn();
            byte[] first = "UIDL\r\n".repeat(uidls).getBytes(StandardCharsets.US_ASCII);
            client.sendBytes(first);
            for (int i = 0; i < 1000 && server.counters().bytesIn() == before; i++) {
                Thread.sleep(10);
            }
            // Time to read the rest, had the server gone on reading (it does not: the check below
            // holds however long this takes).
            Thread.sleep(300);
            byte[] second = ("NOOP\r\n".repeat(noops) + "QUIT\r\n").getBytes(StandardCharsets.US_ASCII);
            client.sendBytes(second);
            Thread.sleep(300);
            assertTrue(server.counters().bytesIn() < before + first.length + second.length,
                    "the server stopped reading while the client did not read");

            InputStream in = new BufferedInputStream(client.input(), 64 * 1024);
            for (int u = 0; u < uidls; u++) {
                assertEquals("+OK", line(in), "UIDL " + u);
                for (int i = 0; i < count; i++) {
                    assertEquals((i + 1) + " " + ids.get(i), line(in));
                }
                assertEquals(".", line(in));
            }
            for (int n = 0; n < noops; n++) {
                assertEquals("+OK", line(in));
            }
            assertEquals("+OK mx.test POP3 server signing off (" + count + " messages left)", line(in));
            assertEquals("<closed>", line(in));
        }
    }

    private static Pop3Hooks onConnect(CompletionStage<HookResult> verdict) {
        return new Pop3Hooks() {
            @Override
            public CompletionStage<HookResult> onConnect(SessionInfo session) {
                return verdict;
            }
        };
    }

    private void assertConnectFailureClosesTheSession() throws Exception {
        try (Pop3TestClient client = new Pop3TestClient(server.port())) {
            client.send("USER alice\r\nPASS correct horse\r\nRETR 1\r\n");
            assertEquals("-ERR [SYS/TEMP] Service temporarily unavailable, closing connection", client.line());
            assertEquals("<closed>", client.line());
        }
        assertFalse(store.isLocked("alice"));
    }

    /** Regression: a failed connect hook left the session open after its -ERR (fail-open). */
    @Test
    void aFailingConnectHookDisconnects() throws Exception {
        store.add("alice", "Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
        start(b -> b.hooks(onConnect(CompletableFuture.failedFuture(new IllegalStateException("boom")))));
        assertConnectFailureClosesTheSession();
    }

    @Test
    void aSlowConnectHookTimesOutAndDisconnects() throws Exception {
        store.add("alice", "Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
        start(b -> b.timeouts(hookTimeout(Duration.ofMillis(200))).hooks(onConnect(new CompletableFuture<>())));
        assertConnectFailureClosesTheSession();
    }

    /** A store whose delete completes only when the test says so. */
    private static final class SlowDeleteStore implements MaildropStore {
        final InMemoryMaildropStore inner;
        final CompletableFuture<Void> release = new CompletableFuture<>();
        final CompletableFuture<Void> deleteStarted = new CompletableFuture<>();

        SlowDeleteStore(InMemoryMaildropStore inner) {
            this.inner = inner;
        }

        @Override
        public CompletionStage<MaildropLock> open(String user) {
            return inner.open(user).thenApply(lock -> new MaildropLock() {
                @Override
                public List<MessageInfo> messages() {
                    return lock.messages();
                }

                @Override
                public CompletionStage<java.io.InputStream> open(MessageInfo message) {
                    return lock.open(message);
                }

                @Override
                public CompletionStage<Void> delete(Set<String> uniqueIds) {
                    deleteStarted.complete(null);
                    return release.thenCompose(ignored -> lock.delete(uniqueIds));
                }

                @Override
                public void close() {
                    lock.close();
                }
            });
        }
    }

    /** Regression: the lock went while QUIT's delete was still running (here: slower than the hook timeout). */
    @Test
    void theLockIsHeldUntilTheDeleteFinished() throws Exception {
        store.add("alice", "Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
        SlowDeleteStore slow = new SlowDeleteStore(store);
        start(b -> b.maildropStore(slow).timeouts(hookTimeout(Duration.ofMillis(200))));
        try (Pop3TestClient client = login()) {
            assertTrue(client.command("DELE 1").startsWith("+OK"));
            client.send("QUIT\r\n");
            slow.deleteStarted.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals("-ERR [SYS/TEMP] some deleted messages not removed", client.line());
            assertTrue(client.closed());
        }
        assertTrue(store.isLocked("alice"), "the lock is held while the delete runs");
        try (Pop3TestClient second = new Pop3TestClient(server.port())) {
            second.line();
            second.command("USER alice");
            assertTrue(second.command("PASS correct horse").startsWith("-ERR [IN-USE]"));
        }
        slow.release.complete(null);
        for (int i = 0; i < 500 && store.isLocked("alice"); i++) {
            Thread.sleep(10);
        }
        assertFalse(store.isLocked("alice"));
        assertEquals(List.of(), store.uniqueIds("alice"));
    }

    /** Regression: with two messages under one unique id, DELE of one deleted the other too. */
    @Test
    void duplicateUniqueIdsAreRefused() throws Exception {
        MaildropStore duplicates = user -> CompletableFuture.completedFuture(new MaildropLock() {
            @Override
            public List<MessageInfo> messages() {
                return List.of(new MessageInfo(1, 10, "same"), new MessageInfo(2, 12, "same"));
            }

            @Override
            public CompletionStage<java.io.InputStream> open(MessageInfo message) {
                return CompletableFuture.failedFuture(new IllegalStateException());
            }

            @Override
            public CompletionStage<Void> delete(Set<String> uniqueIds) {
                return CompletableFuture.failedFuture(new IllegalStateException());
            }

            @Override
            public void close() {
            }
        });
        start(b -> b.maildropStore(duplicates));
        try (Pop3TestClient client = new Pop3TestClient(server.port())) {
            client.line();
            client.command("USER alice");
            assertEquals("-ERR [SYS/TEMP] maildrop temporarily unavailable", client.command("PASS correct horse"));
            assertEquals("-ERR Not logged in: command valid in TRANSACTION state only", client.command("DELE 1"));
        }
    }
}
