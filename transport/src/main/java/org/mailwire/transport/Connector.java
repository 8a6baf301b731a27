package org.mailwire.transport;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Function;
import org.apache.mina.core.future.ConnectFuture;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.transport.socket.nio.NioSocketConnector;
import org.mailwire.tls.ClientTls;
import org.mailwire.transport.internal.LiveCounters;
import org.mailwire.transport.internal.Timers;
import org.mailwire.transport.internal.TlsEngineFilter;
import org.mailwire.transport.internal.TransportIoHandler;

/**
 * Opens client connections for protocol clients. One connector owns its selector threads and can
 * open any number of connections; close it when done.
 */
public final class Connector implements AutoCloseable {
    private static final AttributeKey HANDLERS = new AttributeKey(Connector.class, "handlers");
    private static final AttributeKey TLS_HOST = new AttributeKey(Connector.class, "tlsHost");
    private static final AttributeKey WAITER = new AttributeKey(Connector.class, "waiter");

    private final ConnectorConfig config;
    private final NioSocketConnector connector;
    private final ScheduledThreadPoolExecutor timer;
    private final LiveCounters counters = new LiveCounters();

    private Connector(ConnectorConfig config) {
        this.config = config;
        this.timer = Timers.deadlineTimer("mailwire-connector-deadlines");
        this.connector = new NioSocketConnector(config.ioProcessors());
        connector.setConnectTimeoutMillis(config.connectTimeout().toMillis());
        connector.getSessionConfig().setIdleTime(IdleStatus.READER_IDLE, Listener.idleSeconds(config.readTimeout()));
        connector.getSessionConfig().setTcpNoDelay(true);
        ClientTls clientTls = config.clientTls();
        Function<IoSession, TlsEngineFilter> tlsFilters = clientTls == null ? null : session -> {
            InetSocketAddress remote = (InetSocketAddress) session.getRemoteAddress();
            String host = (String) session.getAttribute(TLS_HOST);
            return new TlsEngineFilter(clientTls.context(), () -> clientTls.createEngine(host, remote.getPort()));
        };
        @SuppressWarnings("unchecked")
        var setup = new TransportIoHandler.Setup(false, config.tlsMode() == TlsMode.IMPLICIT_TLS,
                config.tlsMode() == TlsMode.STARTTLS ? tlsFilters : null,
                session -> (Function<Connection, ConnectionHandler>) session.getAttribute(HANDLERS),
                session -> (CompletableFuture<Connection>) session.getAttribute(WAITER),
                config.connectTimeout());
        connector.setHandler(new TransportIoHandler(setup, null, refusal -> new byte[0], timer, counters));
        this.implicitTlsFilters = config.tlsMode() == TlsMode.IMPLICIT_TLS ? tlsFilters : null;
    }

    private final Function<IoSession, TlsEngineFilter> implicitTlsFilters;

    public static Connector create(ConnectorConfig config) {
        return new Connector(config);
    }

    public ConnectorConfig config() {
        return config;
    }

    /**
     * Connects to {@code address}. The stage completes once the connection is ready for the
     * protocol: after the TCP connect, and for implicit TLS after a handshake that validated the
     * server's certificate for {@code tlsHostName}.
     *
     * @param tlsHostName the name the server's certificate must carry (and the SNI name sent); may
     *     differ from the address when connecting to an IP or through a tunnel; unused for PLAIN
     */
    public CompletionStage<Connection> connect(InetSocketAddress address, String tlsHostName,
            Function<Connection, ConnectionHandler> handlers) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(handlers, "handlers");
        if (config.tlsMode() != TlsMode.PLAIN) {
            Objects.requireNonNull(tlsHostName, "tlsHostName");
        }
        CompletableFuture<Connection> ready = new CompletableFuture<>();
        ConnectFuture connecting = connector.connect(address, (session, future) -> {
            session.setAttribute(HANDLERS, handlers);
            session.setAttribute(WAITER, ready);
            if (tlsHostName != null) {
                session.setAttribute(TLS_HOST, tlsHostName);
            }
            if (implicitTlsFilters != null) {
                session.getFilterChain().addFirst("tls", implicitTlsFilters.apply(session));
            }
        });
        connecting.addListener(future -> {
            Throwable failure = ((ConnectFuture) future).getException();
            if (failure != null) {
                ready.completeExceptionally(failure);
            }
        });
        return ready;
    }

    public TransportCounters counters() {
        return counters.snapshot(connector);
    }

    /** Closes every connection at once and releases the selector threads. */
    @Override
    public void close() {
        connector.dispose(true);
        timer.shutdownNow();
    }
}
