package org.mailwire.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.mailwire.tls.internal.BcProviders;
import org.mailwire.tls.internal.NoClientCertificates;

/**
 * The server side of TLS: an {@link SSLContext} on the Bouncy Castle JSSE provider holding one
 * {@link ServerIdentity}, and engines and sockets with the {@link TlsPolicy} applied.
 *
 * <p>Immutable and thread-safe; create one per identity and share it between connections.
 * Client certificates are not requested.
 */
public final class ServerTls {

    private static final String KEY_ALIAS = "server";
    /** Protects the key only inside an in-memory store that never leaves this object. */
    private static final char[] IN_MEMORY_PASSWORD = "in-memory".toCharArray();

    private final SSLContext context;
    private final TlsPolicy policy;

    private ServerTls(SSLContext context, TlsPolicy policy) {
        this.context = context;
        this.policy = policy;
    }

    /** With {@link TlsPolicy#modern()}. */
    public static ServerTls create(ServerIdentity identity) {
        return create(identity, TlsPolicy.modern());
    }

    /**
     * @throws IllegalStateException when the provider supports none of the policy's protocols or suites
     */
    public static ServerTls create(ServerIdentity identity, TlsPolicy policy) {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(policy, "policy");
        BcProviders providers = BcProviders.get();
        try {
            KeyStore store = KeyStore.getInstance("PKCS12", providers.crypto());
            store.load(null, null);
            store.setKeyEntry(KEY_ALIAS, identity.privateKey(), IN_MEMORY_PASSWORD,
                    identity.chain().toArray(Certificate[]::new));
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance("PKIX", providers.jsse());
            keyManagers.init(store, IN_MEMORY_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS", providers.jsse());
            context.init(keyManagers.getKeyManagers(), new TrustManager[] {new NoClientCertificates()}, null);
            ServerTls tls = new ServerTls(context, policy);
            tls.createEngine(); // an unsupported policy fails here, at configuration time
            return tls;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot create the server TLS context for " + identity, e);
        }
    }

    /** The context itself: engines made from it directly do not have the policy applied. */
    public SSLContext context() {
        return context;
    }

    public TlsPolicy policy() {
        return policy;
    }

    /** A new server-mode engine with the policy applied, for one connection. */
    public SSLEngine createEngine() {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        policy.applyTo(engine);
        return engine;
    }

    /** A listening socket for blocking servers (implicit TLS, RFC 8314); accepted sockets inherit the policy. */
    public SSLServerSocket createServerSocket(int port, InetAddress bind) throws IOException {
        SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(port, 50, bind);
        try {
            socket.setUseClientMode(false);
            policy.applyTo(socket);
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
        return socket;
    }

    /**
     * Layers TLS over an accepted plaintext connection after a STARTTLS/STLS reply, and runs the
     * handshake. The caller must have read nothing past the STARTTLS command line (RFC 3207 section 4:
     * bytes that arrived early are injected plaintext and the connection must be closed instead).
     *
     * @param timeoutMillis bounds the handshake; the socket's previous read timeout is restored after it
     */
    public SSLSocket startTls(Socket plain, int timeoutMillis) throws IOException {
        if (timeoutMillis <= 0) {
            throw new IllegalArgumentException("timeoutMillis must be positive, not " + timeoutMillis);
        }
        int previousTimeout = plain.getSoTimeout();
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, null, true);
        try {
            socket.setUseClientMode(false);
            policy.applyTo(socket);
            socket.setSoTimeout(timeoutMillis);
            socket.startHandshake();
            socket.setSoTimeout(previousTimeout);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return "ServerTls[policy=" + policy.name() + "]";
    }
}
