package org.mailwire.smtp.server.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.mailwire.smtp.Envelope;
import org.mailwire.smtp.server.BodySink;
import org.mailwire.smtp.server.DeliveryResult;
import org.mailwire.smtp.server.MessageHandler;
import org.mailwire.smtp.server.SmtpRejectException;

/**
 * The body sink behind {@code onMessage}: collects the body (bounded by the server's message size
 * limit, which the decoder enforces while reading) and hands it to the handler on a worker thread.
 */
public final class BufferingBodySink implements BodySink {
    private final Envelope envelope;
    private final MessageHandler handler;
    private final Executor workers;
    private ByteArrayOutputStream body = new ByteArrayOutputStream();

    BufferingBodySink(Envelope envelope, MessageHandler handler, Executor workers) {
        this.envelope = envelope;
        this.handler = handler;
        this.workers = workers;
    }

    @Override
    public void write(ByteBuffer chunk) {
        if (chunk.hasArray()) {
            body.write(chunk.array(), chunk.arrayOffset() + chunk.position(), chunk.remaining());
        } else {
            byte[] copy = new byte[chunk.remaining()];
            chunk.duplicate().get(copy);
            body.writeBytes(copy);
        }
    }

    @Override
    public CompletionStage<DeliveryResult> finish() {
        byte[] complete = body.toByteArray();
        body = null;
        return CompletableFuture.supplyAsync(() -> {
            try {
                handler.onMessage(envelope, new ByteArrayInputStream(complete));
                return DeliveryResult.delivered();
            } catch (SmtpRejectException rejected) {
                return new DeliveryResult.Rejected(rejected.reply());
            } catch (Exception failed) {
                throw new IllegalStateException("message handler failed", failed);
            }
        }, workers);
    }

    @Override
    public void abort() {
        body = null;
    }

    /** A message sink that buffers each body for {@code handler}. */
    public static org.mailwire.smtp.server.MessageSink of(MessageHandler handler, Executor workers) {
        return (session, envelope) -> new BufferingBodySink(envelope, handler, workers);
    }
}
