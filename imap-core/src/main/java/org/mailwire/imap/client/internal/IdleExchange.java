package org.mailwire.imap.client.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.mailwire.imap.ImapCommand;
import org.mailwire.imap.ImapResponse;
import org.mailwire.imap.Tag;
import org.mailwire.imap.client.IdleHandle;
import org.mailwire.imap.codec.ImapCommandEncoder;

/**
 * IDLE (RFC 2177). {@link #started()} completes with the handle on the server's {@code +}; from then
 * on silence is bounded by the IDLE timeout, and untagged responses reach the listeners as events
 * (IDLE collects nothing). {@link IdleHandle#done()} writes DONE once; the result completes with
 * the tagged response.
 */
final class IdleExchange extends Exchange<Void> implements IdleHandle {
    private final CompletableFuture<IdleHandle> started = new CompletableFuture<>();
    private volatile CommandChannel channel;
    private volatile boolean idling;
    private CompletableFuture<Void> done;
    private boolean doneSent;

    IdleExchange() {
        super("IDLE", CommandTraits.BARRIER);
    }

    CompletableFuture<IdleHandle> started() {
        return started;
    }

    @Override
    java.util.List<byte[]> encode(Tag tag, ImapCommandEncoder encoder) {
        return encoder.encodeSegments(new ImapCommand.Idle(tag));
    }

    @Override
    void sent(Link link) {
        channel = (CommandChannel) link;
    }

    @Override
    void continuation(String text, Link link) {
        if (idling || started.isDone()) {
            super.continuation(text, link);
            return;
        }
        idling = true;
        link.idling(true);
        started.complete(this);
        // done() may have been asked for before the server's + (a LOGOUT behind a starting IDLE)
        sendDoneOnce();
    }

    @Override
    void completed(ImapResponse.Tagged response, Link link) {
        idling = false;
        link.idling(false);
        super.completed(response, link);
        // a server that refused IDLE (or ended it before +) answers the start
        result.whenComplete((v, e) -> {
            if (e != null) {
                started.completeExceptionally(e);
            } else {
                started.complete(this);
            }
        });
    }

    @Override
    void failed(org.mailwire.imap.client.ImapClientException cause) {
        idling = false;
        started.completeExceptionally(cause);
        super.failed(cause);
    }

    @Override
    Void ok(ImapResponse.Tagged response) {
        return null;
    }

    @Override
    public CompletionStage<Void> done() {
        CompletableFuture<Void> d;
        synchronized (this) {
            if (done != null) {
                return done;
            }
            done = new CompletableFuture<>();
            d = done;
        }
        sendDoneOnce();
        result.whenComplete((v, e) -> {
            if (e != null) {
                d.completeExceptionally(e);
            } else {
                d.complete(null);
            }
        });
        return d;
    }

    /** Writes DONE when it was asked for and the server is idling; never twice. */
    private void sendDoneOnce() {
        boolean send;
        synchronized (this) {
            send = done != null && idling && !doneSent;
            if (send) {
                doneSent = true;
                idling = false;
            }
        }
        // written outside our lock: a write may wait for the transport's own (SSL filter) lock
        CommandChannel c = channel;
        if (send && c != null) {
            c.write(ByteBuffer.wrap("DONE\r\n".getBytes(StandardCharsets.US_ASCII)))
                    .whenComplete((v, e) -> c.connection().execute(() -> c.idling(false)));
        }
    }

    @Override
    public CompletionStage<Void> completion() {
        return result;
    }

    @Override
    public boolean isIdling() {
        return idling && !result.isDone();
    }
}
