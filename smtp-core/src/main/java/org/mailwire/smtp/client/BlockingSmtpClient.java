package org.mailwire.smtp.client;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.mailwire.smtp.Envelope;
import org.mailwire.smtp.SmtpCapabilities;
import org.mailwire.smtp.SmtpReply;

/**
 * The {@link SmtpClient}'s connection seen through methods that wait: each one calls the
 * asynchronous method and waits for it, throwing its {@link SmtpClientException} as it is. Every
 * wait is bounded by the client's timeouts. Never call these on the client's I/O thread (from a
 * dependent stage of the asynchronous view), which they would wait for.
 */
public final class BlockingSmtpClient implements AutoCloseable {
    private final SmtpClient client;

    BlockingSmtpClient(SmtpClient client) {
        this.client = client;
    }

    /** Connects and opens the session (greeting, EHLO, STARTTLS, AUTH), waiting for all of it. */
    public static BlockingSmtpClient connect(String host, int port, SmtpClientOptions options) {
        return await(SmtpClient.connect(host, port, options)).blocking();
    }

    /** The asynchronous view of the same connection. */
    public SmtpClient async() {
        return client;
    }

    public SmtpCapabilities capabilities() {
        return client.capabilities();
    }

    public boolean isOpen() {
        return client.isOpen();
    }

    /** See {@link SmtpClient#send(Envelope, ByteBuffer)}. */
    public SendResult send(Envelope envelope, ByteBuffer body) {
        return await(client.send(envelope, body));
    }

    public SendResult send(Envelope envelope, byte[] body) {
        return await(client.send(envelope, body));
    }

    /** See {@link SmtpClient#send(Envelope, InputStream)}. */
    public SendResult send(Envelope envelope, InputStream body) {
        return await(client.send(envelope, body));
    }

    public SmtpReply noop() {
        return await(client.noop());
    }

    public SmtpReply reset() {
        return await(client.reset());
    }

    public void quit() {
        await(client.quit());
    }

    @Override
    public void close() {
        client.close();
    }

    private static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmtpConnectionException(SmtpConnectionException.Reason.CLOSED, "interrupted while waiting", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new SmtpConnectionException(SmtpConnectionException.Reason.CLOSED, String.valueOf(cause.getMessage()),
                    cause);
        }
    }
}
