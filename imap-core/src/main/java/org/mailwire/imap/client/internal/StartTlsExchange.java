package org.mailwire.imap.client.internal;

import java.util.concurrent.CompletableFuture;
import org.mailwire.imap.ImapCommand;
import org.mailwire.imap.ImapResponse;
import org.mailwire.imap.Tag;
import org.mailwire.imap.client.ImapCommandException;
import org.mailwire.imap.codec.ImapCommandEncoder;

/**
 * STARTTLS (RFC 3501 §6.2.1): on the tagged OK nothing more is read in cleartext (the transport
 * drops whatever followed it, SECURITY.md row 3) and the handshake starts; the operation completes
 * once TLS is up.
 */
final class StartTlsExchange extends Exchange<Void> {

    StartTlsExchange() {
        super("STARTTLS", CommandTraits.BARRIER);
    }

    @Override
    java.util.List<byte[]> encode(Tag tag, ImapCommandEncoder encoder) {
        return encoder.encodeSegments(new ImapCommand.StartTls(tag));
    }

    @Override
    void completed(ImapResponse.Tagged response, Link link) {
        if (response.status() != ImapResponse.Status.OK) {
            result.completeExceptionally(new ImapCommandException(name, response));
            return;
        }
        CompletableFuture<Void> handshake = new CompletableFuture<>();
        handshake.whenComplete((v, e) -> {
            if (e != null) {
                result.completeExceptionally(e);
            } else {
                result.complete(null);
            }
        });
        ((CommandChannel) link).startTls(handshake);
    }

    @Override
    Void ok(ImapResponse.Tagged response) {
        return null;
    }
}
