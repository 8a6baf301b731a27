package org.mailwire.pop3.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.mailwire.pop3.client.ClientFixtures.connect;
import static org.mailwire.pop3.client.ClientFixtures.connecting;
import static org.mailwire.pop3.client.ClientFixtures.failure;
import static org.mailwire.pop3.client.ClientFixtures.plain;
import static org.mailwire.transport.testing.ScriptedServer.Script.script;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.mailwire.transport.testing.ScriptedServer;

/** Servers that break the protocol or the connection: every affected stage fails, none hangs. */
class Pop3ClientFailureTest {

    private static ScriptedServer.Script opened(String... capa) {
        String[] lines = new String[capa.length + 2];
        lines[0] = "+OK";
        System.arraycopy(capa, 0, lines, 1, capa.length);
        lines[lines.length - 1] = ".";
        return script().send("+OK ready").expect("CAPA").send(lines);
    }

    /** RFC 2449 §4: a status line is at most 512 octets; a longer one is a protocol violation, not a buffer to grow. */
    @Test
    void overLongStatusLineFailsCleanly() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(opened()
                .expect("NOOP").send("+OK " + "x".repeat(600))
                .expectEnd())) {
            Pop3Client client = connect(server, plain().build());

            Pop3ConnectionException failed = failure(Pop3ConnectionException.class, client.noop());
            assertEquals(Pop3ConnectionException.Reason.PROTOCOL_VIOLATION, failed.reason());
            assertFalse(client.isOpen());
            assertEquals(failed, failure(Pop3ConnectionException.class, client.stat()));
            server.verify();
        }
    }

    @Test
    void overLongGreetingFailsTheConnect() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("+OK " + "x".repeat(600))
                .expectEnd())) {
            Pop3ConnectionException failed = failure(Pop3ConnectionException.class,
                    connecting(server, plain().build()));
            assertEquals(Pop3ConnectionException.Reason.PROTOCOL_VIOLATION, failed.reason());
            server.verify();
        }
    }

    /** Pipelined commands all wait when the server hangs up: every one of them fails. */
    @Test
    void droppedConnectionFailsEveryPendingStage() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(opened("PIPELINING")
                .expect("STAT", "LIST", "RETR 1")
                .hangUp())) {
            Pop3Client client = connect(server, plain().build());

            CompletionStage<MaildropStat> stat = client.stat();
            CompletionStage<?> list = client.list();
            CompletionStage<Void> retr = client.retrieve(1, chunk -> { });

            for (CompletionStage<?> stage : java.util.List.of(stat, list, retr)) {
                assertEquals(Pop3ConnectionException.Reason.CLOSED,
                        failure(Pop3ConnectionException.class, stage).reason());
            }
            server.verify();
        }
    }

    /** A hang-up in the middle of a message body fails the retrieve, not a truncated success. */
    @Test
    void hangUpInsideABodyFailsTheRetrieve() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(opened()
                .expect("RETR 1").send("+OK", "Subject: cut")
                .hangUp())) {
            Pop3Client client = connect(server, plain().build());

            failure(Pop3ConnectionException.class, client.retrieve(1, chunk -> { }));
            server.verify();
        }
    }

    /** A response nobody asked for puts the client out of step with the server: it gives up. */
    @Test
    void unsolicitedResponseIsAViolation() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(script()
                .send("+OK ready")
                .expect("CAPA").send("+OK", ".", "+OK nobody asked")
                .expectEnd())) {
            Pop3Client client = connect(server, plain().build());

            Pop3ConnectionException failed = failure(Pop3ConnectionException.class, client.noop());
            assertEquals(Pop3ConnectionException.Reason.PROTOCOL_VIOLATION, failed.reason());
            server.verify();
        }
    }

    /** A server that goes silent: the read timeout fails the stage (and the client hangs up). */
    @Test
    void silentServerTimesOut() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(opened()
                .expect("NOOP")
                .expectEnd())) {
            Pop3Client client = connect(server, plain().readTimeout(Duration.ofSeconds(1)).build());

            Pop3ConnectionException failed = failure(Pop3ConnectionException.class, client.noop());
            assertEquals(Pop3ConnectionException.Reason.TIMEOUT, failed.reason());
            server.verify();
        }
    }

    @Test
    void nothingListensFailsTheConnect() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Pop3ConnectionException failed = failure(Pop3ConnectionException.class,
                Pop3Client.connect(ClientFixtures.loopback(port), "localhost", plain().build()));
        assertEquals(Pop3ConnectionException.Reason.CLOSED, failed.reason());
    }
}
