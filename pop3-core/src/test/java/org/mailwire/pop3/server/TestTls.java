package org.mailwire.pop3.server;

import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.mailwire.tls.ClientTls;
import org.mailwire.tls.KeyType;
import org.mailwire.tls.SelfSignedCertificate;
import org.mailwire.tls.ServerIdentity;
import org.mailwire.tls.ServerTls;

/** One development identity for the POP3 tests, and clients that trust it. */
final class TestTls {
    static final ServerIdentity IDENTITY = SelfSignedCertificate.generate(KeyType.EC_P256, List.of("localhost"), 2);
    static final ServerTls SERVER = ServerTls.create(IDENTITY);

    private TestTls() {
    }

    static ClientTls client() {
        return ClientTls.builder().trustCertificates(IDENTITY.chain()).build();
    }

    /** The JDK's own TLS stack trusting the identity, for peers that take an SSLContext or SocketFactory. */
    static SSLContext jdkClient() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new javax.net.ssl.TrustManager[] {trustManager()}, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JDK trust manager for the identity, for peers that take one (Commons Net). */
    static javax.net.ssl.X509TrustManager trustManager() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("mailwire-test", IDENTITY.leaf());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            return (javax.net.ssl.X509TrustManager) factory.getTrustManagers()[0];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
