package org.mailwire.transport;

import java.util.function.UnaryOperator;

/** A listener running {@link EchoProtocol}, closed with everything it started. */
final class EchoServer implements AutoCloseable {
    final EchoProtocol.Shared shared = new EchoProtocol.Shared();
    final Listener listener;

    EchoServer(UnaryOperator<ListenerConfig.Builder> settings) {
        ListenerConfig config = settings.apply(ListenerConfig.builder()
                .port(0)
                .ioProcessors(1)
                .refusalLine(refusal -> "-ERR [SYS/TEMP] " + refusal)).build();
        listener = Listener.start(config, connection -> new EchoProtocol(connection, shared));
    }

    int port() {
        return listener.port();
    }

    @Override
    public void close() {
        listener.close();
        shared.shutdown();
    }
}
