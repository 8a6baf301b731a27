package org.mailwire.pop3.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.net.pop3.ExtendedPOP3Client;
import org.apache.commons.net.pop3.POP3Client;
import org.apache.commons.net.pop3.POP3MessageInfo;
import org.apache.commons.net.pop3.POP3SClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailwire.transport.sasl.InMemoryUsers;
import org.mailwire.transport.testing.TestTls;

/** Apache Commons Net's POP3 clients, an implementation we did not write, against our server. */
class CommonsNetInteropTest {
    private static final String FIRST = "From: a@x.test\r\nSubject: one\r\n\r\nline 1\r\n.dot line\r\nline 3\r\n";
    private static final String SECOND = "Subject: two\r\n\r\nsecond body\r\n";

    private final InMemoryMaildropStore store = new InMemoryMaildropStore();
    private final InMemoryUsers users = new InMemoryUsers().withSharedSecrets();
    private Pop3Server server;
    private String firstId;
    private String secondId;

    @BeforeEach
    void fill() {
        users.add("alice", "correct horse");
        firstId = store.add("alice", FIRST.getBytes(StandardCharsets.US_ASCII));
        secondId = store.add("alice", SECOND.getBytes(StandardCharsets.US_ASCII));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Pop3Server.Builder builder() {
        return Pop3Server.builder().hostname("mx.test").port(0).authenticator(users).maildropStore(store)
                .authFailures(Duration.ZERO, 3);
    }

    private static String read(Reader reader) throws IOException {
        try (reader) {
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[4096];
            int n;
            while ((n = reader.read(buffer)) >= 0) {
                text.append(buffer, 0, n);
            }
            return text.toString();
        }
    }

    private void awaitUnlocked() throws InterruptedException {
        for (int i = 0; i < 500 && store.isLocked("alice"); i++) {
            Thread.sleep(10);
        }
        assertFalse(store.isLocked("alice"));
    }

    @Test
    void pop3ClientReadsListsAndDeletes() throws Exception {
        server = builder().allowCleartextAuth(true).start();
        POP3Client client = new POP3Client();
        client.setDefaultTimeout(10_000);
        client.connect(InetAddress.getLoopbackAddress(), server.port());
        try {
            assertTrue(client.login("alice", "correct horse"), client.getReplyString());
            POP3MessageInfo status = client.status();
            assertEquals(2, status.number);
            assertEquals(FIRST.length() + SECOND.length(), status.size);
            POP3MessageInfo[] list = client.listMessages();
            assertEquals(List.of(1, 2), Arrays.stream(list).map(info -> info.number).toList());
            assertEquals(FIRST.length(), list[0].size);
            POP3MessageInfo[] uids = client.listUniqueIdentifiers();
            assertEquals(List.of(firstId, secondId), Arrays.stream(uids).map(info -> info.identifier).toList());
            assertEquals(secondId, client.listUniqueIdentifier(2).identifier);
            assertEquals(FIRST, read(client.retrieveMessage(1)));
            assertEquals("From: a@x.test\r\nSubject: one\r\n\r\nline 1\r\n", read(client.retrieveMessageTop(1, 1)));
            assertTrue(client.deleteMessage(1));
            assertEquals(1, client.status().number);
            assertTrue(client.logout(), client.getReplyString());
        } finally {
            client.disconnect();
        }
        awaitUnlocked();
        assertEquals(List.of(secondId), store.uniqueIds("alice"));
    }

    @Test
    void wrongPasswordIsRefused() throws Exception {
        server = builder().allowCleartextAuth(true).start();
        POP3Client client = new POP3Client();
        client.connect(InetAddress.getLoopbackAddress(), server.port());
        try {
            assertFalse(client.login("alice", "wrong"));
            assertTrue(client.getReplyString().startsWith("-ERR [AUTH]"), client.getReplyString());
        } finally {
            client.disconnect();
        }
    }

    @Test
    void apopLogin() throws Exception {
        // APOP in cleartext follows the USER/PASS rule.
        server = builder().allowCleartextAuth(true).start();
        POP3Client client = new POP3Client();
        client.connect(InetAddress.getLoopbackAddress(), server.port());
        try {
            String greeting = client.getReplyString();
            String timestamp = greeting.substring(greeting.indexOf('<'), greeting.indexOf('>') + 1);
            assertTrue(client.login("alice", timestamp, "correct horse"), client.getReplyString());
            assertEquals(2, client.status().number);
            assertTrue(client.logout());
        } finally {
            client.disconnect();
        }
    }

    @Test
    void extendedClientAuthPlainAfterStlsAndCramMd5() throws Exception {
        server = builder().startTls(TestTls.SERVER).start();
        ExtendedPOP3Client client = new ExtendedPOP3Client();
        client.setTrustManager(TestTls.trustManager());
        client.connect(InetAddress.getLoopbackAddress(), server.port());
        try {
            assertTrue(client.execTLS(), client.getReplyString());
            assertTrue(client.auth(ExtendedPOP3Client.AUTH_METHOD.PLAIN, "alice", "correct horse"), client.getReplyString());
            // Commons Net's auth() leaves its own state machine in AUTHORIZATION; the server moved on.
            client.setState(POP3Client.TRANSACTION_STATE);
            assertEquals(2, client.status().number);
            assertTrue(client.logout());
        } finally {
            client.disconnect();
        }
        awaitUnlocked();
        ExtendedPOP3Client cram = new ExtendedPOP3Client();
        cram.connect(InetAddress.getLoopbackAddress(), server.port());
        try {
            assertTrue(cram.auth(ExtendedPOP3Client.AUTH_METHOD.CRAM_MD5, "alice", "correct horse"), cram.getReplyString());
            cram.setState(POP3Client.TRANSACTION_STATE);
            assertEquals(2, cram.status().number);
            assertTrue(cram.logout());
        } finally {
            cram.disconnect();
        }
    }

    @Test
    void pop3sClientWithStls() throws Exception {
        server = builder().startTls(TestTls.SERVER).start();
        POP3SClient client = new POP3SClient(false, TestTls.jdkClient());
        client.connect(InetAddress.getLoopbackAddress(), server.port());
        try {
            assertFalse(client.login("alice", "correct horse"), "no USER/PASS in cleartext");
            assertTrue(client.execTLS(), client.getReplyString());
            assertTrue(client.login("alice", "correct horse"), client.getReplyString());
            assertArrayEquals(FIRST.getBytes(StandardCharsets.US_ASCII),
                    read(client.retrieveMessage(1)).getBytes(StandardCharsets.US_ASCII));
            assertTrue(client.logout());
        } finally {
            client.disconnect();
        }
    }

    @Test
    void pop3sClientWithImplicitTls() throws Exception {
        server = builder().implicitTls(TestTls.SERVER).start();
        POP3SClient client = new POP3SClient(true, TestTls.jdkClient());
        client.connect(InetAddress.getLoopbackAddress(), server.port());
        try {
            assertTrue(client.login("alice", "correct horse"), client.getReplyString());
            assertEquals(SECOND, read(client.retrieveMessage(2)));
            assertTrue(client.logout());
        } finally {
            client.disconnect();
        }
    }
}
