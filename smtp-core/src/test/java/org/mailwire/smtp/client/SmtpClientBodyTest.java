package org.mailwire.smtp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.mailwire.smtp.client.SmtpConnectionException.Reason;
import org.mailwire.transport.testing.ScriptedServer;

/**
 * The body on the wire: what SIZE= declares on each path, and what becomes of the transaction when
 * the caller's stream fails half way.
 */
class SmtpClientBodyTest {

    /** The first {@code readable} bytes, then an IOException, as a broken file or socket would. */
    private static InputStream failingAfter(byte[] readable) {
        return new InputStream() {
            private int next;

            @Override
            public int read() throws IOException {
                if (next == readable.length) {
                    throw new IOException("disk on fire");
                }
                return readable[next++] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (next == readable.length) {
                    throw new IOException("disk on fire");
                }
                int n = Math.min(len, readable.length - next);
                System.arraycopy(readable, next, b, off, n);
                next += n;
                return n;
            }
        };
    }

    // ---- SIZE= (RFC 1870) ----

    /** BDAT sends the body as it is, stray CR and LF included, so SIZE= counts its octets. */
    @Test
    void bdatDeclaresTheOctetsItSends() throws Exception {
        byte[] body = ascii("a\nb\rc\r\n.d");
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("220 fake")
                .expect(EHLO)
                .send("250-fake", "250-PIPELINING", "250-CHUNKING", "250 SIZE 1000")
                .expect(FROM + " SIZE=" + body.length, "RCPT TO:<bob@example.net>", "BDAT " + body.length + " LAST")
                .expectBytes(body)
                .send("250 ok", "250 ok", "250 queued"))) {
            SmtpClient client = connect(server, plain().build());

            assertTrue(await(client.send(envelope("bob@example.net"), body)).allDelivered());
            server.verify();
        }
    }

    /**
     * DATA canonicalises: a stray LF and a stray CR become CRLF and the unterminated last line gets
     * one; SIZE= counts all of them, but not the stuffed dot nor the final dot line.
     */
    @Test
    void dataDeclaresTheCanonicalSize() throws Exception {
        byte[] body = ascii(".x\nbare\rend");
        String sent = ".x\r\nbare\r\nend\r\n";
        String wire = "." + sent + ".\r\n";
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("220 fake")
                .expect(EHLO)
                .send("250-fake", "250-PIPELINING", "250 SIZE 1000")
                .expect(FROM + " SIZE=" + sent.length(), "RCPT TO:<bob@example.net>", "DATA")
                .send("250 ok", "250 ok", "354 go")
                .expectBytes(ascii(wire))
                .send("250 queued"))) {
            SmtpClient client = connect(server, plain().build());

            assertTrue(await(client.send(envelope("bob@example.net"), body)).allDelivered());
            server.verify();
        }
    }

    /** Checked against the server's limit by the same count: 6 octets as sent by BDAT fit SIZE 6. */
    @Test
    void theLimitIsCheckedAgainstWhatIsSent() throws Exception {
        byte[] body = ascii("a\nb\nc\n");
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("220 fake")
                .expect(EHLO)
                .send("250-fake", "250-CHUNKING", "250 SIZE 6")
                .expect(FROM + " SIZE=6").send("250 ok")
                .expect("RCPT TO:<bob@example.net>").send("250 ok")
                .expect("BDAT 6 LAST").expectBytes(body).send("250 queued"))) {
            SmtpClient client = connect(server, plain().build());

            assertTrue(await(client.send(envelope("bob@example.net"), body)).allDelivered());
            server.verify();
        }
    }

    // ---- a body that cannot be read ----

    /**
     * Inside DATA nothing but the final dot ends the message, and it would deliver half of it: the
     * client drops the connection, so the server discards the transaction, and the stage fails with
     * BODY_READ_FAILED at once instead of the next operation waiting out the read timeout.
     */
    @Test
    void unreadableBodyInsideDataDropsTheConnection() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("220 fake")
                .expect(EHLO)
                .send("250-fake", "250-PIPELINING", "250 8BITMIME")
                .expect(FROM + " BODY=8BITMIME", "RCPT TO:<bob@example.net>", "DATA")
                .send("250 ok", "250 ok", "354 go")
                .expectBytes(ascii("Subject: hi\r\n"))
                .expectEnd())) {
            SmtpClient client = connect(server, plain().chunkSize(13).build());

            SmtpConnectionException failed = failure(SmtpConnectionException.class,
                    client.send(envelope("bob@example.net"), failingAfter(ascii("Subject: hi\r\n"))));

            assertEquals(Reason.BODY_READ_FAILED, failed.reason());
            assertTrue(failed.getCause() instanceof IOException, String.valueOf(failed.getCause()));
            assertFalse(client.isOpen());
            assertEquals(Reason.CLOSED, failure(SmtpConnectionException.class, client.noop()).reason());
            server.verify();
        }
    }

    /** Between BDAT chunks, RSET discards what was sent (RFC 3030 §2), and the connection goes on. */
    @Test
    void unreadableBodyBetweenBdatChunksIsReset() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("220 fake")
                .expect(EHLO)
                .send("250-fake", "250-PIPELINING", "250-CHUNKING", "250 8BITMIME")
                .expect(FROM + " BODY=8BITMIME", "RCPT TO:<bob@example.net>", "BDAT 4")
                .expectBytes(ascii("abcd"))
                .send("250 ok", "250 ok", "250 4 octets")
                .expect("RSET").send("250 reset")
                .expect("NOOP").send("250 still here"))) {
            SmtpClient client = connect(server, plain().chunkSize(4).build());

            SmtpConnectionException failed = failure(SmtpConnectionException.class,
                    client.send(envelope("bob@example.net"), failingAfter(ascii("abcd"))));

            assertEquals(Reason.BODY_READ_FAILED, failed.reason());
            assertTrue(client.isOpen());
            assertEquals("still here", await(client.noop()).lines().get(0));
            server.verify();
        }
    }

    /** Without PIPELINING the first chunk is read after the envelope was accepted: RSET ends it. */
    @Test
    void unreadableFirstBdatChunkAfterTheEnvelopeIsReset() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("220 fake")
                .expect(EHLO)
                .send("250-fake", "250 CHUNKING")
                .expect(FROM).send("250 ok")
                .expect("RCPT TO:<bob@example.net>").send("250 ok")
                .expect("RSET").send("250 reset")
                .expect("NOOP").send("250 still here"))) {
            SmtpClient client = connect(server, plain().chunkSize(4).build());

            SmtpConnectionException failed = failure(SmtpConnectionException.class,
                    client.send(envelope("bob@example.net"), failingAfter(new byte[0])));

            assertEquals(Reason.BODY_READ_FAILED, failed.reason());
            assertEquals("still here", await(client.noop()).lines().get(0));
            server.verify();
        }
    }

    /** With PIPELINING the first chunk is read before MAIL: nothing of the transaction is sent. */
    @Test
    void unreadableBodyBeforeMailSendsNothing() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("220 fake")
                .expect(EHLO)
                .send("250-fake", "250-PIPELINING", "250 CHUNKING")
                .expect("NOOP").send("250 still here"))) {
            SmtpClient client = connect(server, plain().chunkSize(4).build());

            SmtpConnectionException failed = failure(SmtpConnectionException.class,
                    client.send(envelope("bob@example.net"), failingAfter(ascii("ab"))));

            assertEquals(Reason.BODY_READ_FAILED, failed.reason());
            assertEquals("still here", await(client.noop()).lines().get(0));
            server.verify();
        }
    }

    /** A stream that throws an unchecked exception fails the same way as one that throws IOException. */
    @Test
    void uncheckedFailureOfTheStreamIsABodyReadFailureToo() throws Exception {
        InputStream broken = new InputStream() {
            @Override
            public int read() {
                throw new IllegalStateException("stream closed by someone else");
            }
        };
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("220 fake")
                .expect(EHLO)
                .send("250 fake")
                .expect(FROM).send("250 ok")
                .expect("RCPT TO:<bob@example.net>").send("250 ok")
                .expect("DATA").send("354 go")
                .expectEnd())) {
            SmtpClient client = connect(server, plain().build());

            SmtpConnectionException failed = failure(SmtpConnectionException.class,
                    client.send(envelope("bob@example.net"), broken));

            assertEquals(Reason.BODY_READ_FAILED, failed.reason());
            assertFalse(client.isOpen());
            server.verify();
        }
    }
}
