package org.mailwire.imap.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mailwire.imap.client.ImapScripts.connect;
import static org.mailwire.imap.client.ImapScripts.failure;
import static org.mailwire.imap.client.ImapScripts.greeted;
import static org.mailwire.imap.client.ImapScripts.plain;
import static org.mailwire.imap.client.ImapScripts.sasl;
import static org.mailwire.imap.client.ImapScripts.tls;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mailwire.imap.ImapResponse;
import org.mailwire.transport.testing.ScriptedServer;
import org.mailwire.transport.testing.ScriptedServer.Script;

/** Greetings, capabilities, STARTTLS policy and the login methods, against scripted servers. */
class ImapClientOpeningTest {

    @Test
    void greetingCapabilitiesAreUsedWithoutAsking() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(greeted("IDLE LITERAL+")
                .expect("A1 NOOP").send("A1 OK done")
                .expect("A2 LOGOUT").send("* BYE bye", "A2 OK done").expectEnd())) {
            ImapClient client = connect(server, plain().build());
            assertEquals(Set.of("IMAP4REV1", "IDLE", "LITERAL+"), client.capabilities());
            assertFalse(client.isAuthenticated());
            assertEquals(ImapResponse.Status.OK, client.greeting().status());
            ImapScripts.await(client.noop());
            ImapScripts.await(client.logout());
            server.verify();
            assertFalse(client.isOpen());
        }
    }

    @Test
    void capabilitiesAreAskedWhenTheGreetingHasNone() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Script.script().send("* OK hello")
                .expect("A1 CAPABILITY").send("* CAPABILITY IMAP4rev1 ENABLE", "A1 OK done")
                .expect("A2 LOGOUT").send("* BYE", "A2 OK done"))) {
            ImapClient client = connect(server, plain().build());
            assertTrue(client.hasCapability("enable"));
            ImapScripts.await(client.logout());
            server.verify();
        }
    }

    @Test
    void preauthGreetingStartsAuthenticated() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Script.script()
                .send("* PREAUTH [CAPABILITY IMAP4rev1] welcome back")
                .expect("A1 LOGOUT").send("* BYE", "A1 OK done"))) {
            ImapClient client = connect(server, plain().build());
            assertTrue(client.isAuthenticated());
            ImapScripts.await(client.logout());
            server.verify();
        }
    }

    @Test
    void byeGreetingIsARefusedConnection() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Script.script().send("* BYE too busy").expectEnd())) {
            Throwable e = failure(ImapClient.connect(new InetSocketAddress("127.0.0.1", server.port()), "localhost",
                    plain().build()));
            ImapConnectionException refused = assertInstanceOf(ImapConnectionException.class, e);
            assertEquals(ImapConnectionException.Reason.REFUSED, refused.reason());
            assertTrue(refused.getMessage().contains("too busy"));
            server.verify();
        }
    }

    @Test
    void requiredStartTlsWithoutTheCapabilityLogsOutAndSendsNoCredentials() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(greeted("AUTH=PLAIN")
                .expect("A1 LOGOUT").send("* BYE", "A1 OK done").expectEnd())) {
            Throwable e = failure(ImapClient.connect(new InetSocketAddress("127.0.0.1", server.port()), "localhost",
                    tls().password("alice", "pencil").build()));
            assertEquals("STARTTLS", assertInstanceOf(MissingCapabilityException.class, e).capability());
            server.verify();
        }
    }

    @Test
    void startTlsThenCapabilitiesAnewThenLoginWhereItWasDisabledInCleartext() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(greeted("STARTTLS LOGINDISABLED")
                .expect("A1 STARTTLS").send("A1 OK begin TLS").startTls()
                .expect("A2 CAPABILITY").send("* CAPABILITY IMAP4rev1 AUTH=PLAIN", "A2 OK done")
                .expect("A3 LOGIN alice pencil").send("A3 OK [CAPABILITY IMAP4rev1 IDLE] in")
                .expect("A4 LOGOUT").send("* BYE", "A4 OK done"))) {
            ImapClient client = connect(server, tls().password("alice", "pencil")
                    .loginMethods(List.of(ImapLoginMethod.LOGIN)).build());
            assertTrue(client.isSecure());
            assertTrue(client.isAuthenticated());
            // the OK's [CAPABILITY] replaced what was said before the login
            assertEquals(Set.of("IMAP4REV1", "IDLE"), client.capabilities());
            ImapScripts.await(client.logout());
            server.verify();
        }
    }

    @Test
    void loginDisabledIsHonouredEvenInsideTls() throws Exception {
        try (ScriptedServer server = ScriptedServer.startImplicitTls(greeted("LOGINDISABLED AUTH=PLAIN")
                .expect("A1 LOGOUT").send("* BYE", "A1 OK done").expectEnd())) {
            Throwable e = failure(ImapClient.connect(new InetSocketAddress("127.0.0.1", server.port()), "localhost",
                    tls().implicitTls(true).password("alice", "pencil").loginMethods(List.of(ImapLoginMethod.LOGIN))
                            .build()));
            MissingCapabilityException missing = assertInstanceOf(MissingCapabilityException.class, e);
            assertTrue(missing.getMessage().contains("LOGIN is disabled"));
            server.verify();
        }
    }

    @Test
    void capabilitiesAreAskedAfterLoginWhenTheOkCarriesNone() throws Exception {
        try (ScriptedServer server = ScriptedServer.startImplicitTls(greeted("")
                .expect("A1 LOGIN alice \"pen cil\"").send("A1 OK in")
                .expect("A2 CAPABILITY").send("* CAPABILITY IMAP4rev1 MOVE", "A2 OK done")
                .expect("A3 LOGOUT").send("* BYE", "A3 OK done"))) {
            ImapClient client = connect(server, tls().implicitTls(true).password("alice", "pen cil").build());
            assertTrue(client.hasCapability("MOVE"));
            ImapScripts.await(client.logout());
            server.verify();
        }
    }

    @Test
    void refusedLoginIsAnAuthenticationFailure() throws Exception {
        try (ScriptedServer server = ScriptedServer.startImplicitTls(greeted("")
                .expect("A1 LOGIN alice pencil").send("A1 NO [AUTHENTICATIONFAILED] wrong")
                .expect("A2 LOGOUT").send("* BYE", "A2 OK done"))) {
            Throwable e = failure(ImapClient.connect(new InetSocketAddress("127.0.0.1", server.port()), "localhost",
                    tls().implicitTls(true).password("alice", "pencil").build()));
            ImapAuthenticationException auth = assertInstanceOf(ImapAuthenticationException.class, e);
            assertTrue(auth.response().isPresent());
            assertFalse(auth.getMessage().contains("pencil"));
            server.verify();
        }
    }

    @Test
    void plainWithSaslIr() throws Exception {
        try (ScriptedServer server = ScriptedServer.startImplicitTls(greeted("AUTH=PLAIN SASL-IR")
                .then(sasl("A1", "PLAIN", true, false))
                .expect("A2 LOGOUT").send("* BYE", "A2 OK done"))) {
            ImapClient client = connect(server, tls().implicitTls(true).password("alice", "pencil").build());
            assertTrue(client.isAuthenticated());
            ImapScripts.await(client.logout());
            server.verify();
        }
    }

    @Test
    void plainWithoutSaslIrWaitsForTheEmptyChallenge() throws Exception {
        try (ScriptedServer server = ScriptedServer.startImplicitTls(greeted("AUTH=PLAIN")
                .then(sasl("A1", "PLAIN", false, false))
                .expect("A2 LOGOUT").send("* BYE", "A2 OK done"))) {
            ImapClient client = connect(server, tls().implicitTls(true).password("alice", "pencil").build());
            assertTrue(client.isAuthenticated());
            ImapScripts.await(client.logout());
            server.verify();
        }
    }

    @Test
    void scramSha256IsPreferredAndTheServerProvesItself() throws Exception {
        try (ScriptedServer server = ScriptedServer.startImplicitTls(greeted("AUTH=PLAIN AUTH=SCRAM-SHA-256 SASL-IR")
                .then(sasl("A1", "SCRAM-SHA-256", true, false))
                .expect("A2 LOGOUT").send("* BYE", "A2 OK done"))) {
            ImapClient client = connect(server, tls().implicitTls(true).password("alice", "pencil").build());
            assertTrue(client.isAuthenticated());
            ImapScripts.await(client.logout());
            server.verify();
        }
    }

    @Test
    void aForgedScramServerSignatureCancelsAndFails() throws Exception {
        try (ScriptedServer server = ScriptedServer.startImplicitTls(greeted("AUTH=SCRAM-SHA-256 SASL-IR")
                .then(sasl("A1", "SCRAM-SHA-256", true, true))
                .expect("A2 LOGOUT").send("* BYE", "A2 OK done"))) {
            Throwable e = failure(ImapClient.connect(new InetSocketAddress("127.0.0.1", server.port()), "localhost",
                    tls().implicitTls(true).password("alice", "pencil").build()));
            assertInstanceOf(ImapAuthenticationException.class, e);
            server.verify();
        }
    }

    @Test
    void oauthBearerAndXoauth2TakeTheToken() throws Exception {
        for (String mechanism : List.of("OAUTHBEARER", "XOAUTH2")) {
            try (ScriptedServer server = ScriptedServer.startImplicitTls(greeted("AUTH=" + mechanism + " SASL-IR")
                    .then(sasl("A1", mechanism, true, false))
                    .expect("A2 LOGOUT").send("* BYE", "A2 OK done"))) {
                ImapClient client = connect(server, tls().implicitTls(true).oauthToken("alice", "tok3n").build());
                assertTrue(client.isAuthenticated(), mechanism);
                ImapScripts.await(client.logout());
                server.verify();
            }
        }
    }

    @Test
    void credentialsForceStartTlsAndRefuseCleartext() {
        assertEquals(StartTlsPolicy.REQUIRED, ImapClientOptions.builder().password("a", "b").build().startTlsPolicy());
        assertThrows(IllegalArgumentException.class, () -> ImapClientOptions.builder().password("a", "b")
                .startTlsPolicy(StartTlsPolicy.DISABLED).build());
        ImapClientOptions options = tls().password("alice", "pencil").build();
        assertFalse(options.toString().contains("pencil"));
        assertEquals(options, options.mutate().build());
    }
}
