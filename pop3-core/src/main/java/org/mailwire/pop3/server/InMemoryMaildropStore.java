package org.mailwire.pop3.server;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Maildrops in memory, for tests and embedders. Thread-safe; every stage it returns is already
 * complete. A user who never received a message has an empty maildrop.
 *
 * <p>{@link #add} turns every bare CR and bare LF into CRLF and ends a message that does not end
 * with a line end with CRLF, so that the size a session reports is the number of octets it sends
 * (RFC 1939 §5).
 */
public final class InMemoryMaildropStore implements MaildropStore {

    private record Stored(String uniqueId, byte[] octets) {
    }

    private static final class Drop {
        final List<Stored> messages = new ArrayList<>();
        final AtomicBoolean locked = new AtomicBoolean();
    }

    private final Map<String, Drop> drops = new ConcurrentHashMap<>();

    private Drop drop(String user) {
        Objects.requireNonNull(user, "user");
        return drops.computeIfAbsent(user, name -> new Drop());
    }

    /** Appends a message to the user's maildrop and returns its unique id (for UIDL). */
    public String add(String user, byte[] message) {
        Objects.requireNonNull(message, "message");
        String uniqueId = UUID.randomUUID().toString().replace("-", "");
        Drop drop = drop(user);
        synchronized (drop) {
            drop.messages.add(new Stored(uniqueId, canonical(message)));
        }
        return uniqueId;
    }

    /** The user's messages now, oldest first, as stored (CRLF line ends). */
    public List<byte[]> messages(String user) {
        Drop drop = drop(user);
        synchronized (drop) {
            return drop.messages.stream().map(stored -> stored.octets().clone()).toList();
        }
    }

    /** The unique ids of the user's messages now, oldest first. */
    public List<String> uniqueIds(String user) {
        Drop drop = drop(user);
        synchronized (drop) {
            return drop.messages.stream().map(Stored::uniqueId).toList();
        }
    }

    /** Whether a session holds the user's maildrop now. */
    public boolean isLocked(String user) {
        return drop(user).locked.get();
    }

    @Override
    public CompletionStage<MaildropLock> open(String user) {
        Drop drop = drop(user);
        if (!drop.locked.compareAndSet(false, true)) {
            return CompletableFuture.failedFuture(new MaildropInUseException());
        }
        List<Stored> snapshot;
        synchronized (drop) {
            snapshot = List.copyOf(drop.messages);
        }
        return CompletableFuture.completedFuture(new Lock(drop, snapshot));
    }

    private static final class Lock implements MaildropLock {
        private final Drop drop;
        private final List<Stored> snapshot;
        private final List<MessageInfo> infos;
        private final AtomicBoolean released = new AtomicBoolean();

        Lock(Drop drop, List<Stored> snapshot) {
            this.drop = drop;
            this.snapshot = snapshot;
            List<MessageInfo> list = new ArrayList<>();
            for (int i = 0; i < snapshot.size(); i++) {
                list.add(new MessageInfo(i + 1, snapshot.get(i).octets().length, snapshot.get(i).uniqueId()));
            }
            this.infos = List.copyOf(list);
        }

        @Override
        public List<MessageInfo> messages() {
            return infos;
        }

        @Override
        public CompletionStage<InputStream> open(MessageInfo message) {
            Stored stored = snapshot.get(message.number() - 1);
            return CompletableFuture.completedFuture(new ByteArrayInputStream(stored.octets()));
        }

        @Override
        public CompletionStage<Void> delete(Set<String> uniqueIds) {
            if (released.get()) {
                return CompletableFuture.failedFuture(new IllegalStateException("lock released"));
            }
            synchronized (drop) {
                drop.messages.removeIf(stored -> uniqueIds.contains(stored.uniqueId()));
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                drop.locked.set(false);
            }
        }
    }

    private static byte[] canonical(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 16);
        for (int i = 0; i < message.length; i++) {
            byte b = message[i];
            if (b == '\r') {
                out.write('\r');
                out.write('\n');
                if (i + 1 < message.length && message[i + 1] == '\n') {
                    i++;
                }
            } else if (b == '\n') {
                out.write('\r');
                out.write('\n');
            } else {
                out.write(b);
            }
        }
        if (message.length > 0 && message[message.length - 1] != '\r' && message[message.length - 1] != '\n') {
            // The session ends the last line before the terminating dot: count those octets too.
            out.write('\r');
            out.write('\n');
        }
        return out.toByteArray();
    }
}
