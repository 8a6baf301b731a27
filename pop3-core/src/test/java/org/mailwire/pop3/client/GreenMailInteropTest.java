package org.mailwire.pop3.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailwire.pop3.ScanListing;
import org.mailwire.pop3.UniqueId;
import org.mailwire.tls.ClientTls;

/**
 * The client against a POP3 server we did not write: GreenMail's, over implicit TLS (credentials
 * never go out in cleartext), trusting GreenMail's bundled test certificate.
 */
class GreenMailInteropTest {

    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(ServerSetupTest.POP3S.dynamicPort());

    private static final ClientTls GREENMAIL_TLS = greenMailTls();

    private GreenMailUser bob;

    /** GreenMail's certificate is self-signed and names no host: trusted as is, by pinning it. */
    private static ClientTls greenMailTls() {
        try (InputStream in = GreenMailExtension.class.getClassLoader().getResourceAsStream("greenmail.p12")) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, "changeit".toCharArray());
            X509Certificate certificate = (X509Certificate) store.getCertificate(store.aliases().nextElement());
            return ClientTls.builder().trustCertificates(List.of(certificate)).hostnameVerification(false).build();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read GreenMail's certificate", e);
        }
    }

    @BeforeEach
    void deliverTwoMessages() {
        bob = GREENMAIL.setUser("bob@example.org", "bob", "secret-bob");
        bob.deliver(GreenMailUtil.createTextEmail("bob@example.org", "alice@example.org", "first",
                ".leading dot\r\nsecond line", GREENMAIL.getPop3s().getServerSetup()));
        bob.deliver(GreenMailUtil.createTextEmail("bob@example.org", "alice@example.org", "second",
                "another body", GREENMAIL.getPop3s().getServerSetup()));
    }

    private static BlockingPop3Client connect(Pop3ClientOptions.Builder options) {
        return BlockingPop3Client.connect("127.0.0.1", GREENMAIL.getPop3s().getPort(), options.build());
    }

    private static Pop3ClientOptions.Builder bob() {
        return ClientFixtures.plain().implicitTls(true).clientTls(GREENMAIL_TLS).password("bob", "secret-bob");
    }

    @Test
    void statListUidlRetrieveAndTop() {
        try (BlockingPop3Client client = connect(bob())) {
            assertTrue(client.async().isAuthenticated());
            MaildropStat stat = client.stat();
            assertEquals(2, stat.messages());

            List<ScanListing> list = client.list();
            assertEquals(2, list.size());
            assertEquals(stat.octets(), list.stream().mapToLong(ScanListing::size).sum());
            assertEquals(list.get(1), client.list(2));

            List<UniqueId> uids = client.uidl();
            assertEquals(2, uids.size());
            assertNotEquals(uids.get(0).uid(), uids.get(1).uid());
            assertEquals(uids.get(0), client.uidl(1));

            byte[] first = client.retrieve(1, 1 << 20);
            String text = new String(first, StandardCharsets.UTF_8);
            assertTrue(text.contains("Subject: first\r\n"), text);
            assertTrue(text.contains("\r\n.leading dot\r\nsecond line"), "dot-unstuffed: " + text);

            String header = new String(client.top(1, 0, 1 << 20), StandardCharsets.UTF_8);
            assertTrue(header.contains("Subject: first\r\n"), header);
            assertFalse(header.contains("leading dot"), header);

            assertTrue(client.quit());
        }
    }

    @Test
    void userPassAsWell() {
        try (BlockingPop3Client client = connect(bob().loginMethods(List.of(Pop3LoginMethod.USER_PASS)))) {
            assertEquals(2, client.stat().messages());
            client.noop();
            assertTrue(client.quit());
        }
    }

    @Test
    void wrongPasswordIsRefused() {
        Pop3AuthenticationException refused = org.junit.jupiter.api.Assertions.assertThrows(
                Pop3AuthenticationException.class, () -> connect(bob().password("bob", "wrong")));
        assertTrue(refused.status().isPresent());
    }

    /** DELE marks; QUIT's UPDATE state removes; a second session sees one message, and not the deleted id. */
    @Test
    void deleteThenQuitRemovesTheMessage() {
        String deleted;
        try (BlockingPop3Client client = connect(bob())) {
            deleted = client.uidl(1).uid();
            client.delete(1);
            assertEquals(1, client.stat().messages());
            assertTrue(client.quit());
        }
        try (BlockingPop3Client client = connect(bob())) {
            assertEquals(1, client.stat().messages());
            assertTrue(client.uidl().stream().noneMatch(u -> u.uid().equals(deleted)));
            String text = new String(client.retrieve(1, 1 << 20), StandardCharsets.UTF_8);
            assertTrue(text.contains("Subject: second"), text);
            assertTrue(client.quit());
        }
    }

    /** RSET unmarks: nothing is removed at QUIT. */
    @Test
    void resetKeepsEverything() {
        try (BlockingPop3Client client = connect(bob())) {
            client.delete(1);
            client.delete(2);
            client.reset();
            assertTrue(client.quit());
        }
        try (BlockingPop3Client client = connect(bob())) {
            assertEquals(2, client.stat().messages());
        }
    }
}
