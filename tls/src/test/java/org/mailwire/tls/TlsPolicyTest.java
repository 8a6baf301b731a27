package org.mailwire.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailwire.tls.internal.BcProviders;

class TlsPolicyTest {

    private static final Set<String> TLS13_SUITES =
            Set.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");

    private static SSLEngine bcjsseEngine() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS", BcProviders.get().jsse());
        context.init(null, null, null);
        return context.createSSLEngine();
    }

    private static boolean isAead(String suite) {
        return TLS13_SUITES.contains(suite) || suite.contains("_GCM_") || suite.contains("_CHACHA20_POLY1305_");
    }

    @Test
    void modernOnBcjsseEnablesOnlyTls13And12AndOnlyAeadSuites() throws Exception {
        SSLEngine engine = bcjsseEngine();
        TlsPolicy.modern().applyTo(engine);

        assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, engine.getEnabledProtocols());
        assertTrue(engine.getEnabledCipherSuites().length >= 9, List.of(engine.getEnabledCipherSuites()).toString());
        for (String suite : engine.getEnabledCipherSuites()) {
            assertTrue(isAead(suite), suite);
            assertTrue(TLS13_SUITES.contains(suite) || suite.startsWith("TLS_ECDHE_"), "forward secrecy: " + suite);
        }
        assertTrue(engine.getSSLParameters().getUseCipherSuitesOrder());
    }

    @Test
    void modernEnablesTheSuitesInPolicyOrder() throws Exception {
        SSLEngine engine = bcjsseEngine();
        TlsPolicy.modern().applyTo(engine);
        assertEquals(TlsPolicy.modern().cipherSuites(), List.of(engine.getEnabledCipherSuites()));
    }

    @Test
    void legacyIsASupersetOfModernAddingCbcSuites() throws Exception {
        SSLEngine modern = bcjsseEngine();
        TlsPolicy.modern().applyTo(modern);
        SSLEngine legacy = bcjsseEngine();
        TlsPolicy.legacy().applyTo(legacy);

        List<String> legacySuites = List.of(legacy.getEnabledCipherSuites());
        assertTrue(legacySuites.containsAll(List.of(modern.getEnabledCipherSuites())));
        assertTrue(legacySuites.contains("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"), legacySuites.toString());
        assertTrue(legacySuites.contains("TLS_RSA_WITH_AES_128_CBC_SHA"), legacySuites.toString());
        assertTrue(TlsPolicy.legacy().cipherSuites().containsAll(TlsPolicy.modern().cipherSuites()));
        assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, legacy.getEnabledProtocols());
        assertEquals("legacy", TlsPolicy.legacy().name());
        assertEquals("modern", TlsPolicy.modern().name());
    }

    @Test
    void appliesToTheJdkProviderToo() throws Exception {
        SSLContext jdk = SSLContext.getInstance("TLS");
        jdk.init(null, null, null);
        SSLEngine engine = jdk.createSSLEngine();
        TlsPolicy.modern().applyTo(engine);
        for (String suite : engine.getEnabledCipherSuites()) {
            assertTrue(isAead(suite), suite);
        }
    }

    @Test
    void failsClearlyWhenNoSuiteIsSupported() throws Exception {
        TlsPolicy exotic = new TlsPolicy("exotic", List.of("TLSv1.3"), List.of("TLS_NOT_A_REAL_SUITE"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> exotic.applyTo(bcjsseEngine()));
        assertTrue(e.getMessage().contains("none of the cipher suites"), e.getMessage());
        assertTrue(e.getMessage().contains("exotic"), e.getMessage());
    }

    @Test
    void aServerWithAnUnsupportedPolicyFailsAtCreation() {
        TlsPolicy exotic = new TlsPolicy("exotic", List.of("TLSv1.3"), List.of("TLS_NOT_A_REAL_SUITE"));
        ServerIdentity identity = SelfSignedCertificate.generate(KeyType.EC_P256, List.of(), 1);
        assertThrows(IllegalStateException.class, () -> ServerTls.create(identity, exotic));
        assertThrows(IllegalStateException.class, () -> ClientTls.builder().policy(exotic).build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"SSLv3", "TLSv1", "TLSv1.1", "SSLv2Hello", "tlsv1.3"})
    void refusesOldProtocols(String protocol) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TlsPolicy("old", List.of(protocol), List.of("TLS_AES_128_GCM_SHA256")));
        assertTrue(e.getMessage().contains(protocol), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLS_RSA_WITH_RC4_128_SHA", "SSL_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_RSA_WITH_NULL_SHA256",
            "TLS_DH_anon_WITH_AES_128_GCM_SHA256", "SSL_RSA_EXPORT_WITH_RC4_40_MD5", "TLS_RSA_WITH_DES_CBC_SHA"})
    void refusesBrokenSuites(String suite) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TlsPolicy("broken", List.of("TLSv1.2"), List.of(suite)));
        assertTrue(e.getMessage().contains("insecure"), e.getMessage());
    }

    @Test
    void validatesItsLists() {
        assertThrows(IllegalArgumentException.class, () -> new TlsPolicy(" ", List.of("TLSv1.3"), List.of("TLS_AES_128_GCM_SHA256")));
        assertThrows(IllegalArgumentException.class, () -> new TlsPolicy("p", List.of(), List.of("TLS_AES_128_GCM_SHA256")));
        assertThrows(IllegalArgumentException.class, () -> new TlsPolicy("p", List.of("TLSv1.3"), List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new TlsPolicy("p", List.of("TLSv1.3", "TLSv1.3"), List.of("TLS_AES_128_GCM_SHA256")));
        assertThrows(NullPointerException.class, () -> new TlsPolicy("p", null, List.of("TLS_AES_128_GCM_SHA256")));
    }

    @Test
    void copiesItsListsDefensively() {
        List<String> suites = new ArrayList<>(List.of("TLS_AES_128_GCM_SHA256"));
        TlsPolicy policy = new TlsPolicy("p", List.of("TLSv1.3"), suites);
        suites.add("TLS_AES_256_GCM_SHA384");
        assertEquals(List.of("TLS_AES_128_GCM_SHA256"), policy.cipherSuites());
        assertThrows(UnsupportedOperationException.class, () -> policy.cipherSuites().add("x"));
        assertThrows(UnsupportedOperationException.class, () -> policy.protocols().clear());
    }

    @Test
    void serverEnginesAndSocketsCarryThePolicy() throws Exception {
        ServerTls server = ServerTls.create(SelfSignedCertificate.generate(KeyType.EC_P256, List.of(), 1));
        SSLEngine engine = server.createEngine();
        assertTrue(!engine.getUseClientMode());
        assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, engine.getEnabledProtocols());
        try (var socket = server.createServerSocket(0, Loopback.address())) {
            assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, socket.getEnabledProtocols());
            for (String suite : socket.getEnabledCipherSuites()) {
                assertTrue(isAead(suite), suite);
            }
        }
    }
}
