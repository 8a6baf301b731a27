package org.mailwire.pop3.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailwire.transport.sasl.InMemoryUsers;
import org.mailwire.transport.testing.TestTls;

/** Eclipse Angus Mail's POP3 store, an implementation we did not write, against our server. */
class AngusMailInteropTest {
    private final InMemoryMaildropStore store = new InMemoryMaildropStore();
    private Pop3Server server;
    private String secondId;

    @BeforeEach
    void start() {
        InMemoryUsers users = new InMemoryUsers();
        users.add("alice", "correct horse");
        store.add("alice", "From: a@x.test\r\nSubject: first\r\n\r\nhello\r\n.dot\r\n".getBytes(StandardCharsets.US_ASCII));
        secondId = store.add("alice", "From: b@x.test\r\nSubject: second\r\n\r\nworld\r\n".getBytes(StandardCharsets.US_ASCII));
        server = Pop3Server.builder().hostname("mx.test").port(0).authenticator(users).maildropStore(store)
                .startTls(TestTls.SERVER).authFailures(Duration.ZERO, 3).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Session session() {
        Properties props = new Properties();
        props.put("mail.pop3.host", "127.0.0.1");
        props.put("mail.pop3.port", String.valueOf(server.port()));
        props.put("mail.pop3.starttls.enable", "true");
        props.put("mail.pop3.starttls.required", "true");
        props.put("mail.pop3.ssl.socketFactory", TestTls.jdkClient().getSocketFactory());
        props.put("mail.pop3.ssl.checkserveridentity", "false");
        props.put("mail.pop3.timeout", "10000");
        props.put("mail.pop3.connectiontimeout", "10000");
        return Session.getInstance(props);
    }

    @Test
    void readsAndDeletesOverStls() throws Exception {
        Store pop3 = session().getStore("pop3");
        pop3.connect("alice", "correct horse");
        try {
            Folder inbox = pop3.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            assertEquals(2, inbox.getMessageCount());
            Message first = inbox.getMessage(1);
            assertEquals("first", first.getSubject());
            assertEquals("hello\r\n.dot\r\n", first.getContent());
            first.setFlag(Flags.Flag.DELETED, true);
            inbox.close(true);
        } finally {
            pop3.close();
        }
        for (int i = 0; i < 500 && store.isLocked("alice"); i++) {
            Thread.sleep(10);
        }
        assertFalse(store.isLocked("alice"));
        assertEquals(List.of(secondId), store.uniqueIds("alice"));
    }

    @Test
    void wrongPasswordIsRefused() throws Exception {
        Store pop3 = session().getStore("pop3");
        assertThrows(AuthenticationFailedException.class, () -> pop3.connect("alice", "wrong"));
    }
}
