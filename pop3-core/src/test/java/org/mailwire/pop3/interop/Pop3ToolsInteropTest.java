package org.mailwire.pop3.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailwire.pop3.server.InMemoryMaildropStore;
import org.mailwire.pop3.server.Pop3Server;
import org.mailwire.tls.KeyType;
import org.mailwire.tls.SelfSignedCertificate;
import org.mailwire.tls.ServerIdentity;
import org.mailwire.tls.ServerTls;
import org.mailwire.transport.sasl.InMemoryUsers;
import org.mailwire.transport.testing.ExternalTool;

/**
 * Command-line POP3 clients we did not write against our server: Python's poplib (STLS, USER/PASS,
 * LIST, RETR, TOP, UIDL, DELE and QUIT), curl (pop3:// with --ssl-reqd) and fetchmail (STLS with a
 * pinned CA, --keep with UIDL, an MDA writing to a file).
 */
@Tag("interop")
class Pop3ToolsInteropTest {
    private static final ServerIdentity IDENTITY = SelfSignedCertificate.generate(KeyType.EC_P256, List.of("localhost"), 2);
    private static final String FIRST = "From: a@x.test\r\nSubject: first\r\n\r\nline 1\r\n.dot line\r\nline 3\r\n";
    private static final String SECOND = "From: b@x.test\r\nSubject: second\r\n\r\nsecond body\r\n";

    @TempDir
    Path directory;
    private final InMemoryMaildropStore store = new InMemoryMaildropStore();
    private Pop3Server server;
    private Path caFile;
    private String firstId;
    private String secondId;

    @BeforeEach
    void start() throws Exception {
        InMemoryUsers users = new InMemoryUsers();
        users.add("alice", "correct horse");
        firstId = store.add("alice", FIRST.getBytes(StandardCharsets.US_ASCII));
        secondId = store.add("alice", SECOND.getBytes(StandardCharsets.US_ASCII));
        server = Pop3Server.builder().hostname("localhost").port(0)
                .startTls(ServerTls.create(IDENTITY)).authenticator(users).maildropStore(store).start();
        caFile = directory.resolve("ca.pem");
        Path key = directory.resolve("unused-key.pem");
        IDENTITY.writePem(caFile, key);
        Files.delete(key);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void awaitUnlocked() throws InterruptedException {
        for (int i = 0; i < 500 && store.isLocked("alice"); i++) {
            Thread.sleep(10);
        }
        assertFalse(store.isLocked("alice"));
    }

    @Test
    void pythonPoplib() throws Exception {
        ExternalTool.require("python3");
        String script = """
                import poplib, ssl, sys
                port, cafile = int(sys.argv[1]), sys.argv[2]
                pop = poplib.POP3('localhost', port, timeout=30)
                capa = pop.capa()
                assert 'STLS' in capa and 'USER' not in capa, capa
                pop.stls(ssl.create_default_context(cafile=cafile))
                assert 'USER' in pop.capa()
                pop.user('alice')
                pop.pass_('correct horse')
                print('STAT', pop.stat())
                print('LIST', pop.list()[1])
                print('UIDL', pop.uidl()[1])
                print('UIDL2', pop.uidl(2))
                print('RETR', pop.retr(1)[1])
                print('TOP', pop.top(1, 1)[1])
                print('DELE', pop.dele(1))
                print('QUIT', pop.quit())
                """;
        Path file = directory.resolve("pop.py");
        Files.writeString(file, script);
        var result = ExternalTool.run(List.of("python3", file.toString(), String.valueOf(server.port()), caFile.toString()),
                "", directory);

        assertEquals(0, result.exitCode(), result.all());
        String out = result.stdout();
        assertTrue(out.contains("STAT (2, " + (FIRST.length() + SECOND.length()) + ")"), result.all());
        assertTrue(out.contains("LIST [b'1 " + FIRST.length() + "', b'2 " + SECOND.length() + "']"), result.all());
        assertTrue(out.contains("UIDL [b'1 " + firstId + "', b'2 " + secondId + "']"), result.all());
        assertTrue(out.contains("UIDL2 b'+OK 2 " + secondId + "'"), result.all());
        assertTrue(out.contains("RETR [b'From: a@x.test', b'Subject: first', b'', b'line 1', b'.dot line', b'line 3']"), result.all());
        assertTrue(out.contains("TOP [b'From: a@x.test', b'Subject: first', b'', b'line 1']"), result.all());
        assertTrue(out.contains("DELE b'+OK message 1 deleted'"), result.all());
        assertTrue(out.contains("QUIT b'+OK localhost POP3 server signing off (1 messages left)'"), result.all());
        awaitUnlocked();
        assertEquals(List.of(secondId), store.uniqueIds("alice"));
    }

    private List<String> curl(String path) {
        return List.of("curl", "--silent", "--show-error", "--ssl-reqd", "--cacert", caFile.toString(),
                "--resolve", "localhost:" + server.port() + ":127.0.0.1",
                "--url", "pop3://localhost:" + server.port() + path,
                "--user", "alice:correct horse", "--max-time", "30");
    }

    @Test
    void curlListsAndRetrievesWithRequiredTls() throws Exception {
        ExternalTool.require("curl");
        var list = ExternalTool.run(curl("/"), "", directory);
        assertEquals(0, list.exitCode(), list.all());
        assertEquals("1 " + FIRST.length() + "\r\n2 " + SECOND.length() + "\r\n", list.stdout());

        var retrieve = ExternalTool.run(curl("/1"), "", directory);
        assertEquals(0, retrieve.exitCode(), retrieve.all());
        assertEquals(FIRST, retrieve.stdout());
        awaitUnlocked();
        assertEquals(List.of(firstId, secondId), store.uniqueIds("alice"));
    }

    @Test
    void fetchmailWithStlsKeepAndUidl() throws Exception {
        ExternalTool.require("fetchmail");
        Path mailbox = directory.resolve("mailbox");
        Path rc = directory.resolve("fetchmailrc");
        Files.writeString(rc, String.join("\n",
                "set no bouncemail",
                "poll localhost via 127.0.0.1 port " + server.port() + " protocol POP3 uidl",
                "  user \"alice\" there with password \"correct horse\" is \"alice\" here",
                "  keep",
                "  sslproto \"tls1.2+\"",
                "  sslcertck sslcertfile \"" + caFile + "\" sslcommonname \"localhost\"",
                "  mda \"/bin/sh -c 'cat >> " + mailbox + "'\"",
                ""));
        // fetchmail refuses a run-control file that others may read: it holds a password.
        Files.setPosixFilePermissions(rc, PosixFilePermissions.fromString("rw-------"));
        List<String> command = List.of("fetchmail", "-f", rc.toString(), "--idfile", directory.resolve("ids").toString(),
                "--pidfile", directory.resolve("pid").toString(), "--nosyslog", "-v");
        Map<String, String> environment = Map.of("HOME", directory.toString(), "FETCHMAILHOME", directory.toString());

        var first = ExternalTool.run(command, "", directory, environment);
        assertEquals(0, first.exitCode(), first.all());
        assertTrue(first.all().contains("STLS"), first.all());
        String delivered = Files.readString(mailbox);
        assertTrue(delivered.contains("Subject: first") && delivered.contains("Subject: second"), delivered);
        assertTrue(delivered.contains("\n.dot line\n") || delivered.contains("\r\n.dot line\r\n"), delivered);
        awaitUnlocked();
        assertEquals(List.of(firstId, secondId), store.uniqueIds("alice"), "--keep deletes nothing");

        store.add("alice", "Subject: third\r\n\r\nnew\r\n".getBytes(StandardCharsets.US_ASCII));
        var second = ExternalTool.run(command, "", directory, environment);
        assertEquals(0, second.exitCode(), second.all());
        String after = Files.readString(mailbox);
        assertEquals(1, after.split("Subject: first", -1).length - 1, "UIDL: the kept messages are not fetched again\n" + after);
        assertTrue(after.contains("Subject: third"), after);
    }
}
