package org.mailwire.imap.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mailwire.imap.client.ImapScripts.await;
import static org.mailwire.imap.client.ImapScripts.connect;
import static org.mailwire.imap.client.ImapScripts.greeted;
import static org.mailwire.imap.client.ImapScripts.plain;

import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.mailwire.transport.testing.ScriptedServer;
import org.mailwire.transport.testing.ScriptedServer.Script;

/** Ending an IDLE from the outside: LOGOUT (and so close()) sends DONE first instead of waiting behind it. */
class ImapClientIdleTest {

    private static Script idleThenLogout() {
        return greeted("IDLE")
                .expect("A1 IDLE").send("+ idling")
                .expect("DONE").send("A1 OK idle done")
                .expect("A2 LOGOUT").send("* BYE logging out", "A2 OK bye");
    }

    @Test
    void logoutWhileIdlingSendsDoneThenLogout() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(idleThenLogout())) {
            ImapClient client = connect(server, plain().build());
            IdleHandle idle = await(client.idle());
            assertTrue(idle.isIdling());
            await(client.logout());
            await(idle.completion());
            assertFalse(idle.isIdling());
            assertFalse(client.isOpen());
            server.verify();
        }
    }

    /** LOGOUT asked for right behind IDLE, most likely before the server's +: DONE follows the +. */
    @Test
    void logoutRightBehindIdleStillEndsIt() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(idleThenLogout())) {
            ImapClient client = connect(server, plain().build());
            CompletionStage<IdleHandle> idle = client.idle();
            await(client.logout());
            await(await(idle).completion());
            assertFalse(client.isOpen());
            server.verify();
        }
    }

    @Test
    void closeWhileIdlingLogsOut() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(idleThenLogout())) {
            ImapClient client = connect(server, plain().build());
            IdleHandle idle = await(client.idle());
            client.close();
            await(idle.completion());
            assertFalse(client.isOpen());
            server.verify();
        }
    }
}
