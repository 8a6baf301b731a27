package org.mailwire.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.security.cert.Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The module must leave the JVM as it found it: no provider added or reordered, no default
 * SSLContext, socket factory or property changed. Every public entry point is used once here.
 */
class ProviderIsolationTest {

    private static final List<String> SECURITY_PROPERTIES = List.of("jdk.tls.disabledAlgorithms",
            "jdk.certpath.disabledAlgorithms", "keystore.type", "ssl.KeyManagerFactory.algorithm",
            "ssl.TrustManagerFactory.algorithm", "securerandom.source", "securerandom.strongAlgorithms");

    @TempDir
    Path dir;

    private record JvmState(List<Provider> providers, Map<String, String> securityProperties, Properties system,
                            SSLContext defaultContext, Object defaultHttpsFactory, Object defaultHostnameVerifier) {

        static JvmState capture() throws Exception {
            // the JDK sets user.timezone itself on the first TimeZone.getDefault() (certificate dates)
            java.util.TimeZone.getDefault();
            Map<String, String> security = new HashMap<>();
            for (String name : SECURITY_PROPERTIES) {
                security.put(name, String.valueOf(Security.getProperty(name)));
            }
            Properties system = new Properties();
            system.putAll(System.getProperties());
            return new JvmState(List.of(Security.getProviders()), security, system, SSLContext.getDefault(),
                    HttpsURLConnection.getDefaultSSLSocketFactory(), HttpsURLConnection.getDefaultHostnameVerifier());
        }
    }

    @Test
    void everyPublicEntryPointLeavesTheJvmAsItWas() throws Exception {
        JvmState before = JvmState.capture();

        useEveryEntryPoint();

        JvmState after = JvmState.capture();
        assertEquals(before.providers().size(), after.providers().size(), after.providers().toString());
        for (int i = 0; i < before.providers().size(); i++) {
            assertSame(before.providers().get(i), after.providers().get(i), "provider " + i);
        }
        assertNull(Security.getProvider("BC"));
        assertNull(Security.getProvider("BCJSSE"));
        assertEquals(before.securityProperties(), after.securityProperties());
        Map<Object, Object> changed = new HashMap<>();
        for (String name : after.system().stringPropertyNames()) {
            if (!after.system().getProperty(name).equals(before.system().getProperty(name))) {
                changed.put(name, after.system().getProperty(name));
            }
        }
        for (String name : before.system().stringPropertyNames()) {
            if (after.system().getProperty(name) == null) {
                changed.put(name, null);
            }
        }
        assertEquals(Map.of(), changed, "system properties changed");
        assertSame(before.defaultContext(), after.defaultContext());
        assertSame(before.defaultHttpsFactory(), after.defaultHttpsFactory());
        assertSame(before.defaultHostnameVerifier(), after.defaultHostnameVerifier());
    }

    private void useEveryEntryPoint() throws Exception {
        TlsPolicy legacy = TlsPolicy.legacy();
        TlsPolicy modern = TlsPolicy.modern();

        ServerIdentity identity = SelfSignedCertificate.builder().keyType(KeyType.EC_P256)
                .names(List.of("mail.example.test")).validityDays(2).build();
        SelfSignedCertificate.generate(KeyType.EC_P256, List.of(), 1);
        ServerIdentity.of(identity.chain(), identity.privateKey());

        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        identity.writePem(cert, key);
        ServerIdentity.fromPem(cert, key, null);
        ServerIdentity.fromPem(new ByteArrayInputStream(Files.readAllBytes(cert)),
                new ByteArrayInputStream(Files.readAllBytes(key)), null);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("k", JdkTls.jdkKey(identity.privateKey()), "pw".toCharArray(),
                identity.chain().toArray(Certificate[]::new));
        Path p12 = dir.resolve("id.p12");
        try (OutputStream out = Files.newOutputStream(p12)) {
            store.store(out, "pw".toCharArray());
        }
        ServerIdentity.fromPkcs12(p12, "pw".toCharArray());
        ServerIdentity.fromPkcs12(p12, "pw".toCharArray(), "k");

        MailHostnameVerifier.verify("mail.example.test", identity.leaf());
        assertTrue(MailHostnameVerifier.matches("localhost", identity.leaf()));

        ServerTls server = ServerTls.create(identity, legacy);
        ServerTls.create(identity).policy();
        SSLEngine serverEngine = server.createEngine();
        server.context();

        ClientTls.builder().trustSystemDefault().build();
        ClientTls.builder().trustPem(cert).trustPem(new ByteArrayInputStream(Files.readAllBytes(cert))).build();
        ClientTls.builder().trustSystemDefault().trustCertificates(identity.chain()).policy(modern).build();
        ClientTls client = ClientTls.builder().pin(identity.leaf()).hostnameVerification(true).build();
        client.context();
        client.policy();
        SSLEngine clientEngine = client.createEngine("mail.example.test", 25);
        EnginePump.handshake(clientEngine, serverEngine);
        legacy.applyTo(clientEngine.getSSLParameters(), clientEngine.getSupportedProtocols(),
                clientEngine.getSupportedCipherSuites());

        try (Loopback.OneShot<Void> peer =
                     new Loopback.OneShot<>(server.createServerSocket(0, Loopback.address()), Loopback::handshakeAndClose)) {
            client.connect("127.0.0.1", peer.port(), Loopback.TIMEOUT_MILLIS).close();
            peer.awaitQuietly();
        }
        try (Loopback.OneShot<Void> peer = new Loopback.OneShot<>(new ServerSocket(0, 5, Loopback.address()),
                accepted -> Loopback.handshakeAndClose(server.startTls(accepted, Loopback.TIMEOUT_MILLIS)))) {
            Socket plain = new Socket();
            plain.connect(new InetSocketAddress(Loopback.address(), peer.port()), Loopback.TIMEOUT_MILLIS);
            SSLSocket socket = client.startTls(plain, "mail.example.test", Loopback.TIMEOUT_MILLIS);
            modern.applyTo(socket);
            socket.close();
            peer.awaitQuietly();
        }
        CertificateRejectedException.findIn(new RuntimeException());
    }
}
