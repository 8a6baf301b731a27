package org.mailwire.smtp.client;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.mailwire.smtp.Envelope;
import org.mailwire.smtp.ForwardPath;
import org.mailwire.smtp.Mailbox;
import org.mailwire.smtp.ReversePath;
import org.mailwire.transport.testing.ScriptedServer;

/** What the client tests share: options for a loopback server, envelopes, and bounded waits. */
final class ClientFixtures {
    static final String EHLO = "EHLO client.example";
    static final String FROM = "MAIL FROM:<alice@example.org>";

    private ClientFixtures() {
    }

    /** Cleartext, no STARTTLS, a fixed EHLO name, and a read timeout short enough for a stuck test. */
    static SmtpClientOptions.Builder plain() {
        return SmtpClientOptions.builder()
                .ehloName("client.example")
                .startTlsPolicy(StartTlsPolicy.DISABLED)
                .readTimeout(Duration.ofSeconds(10))
                .connectTimeout(Duration.ofSeconds(10));
    }

    static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    static SmtpClient connect(ScriptedServer server, SmtpClientOptions options) throws Exception {
        return await(SmtpClient.connect(loopback(server.port()), "localhost", options));
    }

    static Envelope envelope(String... recipients) {
        return Envelope.of(ReversePath.of(new Mailbox("alice", "example.org")),
                Arrays.stream(recipients).map(r -> ForwardPath.of(mailbox(r))).toList());
    }

    static Mailbox mailbox(String address) {
        int at = address.lastIndexOf('@');
        return new Mailbox(address.substring(0, at), address.substring(at + 1));
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static <T> T await(CompletionStage<T> stage) throws Exception {
        try {
            return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Waits for the stage to fail and returns its cause, checked to be of {@code type}. */
    static <X extends Throwable> X failure(Class<X> type, CompletionStage<?> stage) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> stage.toCompletableFuture().get(30, TimeUnit.SECONDS));
        Throwable cause = e.getCause();
        while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        assertTrue(type.isInstance(cause), "expected " + type.getSimpleName() + " but got " + cause);
        return type.cast(cause);
    }

    static List<String> lines(String... lines) {
        return List.of(lines);
    }
}
