package org.mailwire.smtp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mailwire.smtp.client.ClientFixtures.EHLO;
import static org.mailwire.smtp.client.ClientFixtures.await;
import static org.mailwire.smtp.client.ClientFixtures.failure;
import static org.mailwire.smtp.client.ClientFixtures.loopback;
import static org.mailwire.smtp.client.ClientFixtures.plain;
import static org.mailwire.transport.testing.ScriptedServer.Script.script;

import org.junit.jupiter.api.Test;
import org.mailwire.transport.testing.TestTls;
import org.mailwire.transport.testing.ScriptedServer;

/** STARTTLS (RFC 3207) and implicit TLS (RFC 8314) as the policy says, and the attacks on them. */
class SmtpClientTlsTest {

    private static SmtpClientOptions.Builder startTls(StartTlsPolicy policy) {
        return plain().startTlsPolicy(policy).clientTls(TestTls.CLIENT);
    }

    @Test
    void upgradesAndForgetsTheCleartextCapabilities() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("220 fake")
                .expect(EHLO)
                .send("250-fake", "250-SIZE 10", "250 STARTTLS")
                .expect("STARTTLS")
                .send("220 2.0.0 go ahead")
                .startTls()
                .expect(EHLO)
                .send("250-fake", "250 SIZE 1000")
                .expect("QUIT").send("221 bye"))) {
            SmtpClient client = await(SmtpClient.connect(loopback(server.port()), "localhost",
                    startTls(StartTlsPolicy.OPTIONAL).build()));

            assertTrue(client.isSecure());
            assertEquals(1000, client.capabilities().size().orElseThrow());
            assertFalse(client.capabilities().startTls());
            await(client.quit());
            server.verify();
        }
    }

    /**
     * REQUIRED and no STARTTLS offered (a man in the middle may have stripped it): after EHLO the
     * client sends nothing but QUIT.
     */
    @Test
    void requiredWithoutStartTlsSendsOnlyQuit() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("220 fake")
                .expect(EHLO)
                .send("250-fake", "250-AUTH PLAIN", "250 PIPELINING")
                .expect("QUIT").send("221 bye")
                .expectEnd())) {
            MissingExtensionException missing = failure(MissingExtensionException.class, SmtpClient.connect(
                    loopback(server.port()), "localhost", startTls(StartTlsPolicy.OPTIONAL)
                            .password("user", "secret").build()));

            assertEquals("STARTTLS", missing.extension());
            server.verify();
        }
    }

    /**
     * SECURITY.md row 3: a line appended to the STARTTLS go-ahead (here a forged EHLO reply
     * advertising AUTH) is never read as a reply: the client reads the real EHLO reply inside TLS.
     */
    @Test
    void ignoresWhatTheServerSentAfterItsGoAhead() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("220 fake")
                .expect(EHLO)
                .send("250-fake", "250 STARTTLS")
                .expect("STARTTLS")
                .send("220 go ahead", "250-forged", "250 AUTH PLAIN")
                .startTls()
                .expect(EHLO)
                .send("250-inside", "250 8BITMIME")
                .expect("NOOP").send("250 2.0.0 real")
                .expect("QUIT").send("221 bye"))) {
            SmtpClient client = await(SmtpClient.connect(loopback(server.port()), "localhost",
                    startTls(StartTlsPolicy.REQUIRED).build()));

            assertEquals("inside", client.capabilities().greetingDomain());
            assertFalse(client.capabilities().has("AUTH"));
            assertEquals("real", await(client.noop()).lines().get(0));
            await(client.quit());
            server.verify();
        }
    }

    /** REQUIRED, STARTTLS offered but refused: the connection ends with QUIT, in cleartext. */
    @Test
    void requiredAndRefusedFails() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("220 fake")
                .expect(EHLO)
                .send("250-fake", "250 STARTTLS")
                .expect("STARTTLS").send("454 4.7.0 TLS not available")
                .expect("QUIT").send("221 bye"))) {
            SmtpReplyException refused = failure(SmtpReplyException.class, SmtpClient.connect(
                    loopback(server.port()), "localhost", startTls(StartTlsPolicy.REQUIRED).build()));

            assertEquals("STARTTLS", refused.command());
            assertEquals(454, refused.reply().code());
            server.verify();
        }
    }

    /** A certificate for another name fails the handshake, and nothing is sent after STARTTLS. */
    @Test
    void wrongServerNameFailsTheHandshake() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("220 fake")
                .expect(EHLO)
                .send("250-fake", "250 STARTTLS")
                .expect("STARTTLS").send("220 go ahead")
                .then(peer -> {
                    try {
                        TestTls.SERVER.startTls(peer.socket, ScriptedServer.READ_TIMEOUT_MILLIS);
                    } catch (java.io.IOException expected) {
                        // the client refused our certificate
                    }
                }))) {
            SmtpConnectionException failed = failure(SmtpConnectionException.class, SmtpClient.connect(
                    loopback(server.port()), "mail.example.org", startTls(StartTlsPolicy.REQUIRED).build()));

            assertEquals(SmtpConnectionException.Reason.TLS_FAILED, failed.reason());
            server.verify();
        }
    }

    @Test
    void implicitTls() throws Exception {
        try (ScriptedServer server = ScriptedServer.startImplicitTls(script()
                .send("220 fake")
                .expect(EHLO)
                .send("250-fake", "250 STARTTLS")
                .expect("QUIT").send("221 bye"))) {
            SmtpClient client = await(SmtpClient.connect(loopback(server.port()), "localhost",
                    plain().implicitTls(true).clientTls(TestTls.CLIENT).build()));

            assertTrue(client.isSecure());
            assertTrue(client.tlsDetails().isPresent());
            await(client.quit());
            server.verify();
        }
    }
}
