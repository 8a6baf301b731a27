package org.mailwire.transport.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import javax.net.ssl.SSLException;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.FilterEvent;
import org.apache.mina.filter.ssl.SslEvent;
import org.mailwire.transport.Connection;
import org.mailwire.transport.ConnectionHandler;
import org.mailwire.transport.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one MINA handler behind listeners and connectors: admits or refuses a session, gives it a
 * {@link MinaConnection} and a protocol handler, and turns MINA's events into handler callbacks.
 */
public final class TransportIoHandler extends IoHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(TransportIoHandler.class);
    private static final AttributeKey ADMITTED = new AttributeKey(TransportIoHandler.class, "admitted");

    /** What differs between the two ends: where handlers come from and who waits for the connection. */
    public record Setup(
            boolean serverSide,
            boolean implicitTls,
            Function<IoSession, TlsEngineFilter> tlsFilters,
            Function<IoSession, Function<Connection, ConnectionHandler>> handlers,
            Function<IoSession, CompletableFuture<Connection>> connectWaiter,
            Duration handshakeTimeout) {
    }

    private final Setup setup;
    private final ConnectionLimits limits;
    private final Function<Refusal, byte[]> refusalBytes;
    private final ScheduledExecutorService timer;
    private final LiveCounters counters;

    public TransportIoHandler(Setup setup, ConnectionLimits limits, Function<Refusal, byte[]> refusalBytes,
            ScheduledExecutorService timer, LiveCounters counters) {
        this.setup = setup;
        this.limits = limits;
        this.refusalBytes = refusalBytes;
        this.timer = timer;
        this.counters = counters;
    }

    @Override
    public void sessionOpened(IoSession session) {
        InetSocketAddress remote = (InetSocketAddress) session.getRemoteAddress();
        if (limits != null) {
            Optional<Refusal> refusal = limits.admit(remote.getAddress());
            if (refusal.isPresent()) {
                refuse(session, remote, refusal.get());
                return;
            }
            session.setAttribute(ADMITTED, Boolean.TRUE);
        }
        counters.open.increment();
        counters.total.increment();
        MinaConnection connection = new MinaConnection(session, setup.serverSide(), setup.tlsFilters(), timer,
                counters, setup.connectWaiter().apply(session), setup.handshakeTimeout());
        ConnectionHandler handler;
        try {
            handler = setup.handlers().apply(session).apply(connection);
        } catch (RuntimeException e) {
            LOG.warn("connection {}: the protocol refused to create a handler: {}", session.getId(), e.toString());
            counters.open.decrement();
            failConnect(session, e);
            session.closeNow();
            return;
        }
        connection.attach(handler);
        if (setup.implicitTls()) {
            connection.expectImplicitTls();
        } else {
            connection.opened();
        }
    }

    private void refuse(IoSession session, InetSocketAddress remote, Refusal refusal) {
        counters.refused.increment();
        LOG.info("refusing connection from {}: {}", remote.getAddress().getHostAddress(), refusal);
        byte[] line = setup.implicitTls() ? new byte[0] : refusalBytes.apply(refusal);
        if (line.length == 0) {
            session.closeNow();
        } else {
            session.write(IoBuffer.wrap(line));
            session.closeOnFlush();
        }
    }

    @Override
    public void messageReceived(IoSession session, Object message) {
        MinaConnection connection = MinaConnection.of(session);
        if (connection != null) {
            connection.received(((IoBuffer) message).buf());
        }
    }

    @Override
    public void event(IoSession session, FilterEvent event) {
        MinaConnection connection = MinaConnection.of(session);
        if (connection == null || event != SslEvent.SECURED) {
            return;
        }
        connection.secured();
    }

    @Override
    public void sessionIdle(IoSession session, IdleStatus status) {
        MinaConnection connection = MinaConnection.of(session);
        if (connection != null) {
            connection.idle();
        }
    }

    @Override
    public void exceptionCaught(IoSession session, Throwable cause) {
        MinaConnection connection = MinaConnection.of(session);
        SSLException tlsFailure = findTlsFailure(cause);
        if (connection != null && tlsFailure != null && !connection.isSecure()) {
            connection.tlsFailed(tlsFailure);
            return;
        }
        if (cause instanceof IOException) {
            // Resets and broken pipes are how peers leave; not worth more than a debug line.
            LOG.debug("connection {}: {}", session.getId(), cause.toString());
        } else {
            LOG.warn("connection {}: closing after {}", session.getId(), cause.toString());
        }
        failConnect(session, cause);
        session.closeNow();
    }

    private static SSLException findTlsFailure(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SSLException ssl) {
                return ssl;
            }
        }
        return null;
    }

    @Override
    public void sessionClosed(IoSession session) {
        if (session.removeAttribute(ADMITTED) != null) {
            limits.release(((InetSocketAddress) session.getRemoteAddress()).getAddress());
        }
        MinaConnection connection = MinaConnection.of(session);
        failConnect(session, new IOException("connection closed during setup"));
        if (connection != null) {
            counters.open.decrement();
            connection.closed();
        }
    }

    private void failConnect(IoSession session, Throwable cause) {
        CompletableFuture<Connection> waiter = setup.connectWaiter().apply(session);
        if (waiter != null) {
            waiter.completeExceptionally(cause);
        }
    }
}
