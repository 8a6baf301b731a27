package org.mailwire.pop3.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.mailwire.pop3.codec.Pop3DecoderConfig;
import org.mailwire.pop3.codec.ResponseShape;
import org.mailwire.transport.Connection;

/** The channel writes, and completes futures, without its lock held. */
class ResponseChannelTest {

    /** Whether another thread can take the channel's lock now (it asks for the failure, which takes it). */
    private static boolean lockFree(ResponseChannel channel) {
        CompletableFuture<Void> other = CompletableFuture.runAsync(channel::failure);
        try {
            other.get(2, TimeUnit.SECONDS);
            return true;
        } catch (Exception blocked) {
            return false;
        }
    }

    private static Connection connection(Function<ByteBuffer, CompletableFuture<Void>> write) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "write" -> write.apply((ByteBuffer) args[0]);
                    case "isOpen" -> Boolean.TRUE;
                    case "id" -> 1L;
                    case "close" -> CompletableFuture.completedFuture(null);
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "fake connection";
                    default -> null;
                });
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void writesOutsideTheLock() throws Exception {
        ResponseChannel channel = new ResponseChannel(Pop3DecoderConfig.defaults(), Duration.ofSeconds(10), 10);
        List<Boolean> freeDuringWrite = new CopyOnWriteArrayList<>();
        channel.attach(connection(bytes -> {
            freeDuringWrite.add(lockFree(channel));
            return CompletableFuture.completedFuture(null);
        }));
        channel.onBytes(ascii("+OK ready\r\n"));
        channel.send(ascii("NOOP\r\n"), ResponseShape.SINGLE_LINE);
        channel.onBytes(ascii("+OK\r\n"));
        channel.send(ascii("NOOP\r\n"), ResponseShape.SINGLE_LINE);
        assertEquals(List.of(true, true), freeDuringWrite);
    }

    @Test
    void aWriteThatFailsAtOnceFailsTheCallersWithoutTheLockHeld() throws Exception {
        ResponseChannel channel = new ResponseChannel(Pop3DecoderConfig.defaults(), Duration.ofSeconds(10), 10);
        channel.attach(connection(bytes -> CompletableFuture.failedFuture(new java.io.IOException("broken pipe"))));
        List<Boolean> freeOnCompletion = new CopyOnWriteArrayList<>();
        // The greeting is awaited first; the command written behind it fails at once.
        channel.greeting().whenComplete((r, e) -> freeOnCompletion.add(lockFree(channel)));
        channel.pipelining(true);
        CompletableFuture<?> noop = channel.send(ascii("NOOP\r\n"), ResponseShape.SINGLE_LINE);
        assertTrue(noop.isCompletedExceptionally());
        assertTrue(channel.greeting().isCompletedExceptionally());
        assertEquals(List.of(true), freeOnCompletion);
    }
}
