package org.mailwire.smtp.server;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.mailwire.smtp.Envelope;

/** A message sink for tests: keeps every delivered message; can hold the 250 until released. */
final class RecordingSink implements MessageSink {
    record Delivered(Envelope envelope, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    final List<Delivered> delivered = new CopyOnWriteArrayList<>();
    final List<Envelope> aborted = new CopyOnWriteArrayList<>();
    volatile Supplier<CompletableFuture<DeliveryResult>> outcome =
            () -> CompletableFuture.completedFuture(DeliveryResult.delivered());

    @Override
    public BodySink open(SessionInfo session, Envelope envelope) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        return new BodySink() {
            @Override
            public void write(ByteBuffer chunk) {
                byte[] bytes = new byte[chunk.remaining()];
                chunk.duplicate().get(bytes);
                body.writeBytes(bytes);
            }

            @Override
            public CompletionStage<DeliveryResult> finish() {
                return outcome.get().thenApply(result -> {
                    if (!(result instanceof DeliveryResult.Rejected)) {
                        delivered.add(new Delivered(envelope, body.toByteArray()));
                    }
                    return result;
                });
            }

            @Override
            public void abort() {
                aborted.add(envelope);
            }
        };
    }
}
