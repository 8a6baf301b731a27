package org.mailwire.smtp.server;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;

/**
 * Receives one message body as it arrives (DATA already dot-unstuffed, or BDAT chunks), then a
 * single {@link #finish()} or {@link #abort()}.
 *
 * <p>The server replies 250 to the end of the body only once {@link #finish()}'s stage completed
 * successfully: a sink that stores the message completes it after the bytes are on disk and
 * fsynced, and nothing acknowledged is ever lost.
 */
public interface BodySink {

    /** The next bytes of the body; valid only during the call (copy what you keep). */
    void write(ByteBuffer chunk);

    /** The body is complete and clean: store it. */
    CompletionStage<DeliveryResult> finish();

    /** The transaction failed or was reset: drop what was written. */
    void abort();
}
