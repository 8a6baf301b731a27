package org.mailwire.smtp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mailwire.smtp.client.ClientFixtures.EHLO;
import static org.mailwire.smtp.client.ClientFixtures.await;
import static org.mailwire.smtp.client.ClientFixtures.loopback;
import static org.mailwire.smtp.client.ClientFixtures.plain;
import static org.mailwire.transport.testing.ScriptedServer.Script.script;

import org.junit.jupiter.api.Test;
import org.mailwire.tls.ClientTls;
import org.mailwire.transport.Connector;
import org.mailwire.transport.testing.TestTls;
import org.mailwire.transport.testing.ScriptedServer;

/** Many clients on one connector of the caller's: its threads are shared, and no client closes it. */
class SmtpClientSharedConnectorTest {

    private static ScriptedServer.Script noopThenQuit() {
        return script()
                .send("220 fake")
                .expect(EHLO).send("250 fake")
                .expect("NOOP").send("250 ok")
                .expect("QUIT").send("221 bye")
                .expectEnd();
    }

    @Test
    void clientsShareTheConnectorAndLeaveItOpen() throws Exception {
        SmtpClientOptions options = plain().build();
        try (Connector shared = SmtpClient.newConnector(options);
                ScriptedServer first = ScriptedServer.start(noopThenQuit());
                ScriptedServer second = ScriptedServer.start(noopThenQuit());
                ScriptedServer third = ScriptedServer.start(noopThenQuit())) {
            SmtpClient a = await(SmtpClient.connect(shared, loopback(first.port()), "localhost", options));
            SmtpClient b = await(SmtpClient.connect(shared, loopback(second.port()), "localhost", options));
            assertEquals(250, await(a.noop()).code());
            assertEquals(250, await(b.noop()).code());
            await(a.quit());
            b.close();
            first.verify();
            second.verify();
            // a client that closed its connector would do it on a thread of its own, just after closing
            Thread.sleep(300);

            SmtpClient c = await(SmtpClient.connect(shared, loopback(third.port()), "localhost", options));
            assertEquals(250, await(c.noop()).code());
            await(c.quit());
            third.verify();
        }
    }

    /** The connector decides TLS, so it must be the one the options ask for, with their own trust. */
    @Test
    void aConnectorThatDoesNotFitTheOptionsIsRefused() {
        SmtpClientOptions implicit = plain().implicitTls(true).clientTls(TestTls.CLIENT).build();
        SmtpClientOptions startTls = plain().startTlsPolicy(StartTlsPolicy.REQUIRED).clientTls(TestTls.CLIENT).build();
        SmtpClientOptions otherTrust = startTls.mutate().clientTls(ClientTls.builder().trustSystemDefault().build())
                .build();
        try (Connector plainConnector = SmtpClient.newConnector(plain().build());
                Connector startTlsConnector = SmtpClient.newConnector(startTls)) {
            assertThrows(IllegalArgumentException.class,
                    () -> SmtpClient.connect(plainConnector, loopback(1), "localhost", implicit));
            assertThrows(IllegalArgumentException.class,
                    () -> SmtpClient.connect(plainConnector, loopback(1), "localhost", startTls));
            assertThrows(IllegalArgumentException.class,
                    () -> SmtpClient.connect(startTlsConnector, loopback(1), "localhost", otherTrust));
        }
    }

    /** STARTTLS through a shared connector: the upgrade works as with a connector of the client's own. */
    @Test
    void startTlsThroughASharedConnector() throws Exception {
        SmtpClientOptions options = plain().startTlsPolicy(StartTlsPolicy.REQUIRED).clientTls(TestTls.CLIENT).build();
        try (Connector shared = SmtpClient.newConnector(options);
                ScriptedServer server = ScriptedServer.start(script()
                        .send("220 fake")
                        .expect(EHLO).send("250-fake", "250 STARTTLS")
                        .expect("STARTTLS").send("220 go ahead")
                        .startTls()
                        .expect(EHLO).send("250 fake")
                        .expect("QUIT").send("221 bye"))) {
            SmtpClient client = await(SmtpClient.connect(shared, loopback(server.port()), "localhost", options));
            assertTrue(client.isSecure());
            await(client.quit());
            server.verify();
        }
    }

    /** Without an EHLO name the client sends this host's domain or an address literal, on every connect. */
    @Test
    void defaultEhloNameIsADomainOrAnAddressLiteral() throws Exception {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            try (ScriptedServer server = ScriptedServer.start(script()
                    .send("220 fake")
                    .expectPrefix("EHLO ").send("250 fake")
                    .expect("QUIT").send("221 bye"))) {
                SmtpClient client = await(SmtpClient.connect(loopback(server.port()), "localhost",
                        plain().ehloName(null).build()));
                await(client.quit());
                server.verify();
                String ehlo = server.received().get(0);
                names.add(ehlo.substring("EHLO ".length()));
            }
        }
        String name = names.get(0);
        assertTrue(name.matches("\\[[0-9.]+\\]|\\[IPv6:[0-9a-fA-F:.]+\\]|[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+"), name);
        assertEquals(names.get(0), names.get(1));
    }
}
