package org.mailwire.pop3.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mailwire.pop3.client.ClientFixtures.GREETING;
import static org.mailwire.pop3.client.ClientFixtures.await;
import static org.mailwire.pop3.client.ClientFixtures.connect;
import static org.mailwire.pop3.client.ClientFixtures.connecting;
import static org.mailwire.pop3.client.ClientFixtures.failure;
import static org.mailwire.pop3.client.ClientFixtures.plain;
import static org.mailwire.transport.testing.ScriptedServer.Script.script;

import org.junit.jupiter.api.Test;
import org.mailwire.pop3.ResponseCode;
import org.mailwire.transport.testing.ScriptedServer;

/** The greeting and CAPA (RFC 1939 §4, RFC 2449 §5), byte for byte against a scripted server. */
class Pop3ClientOpeningTest {

    @Test
    void readsTheGreetingAndTheCapabilities() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(script()
                .send(GREETING)
                .expect("CAPA")
                .send("+OK Capability list follows", "TOP", "USER", "SASL SCRAM-SHA-256 PLAIN", "RESP-CODES",
                        "PIPELINING", "UIDL", "IMPLEMENTATION fake", ".")
                .expect("QUIT").send("+OK bye"))) {
            Pop3Client client = connect(server, plain().build());

            assertEquals("<1896.697170952@dbc.mtview.ca.us>", client.apopTimestamp().orElseThrow());
            assertTrue(client.greeting().ok());
            assertTrue(client.capabilities().top());
            assertTrue(client.capabilities().uidl());
            assertTrue(client.capabilities().pipelining());
            assertTrue(client.capabilities().saslMechanisms().contains("SCRAM-SHA-256"));
            assertFalse(client.capabilities().stls());
            assertFalse(client.isAuthenticated());
            assertTrue(client.isPipelining());
            assertTrue(await(client.quit()));
            server.verify();
        }
    }

    /** An RFC 1939-only server answers CAPA with -ERR: the client goes on with no capabilities. */
    @Test
    void capaRefusedMeansNoCapabilities() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("+OK old server")
                .expect("CAPA").send("-ERR unknown command")
                .expect("NOOP").send("+OK")
                .expect("QUIT").send("+OK bye"))) {
            Pop3Client client = connect(server, plain().build());

            assertTrue(client.apopTimestamp().isEmpty());
            assertFalse(client.capabilities().pipelining());
            assertFalse(client.isPipelining());
            await(client.noop());
            await(client.quit());
            server.verify();
        }
    }

    /** Pipelining stays off when the options say so, whatever CAPA lists. */
    @Test
    void pipeliningCanBeSwitchedOff() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("+OK ready")
                .expect("CAPA").send("+OK", "PIPELINING", ".")
                .expect("QUIT").send("+OK bye"))) {
            Pop3Client client = connect(server, plain().pipelining(false).build());

            assertFalse(client.isPipelining());
            await(client.quit());
            server.verify();
        }
    }

    /** A -ERR greeting ends the session before the client says anything. */
    @Test
    void refusedGreetingFails() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("-ERR [SYS/TEMP] too busy, try later")
                .expectEnd())) {
            Pop3ResponseException refused = failure(Pop3ResponseException.class, connecting(server, plain().build()));

            assertEquals("greeting", refused.command());
            assertEquals(ResponseCode.SYS_TEMP, refused.responseCode().orElseThrow());
            assertTrue(refused.isTransient());
            server.verify();
        }
    }
}
