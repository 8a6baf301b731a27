package org.mailwire.imap.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.mailwire.imap.MailboxName;
import org.mailwire.imap.client.BlockingImapClient;
import org.mailwire.imap.client.ImapClient;
import org.mailwire.imap.client.ImapClientOptions;
import org.mailwire.imap.client.StartTlsPolicy;
import org.mailwire.tls.ClientTls;

/**
 * Dovecot's IMAP server on loopback as a test peer, started by {@code .ci/peers/dovecot.sh}: where it
 * listens, how to connect and log in, and a message to append. Registered per test instance with
 * {@code @RegisterExtension}, it skips each test while Dovecot is not listening (and fails it instead
 * when env {@code CI=true}), and gives the test a mailbox prefix of its own, named after the test and
 * the moment, because Dovecot's mail persists across runs: the mailboxes made through it are deleted
 * after the test.
 */
final class DovecotPeer implements BeforeEachCallback, AfterEachCallback {
    static final Path PEER_DIR = Path.of(System.getProperty("mailwire.peers.dir", "/tmp/mailwire-peers"));
    static final int IMAP_PORT = Integer.getInteger("mailwire.peers.dovecot.imap.port", 2143);
    static final int IMAPS_PORT = Integer.getInteger("mailwire.peers.dovecot.imaps.port", 2993);
    /** Bounds the wait for a connection to open and log in; generous for a loaded machine. */
    static final long CONNECT_WAIT_SECONDS = 60;
    private static final int PROBE_TIMEOUT_MILLIS = 2000;

    private final Supplier<BlockingImapClient> login;
    private final List<MailboxName> created = new ArrayList<>();
    private String prefix;

    /** {@code login} opens the session that deletes the test's mailboxes afterwards. */
    DovecotPeer(Supplier<BlockingImapClient> login) {
        this.login = login;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        requireDovecot();
        String method = context.getTestMethod().map(Method::getName).orElse("test");
        prefix = "mw-" + method + "-" + Long.toHexString(System.nanoTime());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (created.isEmpty()) {
            return;
        }
        try (BlockingImapClient client = login.get()) {
            for (MailboxName box : created) {
                try {
                    client.delete(box);
                } catch (RuntimeException e) {
                    // already gone (renamed or deleted by the test)
                }
            }
        }
    }

    /** This test's prefix for mailbox names. */
    String prefix() {
        return prefix;
    }

    /** A fresh mailbox for this test, deleted after it. */
    MailboxName mailbox(BlockingImapClient client, String name) {
        MailboxName box = MailboxName.of(prefix + "-" + name);
        client.create(box);
        created.add(box);
        return box;
    }

    /** A mailbox the test made itself, deleted after it before those made so far (a child before its parent). */
    void deleteFirst(MailboxName box) {
        created.add(0, box);
    }

    /** A mailbox the test deleted itself, not to be deleted again. */
    void forget(MailboxName box) {
        created.remove(box);
    }

    private static void requireDovecot() {
        boolean listening;
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), IMAP_PORT), PROBE_TIMEOUT_MILLIS);
            listening = true;
        } catch (IOException e) {
            listening = false;
        }
        if ("true".equals(System.getenv("CI")) && !listening) {
            throw new AssertionError("dovecot must serve IMAP on 127.0.0.1:" + IMAP_PORT + " in CI (.ci/peers)");
        }
        Assumptions.assumeTrue(listening, "dovecot is not running");
    }

    /** Trusts the certificate the peer script made, which names localhost and 127.0.0.1. */
    static ClientTls dovecotTls() {
        try {
            return ClientTls.builder().trustPem(PEER_DIR.resolve("dovecot-cert.pem")).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** STARTTLS REQUIRED on the cleartext port, with this user's password. */
    static ImapClientOptions.Builder startTls(String user, String password) {
        return ImapClientOptions.builder()
                .startTlsPolicy(StartTlsPolicy.REQUIRED)
                .clientTls(dovecotTls())
                .password(user, password)
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(30));
    }

    /** To the cleartext port. */
    static BlockingImapClient connect(ImapClientOptions.Builder options) {
        return connect(IMAP_PORT, options.build());
    }

    /**
     * To 127.0.0.1, where Dovecot listens, whatever "localhost" resolves to first; the certificate
     * names localhost. A failure to connect or log in is thrown as itself, not wrapped.
     */
    static BlockingImapClient connect(int port, ImapClientOptions options) {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        try {
            return ImapClient.connect(address, "localhost", options).toCompletableFuture()
                    .get(CONNECT_WAIT_SECONDS, TimeUnit.SECONDS).blocking();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new AssertionError(cause);
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    /** A small text/plain message from bob to alice, with a Message-ID of its own. */
    static byte[] message(String subject, String body) {
        return ("From: Bob <bob@mailwire.test>\r\nTo: alice@mailwire.test\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + subject.replace(' ', '.') + "." + System.nanoTime() + "@mailwire.test>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n" + body)
                .getBytes(StandardCharsets.US_ASCII);
    }
}
