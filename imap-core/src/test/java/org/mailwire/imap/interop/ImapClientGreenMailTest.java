package org.mailwire.imap.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mailwire.imap.interop.ResponseValues.flagsOf;
import static org.mailwire.imap.interop.ResponseValues.item;
import static org.mailwire.imap.interop.ResponseValues.members;
import static org.mailwire.imap.interop.ResponseValues.one;
import static org.mailwire.imap.interop.ResponseValues.uidOf;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailwire.imap.Address;
import org.mailwire.imap.BodyPart;
import org.mailwire.imap.FetchAttribute;
import org.mailwire.imap.FetchItem;
import org.mailwire.imap.Flag;
import org.mailwire.imap.ImapResponse;
import org.mailwire.imap.MailboxName;
import org.mailwire.imap.ResponseCode;
import org.mailwire.imap.SearchKey;
import org.mailwire.imap.SearchReturn;
import org.mailwire.imap.Section;
import org.mailwire.imap.SequenceSet;
import org.mailwire.imap.StatusItem;
import org.mailwire.imap.client.AppendResult;
import org.mailwire.imap.client.BlockingImapClient;
import org.mailwire.imap.client.CopyResult;
import org.mailwire.imap.client.FetchListener;
import org.mailwire.imap.client.FetchRequest;
import org.mailwire.imap.client.IdleHandle;
import org.mailwire.imap.client.ImapAuthenticationException;
import org.mailwire.imap.client.ImapClient;
import org.mailwire.imap.client.ImapClientException;
import org.mailwire.imap.client.ImapClientOptions;
import org.mailwire.imap.client.ImapCommandException;
import org.mailwire.imap.client.ImapEvent;
import org.mailwire.imap.client.ImapLoginMethod;
import org.mailwire.imap.client.MailboxView;
import org.mailwire.imap.client.MessageTooLargeException;
import org.mailwire.imap.client.MissingCapabilityException;
import org.mailwire.imap.client.SearchResult;
import org.mailwire.imap.client.SelectParameters;
import org.mailwire.imap.client.SelectResult;
import org.mailwire.imap.client.SortCriterion;
import org.mailwire.imap.client.StartTlsPolicy;
import org.mailwire.imap.client.StoreRequest;
import org.mailwire.imap.client.StoreResult;
import org.mailwire.tls.ClientTls;

/**
 * Our IMAP client against an IMAP server we did not write: GreenMail's, over implicit TLS (the
 * client never sends credentials in cleartext, and GreenMail's plain IMAP offers no STARTTLS),
 * with GreenMail's bundled self-signed certificate pinned. A fresh server per test, so every test
 * starts from its own mailboxes.
 */
class ImapClientGreenMailTest {

    private static final String USER = "bob";
    private static final String PASSWORD = "secret-bob";
    private static final String ADDRESS = "bob@example.org";
    /** Bounds every wait for something the server pushes (an IDLE event); generous for a loaded machine. */
    private static final long PUSH_WAIT_SECONDS = 60;
    /** Bodies fetched into memory here are small; the bound only guards against a runaway server. */
    private static final long MAX_BODY = 1 << 20;

    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(new ServerSetup[] {
            ServerSetupTest.IMAPS.dynamicPort(), ServerSetupTest.IMAP.dynamicPort(),
            ServerSetupTest.SMTP.dynamicPort()})
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(ADDRESS, USER, PASSWORD));

    private static final X509Certificate GREENMAIL_CERTIFICATE = greenMailCertificate();

    private GreenMailUser bob;

    /** GreenMail's certificate is self-signed and names no host: pinned, without a host name check. */
    private static X509Certificate greenMailCertificate() {
        try (InputStream in = GreenMailExtension.class.getClassLoader().getResourceAsStream("greenmail.p12")) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, "changeit".toCharArray());
            return (X509Certificate) store.getCertificate(store.aliases().nextElement());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read GreenMail's certificate", e);
        }
    }

    @BeforeEach
    void findBob() {
        bob = GREENMAIL.getUserManager().getUser(USER);
    }

    private static ImapClientOptions.Builder imaps() {
        return ImapClientOptions.builder()
                .implicitTls(true)
                .clientTls(ClientTls.builder().pin(GREENMAIL_CERTIFICATE).hostnameVerification(false).build())
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(30));
    }

    private static BlockingImapClient connect(ImapClientOptions.Builder options) {
        return BlockingImapClient.connect("127.0.0.1", GREENMAIL.getImaps().getPort(), options.build());
    }

    private static BlockingImapClient login() {
        return connect(imaps().password(USER, PASSWORD));
    }

    private void deliver(String subject, String body) {
        bob.deliver(GreenMailUtil.createTextEmail(ADDRESS, "alice@example.org", subject, body,
                GREENMAIL.getSmtp().getServerSetup()));
    }

    private static byte[] message(String subject, String body) {
        return ("From: Alice <alice@example.org>\r\nTo: bob@example.org\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + subject + "@example.org>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean listed(BlockingImapClient client, String name) {
        return client.list("", "*").stream().anyMatch(e -> e.mailbox().name().equals(name));
    }

    /** Collects every body chunk of one fetch, per message. */
    private static final class BodyCollector implements FetchListener {
        final Map<Long, ByteArrayOutputStream> bodies = new ConcurrentHashMap<>();
        final List<ImapResponse.Fetch> responses = new CopyOnWriteArrayList<>();

        @Override
        public void bodyChunk(long seq, Section section, ByteBuffer chunk) {
            byte[] bytes = new byte[chunk.remaining()];
            chunk.get(bytes);
            bodies.computeIfAbsent(seq, s -> new ByteArrayOutputStream()).writeBytes(bytes);
        }

        @Override
        public void fetched(ImapResponse.Fetch response) {
            responses.add(response);
        }
    }

    @Test
    void plainImapWithoutCredentialsStaysUnauthenticated() {
        ImapClientOptions options = ImapClientOptions.builder().startTlsPolicy(StartTlsPolicy.DISABLED)
                .readTimeout(Duration.ofSeconds(30)).build();
        try (BlockingImapClient client = BlockingImapClient.connect("127.0.0.1", GREENMAIL.getImap().getPort(),
                options)) {
            assertFalse(client.isAuthenticated());
            assertFalse(client.async().isSecure());
            assertTrue(client.capability().contains("IMAP4REV1"), () -> client.capabilities().toString());
            client.noop();
            client.logout();
            assertFalse(client.isOpen());
        }
    }

    /**
     * GreenMail's cleartext IMAP offers no STARTTLS: with credentials the client requires it, so it
     * gives up before any credential crosses the wire.
     */
    @Test
    void credentialsOverCleartextWithoutStartTlsAreNeverSent() {
        ImapClientOptions options = imaps().implicitTls(false).password(USER, PASSWORD).build();
        assertEquals(StartTlsPolicy.REQUIRED, options.startTlsPolicy());
        MissingCapabilityException refused = assertThrows(MissingCapabilityException.class,
                () -> BlockingImapClient.connect("127.0.0.1", GREENMAIL.getImap().getPort(), options));
        assertTrue(refused.getMessage().contains("STARTTLS"), refused::getMessage);
    }

    @Test
    void imapsPinnedCertificateAndCapability() {
        try (BlockingImapClient client = login()) {
            assertTrue(client.async().isSecure());
            assertTrue(client.async().tlsDetails().isPresent());
            assertTrue(client.isAuthenticated());
            assertEquals(ImapResponse.Status.OK, client.async().greeting().status());
            var announced = client.capability();
            assertTrue(announced.contains("IMAP4REV1"), announced::toString);
            assertEquals(announced, client.capabilities());
            assertTrue(announced.stream().allMatch(c -> c.equals(c.toUpperCase(Locale.ROOT))), announced::toString);
            client.logout();
            assertFalse(client.isOpen());
        }
    }

    @Test
    void aCertificateThatIsNotPinnedIsRefused() {
        ImapClientOptions.Builder systemTrust = imaps()
                .clientTls(ClientTls.builder().trustSystemDefault().hostnameVerification(false).build())
                .password(USER, PASSWORD);
        assertThrows(ImapClientException.class, () -> connect(systemTrust));
    }

    /** GreenMail 2.1 lists AUTH=XOAUTH2 (the password stands in for the token) but not AUTH=PLAIN. */
    @Test
    void greenMailOffersXoauth2ButNotPlain() {
        try (BlockingImapClient probe = connect(imaps())) {
            assertFalse(probe.isAuthenticated());
            assertTrue(probe.hasCapability("AUTH=XOAUTH2"), probe.capabilities()::toString);
            assertFalse(probe.hasCapability("AUTH=PLAIN"), probe.capabilities()::toString);
        }
    }

    @Test
    void loginCommand() {
        try (BlockingImapClient client = connect(imaps().password(USER, PASSWORD)
                .loginMethods(List.of(ImapLoginMethod.LOGIN)))) {
            assertTrue(client.isAuthenticated());
            assertEquals(0, client.select(MailboxName.INBOX).exists());
        }
    }

    /** The only mechanism GreenMail advertises; it takes the password as the token, sent with SASL-IR. */
    @Test
    void authenticateXoauth2() {
        try (BlockingImapClient client = connect(imaps().oauthToken(USER, PASSWORD)
                .loginMethods(List.of(ImapLoginMethod.XOAUTH2)))) {
            assertTrue(client.isAuthenticated());
            assertEquals(0, client.select(MailboxName.INBOX).exists());
        }
    }

    /**
     * GreenMail takes XOAUTH2 only with an initial response: without SASL-IR it answers the bare
     * AUTHENTICATE with BAD, which the client reports as a failed login carrying that response.
     */
    @Test
    void xoauth2WithoutInitialResponseIsRefusedByGreenMail() {
        ImapClientOptions.Builder noIr = imaps().oauthToken(USER, PASSWORD).saslInitialResponse(false)
                .loginMethods(List.of(ImapLoginMethod.XOAUTH2));
        ImapAuthenticationException refused = assertThrows(ImapAuthenticationException.class, () -> connect(noIr));
        assertEquals(ImapResponse.Status.BAD, refused.response().orElseThrow().status());
    }

    @Test
    void aWrongTokenIsRefused() {
        ImapClientOptions.Builder wrong = imaps().oauthToken(USER, "not-the-token")
                .loginMethods(List.of(ImapLoginMethod.XOAUTH2));
        assertThrows(ImapAuthenticationException.class, () -> connect(wrong));
    }

    /** PLAIN alone cannot be used against GreenMail: the client refuses before sending a credential. */
    @Test
    void plainOnlyIsRefusedWithoutSendingAnything() {
        ImapClientOptions.Builder plainOnly = imaps().password(USER, PASSWORD)
                .loginMethods(List.of(ImapLoginMethod.PLAIN));
        assertThrows(MissingCapabilityException.class, () -> connect(plainOnly));
    }

    /** Quotes, backslashes and spaces make the LOGIN arguments quoted strings with escapes. */
    @Test
    void loginWithCharactersThatNeedQuoting() {
        String user = "carol smith";
        String password = "p@ss \"word\" with \\ back";
        GREENMAIL.setUser("carol@example.org", user, password);
        try (BlockingImapClient client = connect(imaps().password(user, password)
                .loginMethods(List.of(ImapLoginMethod.LOGIN)))) {
            assertTrue(client.isAuthenticated());
        }
        ImapClientOptions.Builder almost = imaps().password(user, password.replace("\\", "/"))
                .loginMethods(List.of(ImapLoginMethod.LOGIN));
        assertThrows(ImapAuthenticationException.class, () -> connect(almost));
    }

    @Test
    void aWrongPasswordIsRefused() {
        ImapClientOptions.Builder wrong = imaps().password(USER, "wrong").loginMethods(List.of(ImapLoginMethod.LOGIN));
        ImapAuthenticationException refused = assertThrows(ImapAuthenticationException.class, () -> connect(wrong));
        assertEquals(ImapResponse.Status.NO, refused.response().orElseThrow().status());
    }

    @Test
    void createListRenameDelete() {
        try (BlockingImapClient client = login()) {
            List<ImapResponse.ListEntry> inbox = client.list("", "INBOX");
            assertEquals(1, inbox.size(), inbox::toString);
            assertEquals(MailboxName.INBOX, inbox.get(0).mailbox());

            client.create(MailboxName.of("Projects"));
            client.create(MailboxName.of("Projects.Alpha"));
            assertTrue(listed(client, "Projects.Alpha"));
            List<ImapResponse.ListEntry> children = client.list("Projects.", "%");
            assertEquals(List.of("Projects.Alpha"), children.stream().map(e -> e.mailbox().name()).toList());
            assertEquals(Optional.of('.'), children.get(0).delimiter());

            client.rename(MailboxName.of("Projects.Alpha"), MailboxName.of("Projects.Beta"));
            assertTrue(listed(client, "Projects.Beta"));
            assertFalse(listed(client, "Projects.Alpha"));

            ImapCommandException exists = assertThrows(ImapCommandException.class,
                    () -> client.create(MailboxName.of("Projects.Beta")));
            assertEquals(ImapResponse.Status.NO, exists.status());

            client.delete(MailboxName.of("Projects.Beta"));
            assertFalse(listed(client, "Projects.Beta"));
            assertTrue(client.isOpen(), "a refused command leaves the connection usable");
        }
    }

    @Test
    void selectAndExamineReportTheCounts() {
        deliver("one", "first");
        deliver("two", "second");
        deliver("three", "third");
        try (BlockingImapClient client = login()) {
            SelectResult selected = client.select(MailboxName.INBOX);
            assertEquals(3, selected.exists());
            assertFalse(selected.readOnly());
            assertTrue(selected.uidValidity().isPresent());
            assertTrue(selected.uidNext().isPresent());
            assertTrue(selected.flags().contains(Flag.SEEN), selected.flags()::toString);
            MailboxView view = selected.view();
            assertEquals(3, view.messageCount());
            assertTrue(view.isCurrent());
            assertEquals(selected.uidValidity(), view.uidValidity());

            ImapResponse.MailboxStatus status = client.status(MailboxName.INBOX, StatusItem.MESSAGES,
                    StatusItem.UIDNEXT, StatusItem.UNSEEN);
            assertEquals(3L, status.items().get(StatusItem.MESSAGES));
            assertEquals(selected.uidNext().getAsLong(), status.items().get(StatusItem.UIDNEXT));

            SelectResult examined = client.examine(MailboxName.INBOX);
            assertTrue(examined.readOnly());
            assertTrue(examined.view().readOnly());
            assertEquals(3, examined.exists());
            assertFalse(view.isCurrent(), "the first selection's view stopped with the EXAMINE");
            assertEquals(selected.uidValidity(), examined.uidValidity());

            // GreenMail has no UNSELECT; CLOSE on a read-only selection expunges nothing
            client.closeMailbox();
            assertTrue(client.selected().isEmpty());
            assertFalse(examined.view().isCurrent());
        }
    }

    @Test
    void fetchEnvelopeBodyStructureFlagsAndUid() {
        deliver("hello-envelope", "the body\r\nof the message\r\n");
        try (BlockingImapClient client = login()) {
            client.select(MailboxName.INBOX);
            List<ImapResponse.Fetch> fetched = client.fetch(FetchRequest.of(one(1), FetchAttribute.Simple.ENVELOPE,
                    FetchAttribute.Simple.BODYSTRUCTURE, FetchAttribute.Simple.FLAGS, FetchAttribute.Simple.UID,
                    FetchAttribute.Simple.RFC822_SIZE));
            assertEquals(1, fetched.size(), fetched::toString);
            ImapResponse.Fetch f = fetched.get(0);
            assertEquals(1, f.seq());

            FetchItem.Envelope envelope = item(f, FetchItem.Envelope.class).orElseThrow();
            assertEquals("hello-envelope", envelope.subject());
            Address from = envelope.from().get(0);
            assertEquals("alice", from.mailbox());
            assertEquals("example.org", from.host());
            assertEquals("bob", envelope.to().get(0).mailbox());

            BodyPart part = item(f, FetchItem.BodyStructure.class).orElseThrow().part();
            BodyPart.SinglePart text = assertInstanceOf(BodyPart.SinglePart.class, part);
            assertEquals("TEXT", text.type().toUpperCase(Locale.ROOT));
            assertEquals("PLAIN", text.subtype().toUpperCase(Locale.ROOT));
            assertTrue(text.lines().isPresent());

            long uid = uidOf(f);
            assertEquals(OptionalLong.of(uid), client.selected().orElseThrow().uid(1));
            assertEquals(OptionalLong.of(1), client.selected().orElseThrow().sequenceNumber(uid));
            assertFalse(flagsOf(f).contains(Flag.SEEN), "delivered unseen");

            long size = item(f, FetchItem.Rfc822Size.class).orElseThrow().size();
            byte[] whole = client.fetchBody(true, uid, Section.WHOLE, MAX_BODY);
            assertEquals(size, whole.length);
            assertTrue(new String(whole, StandardCharsets.US_ASCII).endsWith("the body\r\nof the message\r\n"));
            assertFalse(flagsOf(client.fetch(FetchRequest.of(one(1), FetchAttribute.Simple.FLAGS)).get(0))
                    .contains(Flag.SEEN), "fetchBody peeks");
        }
    }

    @Test
    void appendThenFetchBackByteForByte() {
        MailboxName drafts = MailboxName.of("Drafts");
        byte[] original = message("appended", "line one\r\n.line two starts with a dot\r\n\r\nlast line\r\n");
        try (BlockingImapClient client = login()) {
            client.create(drafts);
            AppendResult appended = client.append(drafts, List.of(Flag.SEEN, Flag.DRAFT), null, original);
            if (client.hasCapability("UIDPLUS")) {
                ResponseCode.AppendUid appendUid = appended.appendUid().orElseThrow(
                        () -> new AssertionError("UIDPLUS advertised but no APPENDUID"));
                SelectResult selected = client.select(drafts);
                assertEquals(selected.uidValidity().getAsLong(), appendUid.uidValidity());
            } else {
                client.select(drafts);
            }
            assertEquals(1, client.selected().orElseThrow().messageCount());

            BodyCollector collector = new BodyCollector();
            client.fetch(FetchRequest.of(one(1), new FetchAttribute.BodySection(Section.WHOLE, true, null),
                    FetchAttribute.Simple.FLAGS, FetchAttribute.Simple.UID), collector);
            assertArrayEquals(original, collector.bodies.get(1L).toByteArray());
            assertEquals(1, collector.responses.size());
            List<Flag> flags = flagsOf(collector.responses.get(0));
            assertTrue(flags.contains(Flag.SEEN) && flags.contains(Flag.DRAFT), flags::toString);
            long uid = uidOf(collector.responses.get(0));
            appended.appendUid().ifPresent(a -> assertEquals(one(uid), a.uids()));

            byte[] header = client.fetchBody(false, 1, new Section(List.of(), Section.Text.HEADER, List.of()),
                    MAX_BODY);
            String headerText = new String(header, StandardCharsets.US_ASCII);
            assertTrue(headerText.startsWith("From: Alice <alice@example.org>\r\n"), headerText);
            // GreenMail's BODY[HEADER] leaves out the blank line RFC 3501 §6.4.5 includes
            assertTrue(headerText.contains("\r\nSubject: appended\r\n"), headerText);
            assertFalse(headerText.contains("line one"), headerText);
            assertArrayEquals(original, client.fetchBody(true, uid, Section.WHOLE, MAX_BODY));
        }
    }

    @Test
    void aBodyLargerThanTheLimitFailsOnlyThatFetch() {
        byte[] original = message("large", "x".repeat(10_000) + "\r\n");
        try (BlockingImapClient client = login()) {
            client.append(MailboxName.INBOX, List.of(), null, original);
            client.select(MailboxName.INBOX);
            assertThrows(MessageTooLargeException.class,
                    () -> client.fetchBody(false, 1, Section.WHOLE, 1000));
            assertArrayEquals(original, client.fetchBody(false, 1, Section.WHOLE, MAX_BODY));
        }
    }

    @Test
    void storeAddsRemovesAndReplacesFlags() {
        deliver("flags", "body\r\n");
        try (BlockingImapClient client = login()) {
            MailboxView view = client.select(MailboxName.INBOX).view();
            StoreResult added = client.store(StoreRequest.add(one(1), Flag.FLAGGED, Flag.SEEN));
            assertEquals(1, added.fetched().size(), added::toString);
            assertTrue(flagsOf(added.fetched().get(0)).containsAll(List.of(Flag.FLAGGED, Flag.SEEN)));
            assertTrue(view.flags(1).orElseThrow().contains(Flag.FLAGGED), "the view learnt the flags");

            StoreResult removed = client.store(StoreRequest.remove(one(1), Flag.FLAGGED));
            assertFalse(flagsOf(removed.fetched().get(0)).contains(Flag.FLAGGED));
            assertFalse(view.flags(1).orElseThrow().contains(Flag.FLAGGED));

            client.store(StoreRequest.replace(one(1), Flag.ANSWERED, Flag.of("$Label1")).silently());
            List<Flag> now = flagsOf(client.fetch(FetchRequest.of(one(1), FetchAttribute.Simple.FLAGS)).get(0));
            assertTrue(now.contains(Flag.ANSWERED) && now.contains(Flag.of("$Label1")), now::toString);
            assertFalse(now.contains(Flag.SEEN), now::toString);

            long uid = view.uid(1).orElseGet(() -> uidOf(client.fetch(FetchRequest.of(one(1),
                    FetchAttribute.Simple.UID)).get(0)));
            StoreResult byUid = client.store(StoreRequest.add(one(uid), Flag.DELETED).byUid());
            assertTrue(flagsOf(byUid.fetched().get(0)).contains(Flag.DELETED));
        }
    }

    @Test
    void searchAndUidSearch() {
        try (BlockingImapClient client = login()) {
            client.append(MailboxName.INBOX, List.of(), null, message("apple", "red fruit\r\n"));
            client.append(MailboxName.INBOX, List.of(Flag.FLAGGED), null, message("banana", "yellow fruit\r\n"));
            client.append(MailboxName.INBOX, List.of(Flag.SEEN), null, message("cherry", "red stone fruit\r\n"));
            client.select(MailboxName.INBOX);

            assertEquals(List.of(1L, 2L, 3L), client.search(SearchKey.Simple.ALL).numbers());
            assertEquals(List.of(2L), client.search(SearchKey.Simple.FLAGGED).numbers());
            assertEquals(List.of(1L, 2L), client.search(SearchKey.Simple.UNSEEN).numbers());
            SearchResult subject = client.search(new SearchKey.Text(SearchKey.TextField.SUBJECT, "cherry"));
            assertFalse(subject.uid());
            assertEquals(List.of(3L), subject.numbers());
            assertEquals(List.of(1L, 3L), client.search(new SearchKey.Text(SearchKey.TextField.BODY, "red"))
                    .numbers());
            assertEquals(List.of(), client.search(new SearchKey.Text(SearchKey.TextField.SUBJECT, "durian"))
                    .numbers());

            List<ImapResponse.Fetch> uids = client.fetch(FetchRequest.of(SequenceSet.parse("1:3"),
                    FetchAttribute.Simple.UID));
            List<Long> expected = new ArrayList<>();
            for (ImapResponse.Fetch f : uids) {
                if (f.seq() != 2) {
                    expected.add(uidOf(f));
                }
            }
            SearchResult byUid = client.uidSearch(SearchKey.Simple.UNFLAGGED);
            assertTrue(byUid.uid());
            assertEquals(expected, byUid.numbers());
            SearchResult uidRange = client.uidSearch(new SearchKey.Uid(one(expected.get(1))));
            assertEquals(List.of(expected.get(1)), uidRange.numbers());
        }
    }

    @Test
    void copyThenMove() {
        MailboxName archive = MailboxName.of("Archive");
        try (BlockingImapClient client = login()) {
            client.create(archive);
            client.append(MailboxName.INBOX, List.of(), null, message("keep", "kept\r\n"));
            client.append(MailboxName.INBOX, List.of(), null, message("moved", "moved\r\n"));
            SelectResult inbox = client.select(MailboxName.INBOX);

            CopyResult copied = client.copy(false, one(1), archive);
            assertEquals(2, inbox.view().messageCount(), "COPY leaves the source alone");
            if (client.hasCapability("UIDPLUS")) {
                ResponseCode.CopyUid copyUid = copied.copyUid().orElseThrow(
                        () -> new AssertionError("UIDPLUS advertised but no COPYUID"));
                assertEquals(one(inbox.view().uid(1).orElseGet(() -> uidOf(client.fetch(FetchRequest.of(one(1),
                        FetchAttribute.Simple.UID)).get(0)))), copyUid.source());
            }
            assertEquals(1L, client.status(archive, StatusItem.MESSAGES).items().get(StatusItem.MESSAGES));

            long movedUid = uidOf(client.fetch(FetchRequest.of(one(2), FetchAttribute.Simple.UID)).get(0));
            CopyResult moved = client.move(true, one(movedUid), archive);
            assertEquals(1, inbox.view().messageCount(), "MOVE (or its fallback) took the message out");
            moved.copyUid().ifPresent(c -> assertEquals(one(movedUid), c.source()));
            assertEquals(2L, client.status(archive, StatusItem.MESSAGES).items().get(StatusItem.MESSAGES));
            assertEquals(List.of(), client.uidSearch(new SearchKey.Uid(one(movedUid))).numbers());

            client.select(archive);
            BodyCollector collector = new BodyCollector();
            client.fetch(FetchRequest.of(SequenceSet.parse("1:2"), new FetchAttribute.BodySection(Section.WHOLE,
                    true, null)), collector);
            assertArrayEquals(message("keep", "kept\r\n"), collector.bodies.get(1L).toByteArray());
            assertArrayEquals(message("moved", "moved\r\n"), collector.bodies.get(2L).toByteArray());
        }
    }

    @Test
    void expungeRemovesDeletedMessagesFromTheView() {
        try (BlockingImapClient client = login()) {
            for (String s : List.of("a", "b", "c")) {
                client.append(MailboxName.INBOX, List.of(), null, message(s, s + "\r\n"));
            }
            MailboxView view = client.select(MailboxName.INBOX).view();
            List<ImapResponse.Fetch> uids = client.fetch(FetchRequest.of(SequenceSet.parse("1:3"),
                    FetchAttribute.Simple.UID));
            long thirdUid = uidOf(uids.get(2));
            ConcurrentLinkedQueue<ImapEvent> events = new ConcurrentLinkedQueue<>();
            client.async().addListener(events::add);

            client.store(StoreRequest.add(one(2), Flag.DELETED).silently());
            client.expunge();
            assertEquals(2, view.messageCount());
            assertEquals(OptionalLong.of(2), view.sequenceNumber(thirdUid), "numbers after the gap shifted down");
            assertTrue(events.stream().anyMatch(e -> e instanceof ImapEvent.Expunged x && x.seq() == 2),
                    events::toString);
            assertEquals(List.of(1L, 2L), client.search(SearchKey.Simple.ALL).numbers());
        }
    }

    @Test
    void idleSeesAMessageDeliveredThroughSmtp() throws Exception {
        try (BlockingImapClient client = login()) {
            assertTrue(client.hasCapability("IDLE"), "GreenMail offers IDLE: " + client.capabilities());
            MailboxView view = client.select(MailboxName.INBOX).view();
            assertEquals(0, view.messageCount());
            CompletableFuture<ImapEvent.Exists> exists = new CompletableFuture<>();
            Consumer<ImapEvent> listener = e -> {
                if (e instanceof ImapEvent.Exists x) {
                    exists.complete(x);
                }
            };
            client.async().addListener(listener);

            IdleHandle idle = client.idle();
            assertTrue(idle.isIdling());
            GreenMailUtil.sendTextEmail(ADDRESS, "alice@example.org", "while idling", "pushed\r\n",
                    GREENMAIL.getSmtp().getServerSetup());
            assertEquals(1, exists.get(PUSH_WAIT_SECONDS, TimeUnit.SECONDS).count());
            assertEquals(1, view.messageCount());
            client.done(idle);
            assertFalse(idle.isIdling());
            assertTrue(idle.completion().toCompletableFuture().isDone());
            client.async().removeListener(listener);

            byte[] body = client.fetchBody(false, 1, new Section(List.of(), Section.Text.TEXT, List.of()), MAX_BODY);
            assertTrue(new String(body, StandardCharsets.US_ASCII).contains("pushed"));
        }
    }

    /** Another session's EXPUNGE reaches an idling client as an event, and its view shrinks. */
    @Test
    void idleSeesAnotherSessionsExpunge() throws Exception {
        deliver("first", "1\r\n");
        deliver("second", "2\r\n");
        try (BlockingImapClient watcher = login(); BlockingImapClient writer = login()) {
            MailboxView view = watcher.select(MailboxName.INBOX).view();
            assertEquals(2, view.messageCount());
            CompletableFuture<ImapEvent.Expunged> expunged = new CompletableFuture<>();
            watcher.async().addListener(e -> {
                if (e instanceof ImapEvent.Expunged x) {
                    expunged.complete(x);
                }
            });
            IdleHandle idle = watcher.idle();
            writer.select(MailboxName.INBOX);
            writer.store(StoreRequest.add(one(1), Flag.DELETED).silently());
            writer.expunge();
            assertEquals(1, expunged.get(PUSH_WAIT_SECONDS, TimeUnit.SECONDS).seq());
            assertEquals(1, view.messageCount());
            watcher.done(idle);
            assertEquals(List.of(1L), watcher.search(SearchKey.Simple.ALL).numbers());
        }
    }

    /** Many operations started at once each get their own answer. */
    @Test
    void pipelinedOperations() throws Exception {
        try (BlockingImapClient client = login()) {
            int count = 10;
            for (int i = 1; i <= count; i++) {
                client.append(MailboxName.INBOX, i % 2 == 0 ? List.of(Flag.FLAGGED) : List.of(), null,
                        message("p" + i, "body " + i + "\r\n"));
            }
            client.select(MailboxName.INBOX);
            ImapClient async = client.async();
            List<CompletableFuture<byte[]>> bodies = new ArrayList<>();
            List<CompletableFuture<List<ImapResponse.Fetch>>> flags = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                // the whole message: GreenMail's BODY[TEXT] drops the last CRLF
                bodies.add(async.fetchBody(false, i, Section.WHOLE, MAX_BODY).toCompletableFuture());
                flags.add(async.fetch(FetchRequest.of(one(i), FetchAttribute.Simple.FLAGS)).toCompletableFuture());
            }
            CompletableFuture<SearchResult> flagged = async.search(SearchKey.Simple.FLAGGED).toCompletableFuture();
            CompletableFuture<ImapResponse.MailboxStatus> status = async.status(MailboxName.INBOX,
                    StatusItem.MESSAGES).toCompletableFuture();
            for (int i = 1; i <= count; i++) {
                assertArrayEquals(message("p" + i, "body " + i + "\r\n"), bodies.get(i - 1).get(PUSH_WAIT_SECONDS,
                        TimeUnit.SECONDS), "message " + i);
                List<ImapResponse.Fetch> f = flags.get(i - 1).get(PUSH_WAIT_SECONDS, TimeUnit.SECONDS);
                assertEquals(1, f.size(), f::toString);
                assertEquals(i, f.get(0).seq());
                assertEquals(i % 2 == 0, flagsOf(f.get(0)).contains(Flag.FLAGGED), f::toString);
            }
            assertEquals(List.of(2L, 4L, 6L, 8L, 10L), flagged.get(PUSH_WAIT_SECONDS, TimeUnit.SECONDS).numbers());
            assertEquals((long) count, status.get(PUSH_WAIT_SECONDS, TimeUnit.SECONDS).items()
                    .get(StatusItem.MESSAGES));
        }
    }

    /** MOVE by sequence numbers, several at once. */
    @Test
    void moveBySequenceNumbers() {
        MailboxName archive = MailboxName.of("Archive");
        try (BlockingImapClient client = login()) {
            client.create(archive);
            for (String s : List.of("a", "b", "c", "d")) {
                client.append(MailboxName.INBOX, List.of(), null, message(s, s + "\r\n"));
            }
            MailboxView view = client.select(MailboxName.INBOX).view();
            List<ImapResponse.Fetch> before = client.fetch(FetchRequest.of(SequenceSet.parse("1:4"),
                    FetchAttribute.Simple.UID));
            CopyResult moved = client.move(false, SequenceSet.parse("2:3"), archive);
            assertEquals(2, view.messageCount());
            assertEquals(OptionalLong.of(uidOf(before.get(3))), view.uid(2), "message 4 is number 2 now");
            // GreenMail repeats UIDs in its COPYUID sets ("2,2:3 1,1:2" for 2:3): compare the members
            moved.copyUid().ifPresent(c -> assertEquals(Set.of(uidOf(before.get(1)), uidOf(before.get(2))),
                    new TreeSet<>(members(c.source()))));
            assertEquals(2L, client.status(archive, StatusItem.MESSAGES).items().get(StatusItem.MESSAGES));
        }
    }

    /** GreenMail lists SORT (RFC 5256). */
    @Test
    void sortBySubjectAndSize() {
        try (BlockingImapClient client = login()) {
            assertTrue(client.hasCapability("SORT"), client.capabilities()::toString);
            client.append(MailboxName.INBOX, List.of(), null, message("charlie", "c".repeat(500) + "\r\n"));
            client.append(MailboxName.INBOX, List.of(), null, message("alpha", "a\r\n"));
            client.append(MailboxName.INBOX, List.of(), null, message("bravo", "b".repeat(100) + "\r\n"));
            client.select(MailboxName.INBOX);
            assertEquals(List.of(2L, 3L, 1L), client.sort(false,
                    List.of(SortCriterion.ascending(
                            SortCriterion.Key.SUBJECT)), List.of(SearchKey.Simple.ALL)));
            assertEquals(List.of(1L, 3L, 2L), client.sort(false,
                    List.of(SortCriterion.descending(
                            SortCriterion.Key.SIZE)), List.of(SearchKey.Simple.ALL)));
        }
    }

    /** What GreenMail does not list is refused before anything is sent, and the session goes on. */
    @Test
    void extensionsGreenMailLacksAreRefusedLocally() {
        try (BlockingImapClient client = login()) {
            for (String capability : List.of("COMPRESS=DEFLATE", "NAMESPACE", "ID", "CONDSTORE", "ESEARCH")) {
                assertFalse(client.hasCapability(capability), capability);
            }
            assertThrows(MissingCapabilityException.class, client::compress);
            assertThrows(MissingCapabilityException.class, client::namespace);
            assertThrows(MissingCapabilityException.class,
                    () -> client.id(Map.of("name", "mailwire")));
            assertThrows(MissingCapabilityException.class,
                    () -> client.select(MailboxName.INBOX, SelectParameters.CONDSTORE));
            assertThrows(MissingCapabilityException.class,
                    () -> client.esearch(false, List.of(SearchReturn.COUNT),
                            List.of(SearchKey.Simple.ALL)));
            assertFalse(client.async().isCompressed());
            assertEquals(0, client.select(MailboxName.INBOX).exists());
        }
    }
}
