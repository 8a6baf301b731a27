package org.mailwire.samples;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import org.mailwire.smtp.Envelope;
import org.mailwire.smtp.server.BodySink;
import org.mailwire.smtp.server.DeliveryResult;
import org.mailwire.smtp.server.MessageSink;
import org.mailwire.smtp.server.SessionInfo;

/** Accepts every message at once and keeps nothing of it but its size. */
final class CountingMessageSink implements MessageSink {
    private final LongAdder messages = new LongAdder();
    private final LongAdder bytes = new LongAdder();

    @Override
    public BodySink open(SessionInfo session, Envelope envelope) {
        return new CountingBodySink();
    }

    long messages() {
        return messages.sum();
    }

    long bytes() {
        return bytes.sum();
    }

    private final class CountingBodySink implements BodySink {
        // One body is written by one connection at a time: no synchronisation needed here.
        private long size;

        @Override
        public void write(ByteBuffer chunk) {
            size += chunk.remaining();
        }

        @Override
        public CompletionStage<DeliveryResult> finish() {
            // Counted only here: an aborted or refused transaction is not a message.
            bytes.add(size);
            messages.increment();
            return CompletableFuture.completedFuture(DeliveryResult.delivered());
        }

        @Override
        public void abort() {
            size = 0;
        }
    }
}
