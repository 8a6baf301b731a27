package org.mailwire.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mailwire.tls.CertificateRejectedException.Reason;

/**
 * What ClientTls refuses, and that the refusal says why: over real sockets to a BCJSSE server on
 * 127.0.0.1, and with engines in memory (the path the MINA transport uses).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientTrustTest {

    private TestPki.Ca ca;
    private ServerIdentity mail;

    @BeforeAll
    void createPki() {
        ca = TestPki.newCa("Mailwire Test CA");
        mail = TestPki.leaf(ca, List.of("mail.example.test"));
    }

    private ClientTls trustingCa() {
        return ClientTls.builder().trustCertificates(List.of(ca.certificate())).build();
    }

    /** Connects {@code client} to a one-connection server holding {@code identity}, expecting {@code expectedHost}. */
    private static SSLHandshakeException refusedOverSocket(ClientTls client, ServerIdentity identity, String expectedHost)
            throws Exception {
        ServerTls server = ServerTls.create(identity);
        try (Loopback.OneShot<Void> peer =
                     new Loopback.OneShot<>(server.createServerSocket(0, Loopback.address()), Loopback::handshakeAndClose)) {
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> client.connect(
                    new InetSocketAddress(Loopback.address(), peer.port()), expectedHost, Loopback.TIMEOUT_MILLIS).close());
            peer.awaitQuietly();
            return e;
        }
    }

    private static SSLSocket acceptedOverSocket(ClientTls client, ServerIdentity identity, String expectedHost) throws Exception {
        ServerTls server = ServerTls.create(identity);
        try (Loopback.OneShot<Void> peer =
                     new Loopback.OneShot<>(server.createServerSocket(0, Loopback.address()), Loopback::handshakeAndClose)) {
            SSLSocket socket = client.connect(new InetSocketAddress(Loopback.address(), peer.port()), expectedHost,
                    Loopback.TIMEOUT_MILLIS);
            socket.close();
            peer.awaitQuietly();
            return socket;
        }
    }

    private static CertificateRejectedException rejection(Throwable failure) {
        return CertificateRejectedException.findIn(failure)
                .orElseThrow(() -> new AssertionError("no CertificateRejectedException in the cause chain", failure));
    }

    @Test
    void acceptsACertificateFromTheTrustedCa() throws Exception {
        SSLSocket socket = acceptedOverSocket(trustingCa(), mail, "mail.example.test");
        assertEquals("TLSv1.3", socket.getSession().getProtocol());
    }

    @Test
    void acceptsTheHostNameInAnyCaseAndWithATrailingDot() throws Exception {
        acceptedOverSocket(trustingCa(), mail, "MAIL.Example.TEST.");
    }

    @Test
    void refusesAWrongHostName() throws Exception {
        SSLHandshakeException e = refusedOverSocket(trustingCa(), mail, "other.example.test");
        CertificateRejectedException rejected = rejection(e);
        assertEquals(Reason.HOSTNAME_MISMATCH, rejected.reason());
        assertTrue(rejected.getMessage().contains("does not match host 'other.example.test'"), rejected.getMessage());
        assertTrue(rejected.getMessage().contains("mail.example.test"), rejected.getMessage());
    }

    @Test
    void refusesAnExpiredCertificate() throws Exception {
        ServerIdentity expired = SelfSignedCertificate.builder().names(List.of("mail.example.test"))
                .validFrom(Instant.now().minus(Duration.ofDays(10))).validityDays(1).build();
        ClientTls client = ClientTls.builder().trustCertificates(expired.chain()).build();

        CertificateRejectedException rejected = rejection(refusedOverSocket(client, expired, "mail.example.test"));

        assertEquals(Reason.EXPIRED, rejected.reason());
        assertTrue(rejected.getMessage().contains("expired"), rejected.getMessage());
    }

    @Test
    void refusesAnExpiredLeafFromATrustedCa() throws Exception {
        Instant now = Instant.now();
        ServerIdentity expired = TestPki.leaf(ca, List.of("mail.example.test"),
                now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(9)));

        CertificateRejectedException rejected = rejection(refusedOverSocket(trustingCa(), expired, "mail.example.test"));

        assertEquals(Reason.EXPIRED, rejected.reason());
        assertTrue(rejected.getMessage().contains("expired"), rejected.getMessage());
    }

    @Test
    void refusesACertificateNotYetValid() throws Exception {
        ServerIdentity future = SelfSignedCertificate.builder().names(List.of("mail.example.test"))
                .validFrom(Instant.now().plus(Duration.ofDays(2))).validityDays(10).build();
        ClientTls client = ClientTls.builder().trustCertificates(future.chain()).build();

        CertificateRejectedException rejected = rejection(refusedOverSocket(client, future, "mail.example.test"));

        assertEquals(Reason.NOT_YET_VALID, rejected.reason());
        assertTrue(rejected.getMessage().contains("not yet valid"), rejected.getMessage());
    }

    @Test
    void refusesAnUntrustedIssuer() throws Exception {
        TestPki.Ca otherCa = TestPki.newCa("Somebody Else's CA");
        ClientTls client = ClientTls.builder().trustCertificates(List.of(otherCa.certificate())).build();

        CertificateRejectedException rejected = rejection(refusedOverSocket(client, mail, "mail.example.test"));

        assertEquals(Reason.UNTRUSTED, rejected.reason());
        assertTrue(rejected.getMessage().contains("not trusted"), rejected.getMessage());
        assertTrue(rejected.getMessage().contains("unknown issuer 'CN=Mailwire Test CA'"), rejected.getMessage());
    }

    @Test
    void systemTrustRefusesASelfSignedCertificate() throws Exception {
        ServerIdentity selfSigned = SelfSignedCertificate.generate(KeyType.EC_P256, List.of("mail.example.test"), 5);
        ClientTls client = ClientTls.builder().trustSystemDefault().build();

        assertEquals(Reason.UNTRUSTED, rejection(refusedOverSocket(client, selfSigned, "mail.example.test")).reason());
    }

    @Test
    void hostNameVerificationCanBeTurnedOff() throws Exception {
        ClientTls client = ClientTls.builder().trustCertificates(List.of(ca.certificate()))
                .hostnameVerification(false).build();
        acceptedOverSocket(client, mail, "other.example.test");
    }

    @Test
    void pinningAcceptsThePinnedCertificateRegardlessOfIssuer() throws Exception {
        ServerIdentity selfSigned = SelfSignedCertificate.generate(KeyType.EC_P256, List.of("mail.example.test"), 5);
        ClientTls client = ClientTls.builder().pin(selfSigned.leaf()).build();

        acceptedOverSocket(client, selfSigned, "mail.example.test");
        acceptedOverSocket(client, selfSigned, "127.0.0.1");
    }

    @Test
    void pinningRefusesAnyOtherCertificate() throws Exception {
        ServerIdentity pinned = SelfSignedCertificate.generate(KeyType.EC_P256, List.of("mail.example.test"), 5);
        ServerIdentity impostor = SelfSignedCertificate.generate(KeyType.EC_P256, List.of("mail.example.test"), 5);
        ClientTls client = ClientTls.builder().pin(pinned.leaf()).build();

        CertificateRejectedException rejected = rejection(refusedOverSocket(client, impostor, "mail.example.test"));

        assertEquals(Reason.PIN_MISMATCH, rejected.reason());
        assertTrue(rejected.getMessage().contains("is not pinned"), rejected.getMessage());
    }

    @Test
    void pinningStillChecksTheHostName() throws Exception {
        ServerIdentity pinned = SelfSignedCertificate.generate(KeyType.EC_P256, List.of("mail.example.test"), 5);
        ClientTls client = ClientTls.builder().pin(pinned.leaf()).build();

        assertEquals(Reason.HOSTNAME_MISMATCH, rejection(refusedOverSocket(client, pinned, "other.example.test")).reason());
    }

    @Test
    void pinningStillChecksValidityDates() throws Exception {
        ServerIdentity expired = SelfSignedCertificate.builder().names(List.of("mail.example.test"))
                .validFrom(Instant.now().minus(Duration.ofDays(10))).validityDays(1).build();
        ClientTls client = ClientTls.builder().pin(expired.leaf()).build();

        assertEquals(Reason.EXPIRED, rejection(refusedOverSocket(client, expired, "mail.example.test")).reason());
    }

    @Test
    void anEmptyListOfAnchorsIsRefusedRatherThanFallingBackToSystemTrust() {
        assertThrows(IllegalArgumentException.class, () -> ClientTls.builder().trustCertificates(List.of()));
    }

    @Test
    void pinsCannotBeCombinedWithTrustAnchors() {
        ServerIdentity selfSigned = SelfSignedCertificate.generate(KeyType.EC_P256, List.of(), 5);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ClientTls.builder()
                .pin(selfSigned.leaf()).trustCertificates(List.of(ca.certificate())).build());
        assertTrue(e.getMessage().contains("cannot be combined"), e.getMessage());
    }

    /*
     * The engine tests below show that BCJSSE hands our X509ExtendedTrustManager the SSLEngine: the
     * host name only reaches the check through engine.getPeerHost(), and the variant without an
     * engine fails closed, so a successful handshake and a mismatch naming the host both prove it.
     */

    @Test
    void engineHandshakeChecksTheHostFromTheEngine() throws Exception {
        SSLEngine client = trustingCa().createEngine("mail.example.test", 25);
        SSLEngine server = ServerTls.create(mail).createEngine();

        EnginePump.handshake(client, server);

        assertEquals("TLSv1.3", client.getSession().getProtocol());
        assertEquals("mail.example.test", client.getPeerHost());
    }

    @Test
    void engineHandshakeRefusesAWrongHost() {
        SSLEngine client = trustingCa().createEngine("other.example.test", 25);
        SSLEngine server = ServerTls.create(mail).createEngine();

        SSLException e = assertThrows(SSLException.class, () -> EnginePump.handshake(client, server));

        CertificateRejectedException rejected = rejection(e);
        assertEquals(Reason.HOSTNAME_MISMATCH, rejected.reason());
        assertTrue(rejected.getMessage().contains("does not match host 'other.example.test'"), rejected.getMessage());
    }

    @Test
    void engineWithoutAHostFailsClosed() {
        SSLEngine client = trustingCa().context().createSSLEngine();
        client.setUseClientMode(true);
        SSLEngine server = ServerTls.create(mail).createEngine();

        SSLException e = assertThrows(SSLException.class, () -> EnginePump.handshake(client, server));

        CertificateRejectedException rejected = rejection(e);
        assertEquals(Reason.HOSTNAME_MISMATCH, rejected.reason());
        assertTrue(rejected.getMessage().contains("no expected host name"), rejected.getMessage());
    }

    @Test
    void engineForAnIpLiteralMatchesOnlyIpAddressNames() throws Exception {
        ServerIdentity byAddress = TestPki.leaf(ca, List.of("mail.example.test", "192.0.2.25", "2001:db8::25"));

        EnginePump.handshake(trustingCa().createEngine("192.0.2.25", 25), ServerTls.create(byAddress).createEngine());
        EnginePump.handshake(trustingCa().createEngine("[2001:db8:0:0::25]", 25), ServerTls.create(byAddress).createEngine());
        SSLException e = assertThrows(SSLException.class, () -> EnginePump.handshake(
                trustingCa().createEngine("192.0.2.26", 25), ServerTls.create(byAddress).createEngine()));
        assertEquals(Reason.HOSTNAME_MISMATCH, rejection(e).reason());
    }

    @Test
    void engineSendsSniForHostNamesOnly() {
        ClientTls client = trustingCa();
        assertEquals(List.of(new javax.net.ssl.SNIHostName("mail.example.test")),
                client.createEngine("mail.example.test.", 25).getSSLParameters().getServerNames());
        assertEquals(List.of(), client.createEngine("127.0.0.1", 25).getSSLParameters().getServerNames());
        assertEquals(List.of(), client.createEngine("::1", 25).getSSLParameters().getServerNames());
    }
}
