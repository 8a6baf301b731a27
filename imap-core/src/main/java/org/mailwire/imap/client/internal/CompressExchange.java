package org.mailwire.imap.client.internal;

import java.util.concurrent.CompletableFuture;
import org.mailwire.imap.ImapResponse;
import org.mailwire.imap.Tag;
import org.mailwire.imap.client.ImapCommandException;
import org.mailwire.imap.codec.ImapCommandEncoder;

/**
 * COMPRESS DEFLATE (RFC 4978): a barrier; on the tagged OK both directions switch to DEFLATE right
 * behind it, and the operation completes once the switch is done.
 */
final class CompressExchange extends Exchange<Void> {

    CompressExchange() {
        super("COMPRESS", CommandTraits.BARRIER);
    }

    @Override
    java.util.List<byte[]> encode(Tag tag, ImapCommandEncoder encoder) {
        return encoder.encodeSegments(new org.mailwire.imap.ImapCommand.Compress(tag, "DEFLATE"));
    }

    @Override
    void completed(ImapResponse.Tagged response, Link link) {
        if (response.status() != ImapResponse.Status.OK) {
            result.completeExceptionally(new ImapCommandException(name, response));
            return;
        }
        CompletableFuture<Void> switched = new CompletableFuture<>();
        switched.whenComplete((v, e) -> {
            if (e != null) {
                result.completeExceptionally(e);
            } else {
                result.complete(null);
            }
        });
        ((CommandChannel) link).startCompression(switched);
    }

    @Override
    Void ok(ImapResponse.Tagged response) {
        return null;
    }
}
