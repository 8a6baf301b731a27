package org.mailwire.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SelfSignedCertificateTest {

    private ServerIdentity rsa;

    @BeforeAll
    void generateRsaOnce() {
        rsa = SelfSignedCertificate.generate(KeyType.RSA_2048, List.of("rsa.example.test"), 10);
    }

    /** SAN entries as "dns:name" / "ip:address" in certificate order, read through the JDK's API. */
    private static List<String> sans(X509Certificate cert) throws Exception {
        List<String> out = new ArrayList<>();
        Collection<List<?>> entries = cert.getSubjectAlternativeNames();
        for (List<?> entry : entries) {
            int type = (Integer) entry.get(0);
            String value = (String) entry.get(1);
            if (type == 2) {
                out.add("dns:" + value);
            } else if (type == 7) {
                // the literal is normalised by InetAddress, without a lookup
                out.add("ip:" + InetAddress.getByName(value).getHostAddress());
            } else {
                out.add("other:" + value);
            }
        }
        return out;
    }

    @Test
    void alwaysNamesLocalhostAndLoopback() throws Exception {
        ServerIdentity identity = SelfSignedCertificate.generate(KeyType.EC_P256, List.of(), 1);
        assertEquals(List.of("dns:localhost", "ip:127.0.0.1"), sans(identity.leaf()));
        assertEquals("CN=localhost", identity.leaf().getSubjectX500Principal().getName());
    }

    @Test
    void addsTheGivenNamesDetectingIpLiterals() throws Exception {
        ServerIdentity identity = SelfSignedCertificate.builder()
                .names(List.of("Mail.Example.Test", "192.0.2.25", "2001:db8::25", "[::1]", "*.mx.example.test", "localhost"))
                .build();
        assertEquals(List.of("dns:mail.example.test", "ip:192.0.2.25", "ip:2001:db8:0:0:0:0:0:25", "ip:0:0:0:0:0:0:0:1",
                "dns:*.mx.example.test", "dns:localhost", "ip:127.0.0.1"), sans(identity.leaf()));
        assertEquals("CN=mail.example.test", identity.leaf().getSubjectX500Principal().getName());
        assertTrue(MailHostnameVerifier.matches("::1", identity.leaf()));
        assertTrue(MailHostnameVerifier.matches("a.mx.example.test", identity.leaf()));
    }

    @Test
    void theSameAddressInTwoSpellingsIsWrittenOnce() throws Exception {
        ServerIdentity identity = SelfSignedCertificate.builder().names(List.of("::1", "0:0:0:0:0:0:0:1", "127.0.0.1")).build();
        assertEquals(List.of("ip:0:0:0:0:0:0:0:1", "ip:127.0.0.1", "dns:localhost"), sans(identity.leaf()));
    }

    @Test
    void isAServerCertificateWithARandomPositiveSerial() throws Exception {
        X509Certificate a = SelfSignedCertificate.generate(KeyType.EC_P256, List.of("a.example.test"), 1).leaf();
        X509Certificate b = SelfSignedCertificate.generate(KeyType.EC_P256, List.of("a.example.test"), 1).leaf();
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), a.getExtendedKeyUsage());
        assertEquals(-1, a.getBasicConstraints());
        assertTrue(a.getKeyUsage()[0], "digitalSignature");
        assertTrue(a.getSerialNumber().signum() > 0);
        assertTrue(a.getSerialNumber().bitLength() > 64, "at least 64 random bits");
        assertTrue(a.getSerialNumber().toByteArray().length <= 20, "RFC 5280: at most 20 octets");
        assertFalse(a.getSerialNumber().equals(b.getSerialNumber()));
        a.verify(a.getPublicKey()); // self-signed
        assertEquals(a.getSubjectX500Principal(), a.getIssuerX500Principal());
    }

    @Test
    void keyTypes() throws Exception {
        X509Certificate ec = SelfSignedCertificate.generate(KeyType.EC_P256, List.of(), 1).leaf();
        assertTrue(ec.getPublicKey() instanceof ECPublicKey);
        assertEquals(256, ((ECPublicKey) ec.getPublicKey()).getParams().getCurve().getField().getFieldSize());
        assertEquals("SHA256WITHECDSA", ec.getSigAlgName().toUpperCase(java.util.Locale.ROOT));

        assertTrue(rsa.leaf().getPublicKey() instanceof RSAPublicKey);
        assertEquals(2048, ((RSAPublicKey) rsa.leaf().getPublicKey()).getModulus().bitLength());
        assertTrue(rsa.leaf().getKeyUsage()[2], "keyEncipherment for static RSA key exchange");
        rsa.leaf().verify(rsa.leaf().getPublicKey());
    }

    @Test
    void validityWindow() {
        Instant from = Instant.parse("2030-01-02T03:04:05Z");
        X509Certificate cert = SelfSignedCertificate.builder().validFrom(from).validityDays(7).build().leaf();
        assertEquals(from, cert.getNotBefore().toInstant());
        assertEquals(from.plus(Duration.ofDays(7)), cert.getNotAfter().toInstant());
    }

    @Test
    void byDefaultValidNowWithSomeSlackForClockSkew() throws Exception {
        X509Certificate cert = SelfSignedCertificate.builder().build().leaf();
        cert.checkValidity();
        assertTrue(cert.getNotBefore().toInstant().isBefore(Instant.now().minus(30, ChronoUnit.MINUTES)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "mail..example.test", "-mail.example.test", "mail_x.example.test", "m\u00e4il.example.test",
            "a.*.example.test", "f*o.example.test", "*.test", "1.2.3", "fe80::1%eth0", "has space.test"})
    void refusesNamesThatAreNeitherHostNamesNorAddresses(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SelfSignedCertificate.builder().names(List.of(name)));
        assertTrue(e.getMessage().contains("neither a DNS host name nor an IP address"), e.getMessage());
    }

    @Test
    void refusesOutOfRangeValidity() {
        assertThrows(IllegalArgumentException.class, () -> SelfSignedCertificate.builder().validityDays(0));
        assertThrows(IllegalArgumentException.class, () -> SelfSignedCertificate.builder().validityDays(3651));
    }

    @Test
    void theKeyBelongsToTheCertificate() throws Exception {
        ServerIdentity identity = SelfSignedCertificate.generate(KeyType.EC_P256, List.of(), 1);
        java.security.Signature signer = java.security.Signature.getInstance("SHA256withECDSA");
        signer.initSign(JdkTls.jdkKey(identity.privateKey()));
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        java.security.Signature verifier = java.security.Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(identity.leaf().getPublicKey());
        verifier.update(new byte[] {1, 2, 3});
        assertTrue(verifier.verify(signature));
        assertArrayEquals(identity.leaf().getEncoded(), identity.chain().get(0).getEncoded());
    }
}
