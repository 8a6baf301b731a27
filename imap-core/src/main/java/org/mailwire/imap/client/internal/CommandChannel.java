package org.mailwire.imap.client.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.mailwire.imap.client.ImapClientException;
import org.mailwire.imap.client.ImapClientOptions;
import org.mailwire.imap.client.ImapEvent;
import org.mailwire.transport.Connection;
import org.mailwire.transport.ConnectionHandler;

/** One client connection's command side (to be filled in). */
public final class CommandChannel implements ConnectionHandler {
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final CopyOnWriteArrayList<Consumer<ImapEvent>> listeners = new CopyOnWriteArrayList<>();
    private volatile Connection connection;

    public CommandChannel(ImapClientOptions options) {
    }

    public ConnectionHandler attach(Connection connection) {
        this.connection = connection;
        return this;
    }

    public CompletionStage<Void> closed() {
        return closed;
    }

    public Connection connection() {
        return connection;
    }

    public boolean isUsable() {
        return false;
    }

    public void addListener(Consumer<ImapEvent> listener) {
        listeners.add(listener);
    }

    public boolean removeListener(Consumer<ImapEvent> listener) {
        return listeners.remove(listener);
    }

    public void abort(ImapClientException cause) {
    }

    @Override
    public void onOpen() {
    }

    @Override
    public void onBytes(ByteBuffer bytes) {
    }
}
