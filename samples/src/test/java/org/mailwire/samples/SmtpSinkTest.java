package org.mailwire.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.commons.net.smtp.AuthenticatingSMTPClient;
import org.apache.commons.net.smtp.SMTPClient;
import org.apache.commons.net.smtp.SMTPReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailwire.tls.KeyType;
import org.mailwire.tls.SelfSignedCertificate;
import org.mailwire.tls.ServerIdentity;

/** The sink in-process on a free port, driven by Apache Commons Net's SMTP clients. */
class SmtpSinkTest {
    private static final String FIRST = "Subject: plain\r\n\r\nhello\r\n";
    // The client dot-stuffs the leading dot and the sink unstuffs it: the count is of the message.
    private static final String SECOND = "Subject: over TLS\r\n\r\n.leading dot\r\nbody\r\n";

    @TempDir
    Path state;

    private SmtpSinkOptions.Builder options() {
        return SmtpSinkOptions.builder().port(0).stateDirectory(state);
    }

    @Test
    void countsOneMessageInCleartextAndOneOverStartTls() throws Exception {
        try (SmtpSink sink = SmtpSink.start(options().build())) {
            SMTPClient plain = new SMTPClient();
            plain.connect(InetAddress.getLoopbackAddress(), sink.port());
            try {
                assertTrue(SMTPReply.isPositiveCompletion(plain.getReplyCode()));
                assertTrue(plain.login("client.test"));
                send(plain, FIRST);
                assertTrue(plain.logout());
            } finally {
                plain.disconnect();
            }

            // Trust exactly the certificate the sink wrote to its state directory.
            AuthenticatingSMTPClient tls = new AuthenticatingSMTPClient(false, trusting(readCertificate(state.resolve("smtp-sink-cert.pem"))));
            tls.setEndpointCheckingEnabled(true);
            tls.connect(InetAddress.getLoopbackAddress(), sink.port());
            try {
                assertEquals(250, tls.ehlo("client.test"));
                assertTrue(tls.getReplyString().contains("STARTTLS"), tls.getReplyString());
                assertTrue(tls.execTLS(), tls.getReplyString());
                assertEquals(250, tls.ehlo("client.test"));
                send(tls, SECOND);
                assertTrue(tls.logout());
            } finally {
                tls.disconnect();
            }

            SinkCounters counters = sink.counters();
            assertEquals(2, counters.messages());
            assertEquals(FIRST.length() + SECOND.length(), counters.bytes());
            assertEquals(2, counters.connections());
            assertEquals("messages=2 bytes=" + counters.bytes() + " connections=2", counters.line());
        }
    }

    @Test
    void aRestartedSinkServesTheSameCertificate() throws Exception {
        X509Certificate first;
        try (SmtpSink sink = SmtpSink.start(options().build())) {
            first = sink.certificate();
            assertEquals(first, readCertificate(sink.certificateFile()));
        }
        try (SmtpSink sink = SmtpSink.start(options().build())) {
            assertEquals(first, sink.certificate());
        }
        Path other = state.resolve("other");
        try (SmtpSink sink = SmtpSink.start(options().stateDirectory(other).build())) {
            assertNotEquals(first, sink.certificate());
        }
    }

    @Test
    void servesTheGivenPemFiles() throws Exception {
        ServerIdentity identity = SelfSignedCertificate.generate(KeyType.EC_P256, List.of("mx.example.test"), 2);
        Path certificate = state.resolve("given-cert.pem");
        Path key = state.resolve("given-key.pem");
        identity.writePem(certificate, key);
        try (SmtpSink sink = SmtpSink.start(options().pem(certificate, key).build())) {
            assertEquals(identity.leaf(), sink.certificate());
            assertEquals(certificate, sink.certificateFile());
        }
        assertFalse(Files.exists(state.resolve("smtp-sink-cert.pem")), "no self-signed certificate when given one");
    }

    @Test
    void authenticatesConfiguredUsers() throws Exception {
        try (SmtpSink sink = SmtpSink.start(options().user("alice", "correct horse").allowCleartextAuth(true).build())) {
            AuthenticatingSMTPClient client = new AuthenticatingSMTPClient();
            client.connect(InetAddress.getLoopbackAddress(), sink.port());
            try {
                assertEquals(250, client.ehlo("client.test"));
                assertTrue(client.getReplyString().contains("AUTH"), client.getReplyString());
                assertFalse(client.auth(AuthenticatingSMTPClient.AUTH_METHOD.PLAIN, "alice", "wrong"));
                assertTrue(client.auth(AuthenticatingSMTPClient.AUTH_METHOD.PLAIN, "alice", "correct horse"),
                        client.getReplyString());
                send(client, FIRST);
                client.logout();
            } finally {
                client.disconnect();
            }
            assertEquals(1, sink.counters().messages());
        }
    }

    @Test
    void refusesAMessageOverTheSizeLimit() throws Exception {
        try (SmtpSink sink = SmtpSink.start(options().maxMessageSize(1024).build())) {
            AuthenticatingSMTPClient client = new AuthenticatingSMTPClient();
            client.connect(InetAddress.getLoopbackAddress(), sink.port());
            try {
                assertEquals(250, client.ehlo("client.test"));
                assertTrue(client.getReplyString().contains("SIZE 1024"), client.getReplyString());
                assertTrue(client.setSender("a@client.test"));
                assertTrue(client.addRecipient("b@sink.test"));
                assertFalse(client.sendShortMessageData("Subject: big\r\n\r\n" + "x".repeat(2000) + "\r\n"));
                assertEquals(552, client.getReplyCode(), client.getReplyString());
            } finally {
                client.disconnect();
            }
            assertEquals(0, sink.counters().messages());
            assertEquals(0, sink.counters().bytes());
        }
    }

    private static void send(SMTPClient client, String message) throws Exception {
        assertTrue(client.setSender("sender@client.test"), client.getReplyString());
        assertTrue(client.addRecipient("rcpt@sink.test"), client.getReplyString());
        assertTrue(client.sendShortMessageData(message), client.getReplyString());
    }

    private static X509Certificate readCertificate(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** The JDK's own TLS stack, trusting one certificate. */
    private static SSLContext trusting(X509Certificate certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("smtp-sink", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
