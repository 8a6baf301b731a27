package org.mailwire.smtp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client against an SMTP server we did not write: what it sends, GreenMail must read back. */
class GreenMailInteropTest {

    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static BlockingSmtpClient connect() {
        return BlockingSmtpClient.connect("127.0.0.1", GREENMAIL.getSmtp().getPort(), ClientFixtures.plain().build());
    }

    @Test
    void sendsAMessageGreenMailCanRead() throws Exception {
        try (BlockingSmtpClient client = connect()) {
            SendResult result = client.send(ClientFixtures.envelope("bob@example.net"),
                    "Subject: hello\r\n\r\nfirst line\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(result.allDelivered());
            client.quit();
        }
        MimeMessage[] received = GREENMAIL.getReceivedMessages();
        assertEquals(1, received.length);
        assertEquals("hello", received[0].getSubject());
        assertEquals("first line", GreenMailUtil.getBody(received[0]).strip());
    }

    /** Dot-stuffed on the way out, unstuffed by GreenMail: the lines come back as written. */
    @Test
    void dotLinesSurviveTheRoundTrip() throws Exception {
        String body = "Subject: dots\r\n\r\n.one\r\n..two\r\n.\r\nlast\r\n";
        try (BlockingSmtpClient client = connect()) {
            client.send(ClientFixtures.envelope("bob@example.net"),
                    new ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII)));
        }
        String received = GreenMailUtil.getBody(GREENMAIL.getReceivedMessages()[0]);
        assertEquals(".one\r\n..two\r\n.\r\nlast", received.strip());
    }

    @Test
    void manyMessagesAndRecipientsOverOneConnection() throws Exception {
        try (BlockingSmtpClient client = connect()) {
            for (int i = 0; i < 5; i++) {
                SendResult result = client.send(ClientFixtures.envelope("bob@example.net", "carol@example.net"),
                        ("Subject: message " + i + "\r\n\r\nbody " + i + "\r\n").getBytes(StandardCharsets.US_ASCII));
                assertEquals(2, result.delivered().size());
            }
        }
        // one copy per recipient
        assertEquals(10, GREENMAIL.getReceivedMessages().length);
    }
}
