package org.mailwire.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.mailwire.tls.ServerTls;
import org.mailwire.transport.internal.ConnectionLimits;
import org.mailwire.transport.internal.LiveCounters;
import org.mailwire.transport.internal.MinaConnection;
import org.mailwire.transport.internal.Timers;
import org.mailwire.transport.internal.TlsEngineFilter;
import org.mailwire.transport.internal.TransportIoHandler;

/**
 * A bound server socket serving one protocol: every accepted connection gets its own
 * {@link ConnectionHandler} from the factory given to {@link #start}.
 *
 * <pre>{@code
 * Listener listener = Listener.start(ListenerConfig.builder().port(2525).startTls(serverTls).build(),
 *         connection -> new MySmtpHandler(connection));
 * ...
 * listener.shutdown(Duration.ofSeconds(30));
 * }</pre>
 */
public final class Listener implements AutoCloseable {
    private static final Duration SHUTDOWN_POLL = Duration.ofMillis(20);

    private final ListenerConfig config;
    private final NioSocketAcceptor acceptor;
    private final ScheduledThreadPoolExecutor timer;
    private final LiveCounters counters = new LiveCounters();
    private final InetSocketAddress boundAddress;

    private Listener(ListenerConfig config, Function<Connection, ConnectionHandler> handlers) throws IOException {
        this.config = config;
        this.timer = Timers.deadlineTimer("mailwire-listener-deadlines");
        this.acceptor = new NioSocketAcceptor(config.ioProcessors());
        try {
            acceptor.setReuseAddress(true);
            // Shutdown unbinds first and lets sessions finish; MINA would otherwise close them at once.
            acceptor.setCloseOnDeactivation(false);
            acceptor.getSessionConfig().setIdleTime(IdleStatus.READER_IDLE, idleSeconds(config.idleTimeout()));
            acceptor.getSessionConfig().setTcpNoDelay(true);
            ServerTls serverTls = config.serverTls();
            Function<IoSession, TlsEngineFilter> tlsFilters = serverTls == null ? null
                    : session -> new TlsEngineFilter(serverTls.context(), serverTls::createEngine);
            boolean implicit = config.tlsMode() == TlsMode.IMPLICIT_TLS;
            if (implicit) {
                acceptor.getFilterChain().addFirst("tls", new TlsEngineFilter(serverTls.context(), serverTls::createEngine));
            }
            var setup = new TransportIoHandler.Setup(true, implicit,
                    config.tlsMode() == TlsMode.STARTTLS ? tlsFilters : null,
                    session -> handlers, session -> null, config.handshakeTimeout());
            acceptor.setHandler(new TransportIoHandler(setup,
                    new ConnectionLimits(config.maxConnections(), config.maxConnectionsPerAddress()),
                    config::refusalBytes, timer, counters));
            acceptor.bind(new InetSocketAddress(config.bindAddress(), config.port()));
            this.boundAddress = acceptor.getLocalAddress();
        } catch (IOException | RuntimeException e) {
            acceptor.dispose(false);
            timer.shutdownNow();
            throw e;
        }
    }

    /**
     * Binds and starts accepting.
     *
     * @throws UncheckedIOException when the address cannot be bound
     */
    public static Listener start(ListenerConfig config, Function<Connection, ConnectionHandler> handlers) {
        try {
            return new Listener(config, handlers);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + config.bindAddress() + ":" + config.port(), e);
        }
    }

    static int idleSeconds(Duration idleTimeout) {
        long seconds = (idleTimeout.toMillis() + 999) / 1000;
        return (int) Math.min(Integer.MAX_VALUE, seconds);
    }

    public ListenerConfig config() {
        return config;
    }

    /** The bound address; with port 0 in the config, this holds the port the system chose. */
    public InetSocketAddress localAddress() {
        return boundAddress;
    }

    public int port() {
        return boundAddress.getPort();
    }

    public TransportCounters counters() {
        return counters.snapshot(acceptor);
    }

    /**
     * Stops accepting, tells every handler ({@link ConnectionHandler#onShutdown}), lets sessions
     * finish until {@code grace} has passed, then closes those left. Blocks until done.
     *
     * <p>Blocks: never call it from a connection callback (an I/O thread), which it would wait for.
     *
     * @return true when every session had ended by itself within the grace period
     */
    public boolean shutdown(Duration grace) {
        if (acceptor.isDisposed()) {
            return true;
        }
        acceptor.unbind();
        List<IoSession> sessions = List.copyOf(acceptor.getManagedSessions().values());
        sessions.forEach(MinaConnection::announceShutdown);
        long deadline = System.nanoTime() + grace.toNanos();
        boolean graceful = true;
        while (acceptor.getManagedSessionCount() > 0) {
            if (System.nanoTime() - deadline >= 0) {
                graceful = false;
                acceptor.getManagedSessions().values().forEach(IoSession::closeNow);
                break;
            }
            sleep(SHUTDOWN_POLL);
        }
        acceptor.dispose(true);
        timer.shutdownNow();
        return graceful;
    }

    private static void sleep(Duration duration) {
        try {
            TimeUnit.NANOSECONDS.sleep(duration.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Shuts down without a grace period. */
    @Override
    public void close() {
        shutdown(Duration.ZERO);
    }
}
