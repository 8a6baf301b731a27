package org.mailwire.pop3.client;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.mailwire.transport.testing.TestTls;
import org.mailwire.transport.testing.ScriptedServer;

/** What the client tests share: options for a loopback server, bounded waits, and a body sink. */
final class ClientFixtures {
    /** The greeting of RFC 1939 §7's APOP example. */
    static final String GREETING = "+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>";

    private ClientFixtures() {
    }

    /** Cleartext, no STLS, and a read timeout short enough for a stuck test. */
    static Pop3ClientOptions.Builder plain() {
        return Pop3ClientOptions.builder()
                .startTlsPolicy(StartTlsPolicy.DISABLED)
                .readTimeout(Duration.ofSeconds(10))
                .connectTimeout(Duration.ofSeconds(10));
    }

    /** Implicit TLS trusting the test certificate: credentials are never configured for cleartext. */
    static Pop3ClientOptions.Builder tls() {
        return plain().implicitTls(true).clientTls(TestTls.CLIENT);
    }

    static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    static CompletionStage<Pop3Client> connecting(ScriptedServer server, Pop3ClientOptions options) {
        return Pop3Client.connect(loopback(server.port()), "localhost", options);
    }

    static Pop3Client connect(ScriptedServer server, Pop3ClientOptions options) throws Exception {
        return await(connecting(server, options));
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
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

    /** A body sink that copies every chunk and counts the calls. */
    static final class Collected implements Consumer<ByteBuffer> {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int chunks;

        @Override
        public synchronized void accept(ByteBuffer chunk) {
            byte[] copy = new byte[chunk.remaining()];
            chunk.get(copy);
            bytes.writeBytes(copy);
            chunks++;
        }

        synchronized byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }
}
