package org.mailwire.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.bouncycastle.tls.TlsException;
import org.mailwire.tls.internal.BcProviders;
import org.mailwire.tls.internal.IpLiteral;
import org.mailwire.tls.internal.MailTrustManager;
import org.mailwire.tls.internal.PemCodec;

/**
 * The client side of TLS: an {@link SSLContext} on the Bouncy Castle JSSE provider whose trust
 * manager validates the server's chain (or pin) and then its host name, during the handshake.
 *
 * <p>The host name is the one the caller expected to reach (the configured server name), which may
 * differ from the address connected to. It is checked as the engine's or socket's peer
 * host: engines and sockets must therefore come from {@link #createEngine}, {@link #connect} or
 * {@link #startTls}; one made from {@link #context()} without a host name fails the handshake while
 * host name verification is on, rather than skip the check.
 *
 * <p>Immutable and thread-safe; build one per trust configuration and share it.
 */
public final class ClientTls {

    private final SSLContext context;
    private final TlsPolicy policy;
    private final boolean hostnameVerification;

    private ClientTls(SSLContext context, TlsPolicy policy, boolean hostnameVerification) {
        this.context = context;
        this.policy = policy;
        this.hostnameVerification = hostnameVerification;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The context itself: create engines with {@code createSSLEngine(host, port)} and apply the policy, or use {@link #createEngine}. */
    public SSLContext context() {
        return context;
    }

    public TlsPolicy policy() {
        return policy;
    }

    public boolean hostnameVerification() {
        return hostnameVerification;
    }

    /**
     * A client-mode engine for a connection to {@code host}: the policy applied, SNI set when
     * {@code host} is a DNS name (RFC 6066 section 3 forbids IP literals in SNI), and the
     * certificate checked against {@code host} during the handshake.
     *
     * <p>A refused certificate surfaces from {@code wrap}/{@code unwrap} as an
     * {@link javax.net.ssl.SSLException} (BCJSSE does not use the SSLHandshakeException subclass for
     * engines) whose cause chain holds a {@link CertificateRejectedException}.
     *
     * @param host the name the certificate must show, not necessarily what the socket connects to
     * @param port the peer's port, used with {@code host} as the session-resumption key
     */
    public SSLEngine createEngine(String host, int port) {
        Objects.requireNonNull(host, "host");
        SSLEngine engine = context.createSSLEngine(host, port);
        engine.setUseClientMode(true);
        engine.setSSLParameters(parameters(engine.getSSLParameters(), host,
                engine.getSupportedProtocols(), engine.getSupportedCipherSuites()));
        return engine;
    }

    /** Connects to {@code host:port} and completes the handshake; see {@link #connect(InetSocketAddress, String, int)}. */
    public SSLSocket connect(String host, int port, int timeoutMillis) throws IOException {
        return connect(new InetSocketAddress(host, port), host, timeoutMillis);
    }

    /**
     * Connects to {@code address} and completes the handshake, checking the certificate against
     * {@code expectedHost} (for implicit TLS, RFC 8314 section 3.3).
     *
     * @param timeoutMillis bounds the TCP connect and the handshake, and stays the socket's read timeout
     * @throws javax.net.ssl.SSLHandshakeException when the server's certificate is refused; its cause
     *                                             chain holds a {@link CertificateRejectedException}
     */
    public SSLSocket connect(InetSocketAddress address, String expectedHost, int timeoutMillis) throws IOException {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(expectedHost, "expectedHost");
        requirePositive(timeoutMillis);
        Socket plain = new Socket();
        try {
            plain.connect(address, timeoutMillis);
            plain.setSoTimeout(timeoutMillis);
            SSLSocket socket = layer(plain, expectedHost);
            handshake(socket);
            return socket;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    /**
     * Layers TLS over a connected plaintext socket after the server accepted STARTTLS/STLS, and runs
     * the handshake. Anything the server sent before must be discarded by the caller (RFC 3207
     * section 4.2: nothing learned before TLS is trusted).
     *
     * @param timeoutMillis bounds the handshake; the socket's previous read timeout is restored after it
     */
    public SSLSocket startTls(Socket plain, String expectedHost, int timeoutMillis) throws IOException {
        Objects.requireNonNull(plain, "plain");
        Objects.requireNonNull(expectedHost, "expectedHost");
        requirePositive(timeoutMillis);
        int previousTimeout = plain.getSoTimeout();
        SSLSocket socket = layer(plain, expectedHost);
        try {
            socket.setSoTimeout(timeoutMillis);
            handshake(socket);
            socket.setSoTimeout(previousTimeout);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * BCJSSE sockets report a refused certificate as its internal {@code TlsFatalAlert} (an
     * IOException); callers get the standard SSLHandshakeException, with the reason in its message
     * and the original in its cause chain. Time-outs and resets pass through unchanged.
     */
    private static void handshake(SSLSocket socket) throws IOException {
        try {
            socket.startHandshake();
        } catch (SSLHandshakeException e) {
            throw e;
        } catch (IOException e) {
            Optional<CertificateRejectedException> rejected = CertificateRejectedException.findIn(e);
            if (rejected.isEmpty() && !(e instanceof TlsException) && !(e instanceof SSLException)) {
                throw e;
            }
            SSLHandshakeException failure = new SSLHandshakeException(rejected
                    .map(r -> "server certificate rejected: " + r.getMessage())
                    .orElse("TLS handshake failed: " + e.getMessage()));
            failure.initCause(e);
            throw failure;
        }
    }

    private SSLSocket layer(Socket plain, String expectedHost) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, expectedHost, plain.getPort(), true);
        socket.setUseClientMode(true);
        socket.setSSLParameters(parameters(socket.getSSLParameters(), expectedHost,
                socket.getSupportedProtocols(), socket.getSupportedCipherSuites()));
        return socket;
    }

    private SSLParameters parameters(SSLParameters base, String host, String[] protocols, String[] suites) {
        base.setServerNames(serverNames(host));
        // no endpoint identification algorithm: the trust manager does the RFC 7817 check itself, and
        // "HTTPS" would apply the browser rules (CN fallback, different wildcard handling) instead
        base.setEndpointIdentificationAlgorithm(null);
        return policy.applyTo(base, protocols, suites);
    }

    private static List<SNIServerName> serverNames(String host) {
        if (IpLiteral.isLiteral(host)) {
            return List.of();
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        try {
            return List.of(new SNIHostName(name));
        } catch (IllegalArgumentException e) {
            // not a name SNI can carry (underscores, say); the certificate is still checked against it
            return List.of();
        }
    }

    private static void requirePositive(int timeoutMillis) {
        if (timeoutMillis <= 0) {
            throw new IllegalArgumentException("timeoutMillis must be positive, not " + timeoutMillis);
        }
    }

    @Override
    public String toString() {
        return "ClientTls[policy=" + policy.name() + ", hostnameVerification=" + hostnameVerification + "]";
    }

    /**
     * Trust sources add up: system default, PEM bundles and certificates may be combined. Pins
     * replace issuer validation and so cannot be combined with them. With no trust source at all,
     * {@link #build()} trusts the system default.
     */
    public static final class Builder {
        private boolean systemDefault;
        private final List<X509Certificate> anchors = new ArrayList<>();
        private final Set<String> pins = new LinkedHashSet<>();
        private boolean hostnameVerification = true;
        private TlsPolicy policy = TlsPolicy.modern();

        private Builder() {
        }

        /** The JVM's default trust store (javax.net.ssl.trustStore, else the JDK's cacerts). */
        public Builder trustSystemDefault() {
            systemDefault = true;
            return this;
        }

        /** Trusts the CA certificates of a PEM bundle, read now. */
        public Builder trustPem(Path bundle) throws IOException {
            try (InputStream in = Files.newInputStream(bundle)) {
                anchors.addAll(PemCodec.readCertificates(in, bundle.toString()));
            }
            return this;
        }

        /** Trusts the CA certificates of a PEM bundle, read now; the stream is not closed. */
        public Builder trustPem(InputStream bundle) throws IOException {
            anchors.addAll(PemCodec.readCertificates(bundle, "the trust bundle stream"));
            return this;
        }

        /** Trusts these CA (or self-signed) certificates; an empty collection is a mistake and refused. */
        public Builder trustCertificates(Collection<X509Certificate> certificates) {
            if (certificates.isEmpty()) {
                // an empty list must not fall through to the system default trust of build()
                throw new IllegalArgumentException("no certificates to trust");
            }
            for (X509Certificate c : certificates) {
                anchors.add(Objects.requireNonNull(c, "certificate"));
            }
            return this;
        }

        /**
         * Accepts a server whose leaf certificate is exactly this one (same SHA-256 of its DER
         * encoding), whoever issued it: for self-signed certificates and DANE-EE-like setups
         * (RFC 7672 section 3.1.1). Validity dates and, unless disabled, the host name are still
         * checked. May be called several times, e.g. to roll over to a new certificate.
         */
        public Builder pin(X509Certificate leaf) {
            pins.add(MailTrustManager.fingerprint(Objects.requireNonNull(leaf, "leaf")));
            return this;
        }

        /** Default true. Turning it off lets any trusted certificate stand in for any host. */
        public Builder hostnameVerification(boolean enabled) {
            hostnameVerification = enabled;
            return this;
        }

        /** Default {@link TlsPolicy#modern()}. */
        public Builder policy(TlsPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * @throws IllegalStateException when pins are combined with trust anchors, or the provider
         *                               supports none of the policy's protocols or suites
         */
        public ClientTls build() {
            if (!pins.isEmpty() && (systemDefault || !anchors.isEmpty())) {
                throw new IllegalStateException("pin() accepts a certificate regardless of its issuer and cannot be"
                        + " combined with trust anchors (trustSystemDefault, trustPem, trustCertificates)");
            }
            BcProviders providers = BcProviders.get();
            try {
                X509ExtendedTrustManager pkix = pins.isEmpty()
                        ? pkix(providers, systemDefault || anchors.isEmpty(), anchors)
                        : null;
                MailTrustManager trust = new MailTrustManager(pkix, pins, hostnameVerification);
                SSLContext context = SSLContext.getInstance("TLS", providers.jsse());
                // no key managers: client certificates are not offered
                context.init(new KeyManager[0], new TrustManager[] {trust}, null);
                ClientTls tls = new ClientTls(context, policy, hostnameVerification);
                tls.createEngine("localhost", 0); // an unsupported policy fails here, at configuration time
                return tls;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("cannot create the client TLS context", e);
            }
        }

        private static X509ExtendedTrustManager pkix(BcProviders providers, boolean systemDefault,
                                                     List<X509Certificate> extra)
                throws GeneralSecurityException, IOException {
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX", providers.jsse());
            if (systemDefault && extra.isEmpty()) {
                factory.init((KeyStore) null);
                return extendedTrustManager(factory);
            }
            List<X509Certificate> all = new ArrayList<>(extra);
            if (systemDefault) {
                TrustManagerFactory defaults = TrustManagerFactory.getInstance("PKIX", providers.jsse());
                defaults.init((KeyStore) null);
                all.addAll(List.of(extendedTrustManager(defaults).getAcceptedIssuers()));
            }
            KeyStore store = KeyStore.getInstance("PKCS12", providers.crypto());
            store.load(null, null);
            int i = 0;
            for (X509Certificate anchor : all) {
                store.setCertificateEntry("anchor-" + i++, anchor);
            }
            factory.init(store);
            return extendedTrustManager(factory);
        }

        private static X509ExtendedTrustManager extendedTrustManager(TrustManagerFactory factory) {
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager extended) {
                    return extended;
                }
            }
            throw new IllegalStateException("the PKIX trust manager factory returned no X509ExtendedTrustManager");
        }
    }
}
