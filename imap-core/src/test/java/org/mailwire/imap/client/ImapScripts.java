package org.mailwire.imap.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.mailwire.transport.sasl.InMemoryUsers;
import org.mailwire.transport.sasl.SaslMechanism;
import org.mailwire.transport.sasl.SaslServer;
import org.mailwire.transport.sasl.SaslServerExchange;
import org.mailwire.transport.sasl.SaslStep;
import org.mailwire.transport.testing.ScriptedServer;
import org.mailwire.transport.testing.ScriptedServer.Script;
import org.mailwire.transport.testing.TestTls;

/** Scripted IMAP peers for the client tests: greetings, options, and a SASL server step. */
final class ImapScripts {
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private ImapScripts() {
    }

    /** Cleartext, no STARTTLS. */
    static ImapClientOptions.Builder plain() {
        return ImapClientOptions.builder().startTlsPolicy(StartTlsPolicy.DISABLED).readTimeout(TIMEOUT);
    }

    /** Trusting the test certificate (for STARTTLS or implicit TLS). */
    static ImapClientOptions.Builder tls() {
        return ImapClientOptions.builder().clientTls(TestTls.CLIENT).readTimeout(TIMEOUT);
    }

    /** A greeting announcing IMAP4rev1 and {@code caps}. */
    static Script greeted(String caps) {
        return Script.script().send("* OK [CAPABILITY IMAP4rev1" + (caps.isEmpty() ? "" : " " + caps) + "] ready");
    }

    static ImapClient connect(ScriptedServer server, ImapClientOptions options) throws Exception {
        return await(ImapClient.connect(new InetSocketAddress("127.0.0.1", server.port()), "localhost", options)
                .toCompletableFuture());
    }

    static <T> T await(java.util.concurrent.CompletionStage<T> stage) throws Exception {
        try {
            return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

    /** The exception a stage failed with, unwrapped. */
    static Throwable failure(java.util.concurrent.CompletionStage<?> stage) throws InterruptedException {
        try {
            stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            return cause;
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the stage did not complete", e);
        }
        throw new AssertionError("the stage succeeded");
    }

    static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Plays the server side of {@code AUTHENTICATE} for {@code tag} with our own SASL server (users
     * {@code user}/{@code password} and bearer token {@code token}); {@code forge} flips a bit of
     * SCRAM's server signature. The server-final message travels as a last challenge, as in IMAP.
     */
    static ScriptedServer.Step sasl(String tag, String expectedMechanism, boolean expectInitialResponse,
            boolean forge) {
        return peer -> {
            InMemoryUsers users = new InMemoryUsers().add("alice", "pencil").addBearerToken("alice", "tok3n");
            SaslServer server = new SaslServer(users, new SecureRandom(), new byte[32]);
            String command = peer.readLine();
            String prefix = tag + " AUTHENTICATE " + expectedMechanism;
            if (command == null || !command.startsWith(prefix)) {
                throw new AssertionError("expected <" + prefix + "...> but the client sent <" + command + ">");
            }
            String rest = command.substring(prefix.length()).trim();
            if (expectInitialResponse == rest.isEmpty()) {
                throw new AssertionError("initial response expected: " + expectInitialResponse + ", got <" + rest + ">");
            }
            SaslServerExchange exchange = server.start(SaslMechanism.valueOf(expectedMechanism.replace('-', '_')),
                    "localhost").orElseThrow();
            Optional<byte[]> ir = rest.isEmpty() ? Optional.empty()
                    : Optional.of(rest.equals("=") ? new byte[0] : Base64.getDecoder().decode(rest));
            SaslStep step = exchange.start(ir).toCompletableFuture().join();
            for (int round = 0; round < 10; round++) {
                if (step instanceof SaslStep.Challenge c) {
                    write(peer, "+ " + Base64.getEncoder().encodeToString(c.data()));
                    String answer = peer.readLine();
                    if ("*".equals(answer)) {
                        write(peer, tag + " BAD cancelled");
                        return;
                    }
                    step = exchange.respond(Base64.getDecoder().decode(answer)).toCompletableFuture().join();
                } else if (step instanceof SaslStep.Success s) {
                    byte[] extra = s.additionalData();
                    if (extra.length > 0) {
                        if (forge) {
                            // still base64, no longer the signature: "v=" is followed by it
                            extra[2] = (byte) (extra[2] == 'A' ? 'B' : 'A');
                        }
                        write(peer, "+ " + Base64.getEncoder().encodeToString(extra));
                        String answer = peer.readLine();
                        if ("*".equals(answer)) {
                            write(peer, tag + " BAD cancelled");
                            return;
                        }
                    }
                    write(peer, tag + " OK [CAPABILITY IMAP4rev1 IDLE] logged in");
                    return;
                } else {
                    write(peer, tag + " NO [AUTHENTICATIONFAILED] no");
                    return;
                }
            }
            throw new AssertionError("too many SASL rounds");
        };
    }

    static void write(ScriptedServer.Peer peer, String line) throws IOException {
        peer.out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        peer.out.flush();
    }
}
