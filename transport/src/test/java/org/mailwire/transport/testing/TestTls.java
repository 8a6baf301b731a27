package org.mailwire.transport.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.mailwire.tls.ClientTls;
import org.mailwire.tls.KeyType;
import org.mailwire.tls.SelfSignedCertificate;
import org.mailwire.tls.ServerIdentity;
import org.mailwire.tls.ServerTls;

/**
 * One development identity (localhost, 127.0.0.1) for every module's socket tests, shipped in
 * transport's test jar, with our client and the JDK's own TLS stack trusting it.
 */
public final class TestTls {
    public static final ServerIdentity IDENTITY = SelfSignedCertificate.generate(KeyType.EC_P256, List.of("localhost"), 2);
    public static final ServerTls SERVER = ServerTls.create(IDENTITY);
    public static final ClientTls CLIENT = ClientTls.builder().trustCertificates(IDENTITY.chain()).build();

    private TestTls() {
    }

    /** The JDK's own TLS (SunJSSE) trusting the identity: an implementation we did not write. */
    public static SSLContext jdkClient() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new javax.net.ssl.TrustManager[] {trustManager()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JDK trust manager for the identity, for peers that take one (Commons Net). */
    public static X509TrustManager trustManager() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("mailwire-test", IDENTITY.leaf());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            return (X509TrustManager) factory.getTrustManagers()[0];
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The certificate as a PEM file in {@code directory}, for peers that take a CA file. */
    public static Path certificatePem(Path directory) throws IOException, GeneralSecurityException {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(IDENTITY.leaf().getEncoded());
        Path file = directory.resolve("server.pem");
        Files.writeString(file, "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n");
        return file;
    }
}
