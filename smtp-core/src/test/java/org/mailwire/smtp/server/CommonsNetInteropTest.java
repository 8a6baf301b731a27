package org.mailwire.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Writer;
import java.net.InetAddress;
import org.apache.commons.net.smtp.AuthenticatingSMTPClient;
import org.apache.commons.net.smtp.SMTPClient;
import org.apache.commons.net.smtp.SMTPReply;
import org.apache.commons.net.smtp.SMTPSClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailwire.transport.sasl.InMemoryUsers;
import org.mailwire.transport.testing.TestTls;

/** Apache Commons Net's SMTP clients, an implementation we did not write, against our server. */
class CommonsNetInteropTest {
    private final RecordingSink sink = new RecordingSink();
    private SmtpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static InMemoryUsers users() {
        InMemoryUsers users = new InMemoryUsers();
        users.add("alice", "correct horse");
        return users;
    }

    @Test
    void plainSmtpClientSendsAMessage() throws Exception {
        server = SmtpServer.builder().hostname("mx.test").port(0).messageSink(sink).start();
        SMTPClient client = new SMTPClient();
        client.connect(InetAddress.getLoopbackAddress(), server.port());
        try {
            assertTrue(SMTPReply.isPositiveCompletion(client.getReplyCode()));
            assertTrue(client.login("client.test"));
            assertTrue(client.setSender("alice@client.test"));
            assertTrue(client.addRecipient("bob@mx.test"));
            try (Writer writer = client.sendMessageData()) {
                writer.write("Subject: commons-net\r\n\r\n.hidden dot\r\nbody\r\n");
            }
            assertTrue(client.completePendingCommand(), client.getReplyString());
            assertTrue(client.logout());
        } finally {
            client.disconnect();
        }
        assertEquals("Subject: commons-net\r\n\r\n.hidden dot\r\nbody\r\n", sink.delivered.get(0).text());
    }

    @Test
    void startTlsThenAuthPlain() throws Exception {
        server = SmtpServer.builder().hostname("mx.test").port(0).messageSink(sink)
                .startTls(TestTls.SERVER).authenticator(users())
                .mode(SmtpMode.SUBMISSION).start();
        AuthenticatingSMTPClient client = new AuthenticatingSMTPClient(false, TestTls.jdkClient());
        client.connect(InetAddress.getLoopbackAddress(), server.port());
        try {
            assertEquals(250, client.ehlo("client.test"));
            assertTrue(client.execTLS(), client.getReplyString());
            assertEquals(250, client.ehlo("client.test"));
            assertTrue(client.getReplyString().contains("AUTH "), client.getReplyString());
            assertTrue(client.auth(AuthenticatingSMTPClient.AUTH_METHOD.PLAIN, "alice", "correct horse"),
                    client.getReplyString());
            assertTrue(client.setSender("alice@mx.test"));
            assertTrue(client.addRecipient("bob@example.test"));
            assertTrue(client.sendShortMessageData("Subject: submitted\r\n\r\nhello\r\n"), client.getReplyString());
            client.logout();
        } finally {
            client.disconnect();
        }
        assertEquals(1, sink.delivered.size());
    }

    @Test
    void wrongPasswordIsRefused() throws Exception {
        server = SmtpServer.builder().hostname("mx.test").port(0).messageSink(sink)
                .startTls(TestTls.SERVER).authenticator(users()).authFailures(java.time.Duration.ZERO, 3)
                .mode(SmtpMode.SUBMISSION).start();
        AuthenticatingSMTPClient client = new AuthenticatingSMTPClient(false, TestTls.jdkClient());
        client.connect(InetAddress.getLoopbackAddress(), server.port());
        try {
            client.ehlo("client.test");
            assertTrue(client.execTLS());
            client.ehlo("client.test");
            assertTrue(!client.auth(AuthenticatingSMTPClient.AUTH_METHOD.LOGIN, "alice", "wrong"));
            assertEquals(535, client.getReplyCode());
            assertEquals(530, client.mail("<alice@mx.test>"), "submission needs AUTH");
        } finally {
            client.disconnect();
        }
    }

    @Test
    void implicitTlsClient() throws Exception {
        server = SmtpServer.builder().hostname("mx.test").port(0).messageSink(sink)
                .implicitTls(TestTls.SERVER).start();
        SMTPSClient client = new SMTPSClient(true, TestTls.jdkClient());
        client.connect(InetAddress.getLoopbackAddress(), server.port());
        try {
            assertTrue(SMTPReply.isPositiveCompletion(client.getReplyCode()), client.getReplyString());
            assertTrue(client.login("client.test"));
            assertTrue(client.setSender("alice@client.test"));
            assertTrue(client.addRecipient("bob@mx.test"));
            assertTrue(client.sendShortMessageData("Subject: implicit\r\n\r\nhello\r\n"));
            client.logout();
        } finally {
            client.disconnect();
        }
        assertEquals(1, sink.delivered.size());
    }
}
