package org.mailwire.transport.internal;

import java.net.InetSocketAddress;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.ssl.SslFilter;

/**
 * MINA's SslFilter with engines made by the {@code tls} module, so that the protocol and cipher
 * policy, SNI and the mail host-name check are applied the same way on every connection.
 */
public final class TlsEngineFilter extends SslFilter {
    private static final AttributeKey ENGINE = new AttributeKey(TlsEngineFilter.class, "engine");

    private final Supplier<SSLEngine> engines;

    public TlsEngineFilter(SSLContext context, Supplier<SSLEngine> engines) {
        super(context);
        this.engines = engines;
    }

    @Override
    protected SSLEngine createEngine(IoSession session, InetSocketAddress peer) {
        SSLEngine engine = engines.get();
        session.setAttribute(ENGINE, engine);
        return engine;
    }

    /**
     * The session's engine. MINA may deliver the first application data of a TLS 1.3 session before
     * its SECURED event, so the negotiated parameters are read from the engine, not from that event.
     */
    static SSLEngine engineOf(IoSession session) {
        return (SSLEngine) session.getAttribute(ENGINE);
    }
}
