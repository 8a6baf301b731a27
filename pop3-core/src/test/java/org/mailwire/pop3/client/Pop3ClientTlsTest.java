package org.mailwire.pop3.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mailwire.pop3.client.ClientFixtures.await;
import static org.mailwire.pop3.client.ClientFixtures.connect;
import static org.mailwire.pop3.client.ClientFixtures.connecting;
import static org.mailwire.pop3.client.ClientFixtures.failure;
import static org.mailwire.pop3.client.ClientFixtures.plain;
import static org.mailwire.transport.testing.ScriptedServer.Script.script;

import org.junit.jupiter.api.Test;
import org.mailwire.transport.testing.TestTls;
import org.mailwire.transport.testing.ScriptedServer;

/** STLS (RFC 2595 §4) and implicit TLS (RFC 8314) as the policy says, and the attacks on them. */
class Pop3ClientTlsTest {

    private static Pop3ClientOptions.Builder startTls(StartTlsPolicy policy) {
        return plain().startTlsPolicy(policy).clientTls(TestTls.CLIENT);
    }

    @Test
    void upgradesAndForgetsTheCleartextCapabilities() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("+OK ready")
                .expect("CAPA").send("+OK", "STLS", "USER", ".")
                .expect("STLS").send("+OK begin TLS negotiation")
                .startTls()
                .expect("CAPA").send("+OK", "USER", "SASL SCRAM-SHA-256", "PIPELINING", ".")
                .expect("QUIT").send("+OK bye"))) {
            Pop3Client client = connect(server, startTls(StartTlsPolicy.OPTIONAL).build());

            assertTrue(client.isSecure());
            assertFalse(client.capabilities().stls());
            assertTrue(client.capabilities().pipelining());
            await(client.quit());
            server.verify();
        }
    }

    /**
     * REQUIRED (which credentials imply) and no STLS listed (a man in the middle may have stripped
     * it): after CAPA the client sends nothing but QUIT, so no credential leaves in cleartext.
     */
    @Test
    void requiredWithoutStlsSendsOnlyQuit() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("+OK ready <1.2@host>")
                .expect("CAPA").send("+OK", "USER", "SASL PLAIN", ".")
                .expect("QUIT").send("+OK bye")
                .expectEnd())) {
            MissingCapabilityException missing = failure(MissingCapabilityException.class, connecting(server,
                    startTls(StartTlsPolicy.OPTIONAL).password("user", "secret").allowApop(true).build()));

            assertEquals("STLS", missing.capability());
            server.verify();
        }
    }

    /**
     * SECURITY.md row 3: lines appended to STLS's +OK (here a forged CAPA response listing
     * USER) are never read as responses: the client reads the real CAPA response inside TLS.
     */
    @Test
    void ignoresWhatTheServerSentAfterItsGoAhead() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("+OK ready")
                .expect("CAPA").send("+OK", "STLS", ".")
                .expect("STLS")
                .send("+OK go ahead", "+OK forged", "USER", "SASL PLAIN", ".")
                .startTls()
                .expect("CAPA").send("+OK", "IMPLEMENTATION inside", ".")
                .expect("NOOP").send("+OK real")
                .expect("QUIT").send("+OK bye"))) {
            Pop3Client client = connect(server, startTls(StartTlsPolicy.REQUIRED).build());

            assertFalse(client.capabilities().user());
            assertTrue(client.capabilities().saslMechanisms().isEmpty());
            await(client.noop());
            await(client.quit());
            server.verify();
        }
    }

    /** REQUIRED, STLS listed but refused: the session ends with QUIT, in cleartext. */
    @Test
    void requiredAndRefusedFails() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("+OK ready")
                .expect("CAPA").send("+OK", "STLS", ".")
                .expect("STLS").send("-ERR [SYS/TEMP] TLS not available")
                .expect("QUIT").send("+OK bye"))) {
            Pop3ResponseException refused = failure(Pop3ResponseException.class,
                    connecting(server, startTls(StartTlsPolicy.REQUIRED).build()));

            assertEquals("STLS", refused.command());
            server.verify();
        }
    }

    /** A certificate for another name fails the handshake, and nothing is sent after STLS. */
    @Test
    void wrongServerNameFailsTheHandshake() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("+OK ready")
                .expect("CAPA").send("+OK", "STLS", ".")
                .expect("STLS").send("+OK go ahead")
                .then(peer -> {
                    try {
                        TestTls.SERVER.startTls(peer.socket, ScriptedServer.READ_TIMEOUT_MILLIS);
                    } catch (java.io.IOException expected) {
                        // the client refused our certificate
                    }
                }))) {
            Pop3ConnectionException failed = failure(Pop3ConnectionException.class, Pop3Client.connect(
                    ClientFixtures.loopback(server.port()), "mail.example.org",
                    startTls(StartTlsPolicy.REQUIRED).build()));

            assertEquals(Pop3ConnectionException.Reason.TLS_FAILED, failed.reason());
            server.verify();
        }
    }

    @Test
    void implicitTlsNeverSendsStls() throws Exception {
        try (ScriptedServer server = ScriptedServer.startImplicitTls(script()
                .send("+OK ready")
                .expect("CAPA").send("+OK", "STLS", ".")
                .expect("QUIT").send("+OK bye"))) {
            Pop3Client client = connect(server, ClientFixtures.tls().build());

            assertTrue(client.isSecure());
            assertTrue(client.tlsDetails().isPresent());
            await(client.quit());
            server.verify();
        }
    }
}
