package org.mailwire.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailwire.smtp.BodyType;
import org.mailwire.transport.sasl.InMemoryUsers;
import org.mailwire.transport.testing.TestTls;

/** Eclipse Angus Mail's SMTP transport, an implementation we did not write, against our server. */
class AngusMailInteropTest {
    private final RecordingSink sink = new RecordingSink();
    private SmtpServer server;

    @BeforeEach
    void start() {
        InMemoryUsers users = new InMemoryUsers();
        users.add("alice", "correct horse");
        server = SmtpServer.builder().hostname("mx.test").port(0).messageSink(sink)
                .startTls(TestTls.SERVER).authenticator(users).authFailures(java.time.Duration.ZERO, 3)
                .mode(SmtpMode.SUBMISSION).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Properties properties(String mechanism) {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(server.port()));
        props.put("mail.smtp.starttls.enable", "true");
        props.put("mail.smtp.starttls.required", "true");
        props.put("mail.smtp.ssl.socketFactory", TestTls.jdkClient().getSocketFactory());
        props.put("mail.smtp.ssl.checkserveridentity", "false");
        props.put("mail.smtp.auth", "true");
        props.put("mail.smtp.auth.mechanisms", mechanism);
        props.put("mail.smtp.allow8bitmime", "true");
        // Angus Mail does not declare BODY=8BITMIME by itself; it appends what this property says.
        props.put("mail.smtp.mailextension", "BODY=8BITMIME");
        props.put("mail.smtp.localhost", "client.test");
        props.put("mail.smtp.timeout", "10000");
        props.put("mail.smtp.connectiontimeout", "10000");
        return props;
    }

    private static MimeMessage message(Session session) throws Exception {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("alice@mx.test"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.test"));
        message.setSubject("Grüße");
        message.setText("Grüße aus Köln\n.a line with a leading dot\n", "UTF-8");
        message.setHeader("Content-Transfer-Encoding", "8bit");
        return message;
    }

    @Test
    void startTlsAuthPlainAnd8BitMime() throws Exception {
        Session session = Session.getInstance(properties("PLAIN"));
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect("alice", "correct horse");
            MimeMessage message = message(session);
            transport.sendMessage(message, message.getAllRecipients());
        }
        assertEquals(1, sink.delivered.size());
        var delivered = sink.delivered.get(0);
        assertEquals(BodyType.EIGHT_BIT_MIME, delivered.envelope().mailParameters().body().orElseThrow());
        assertTrue(delivered.text().contains("Grüße aus Köln\r\n.a line with a leading dot\r\n"), delivered.text());
    }

    @Test
    void bdatChunksAndAuthLogin() throws Exception {
        Properties props = properties("LOGIN");
        props.put("mail.smtp.chunksize", "64");
        Session session = Session.getInstance(props);
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect("alice", "correct horse");
            MimeMessage message = message(session);
            transport.sendMessage(message, message.getAllRecipients());
        }
        assertTrue(sink.delivered.get(0).text().contains("Grüße aus Köln"));
    }

    @Test
    void wrongPasswordFails() {
        Session session = Session.getInstance(properties("PLAIN"));
        assertThrows(AuthenticationFailedException.class, () -> {
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect("alice", "wrong");
            }
        });
    }
}
