package org.mailwire.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.mailwire.tls.ClientTls;
import org.mailwire.tls.KeyType;
import org.mailwire.tls.SelfSignedCertificate;
import org.mailwire.tls.ServerIdentity;
import org.mailwire.tls.ServerTls;

/** One development identity for the transport tests, and clients that trust it. */
final class TestTls {
    static final ServerIdentity IDENTITY = SelfSignedCertificate.generate(KeyType.EC_P256, List.of("localhost"), 2);
    static final ServerTls SERVER = ServerTls.create(IDENTITY);

    private TestTls() {
    }

    static ClientTls client() {
        return ClientTls.builder().trustCertificates(IDENTITY.chain()).build();
    }

    /** The JDK's own TLS (SunJSSE) trusting the identity: an implementation we did not write. */
    static SSLContext jdkClient() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("mailwire-test", IDENTITY.chain().get(0));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path certificatePem(Path directory) throws IOException, GeneralSecurityException {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(IDENTITY.chain().get(0).getEncoded());
        Path file = directory.resolve("server.pem");
        Files.writeString(file, "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n");
        return file;
    }
}
