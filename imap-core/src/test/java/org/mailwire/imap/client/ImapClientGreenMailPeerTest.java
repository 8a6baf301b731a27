package org.mailwire.imap.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.mailwire.imap.FetchAttribute;
import org.mailwire.imap.Flag;
import org.mailwire.imap.ImapResponse;
import org.mailwire.imap.MailboxName;
import org.mailwire.imap.SearchKey;
import org.mailwire.imap.Section;
import org.mailwire.imap.SequenceSet;
import org.mailwire.tls.ClientTls;

/**
 * The client against an IMAP server we did not write, in every {@code mvn verify}: GreenMail's,
 * over implicit TLS, trusting its bundled test certificate. Pipelined commands, the view kept by
 * FETCH UID, a body fetched into memory, STORE and SEARCH, APPEND and COPY.
 */
class ImapClientGreenMailPeerTest {

    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(ServerSetupTest.IMAPS.dynamicPort());

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
    void deliver() {
        GreenMailUser carol = GREENMAIL.setUser("carol@example.org", "carol", "secret-carol");
        carol.deliver(GreenMailUtil.createTextEmail("carol@example.org", "dan@example.org", "first", "body one",
                GREENMAIL.getImaps().getServerSetup()));
        carol.deliver(GreenMailUtil.createTextEmail("carol@example.org", "dan@example.org", "second", "body two",
                GREENMAIL.getImaps().getServerSetup()));
    }

    @Test
    void readsSearchesFlagsAppendsAndCopies() {
        ImapClientOptions options = ImapClientOptions.builder().implicitTls(true).clientTls(greenMailTls())
                .password("carol", "secret-carol").readTimeout(ImapScripts.TIMEOUT).build();
        try (BlockingImapClient client = BlockingImapClient.connect("127.0.0.1", GREENMAIL.getImaps().getPort(),
                options)) {
            assertTrue(client.isAuthenticated());
            SelectResult selected = client.select(MailboxName.INBOX);
            assertEquals(2, selected.exists());

            // a FETCH and a SEARCH by number may share the wire; each gets its own responses
            var fetch = client.async().fetch(FetchRequest.of(SequenceSet.parse("1:*"), FetchAttribute.Simple.UID,
                    FetchAttribute.Simple.FLAGS));
            var search = client.async().search(SearchKey.Simple.ALL);
            List<ImapResponse.Fetch> fetched = BlockingImapClient.await(fetch);
            assertEquals(2, fetched.size());
            assertEquals(List.of(1L, 2L), BlockingImapClient.await(search).numbers());
            MailboxView view = client.selected().orElseThrow();
            long uid2 = view.uid(2).orElseThrow();
            assertEquals(2, view.sequenceNumber(uid2).orElseThrow());

            byte[] body = client.fetchBody(true, uid2, new Section(List.of(), Section.Text.TEXT, List.of()), 10_000);
            assertTrue(new String(body, StandardCharsets.US_ASCII).contains("body two"));

            client.store(StoreRequest.add(SequenceSet.parse("1"), Flag.FLAGGED));
            assertEquals(List.of(1L), client.search(SearchKey.Simple.FLAGGED).numbers());

            client.create(MailboxName.of("Saved"));
            client.append(MailboxName.of("Saved"), List.of(Flag.SEEN), null,
                    "Subject: third\r\n\r\nbody three\r\n".getBytes(StandardCharsets.US_ASCII));
            client.copy(false, SequenceSet.parse("1:2"), MailboxName.of("Saved"));
            assertEquals(3L, client.status(MailboxName.of("Saved"), org.mailwire.imap.StatusItem.MESSAGES).items()
                    .get(org.mailwire.imap.StatusItem.MESSAGES));
            client.logout();
        }
    }
}
