package org.mailwire.imap.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mailwire.imap.interop.DovecotPeer.IMAPS_PORT;
import static org.mailwire.imap.interop.DovecotPeer.IMAP_PORT;
import static org.mailwire.imap.interop.DovecotPeer.connect;
import static org.mailwire.imap.interop.DovecotPeer.dovecotTls;
import static org.mailwire.imap.interop.DovecotPeer.message;
import static org.mailwire.imap.interop.ResponseValues.flagsOf;
import static org.mailwire.imap.interop.ResponseValues.item;
import static org.mailwire.imap.interop.ResponseValues.members;
import static org.mailwire.imap.interop.ResponseValues.modSeqOf;
import static org.mailwire.imap.interop.ResponseValues.one;
import static org.mailwire.imap.interop.ResponseValues.uidOf;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailwire.imap.BodyPart;
import org.mailwire.imap.FetchAttribute;
import org.mailwire.imap.FetchItem;
import org.mailwire.imap.Flag;
import org.mailwire.imap.ImapCommand;
import org.mailwire.imap.ImapDateTime;
import org.mailwire.imap.ImapResponse;
import org.mailwire.imap.MailboxName;
import org.mailwire.imap.Partial;
import org.mailwire.imap.Qresync;
import org.mailwire.imap.ResponseCode;
import org.mailwire.imap.SearchKey;
import org.mailwire.imap.SearchReturn;
import org.mailwire.imap.Section;
import org.mailwire.imap.SequenceSet;
import org.mailwire.imap.StatusItem;
import org.mailwire.imap.ThreadNode;
import org.mailwire.imap.client.AppendResult;
import org.mailwire.imap.client.BlockingImapClient;
import org.mailwire.imap.client.CopyResult;
import org.mailwire.imap.client.FetchListener;
import org.mailwire.imap.client.FetchRequest;
import org.mailwire.imap.client.IdleHandle;
import org.mailwire.imap.client.ImapAuthenticationException;
import org.mailwire.imap.client.ImapClient;
import org.mailwire.imap.client.ImapClientOptions;
import org.mailwire.imap.client.ImapCommandException;
import org.mailwire.imap.client.ImapConnectionException;
import org.mailwire.imap.client.ImapEvent;
import org.mailwire.imap.client.ImapLoginMethod;
import org.mailwire.imap.client.ListRequest;
import org.mailwire.imap.client.ListResult;
import org.mailwire.imap.client.MailboxView;
import org.mailwire.imap.client.MessageTooLargeException;
import org.mailwire.imap.client.SearchResult;
import org.mailwire.imap.client.SelectParameters;
import org.mailwire.imap.client.SelectResult;
import org.mailwire.imap.client.SortCriterion;
import org.mailwire.imap.client.StartTlsPolicy;
import org.mailwire.imap.client.StoreRequest;
import org.mailwire.imap.client.StoreResult;
import org.mailwire.imap.codec.ImapResponseDecoderConfig;
import org.mailwire.transport.Connector;

/**
 * Our IMAP client against Dovecot's IMAP server on loopback, started by {@code .ci/peers/dovecot.sh}:
 * STARTTLS on one port (cleartext login disabled), implicit TLS on another, users alice and bob, and
 * the extensions a production server offers (CONDSTORE, QRESYNC, MOVE, UIDPLUS, ESEARCH, BINARY,
 * LITERAL+, SPECIAL-USE, ...). Dovecot's mail persists across runs, so every test works in mailboxes
 * of its own, named after the test and the moment, and deletes them afterwards.
 */
@Tag("interop")
class DovecotImapInteropTest {
    private static final String USER = "alice";
    private static final String PASSWORD = "alice-password";
    /** Bounds every wait for something the server pushes (an IDLE event); generous for a loaded machine. */
    private static final long PUSH_WAIT_SECONDS = 60;
    private static final long MAX_BODY = 1 << 22;
    /** Enough messages that every other UID, listed one by one, takes more than 16 KiB. */
    private static final int LARGE_MAILBOX = 7000;
    private static final int MANY_PARTS = 200;

    @RegisterExtension
    final DovecotPeer dovecot = new DovecotPeer(DovecotImapInteropTest::login);

    /** STARTTLS REQUIRED on the cleartext port, with alice's password. */
    private static ImapClientOptions.Builder startTls() {
        return DovecotPeer.startTls(USER, PASSWORD);
    }

    private static BlockingImapClient login() {
        return connect(startTls());
    }

    private static SequenceSet all() {
        return SequenceSet.of(new SequenceSet.Range(1, SequenceSet.STAR));
    }

    /** The UIDs of messages 1..n, in order. */
    private static List<Long> uids(BlockingImapClient client) {
        List<Long> uids = new ArrayList<>();
        for (ImapResponse.Fetch f : client.fetch(FetchRequest.of(all(), FetchAttribute.Simple.UID))) {
            uids.add(uidOf(f));
        }
        return uids;
    }

    /** Collects body chunks per message and section, and the FETCH responses and VANISHED sets. */
    private static final class Collector implements FetchListener {
        final Map<String, ByteArrayOutputStream> bodies = new ConcurrentHashMap<>();
        final List<ImapResponse.Fetch> responses = new CopyOnWriteArrayList<>();
        final List<SequenceSet> vanished = new CopyOnWriteArrayList<>();
        final List<Long> announcedSizes = new CopyOnWriteArrayList<>();
        final AtomicInteger chunks = new AtomicInteger();

        @Override
        public void bodyBegin(long seq, Section section, boolean binary, long size) {
            announcedSizes.add(size);
        }

        @Override
        public void bodyChunk(long seq, Section section, ByteBuffer chunk) {
            byte[] bytes = new byte[chunk.remaining()];
            chunk.get(bytes);
            chunks.incrementAndGet();
            bodies.computeIfAbsent(seq + ":" + section, k -> new ByteArrayOutputStream()).writeBytes(bytes);
        }

        @Override
        public void fetched(ImapResponse.Fetch response) {
            responses.add(response);
        }

        @Override
        public void vanished(SequenceSet uids) {
            vanished.add(uids);
        }

        byte[] body(long seq, Section section) {
            ByteArrayOutputStream out = bodies.get(seq + ":" + section);
            assertTrue(out != null, "no body for " + seq + ":" + section + " in " + bodies.keySet());
            return out.toByteArray();
        }
    }

    // ---- connecting and logging in ----

    @ParameterizedTest
    @EnumSource(value = ImapLoginMethod.class, names = {"SCRAM_SHA_256", "PLAIN", "LOGIN"})
    void startTlsRequiredThenLogin(ImapLoginMethod method) {
        try (BlockingImapClient client = connect(startTls().loginMethods(List.of(method)))) {
            assertTrue(client.async().isSecure());
            assertTrue(client.isAuthenticated());
            // the capabilities after the login are learnt anew, and list what Dovecot keeps for then
            assertTrue(client.hasCapability("CONDSTORE"), client.capabilities()::toString);
            assertFalse(client.hasCapability("STARTTLS"), client.capabilities()::toString);
            client.noop();
            client.logout();
            assertFalse(client.isOpen());
        }
    }

    @ParameterizedTest
    @EnumSource(value = ImapLoginMethod.class, names = {"SCRAM_SHA_256", "PLAIN"})
    void withoutSaslInitialResponse(ImapLoginMethod method) {
        try (BlockingImapClient client = connect(startTls().loginMethods(List.of(method))
                .saslInitialResponse(false))) {
            assertTrue(client.isAuthenticated());
            assertTrue(client.async().isSecure());
        }
    }

    @Test
    void implicitTlsWithTheDefaultMethods() {
        ImapClientOptions options = startTls().implicitTls(true).build();
        try (BlockingImapClient client = connect(IMAPS_PORT, options)) {
            assertTrue(client.async().isSecure());
            assertTrue(client.async().tlsDetails().isPresent());
            assertTrue(client.isAuthenticated());
            assertTrue(client.capability().contains("IMAP4REV1"));
            assertEquals(1, client.list("", "INBOX").size());
        }
    }

    /**
     * A client without credentials may stay in cleartext, where STARTTLS is on offer. (Dovecot
     * counts loopback as secure, so it does not list LOGINDISABLED here as it would for a remote
     * peer.)
     */
    @Test
    void cleartextWithoutCredentialsStaysUnauthenticated() {
        ImapClientOptions options = ImapClientOptions.builder().startTlsPolicy(StartTlsPolicy.DISABLED)
                .readTimeout(Duration.ofSeconds(30)).build();
        try (BlockingImapClient client = connect(IMAP_PORT, options)) {
            assertFalse(client.async().isSecure());
            assertFalse(client.isAuthenticated());
            Set<String> capabilities = client.capability();
            assertTrue(capabilities.contains("STARTTLS"), capabilities::toString);
            assertFalse(capabilities.contains("CONDSTORE"), "post-login capabilities are not listed yet");
            client.noop();
        }
    }

    /** OPTIONAL upgrades when STARTTLS is offered, even without credentials. */
    @Test
    void optionalStartTlsUpgrades() {
        ImapClientOptions options = ImapClientOptions.builder().startTlsPolicy(StartTlsPolicy.OPTIONAL)
                .clientTls(dovecotTls()).readTimeout(Duration.ofSeconds(30)).build();
        try (BlockingImapClient client = connect(IMAP_PORT, options)) {
            assertTrue(client.async().isSecure());
            assertFalse(client.isAuthenticated());
            assertFalse(client.capability().contains("STARTTLS"), "not offered again inside TLS");
        }
    }

    @ParameterizedTest
    @EnumSource(value = ImapLoginMethod.class, names = {"SCRAM_SHA_256", "PLAIN", "LOGIN"})
    void aWrongPasswordIsRefused(ImapLoginMethod method) {
        ImapClientOptions.Builder wrong = startTls().password(USER, "wrong-password").loginMethods(List.of(method));
        ImapAuthenticationException refused = assertThrows(ImapAuthenticationException.class, () -> connect(wrong));
        ImapResponse.Tagged response = refused.response().orElseThrow();
        assertEquals(ImapResponse.Status.NO, response.status());
        assertEquals(Optional.of(ResponseCode.Simple.AUTHENTICATIONFAILED), response.code(), response::toString);
    }

    // ---- ENABLE, CONDSTORE, QRESYNC ----

    @Test
    void enableAfterLoginAndOnDemand() {
        try (BlockingImapClient client = connect(startTls().enable(List.of("QRESYNC", "X-NOT-OFFERED")))) {
            assertTrue(client.async().enabled().contains("QRESYNC"), client.async().enabled()::toString);
            assertFalse(client.async().enabled().contains("X-NOT-OFFERED"));
        }
        try (BlockingImapClient client = login()) {
            assertTrue(client.async().enabled().isEmpty());
            Set<String> enabled = client.enable("CONDSTORE");
            assertEquals(Set.of("CONDSTORE"), enabled);
            assertTrue(client.async().enabled().contains("CONDSTORE"));
        }
    }

    @Test
    void condstoreChangedSinceAndUnchangedSince() {
        try (BlockingImapClient client = login()) {
            MailboxName box = dovecot.mailbox(client, "condstore");
            client.append(box, List.of(), null, message("first", "one\r\n"));
            client.append(box, List.of(), null, message("second", "two\r\n"));
            SelectResult selected = client.select(box, SelectParameters.CONDSTORE);
            assertFalse(selected.noModSeq());
            long highest = selected.highestModSeq().orElseThrow(() -> new AssertionError("no HIGHESTMODSEQ"));
            assertEquals(OptionalLong.of(highest), selected.view().highestModSeq());
            List<Long> uids = uids(client);

            List<ImapResponse.Fetch> before = client.fetch(FetchRequest.of(all(), FetchAttribute.Simple.MODSEQ));
            assertEquals(2, before.size());
            before.forEach(f -> assertTrue(modSeqOf(f) <= highest, f::toString));

            client.store(StoreRequest.add(one(1), Flag.SEEN).silently());
            List<ImapResponse.Fetch> changed = client.fetch(FetchRequest.of(all(), FetchAttribute.Simple.FLAGS)
                    .changedSince(highest));
            assertEquals(List.of(1L), changed.stream().map(ImapResponse.Fetch::seq).toList(), changed::toString);
            assertTrue(flagsOf(changed.get(0)).contains(Flag.SEEN));
            assertTrue(modSeqOf(changed.get(0)) > highest, "CHANGEDSINCE implies MODSEQ: " + changed);
            assertTrue(selected.view().highestModSeq().orElseThrow() > highest, "the view's mod-sequence rose");

            // message 1 changed after `highest`, message 2 did not: only message 2 may take the flag
            StoreResult conditional = client.store(new StoreRequest(true, SequenceSet.parse(uids.get(0) + ":"
                    + uids.get(1)), ImapCommand.StoreMode.ADD, List.of(Flag.FLAGGED), false,
                    highest));
            assertEquals(List.of(uids.get(0)), members(conditional.modified().orElseThrow(
                    () -> new AssertionError("no [MODIFIED]: " + conditional))));
            List<ImapResponse.Fetch> after = client.fetch(FetchRequest.of(all(), FetchAttribute.Simple.FLAGS));
            assertFalse(flagsOf(after.get(0)).contains(Flag.FLAGGED), after::toString);
            assertTrue(flagsOf(after.get(1)).contains(Flag.FLAGGED), after::toString);
        }
    }

    @Test
    void qresyncReportsWhatVanishedSinceTheKnownState() {
        try (BlockingImapClient client = connect(startTls().enable(List.of("QRESYNC")))) {
            MailboxName box = dovecot.mailbox(client, "qresync");
            for (String s : List.of("a", "b", "c")) {
                client.append(box, List.of(), null, message(s, s + "\r\n"));
            }
            SelectResult first = client.select(box, SelectParameters.CONDSTORE);
            long uidValidity = first.uidValidity().orElseThrow();
            long known = first.highestModSeq().orElseThrow();
            List<Long> uids = uids(client);

            CompletableFuture<ImapEvent.Vanished> vanishedEvent = new CompletableFuture<>();
            Consumer<ImapEvent> listener = e -> {
                if (e instanceof ImapEvent.Vanished v) {
                    vanishedEvent.complete(v);
                }
            };
            client.async().addListener(listener);
            client.store(StoreRequest.add(one(uids.get(0)), Flag.FLAGGED).byUid().silently());
            client.store(StoreRequest.add(one(uids.get(1)), Flag.DELETED).byUid().silently());
            client.uidExpunge(one(uids.get(1)));
            // with QRESYNC enabled the server reports the expunge as VANISHED, not EXPUNGE (RFC 7162 §3.2.10)
            assertEquals(2, first.view().messageCount());
            ImapEvent.Vanished vanished = vanishedEvent.getNow(null);
            assertTrue(vanished != null, "a VANISHED event for the expunge");
            assertFalse(vanished.earlier());
            assertEquals(List.of(uids.get(1)), members(vanished.uids()));
            client.async().removeListener(listener);

            Collector collector = new Collector();
            client.fetch(new FetchRequest(true, all(), List.of(FetchAttribute.Simple.FLAGS), known, true), collector);
            assertEquals(List.of(uids.get(1)), collector.vanished.stream().flatMap(s -> members(s).stream()).toList());
            assertEquals(List.of(uids.get(0)), collector.responses.stream().map(ResponseValues::uidOf)
                    .toList(), collector.responses::toString);

            client.closeMailbox();
            SelectResult resync = client.select(box, SelectParameters.withQresync(new Qresync(uidValidity, known,
                    SequenceSet.parse(uids.get(0) + ":" + uids.get(2)), null, null)));
            assertEquals(2, resync.exists());
            assertEquals(List.of(uids.get(1)), members(resync.vanished().orElseThrow(
                    () -> new AssertionError("no VANISHED (EARLIER) in " + resync))));
            assertEquals(List.of(uids.get(0)), resync.changes().stream().map(ResponseValues::uidOf).toList(),
                    resync.changes()::toString);
            assertTrue(flagsOf(resync.changes().get(0)).contains(Flag.FLAGGED));
            assertEquals(OptionalLong.of(uids.get(0)), resync.view().uid(1), "the view learnt the changed message");
        }
    }

    // ---- IDLE with a second connection ----

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void idleSeesAnotherConnectionsAppendAndExpunge(boolean qresync) throws Exception {
        ImapClientOptions.Builder idler = qresync ? startTls().enable(List.of("QRESYNC")) : startTls();
        try (BlockingImapClient watcher = connect(idler); BlockingImapClient writer = login()) {
            MailboxName box = dovecot.mailbox(writer, "idle");
            writer.append(box, List.of(), null, message("existing", "already there\r\n"));
            MailboxView view = watcher.select(box).view();
            assertEquals(1, view.messageCount());
            List<Long> known = uids(watcher);

            CompletableFuture<ImapEvent.Exists> exists = new CompletableFuture<>();
            CompletableFuture<ImapEvent> gone = new CompletableFuture<>();
            watcher.async().addListener(e -> {
                if (e instanceof ImapEvent.Exists x) {
                    exists.complete(x);
                } else if (e instanceof ImapEvent.Expunged || e instanceof ImapEvent.Vanished) {
                    gone.complete(e);
                }
            });
            IdleHandle idle = watcher.idle();
            assertTrue(idle.isIdling());

            AppendResult appended = writer.append(box, List.of(), null, message("pushed", "while idling\r\n"));
            assertEquals(2, exists.get(PUSH_WAIT_SECONDS, TimeUnit.SECONDS).count());
            assertEquals(2, view.messageCount());

            writer.select(box);
            writer.store(StoreRequest.add(one(1), Flag.DELETED).silently());
            writer.expunge();
            ImapEvent event = gone.get(PUSH_WAIT_SECONDS, TimeUnit.SECONDS);
            if (qresync) {
                ImapEvent.Vanished v = (ImapEvent.Vanished) event;
                assertFalse(v.earlier());
                assertEquals(known, members(v.uids()));
            } else {
                assertEquals(1, ((ImapEvent.Expunged) event).seq(), event::toString);
            }
            assertEquals(1, view.messageCount());
            watcher.done(idle);
            assertFalse(idle.isIdling());

            long pushedUid = appended.appendUid().orElseThrow().uids().ranges().get(0).from();
            assertEquals(List.of(pushedUid), uids(watcher), "after IDLE the watcher sees the one message left");
        }
    }

    // ---- MOVE, UIDPLUS ----

    @Test
    void moveReportsCopyUid() {
        try (BlockingImapClient client = login()) {
            MailboxName source = dovecot.mailbox(client, "move-from");
            MailboxName target = dovecot.mailbox(client, "move-to");
            byte[] moving = message("moving", "to the other box\r\n");
            client.append(source, List.of(), null, message("staying", "stays\r\n"));
            client.append(source, List.of(Flag.FLAGGED), null, moving);
            MailboxView view = client.select(source).view();
            List<Long> uids = uids(client);
            assertTrue(client.hasCapability("MOVE"));

            CopyResult moved = client.move(true, one(uids.get(1)), target);
            ResponseCode.CopyUid copyUid = moved.copyUid().orElseThrow(() -> new AssertionError("no COPYUID"));
            assertEquals(List.of(uids.get(1)), members(copyUid.source()));
            assertEquals(1, view.messageCount());
            assertEquals(List.of(uids.get(0)), uids(client));

            ImapResponse.MailboxStatus status = client.status(target, StatusItem.MESSAGES, StatusItem.UIDVALIDITY);
            assertEquals(1L, status.items().get(StatusItem.MESSAGES));
            assertEquals(status.items().get(StatusItem.UIDVALIDITY), copyUid.uidValidity());
            long newUid = members(copyUid.destination()).get(0);
            client.select(target);
            assertArrayEquals(moving, client.fetchBody(true, newUid, Section.WHOLE, MAX_BODY));
        }
    }

    @Test
    void uidplusAppendUidCopyUidAndUidExpunge() {
        try (BlockingImapClient client = login()) {
            MailboxName box = dovecot.mailbox(client, "uidplus");
            MailboxName copies = dovecot.mailbox(client, "uidplus-copies");
            byte[] first = message("first", "one\r\n");
            AppendResult a1 = client.append(box, List.of(), null, first);
            AppendResult a2 = client.append(box, List.of(), null, message("second", "two\r\n"));
            ResponseCode.AppendUid u1 = a1.appendUid().orElseThrow(() -> new AssertionError("no APPENDUID"));
            ResponseCode.AppendUid u2 = a2.appendUid().orElseThrow(() -> new AssertionError("no APPENDUID"));
            assertEquals(u1.uidValidity(), u2.uidValidity());
            long uid1 = members(u1.uids()).get(0);
            long uid2 = members(u2.uids()).get(0);
            assertTrue(uid2 > uid1);

            SelectResult selected = client.select(box);
            assertEquals(u1.uidValidity(), selected.uidValidity().orElseThrow());
            assertEquals(List.of(uid1, uid2), uids(client));
            assertArrayEquals(first, client.fetchBody(true, uid1, Section.WHOLE, MAX_BODY));

            CopyResult copied = client.copy(true, SequenceSet.parse(uid1 + ":" + uid2), copies);
            ResponseCode.CopyUid copyUid = copied.copyUid().orElseThrow(() -> new AssertionError("no COPYUID"));
            assertEquals(List.of(uid1, uid2), members(copyUid.source()));
            assertEquals(2, members(copyUid.destination()).size());

            // both marked, only one expunged: UID EXPUNGE leaves the other \Deleted message alone
            client.store(StoreRequest.add(all(), Flag.DELETED).silently());
            client.uidExpunge(one(uid2));
            assertEquals(List.of(uid1), uids(client));
            assertEquals(1, client.selected().orElseThrow().messageCount());
            assertTrue(flagsOf(client.fetch(FetchRequest.of(one(1), FetchAttribute.Simple.FLAGS)).get(0))
                    .contains(Flag.DELETED));
        }
    }

    // ---- ESEARCH ----

    @Test
    void esearchReturnsMinMaxCountAll() {
        try (BlockingImapClient client = login()) {
            MailboxName box = dovecot.mailbox(client, "esearch");
            for (int i = 1; i <= 5; i++) {
                client.append(box, i % 2 == 0 ? List.of(Flag.FLAGGED) : List.of(), null,
                        message("msg" + i, "body " + i + "\r\n"));
            }
            client.select(box);
            List<Long> uids = uids(client);

            ImapResponse.Esearch flagged = client.esearch(false, List.of(SearchReturn.MIN, SearchReturn.MAX,
                    SearchReturn.COUNT, SearchReturn.ALL), List.of(SearchKey.Simple.FLAGGED));
            assertFalse(flagged.uid());
            assertEquals(OptionalLong.of(2), flagged.min());
            assertEquals(OptionalLong.of(4), flagged.max());
            assertEquals(OptionalLong.of(2), flagged.count());
            assertEquals(List.of(2L, 4L), members(flagged.all().orElseThrow()));

            ImapResponse.Esearch byUid = client.esearch(true, List.of(SearchReturn.COUNT, SearchReturn.MIN),
                    List.of(SearchKey.Simple.UNFLAGGED));
            assertTrue(byUid.uid());
            assertEquals(OptionalLong.of(3), byUid.count());
            assertEquals(OptionalLong.of(uids.get(0)), byUid.min());
            assertTrue(byUid.all().isEmpty(), "ALL was not asked for");

            ImapResponse.Esearch none = client.esearch(false, List.of(SearchReturn.COUNT, SearchReturn.MIN),
                    List.of(new SearchKey.Text(SearchKey.TextField.SUBJECT, "no-such-subject")));
            assertEquals(OptionalLong.of(0), none.count());
            assertTrue(none.min().isEmpty());

            ImapResponse.Esearch implicitAll = client.esearch(true, List.of(), List.of(SearchKey.Simple.ALL));
            assertEquals(uids, members(implicitAll.all().orElseThrow()));

            // the plain SEARCH agrees
            assertEquals(List.of(2L, 4L), client.search(SearchKey.Simple.FLAGGED).numbers());
        }
    }

    // ---- BINARY, LITERAL+ ----

    @Test
    void binaryFetchDecodesABase64Part() {
        byte[] payload = new byte[3000];
        new Random(42).nextBytes(payload);
        payload[0] = 0;
        payload[1] = '\r';
        payload[2] = '\n';
        String base64 = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(payload);
        byte[] mime = ("From: bob@mailwire.test\r\nTo: alice@mailwire.test\r\nSubject: binary\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b0undary\"\r\n\r\n"
                + "--b0undary\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nsee attached\r\n"
                + "--b0undary\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + base64 + "\r\n--b0undary--\r\n").getBytes(StandardCharsets.US_ASCII);
        try (BlockingImapClient client = login()) {
            assertTrue(client.hasCapability("BINARY"));
            MailboxName box = dovecot.mailbox(client, "binary");
            client.append(box, List.of(), null, mime);
            client.select(box);

            Collector collector = new Collector();
            client.fetch(FetchRequest.of(one(1), new FetchAttribute.Binary(List.of(2L), true, null)), collector);
            Section part2 = new Section(List.of(2L), Section.Text.NONE, List.of());
            assertArrayEquals(payload, collector.body(1, part2));
            assertEquals(List.of((long) payload.length), collector.announcedSizes);
            assertEquals(1, collector.responses.size());

            assertArrayEquals(mime, client.fetchBody(false, 1, Section.WHOLE, MAX_BODY), "BODY[] is the message as sent");
        }
    }

    /** BINARY.SIZE[2] is the decoded size of the base64 part (RFC 3516 §4.2). */
    @Test
    void binarySizeOfABase64Part() {
        byte[] payload = new byte[3000];
        new Random(7).nextBytes(payload);
        String base64 = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(payload);
        byte[] mime = ("From: bob@mailwire.test\r\nSubject: size\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b0undary\"\r\n\r\n"
                + "--b0undary\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n"
                + "--b0undary\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + base64 + "\r\n--b0undary--\r\n").getBytes(StandardCharsets.US_ASCII);
        try (BlockingImapClient client = login()) {
            MailboxName box = dovecot.mailbox(client, "binary-size");
            client.append(box, List.of(), null, mime);
            client.select(box);
            List<ImapResponse.Fetch> fetched = client.fetch(FetchRequest.of(one(1),
                    new FetchAttribute.BinarySize(List.of(2L))));
            assertEquals(1, fetched.size());
            assertTrue(fetched.get(0).toString().contains("3000"), fetched::toString);
            assertTrue(client.isOpen());
        }
    }

    /** A message holding NUL travels as a literal8 (RFC 3516 APPEND) and comes back intact through BINARY[1]. */
    @Test
    void appendWithNulGoesAsLiteral8() {
        byte[] body = new byte[256];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("From: bob@mailwire.test\r\nSubject: nul\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        byte[] message = out.toByteArray();
        try (BlockingImapClient client = login()) {
            MailboxName box = dovecot.mailbox(client, "literal8");
            AppendResult appended = client.append(box, List.of(), null, message);
            assertTrue(appended.appendUid().isPresent());
            client.select(box);
            Collector collector = new Collector();
            client.fetch(FetchRequest.of(one(1), new FetchAttribute.Binary(List.of(1L), true, null)), collector);
            assertArrayEquals(body, collector.body(1, new Section(List.of(1L), Section.Text.NONE, List.of())));
        }
    }

    /**
     * With LITERAL+ the client sends each message right behind its APPEND line: many appends
     * started at once, one of them far beyond LITERAL-'s 4096 octets, all land intact.
     */
    @Test
    void literalPlusAppendsPipelined() throws Exception {
        try (BlockingImapClient client = login()) {
            assertTrue(client.hasCapability("LITERAL+"));
            MailboxName box = dovecot.mailbox(client, "literal-plus");
            ImapClient async = client.async();
            List<byte[]> messages = new ArrayList<>();
            List<CompletableFuture<AppendResult>> appends = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                byte[] m = message("pipelined" + i, ("line " + i + "\r\n").repeat(i == 5 ? 2000 : 3));
                messages.add(m);
                appends.add(async.append(box, List.of(), null, m).toCompletableFuture());
            }
            List<Long> appendedUids = new ArrayList<>();
            for (CompletableFuture<AppendResult> f : appends) {
                appendedUids.add(members(f.get(PUSH_WAIT_SECONDS, TimeUnit.SECONDS).appendUid().orElseThrow().uids())
                        .get(0));
            }
            client.select(box);
            assertEquals(8, client.selected().orElseThrow().messageCount());
            for (int i = 0; i < 8; i++) {
                assertArrayEquals(messages.get(i), client.fetchBody(true, appendedUids.get(i), Section.WHOLE, MAX_BODY),
                        "message " + i);
            }
        }
    }

    /** A message of a few megabytes reaches the listener in many chunks, never whole, and intact. */
    @Test
    void largeMessageStreamsInChunks() {
        byte[] big = message("big", "0123456789abcdefghijklmnopqrstuvwxyz\r\n".repeat(60_000));
        try (BlockingImapClient client = login()) {
            MailboxName box = dovecot.mailbox(client, "big");
            client.append(box, List.of(), null, big);
            client.select(box);
            Collector collector = new Collector();
            client.fetch(FetchRequest.of(one(1), new FetchAttribute.BodySection(Section.WHOLE, true, null),
                    FetchAttribute.Simple.RFC822_SIZE), collector);
            assertArrayEquals(big, collector.body(1, Section.WHOLE));
            assertTrue(collector.chunks.get() > 1, "streamed in chunks");
            assertEquals(big.length, item(collector.responses.get(0), FetchItem.Rfc822Size.class).orElseThrow()
                    .size());
        }
    }

    // ---- SPECIAL-USE, mailboxes ----

    /** Dovecot names the special-use attributes (RFC 6154) in a plain LIST too. */
    @Test
    void specialUseAttributesInList() {
        try (BlockingImapClient client = login()) {
            assertTrue(client.hasCapability("SPECIAL-USE"));
            List<ImapResponse.ListEntry> entries = client.list("", "*");
            for (String name : List.of("Drafts", "Sent", "Trash", "Junk")) {
                ImapResponse.ListEntry entry = entries.stream().filter(e -> e.mailbox().name().equals(name))
                        .findFirst().orElseThrow(() -> new AssertionError(name + " not listed: " + entries));
                assertTrue(entry.attributes().stream().anyMatch(a -> a.equalsIgnoreCase("\\" + name)),
                        entry::toString);
                assertEquals(Optional.of('/'), entry.delimiter());
            }
        }
    }

    @Test
    void mailboxLifecycleAndStatus() {
        try (BlockingImapClient client = login()) {
            MailboxName parent = dovecot.mailbox(client, "parent");
            MailboxName child = MailboxName.of(parent.name() + "/child");
            client.create(child);
            dovecot.deleteFirst(child);
            MailboxName renamed = MailboxName.of(parent.name() + "/renamed");
            client.rename(child, renamed);
            dovecot.deleteFirst(renamed);
            List<String> children = client.list(parent.name() + "/", "%").stream().map(e -> e.mailbox().name())
                    .toList();
            assertEquals(List.of(renamed.name()), children);

            client.append(renamed, List.of(Flag.SEEN), null, message("status", "counted\r\n"));
            client.append(renamed, List.of(), null, message("status2", "counted\r\n"));
            ImapResponse.MailboxStatus status = client.status(renamed, StatusItem.MESSAGES, StatusItem.UNSEEN,
                    StatusItem.UIDNEXT, StatusItem.HIGHESTMODSEQ);
            assertEquals(2L, status.items().get(StatusItem.MESSAGES));
            assertEquals(1L, status.items().get(StatusItem.UNSEEN));
            assertTrue(status.items().get(StatusItem.HIGHESTMODSEQ) > 0);

            client.subscribe(renamed);
            assertTrue(client.lsub("", parent.name() + "/*").stream().anyMatch(e -> e.mailbox().equals(renamed)));
            client.unsubscribe(renamed);
            assertTrue(client.lsub("", parent.name() + "/*").stream().noneMatch(e -> e.mailbox().equals(renamed)));

            SelectResult examined = client.examine(renamed);
            assertTrue(examined.readOnly());
            assertEquals(2, examined.exists());
            client.unselect();
            assertFalse(examined.view().isCurrent());
            client.delete(renamed);
            assertTrue(client.list(parent.name() + "/", "%").isEmpty());
        }
    }

    /** A name beyond ASCII goes as modified UTF-7 and comes back as the same Unicode text. */
    @Test
    void internationalMailboxName() {
        try (BlockingImapClient client = login()) {
            MailboxName box = dovecot.mailbox(client, "Entw\u00fcrfe-\u65e5\u672c");
            assertTrue(client.list("", box.name()).stream().anyMatch(e -> e.mailbox().equals(box)),
                    () -> client.list("", "mw-*").toString());
            client.append(box, List.of(), null, message("intl", "x\r\n"));
            assertEquals(1L, client.status(box, StatusItem.MESSAGES).items().get(StatusItem.MESSAGES));
        }
    }

    // ---- sections, dates, odd names, searches ----

    @Test
    void headerTextAndPartialSections() {
        byte[] original = message("sections", "0123456789abcdefghij\r\n");
        try (BlockingImapClient client = login()) {
            MailboxName box = dovecot.mailbox(client, "sections");
            client.append(box, List.of(), null, original);
            client.select(box);
            String whole = new String(original, StandardCharsets.US_ASCII);
            int split = whole.indexOf("\r\n\r\n") + 4;

            byte[] header = client.fetchBody(false, 1, new Section(List.of(), Section.Text.HEADER, List.of()), MAX_BODY);
            assertEquals(whole.substring(0, split), new String(header, StandardCharsets.US_ASCII),
                    "HEADER ends with the blank line (RFC 3501 §6.4.5)");
            byte[] text = client.fetchBody(false, 1, new Section(List.of(), Section.Text.TEXT, List.of()), MAX_BODY);
            assertEquals(whole.substring(split), new String(text, StandardCharsets.US_ASCII));
            // upper case, as Dovecot echoes the names; see fetchBodyMatchesHeaderFieldNamesInAnyCase
            byte[] subject = client.fetchBody(false, 1, new Section(List.of(), Section.Text.HEADER_FIELDS,
                    List.of("SUBJECT")), MAX_BODY);
            assertEquals("Subject: sections\r\n\r\n", new String(subject, StandardCharsets.US_ASCII));

            Collector collector = new Collector();
            client.fetch(FetchRequest.of(one(1), new FetchAttribute.BodySection(Section.WHOLE, true,
                    new Partial(split, 10))), collector);
            assertEquals("0123456789", new String(collector.body(1, Section.WHOLE), StandardCharsets.US_ASCII));
            FetchItem.Body body = item(collector.responses.get(0), FetchItem.Body.class).orElseThrow();
            assertEquals(OptionalLong.of(split), body.origin());
            assertEquals(10, body.size());

            assertEquals(0, client.fetchBody(true, 4_000_000_000L, Section.WHOLE, MAX_BODY).length,
                    "no such UID: an empty body");
        }
    }

    /**
     * Header field names are case-insensitive (RFC 3501 §6.4.5), and Dovecot answers
     * {@code BODY.PEEK[HEADER.FIELDS (Subject)]} with {@code BODY[HEADER.FIELDS (SUBJECT)]}.
     */
    @Test
    void fetchBodyMatchesHeaderFieldNamesInAnyCase() {
        try (BlockingImapClient client = login()) {
            MailboxName box = dovecot.mailbox(client, "field-case");
            client.append(box, List.of(), null, message("field-case", "x\r\n"));
            client.select(box);
            byte[] subject = client.fetchBody(false, 1, new Section(List.of(), Section.Text.HEADER_FIELDS,
                    List.of("Subject")), MAX_BODY);
            assertEquals("Subject: field-case\r\n\r\n", new String(subject, StandardCharsets.US_ASCII));
        }
    }

    @Test
    void appendWithDateAndKeywordFromAFileAndAStream(@TempDir Path dir) throws Exception {
        ImapDateTimeHolder date = new ImapDateTimeHolder();
        byte[] fromFile = message("from-file", "read from a file\r\n");
        byte[] fromStream = message("from-stream", "read from a stream\r\n");
        Path file = dir.resolve("message.eml");
        Files.write(file, fromFile);
        try (BlockingImapClient client = login()) {
            MailboxName box = dovecot.mailbox(client, "dated");
            Flag keyword = Flag.of("$Project");
            client.append(box, List.of(keyword, Flag.FLAGGED), date.value, file);
            client.append(box, List.of(), null, new ByteArrayInputStream(fromStream), fromStream.length);
            SelectResult selected = client.select(box);
            assertTrue(selected.permanentFlags().contains("\\*"), selected.permanentFlags()::toString);
            assertTrue(selected.flags().contains(keyword), "the new keyword is a flag of the mailbox: "
                    + selected.flags());

            List<ImapResponse.Fetch> fetched = client.fetch(FetchRequest.of(all(), FetchAttribute.Simple.FLAGS,
                    FetchAttribute.Simple.INTERNALDATE));
            assertEquals(date.value.value().toInstant(), item(fetched.get(0), FetchItem.InternalDate.class)
                    .orElseThrow().date().value().toInstant());
            assertTrue(flagsOf(fetched.get(0)).containsAll(List.of(keyword, Flag.FLAGGED)), fetched::toString);
            assertArrayEquals(fromFile, client.fetchBody(false, 1, Section.WHOLE, MAX_BODY));
            assertArrayEquals(fromStream, client.fetchBody(false, 2, Section.WHOLE, MAX_BODY));
            assertEquals(List.of(1L), client.search(new SearchKey.Keyword(keyword, false)).numbers());
            assertEquals(List.of(1L), client.search(new SearchKey.Date(SearchKey.DateField.ON,
                    date.value.value().toLocalDate())).numbers());
        }
    }

    /** A fixed internal date, with an offset that is not UTC. */
    private static final class ImapDateTimeHolder {
        final ImapDateTime value = new ImapDateTime(
                OffsetDateTime.of(2021, 3, 4, 5, 6, 7, 0, ZoneOffset.ofHoursMinutes(-3, -30)));
    }

    /** Quotes, backslashes, spaces and {@code &} (the modified UTF-7 shift character) survive the round trip. */
    @Test
    void mailboxNamesThatNeedQuotingOrEscaping() {
        try (BlockingImapClient client = login()) {
            MailboxName box = dovecot.mailbox(client, "a \"quoted\" back\\slash & more");
            List<ImapResponse.ListEntry> listed = client.list("", dovecot.prefix() + "*");
            assertEquals(List.of(box), listed.stream().map(ImapResponse.ListEntry::mailbox).toList());
            client.append(box, List.of(), null, message("odd-name", "x\r\n"));
            assertEquals(1L, client.status(box, StatusItem.MESSAGES).items().get(StatusItem.MESSAGES));
            SelectResult selected = client.select(box);
            assertEquals(box, selected.mailbox());
            assertEquals(1, selected.exists());
        }
    }

    @Test
    void searchKeysCombined() {
        try (BlockingImapClient client = login()) {
            MailboxName box = dovecot.mailbox(client, "search");
            client.append(box, List.of(), null, message("small", "tiny\r\n"));
            client.append(box, List.of(Flag.ANSWERED), null, message("large", "y".repeat(5000) + "\r\n"));
            client.append(box, List.of(Flag.SEEN), null, ("From: bob@mailwire.test\r\nSubject: unicode\r\n"
                    + "X-Tracking: abc-123\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                    + "Content-Transfer-Encoding: 8bit\r\n\r\nGr\u00fc\u00dfe aus K\u00f6ln\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            client.select(box);

            assertEquals(List.of(2L), client.search(new SearchKey.Size(true, 4000)).numbers());
            assertEquals(List.of(1L, 3L), client.search(new SearchKey.Not(new SearchKey.Size(true, 4000))).numbers());
            assertEquals(List.of(2L, 3L), client.search(new SearchKey.Or(SearchKey.Simple.ANSWERED,
                    SearchKey.Simple.SEEN)).numbers());
            assertEquals(List.of(3L), client.search(new SearchKey.Header("X-Tracking", "abc-123")).numbers());
            assertEquals(List.of(3L), client.search(new SearchKey.Text(SearchKey.TextField.BODY, "K\u00f6ln"))
                    .numbers(), "non-ASCII text goes with CHARSET UTF-8");
            assertEquals(List.of(1L), client.search(SearchKey.Simple.UNANSWERED, SearchKey.Simple.UNSEEN).numbers());
            assertEquals(List.of(2L, 3L), client.search(new SearchKey.Sequence(SequenceSet.parse("2:*"))).numbers());
            assertEquals(List.of(1L, 2L, 3L), client.search(new SearchKey.Date(SearchKey.DateField.SINCE,
                    LocalDate.of(2000, 1, 1))).numbers());
        }
    }

    /** SEARCHRES (RFC 5182): RETURN (SAVE) keeps the result on the server, and {@code $} refers to it. */
    @Test
    void esearchSaveThenFetchTheSavedResult() {
        try (BlockingImapClient client = login()) {
            assertTrue(client.hasCapability("SEARCHRES"));
            MailboxName box = dovecot.mailbox(client, "searchres");
            for (int i = 1; i <= 4; i++) {
                client.append(box, i >= 3 ? List.of(Flag.FLAGGED) : List.of(), null, message("m" + i, i + "\r\n"));
            }
            client.select(box);
            client.esearch(false, List.of(SearchReturn.SAVE), List.of(SearchKey.Simple.FLAGGED));
            List<ImapResponse.Fetch> saved = client.fetch(FetchRequest.of(SequenceSet.SAVED,
                    FetchAttribute.Simple.FLAGS));
            assertEquals(List.of(3L, 4L), saved.stream().map(ImapResponse.Fetch::seq).toList());
        }
    }

    // ---- structures ----

    @Test
    void envelopeAndNestedBodyStructure() {
        String inner = "From: Carol <carol@mailwire.test>\r\nTo: dave@mailwire.test\r\nSubject: inner\r\n"
                + "Message-ID: <inner@mailwire.test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nforwarded\r\n";
        String mime = "From: \"Bob, the Builder\" <bob@mailwire.test>\r\n"
                + "To: alice@mailwire.test, Eve <eve@mailwire.test>\r\nCc: friends: ann@mailwire.test;\r\n"
                + "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\nDate: Thu, 04 Mar 2021 05:06:07 -0330\r\n"
                + "Message-ID: <outer@mailwire.test>\r\nIn-Reply-To: <earlier@mailwire.test>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=outer\r\n\r\n"
                + "--outer\r\nContent-Type: multipart/alternative; boundary=alt\r\n\r\n"
                + "--alt\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nplain\r\n"
                + "--alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>html</p>\r\n--alt--\r\n"
                + "--outer\r\nContent-Type: message/rfc822\r\nContent-Disposition: attachment; filename=\"fwd.eml\"\r\n\r\n"
                + inner + "--outer--\r\n";
        try (BlockingImapClient client = login()) {
            MailboxName box = dovecot.mailbox(client, "structure");
            client.append(box, List.of(), null, mime.getBytes(StandardCharsets.US_ASCII));
            client.select(box);
            ImapResponse.Fetch f = client.fetch(FetchRequest.of(one(1), FetchAttribute.Simple.ENVELOPE,
                    FetchAttribute.Simple.BODYSTRUCTURE, FetchAttribute.Simple.BODY)).get(0);

            FetchItem.Envelope envelope = item(f, FetchItem.Envelope.class).orElseThrow();
            assertEquals("=?UTF-8?Q?Gr=C3=BC=C3=9Fe?=", envelope.subject(), "encoded words are left as sent");
            assertEquals("Bob, the Builder", envelope.from().get(0).name());
            assertEquals(2, envelope.to().size());
            assertEquals("Eve", envelope.to().get(1).name());
            assertEquals("<outer@mailwire.test>", envelope.messageId());
            assertEquals("<earlier@mailwire.test>", envelope.inReplyTo());
            assertTrue(envelope.cc().stream().anyMatch(a -> "ann".equals(a.mailbox())), envelope.cc()::toString);
            assertTrue(envelope.bcc().isEmpty());

            List<FetchItem.BodyStructure> structures = f.items().stream()
                    .filter(FetchItem.BodyStructure.class::isInstance).map(FetchItem.BodyStructure.class::cast).toList();
            assertEquals(2, structures.size(), "BODYSTRUCTURE and BODY: " + f);
            FetchItem.BodyStructure extended = structures.stream().filter(FetchItem.BodyStructure::extended)
                    .findFirst().orElseThrow();
            BodyPartShape.check(extended.part());
        }
    }

    /** What the nested message above must look like, whatever extension data Dovecot adds. */
    private static final class BodyPartShape {
        static void check(BodyPart part) {
            BodyPart.MultiPart mixed = (BodyPart.MultiPart) part;
            assertEquals("MIXED", mixed.subtype().toUpperCase(Locale.ROOT));
            assertEquals(2, mixed.parts().size());
            BodyPart.MultiPart alternative = (BodyPart.MultiPart) mixed.parts()
                    .get(0);
            assertEquals(List.of("PLAIN", "HTML"), alternative.parts().stream()
                    .map(p -> ((BodyPart.SinglePart) p).subtype().toUpperCase(Locale.ROOT))
                    .toList());
            BodyPart.SinglePart rfc822 = (BodyPart.SinglePart) mixed.parts().get(1);
            assertTrue(BodyPart.SinglePart.isMessage(rfc822.type(), rfc822.subtype()));
            assertEquals("inner", rfc822.envelope().orElseThrow().subject());
            assertEquals("carol", rfc822.envelope().orElseThrow().from().get(0).mailbox());
            assertTrue(rfc822.body().orElseThrow() instanceof BodyPart.SinglePart);
            assertEquals("ATTACHMENT", rfc822.disposition().type().toUpperCase(Locale.ROOT));
            assertEquals("fwd.eml", rfc822.disposition().params().entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase("filename")).findFirst().orElseThrow().getValue());
        }
    }

    /** An 8-bit (raw UTF-8) Subject comes back through ENVELOPE without breaking the connection. */
    @Test
    void eightBitHeaderInEnvelope() {
        byte[] raw = ("From: bob@mailwire.test\r\nSubject: Gr\u00fc\u00dfe \u65e5\u672c\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\nbody\r\n").getBytes(StandardCharsets.UTF_8);
        try (BlockingImapClient client = login()) {
            MailboxName box = dovecot.mailbox(client, "eight-bit");
            client.append(box, List.of(), null, raw);
            client.select(box);
            ImapResponse.Fetch f = client.fetch(FetchRequest.of(one(1), FetchAttribute.Simple.ENVELOPE)).get(0);
            String subject = item(f, FetchItem.Envelope.class).orElseThrow().subject();
            assertTrue(subject != null && subject.startsWith("Gr"), f::toString);
            assertTrue(client.isOpen());
            assertArrayEquals(raw, client.fetchBody(false, 1, Section.WHOLE, MAX_BODY));
        }
    }

    // ---- refusals, pipelining, other connections ----

    @Test
    void refusedCommandsLeaveTheConnectionUsable() {
        try (BlockingImapClient client = login()) {
            MailboxName box = dovecot.mailbox(client, "refusals");
            client.append(box, List.of(), null, message("r", "r\r\n"));
            client.select(box);
            ImapCommandException missing = assertThrows(
                    ImapCommandException.class,
                    () -> client.select(MailboxName.of(dovecot.prefix() + "-does-not-exist")));
            assertEquals(ImapResponse.Status.NO, missing.status());
            assertTrue(client.selected().isEmpty(), "a failed SELECT leaves no mailbox selected (RFC 3501 §6.3.1)");

            client.select(box);
            ImapCommandException tryCreate = assertThrows(
                    ImapCommandException.class,
                    () -> client.copy(false, one(1), MailboxName.of(dovecot.prefix() + "-no-target")));
            assertEquals(Optional.of(ResponseCode.Simple.TRYCREATE), tryCreate.responseCode());
            assertEquals("COPY", tryCreate.command());
            assertEquals(1, client.search(SearchKey.Simple.ALL).numbers().size());
        }
    }

    /**
     * Many operations started at once: the client pipelines what RFC 3501 §5.5 allows and holds the
     * rest back, and every operation gets its own answer.
     */
    @Test
    void manyOperationsInFlightGetTheirOwnAnswers() throws Exception {
        try (BlockingImapClient client = login()) {
            MailboxName box = dovecot.mailbox(client, "pipeline");
            MailboxName other = dovecot.mailbox(client, "pipeline-other");
            int count = 20;
            for (int i = 1; i <= count; i++) {
                client.append(box, i % 3 == 0 ? List.of(Flag.FLAGGED) : List.of(), null, message("p" + i, i + "\r\n"));
            }
            client.select(box);
            ImapClient async = client.async();
            List<CompletableFuture<List<ImapResponse.Fetch>>> fetches = new ArrayList<>();
            List<CompletableFuture<byte[]>> bodies = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                fetches.add(async.fetch(FetchRequest.of(one(i), FetchAttribute.Simple.UID,
                        FetchAttribute.Simple.RFC822_SIZE)).toCompletableFuture());
                bodies.add(async.fetchBody(false, i, new Section(List.of(), Section.Text.TEXT, List.of()), MAX_BODY)
                        .toCompletableFuture());
            }
            CompletableFuture<SearchResult> flagged = async.search(SearchKey.Simple.FLAGGED)
                    .toCompletableFuture();
            CompletableFuture<ImapResponse.MailboxStatus> status = async.status(other, StatusItem.MESSAGES)
                    .toCompletableFuture();
            CompletableFuture<List<ImapResponse.ListEntry>> list = async.list("", dovecot.prefix() + "*")
                    .toCompletableFuture();
            CompletableFuture<Void> noop = async.noop().toCompletableFuture();

            for (int i = 1; i <= count; i++) {
                List<ImapResponse.Fetch> f = fetches.get(i - 1).get(PUSH_WAIT_SECONDS, TimeUnit.SECONDS);
                assertEquals(1, f.size(), "fetch " + i + ": " + f);
                assertEquals(i, f.get(0).seq());
                assertEquals(i + "\r\n", new String(bodies.get(i - 1).get(PUSH_WAIT_SECONDS, TimeUnit.SECONDS),
                        StandardCharsets.US_ASCII));
            }
            assertEquals(List.of(3L, 6L, 9L, 12L, 15L, 18L), flagged.get(PUSH_WAIT_SECONDS, TimeUnit.SECONDS).numbers());
            assertEquals(0L, status.get(PUSH_WAIT_SECONDS, TimeUnit.SECONDS).items().get(StatusItem.MESSAGES));
            assertEquals(2, list.get(PUSH_WAIT_SECONDS, TimeUnit.SECONDS).size());
            noop.get(PUSH_WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Another connection's expunge reaches this one at its next command, and shifts the view's numbers. */
    @Test
    void anotherConnectionsExpungeShiftsTheView() {
        try (BlockingImapClient reader = login(); BlockingImapClient writer = login()) {
            MailboxName box = dovecot.mailbox(reader, "shift");
            for (String s : List.of("a", "b", "c")) {
                reader.append(box, List.of(), null, message(s, s + "\r\n"));
            }
            MailboxView view = reader.select(box).view();
            List<Long> uids = uids(reader);
            assertEquals(OptionalLong.of(uids.get(1)), view.uid(2));
            List<ImapEvent> events = new CopyOnWriteArrayList<>();
            reader.async().addListener(events::add);

            writer.select(box);
            writer.store(StoreRequest.add(one(1), Flag.DELETED).silently());
            writer.expunge();

            reader.noop();
            assertEquals(2, view.messageCount());
            assertEquals(OptionalLong.of(uids.get(1)), view.uid(1), "the second message is number 1 now");
            assertEquals(OptionalLong.of(uids.get(2)), view.uid(2));
            assertEquals(OptionalLong.of(1), view.sequenceNumber(uids.get(1)));
            assertTrue(view.sequenceNumber(uids.get(0)).isEmpty());
            assertTrue(events.stream().anyMatch(e -> e instanceof ImapEvent.Expunged x && x.seq() == 1
                    && x.uid().equals(OptionalLong.of(uids.get(0)))), events::toString);
            assertEquals(uids.subList(1, 3), uids(reader));
        }
    }

    @Test
    void flagChangesByAnotherConnectionArriveAsEvents() {
        try (BlockingImapClient reader = login(); BlockingImapClient writer = login()) {
            MailboxName box = dovecot.mailbox(reader, "flag-events");
            reader.append(box, List.of(), null, message("f", "f\r\n"));
            MailboxView view = reader.select(box).view();
            reader.fetch(FetchRequest.of(one(1), FetchAttribute.Simple.FLAGS));
            List<ImapEvent> events = new CopyOnWriteArrayList<>();
            reader.async().addListener(events::add);

            writer.select(box);
            writer.store(StoreRequest.add(one(1), Flag.FLAGGED).silently());
            reader.noop();
            assertTrue(events.stream().anyMatch(e -> e instanceof ImapEvent.FlagsChanged c && c.seq() == 1
                    && c.flags().contains(Flag.FLAGGED)), events::toString);
            assertTrue(view.flags(1).orElseThrow().contains(Flag.FLAGGED));
        }
    }

    @Test
    void operationsAfterLogoutFail() {
        BlockingImapClient client = login();
        client.logout();
        assertFalse(client.isOpen());
        assertThrows(ImapConnectionException.class, client::noop);
        client.close();
    }

    // ---- more of the session: IDLE queueing, shared connectors, listeners, limits ----

    /** Operations called while IDLE runs wait for DONE, then run in order. */
    @Test
    void operationsCalledDuringIdleRunAfterDone() throws Exception {
        try (BlockingImapClient client = login()) {
            MailboxName box = dovecot.mailbox(client, "idle-queue");
            client.append(box, List.of(Flag.FLAGGED), null, message("queued", "q\r\n"));
            client.select(box);
            IdleHandle idle = client.idle();
            CompletableFuture<SearchResult> search = client.async()
                    .search(SearchKey.Simple.FLAGGED).toCompletableFuture();
            CompletableFuture<ImapResponse.MailboxStatus> status = client.async().status(box, StatusItem.MESSAGES)
                    .toCompletableFuture();
            assertTrue(idle.isIdling(), "a queued operation does not end the IDLE");
            assertFalse(search.isDone(), "nothing is sent while idling");
            client.done(idle);
            assertEquals(List.of(1L), search.get(PUSH_WAIT_SECONDS, TimeUnit.SECONDS).numbers());
            assertEquals(1L, status.get(PUSH_WAIT_SECONDS, TimeUnit.SECONDS).items().get(StatusItem.MESSAGES));
            IdleHandle again = client.idle();
            client.done(again);
            assertTrue(again.completion().toCompletableFuture().isDone());
        }
    }

    /** Two clients on one caller-owned connector, each with its own session. */
    @Test
    void twoClientsShareOneConnector() throws Exception {
        ImapClientOptions options = startTls().build();
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), IMAP_PORT);
        try (Connector connector = ImapClient.newConnector(options)) {
            ImapClient first = ImapClient.connect(connector, address, "localhost", options).toCompletableFuture()
                    .get(PUSH_WAIT_SECONDS, TimeUnit.SECONDS);
            ImapClient second = ImapClient.connect(connector, address, "localhost", options).toCompletableFuture()
                    .get(PUSH_WAIT_SECONDS, TimeUnit.SECONDS);
            try {
                MailboxName box = dovecot.mailbox(first.blocking(), "shared-connector");
                first.blocking().append(box, List.of(), null, message("shared", "s\r\n"));
                assertEquals(1L, second.blocking().status(box, StatusItem.MESSAGES).items().get(StatusItem.MESSAGES));
                first.logout().toCompletableFuture().get(PUSH_WAIT_SECONDS, TimeUnit.SECONDS);
                assertFalse(first.isOpen());
                assertTrue(second.isOpen(), "one client's LOGOUT leaves the other alone");
                second.blocking().noop();
            } finally {
                first.close();
                second.close();
            }
        }
    }

    /** A listener that throws fails its fetch with what it threw; the connection stays usable. */
    @Test
    void aThrowingFetchListenerFailsOnlyItsFetch() {
        try (BlockingImapClient client = login()) {
            MailboxName box = dovecot.mailbox(client, "throwing-listener");
            byte[] original = message("throw", "x".repeat(50_000) + "\r\n");
            client.append(box, List.of(), null, original);
            client.select(box);
            IllegalStateException thrown = new IllegalStateException("listener refuses");
            FetchListener refusing = new FetchListener() {
                @Override
                public void bodyChunk(long seq, Section section, ByteBuffer chunk) {
                    throw thrown;
                }

                @Override
                public void fetched(ImapResponse.Fetch response) {
                }
            };
            IllegalStateException failed = assertThrows(IllegalStateException.class, () -> client.fetch(
                    FetchRequest.of(one(1), new FetchAttribute.BodySection(Section.WHOLE, true, null)), refusing));
            assertTrue(failed == thrown || failed.getCause() == thrown, failed::toString);
            assertTrue(client.isOpen());
            assertArrayEquals(original, client.fetchBody(false, 1, Section.WHOLE, MAX_BODY));
        }
    }

    @Test
    void aBodyOverTheLimitFailsOnlyThatFetch() {
        try (BlockingImapClient client = login()) {
            MailboxName box = dovecot.mailbox(client, "too-large");
            byte[] original = message("large", "z".repeat(100_000) + "\r\n");
            client.append(box, List.of(), null, original);
            client.select(box);
            assertThrows(MessageTooLargeException.class,
                    () -> client.fetchBody(false, 1, Section.WHOLE, 1024));
            assertTrue(client.isOpen());
            assertArrayEquals(original, client.fetchBody(false, 1, Section.WHOLE, MAX_BODY));
        }
    }

    /** CLOSE expunges \Deleted messages without EXPUNGE responses (RFC 3501 §6.4.2). */
    @Test
    void closeExpungesSilently() {
        try (BlockingImapClient client = login()) {
            MailboxName box = dovecot.mailbox(client, "close");
            client.append(box, List.of(Flag.DELETED), null, message("gone", "g\r\n"));
            client.append(box, List.of(), null, message("kept", "k\r\n"));
            MailboxView view = client.select(box).view();
            List<ImapEvent> events = new CopyOnWriteArrayList<>();
            client.async().addListener(events::add);
            client.closeMailbox();
            assertTrue(client.selected().isEmpty());
            assertFalse(view.isCurrent());
            assertTrue(events.stream().noneMatch(e -> e instanceof ImapEvent.Expunged), events::toString);
            assertEquals(1L, client.status(box, StatusItem.MESSAGES).items().get(StatusItem.MESSAGES));
        }
    }

    /** With QRESYNC enabled, MOVE by sequence number reports the moved messages as VANISHED. */
    @Test
    void moveUnderQresyncReportsVanished() {
        try (BlockingImapClient client = connect(startTls().enable(List.of("QRESYNC")))) {
            MailboxName source = dovecot.mailbox(client, "qmove-from");
            MailboxName target = dovecot.mailbox(client, "qmove-to");
            for (String s : List.of("a", "b", "c")) {
                client.append(source, List.of(), null, message(s, s + "\r\n"));
            }
            MailboxView view = client.select(source).view();
            List<Long> uids = uids(client);
            List<ImapEvent> events = new CopyOnWriteArrayList<>();
            client.async().addListener(events::add);
            CopyResult moved = client.move(false, SequenceSet.parse("1:2"), target);
            assertEquals(uids.subList(0, 2), members(moved.copyUid().orElseThrow().source()));
            assertEquals(1, view.messageCount());
            assertEquals(OptionalLong.of(uids.get(2)), view.uid(1));
            assertTrue(events.stream().anyMatch(e -> e instanceof ImapEvent.Vanished v && !v.earlier()),
                    events::toString);
            assertTrue(events.stream().noneMatch(e -> e instanceof ImapEvent.Expunged), events::toString);
        }
    }

    /** SEARCH MODSEQ (RFC 7162 §3.1.5) answers with the highest mod-sequence of the matches. */
    @Test
    void searchByModSeq() {
        try (BlockingImapClient client = login()) {
            MailboxName box = dovecot.mailbox(client, "search-modseq");
            client.append(box, List.of(), null, message("m1", "1\r\n"));
            client.append(box, List.of(), null, message("m2", "2\r\n"));
            SelectResult selected = client.select(box, SelectParameters.CONDSTORE);
            long highest = selected.highestModSeq().orElseThrow();
            client.store(StoreRequest.add(one(2), Flag.SEEN).silently());
            SearchResult changed = client.search(new SearchKey.ModSeq(highest + 1));
            assertEquals(List.of(2L), changed.numbers());
            assertTrue(changed.modSeq().orElseThrow() > highest, changed::toString);
        }
    }

    // ---- NAMESPACE, ID, SORT, THREAD, extended LIST, COMPRESS ----

    @Test
    void namespaceOfTheInboxNamespace() {
        try (BlockingImapClient client = login()) {
            assertTrue(client.hasCapability("NAMESPACE"));
            ImapResponse.Namespace namespace = client.namespace();
            assertEquals(1, namespace.personal().size(), namespace::toString);
            assertEquals("", namespace.personal().get(0).prefix());
            assertEquals(Optional.of('/'), namespace.personal().get(0).delimiter());
            assertTrue(namespace.otherUsers().isEmpty(), namespace::toString);
            assertTrue(namespace.shared().isEmpty(), namespace::toString);
        }
    }

    @Test
    void idTellsWhoTheServerIs() {
        try (BlockingImapClient client = login()) {
            assertTrue(client.hasCapability("ID"));
            Map<String, String> mine = new LinkedHashMap<>();
            mine.put("name", "mailwire-interop");
            mine.put("version", "0.1 \"test\"");
            ImapResponse.Id server = client.id(mine);
            assertEquals("Dovecot", server.parameters().entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase("name")).findFirst().orElseThrow().getValue());
            assertFalse(client.id(Map.of()).parameters().isEmpty(), "NIL from us, Dovecot still names itself");
        }
    }

    @Test
    void sortBySubjectSizeAndDisplayFrom() {
        try (BlockingImapClient client = login()) {
            MailboxName box = dovecot.mailbox(client, "sort");
            client.append(box, List.of(), null, ("From: Zed <zed@mailwire.test>\r\nSubject: charlie\r\n\r\n"
                    + "a".repeat(300) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            client.append(box, List.of(), null, ("From: Amy <amy@mailwire.test>\r\nSubject: alpha\r\n\r\n"
                    + "a".repeat(10) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            client.append(box, List.of(), null, ("From: Max <max@mailwire.test>\r\nSubject: Re: bravo\r\n\r\n"
                    + "a".repeat(1000) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            client.select(box);
            List<Long> uids = uids(client);

            assertEquals(List.of(2L, 3L, 1L), client.sort(false,
                    List.of(SortCriterion.ascending(SortCriterion.Key.SUBJECT)), List.of(SearchKey.Simple.ALL)),
                    "RFC 5256 base subjects drop Re:");
            assertEquals(List.of(uids.get(2), uids.get(0), uids.get(1)), client.sort(true,
                    List.of(SortCriterion.descending(SortCriterion.Key.SIZE)), List.of(SearchKey.Simple.ALL)));
            assertEquals(List.of(2L, 3L, 1L), client.sort(false,
                    List.of(SortCriterion.ascending(SortCriterion.Key.DISPLAYFROM)), List.of(SearchKey.Simple.ALL)));
            assertEquals(List.of(3L), client.sort(false, List.of(SortCriterion.ascending(SortCriterion.Key.ARRIVAL)),
                    List.of(new SearchKey.Text(SearchKey.TextField.SUBJECT, "bravo"))));
        }
    }

    @Test
    void threadByReferencesAndOrderedSubject() {
        try (BlockingImapClient client = login()) {
            MailboxName box = dovecot.mailbox(client, "thread");
            String[] raw = {
                "Message-ID: <root@t>\r\nSubject: plans\r\nDate: Mon, 01 Mar 2021 10:00:00 +0000\r\n\r\nroot\r\n",
                "Message-ID: <r1@t>\r\nIn-Reply-To: <root@t>\r\nReferences: <root@t>\r\nSubject: Re: plans\r\n"
                        + "Date: Mon, 01 Mar 2021 11:00:00 +0000\r\n\r\nfirst reply\r\n",
                "Message-ID: <r2@t>\r\nIn-Reply-To: <root@t>\r\nReferences: <root@t>\r\nSubject: Re: plans\r\n"
                        + "Date: Mon, 01 Mar 2021 12:00:00 +0000\r\n\r\nsecond reply\r\n",
                "Message-ID: <other@t>\r\nSubject: unrelated\r\nDate: Mon, 01 Mar 2021 13:00:00 +0000\r\n\r\nalone\r\n"};
            for (String r : raw) {
                client.append(box, List.of(), null, r.getBytes(StandardCharsets.US_ASCII));
            }
            client.select(box);
            List<ThreadNode> threads = client.thread(false, "REFERENCES",
                    List.of(SearchKey.Simple.ALL));
            assertEquals(List.of(new ThreadNode(List.of(1L), List.of(
                    ThreadNode.chain(2), ThreadNode.chain(3))),
                    ThreadNode.chain(4)), threads);

            List<Long> uids = uids(client);
            List<ThreadNode> byUid = client.thread(true, "ORDEREDSUBJECT",
                    List.of(SearchKey.Simple.ALL));
            assertEquals(2, byUid.size(), byUid::toString);
            assertTrue(byUid.contains(ThreadNode.chain(uids.get(3))), byUid::toString);
        }
    }

    @Test
    void listReturnSpecialUseAndSelectSpecialUse() {
        try (BlockingImapClient client = login()) {
            ListResult returned = client.list(ListRequest.of("", "*").returning("SPECIAL-USE"));
            for (String name : List.of("Drafts", "Sent", "Trash", "Junk")) {
                ImapResponse.ListEntry entry = returned.entries().stream().filter(e -> e.mailbox().name().equals(name))
                        .findFirst().orElseThrow(() -> new AssertionError(name + ": " + returned));
                assertTrue(entry.attributes().stream().anyMatch(a -> a.equalsIgnoreCase("\\" + name)),
                        entry::toString);
            }
            ListResult selected = client.list(ListRequest.of("", "*").selecting("SPECIAL-USE")
                    .returning("SPECIAL-USE"));
            assertEquals(Set.of("Drafts", "Sent", "Trash", "Junk"), selected.entries().stream()
                    .map(e -> e.mailbox().name()).collect(Collectors.toSet()));
        }
    }

    @Test
    void listStatusReturnsCountsWithTheEntries() {
        try (BlockingImapClient client = login()) {
            assertTrue(client.hasCapability("LIST-STATUS"));
            MailboxName full = dovecot.mailbox(client, "status-full");
            MailboxName empty = dovecot.mailbox(client, "status-empty");
            client.append(full, List.of(Flag.SEEN), null, message("seen", "s\r\n"));
            client.append(full, List.of(), null, message("unseen", "u\r\n"));
            ListResult result = client.list(ListRequest.of("", dovecot.prefix() + "-*").withStatus(StatusItem.MESSAGES,
                    StatusItem.UNSEEN));
            assertEquals(Set.of(full, empty), result.entries().stream().map(ImapResponse.ListEntry::mailbox)
                    .collect(Collectors.toSet()));
            assertEquals(2L, result.status().get(full).items().get(StatusItem.MESSAGES));
            assertEquals(1L, result.status().get(full).items().get(StatusItem.UNSEEN));
            assertEquals(0L, result.status().get(empty).items().get(StatusItem.MESSAGES));
        }
    }

    /** COMPRESS=DEFLATE inside TLS; a large message then travels both ways compressed, intact. */
    @Test
    void compressThenLargeMessage() {
        byte[] big = message("compressed", "the quick brown fox jumps over the lazy dog 0123456789\r\n".repeat(40_000));
        try (BlockingImapClient client = login()) {
            assertTrue(client.hasCapability("COMPRESS=DEFLATE"));
            MailboxName box = dovecot.mailbox(client, "compress");
            client.compress();
            assertTrue(client.async().isCompressed());
            client.append(box, List.of(), null, big);
            client.select(box);
            Collector collector = new Collector();
            client.fetch(FetchRequest.of(one(1), new FetchAttribute.BodySection(Section.WHOLE, true, null)), collector);
            assertArrayEquals(big, collector.body(1, Section.WHOLE));
            assertEquals(List.of(1L), client.search(new SearchKey.Text(SearchKey.TextField.SUBJECT, "compressed"))
                    .numbers());
            client.logout();
            assertFalse(client.isOpen());
        }
    }

    /**
     * A large mailbox: SEARCH and ESEARCH answers longer than the 16 KiB default line limit (result
     * lines have their own, larger limit), and a UID MOVE of every other message, whose
     * {@code [COPYUID]} (and, under QRESYNC, VANISHED) lists thousands of separate UIDs on one line.
     */
    @Test
    void largeNonContiguousMoveWithTheDefaultLineLimit() throws Exception {
        largeMailboxSearchAndNonContiguousMove(startTls());
    }

    /** The same with maxLine raised: what a caller can do until those lines get a limit of their own. */
    @Test
    void largeNonContiguousMoveWithARaisedLineLimit() throws Exception {
        largeMailboxSearchAndNonContiguousMove(startTls().decoderConfig(
                ImapResponseDecoderConfig.defaults().withMaxLine(256 * 1024)));
    }

    private void largeMailboxSearchAndNonContiguousMove(ImapClientOptions.Builder options) throws Exception {
        int count = LARGE_MAILBOX;
        // a deeper pipeline keeps Dovecot busy instead of waiting for our next APPEND: 7000 of them
        try (BlockingImapClient client = connect(options.enable(List.of("QRESYNC")).maxPipelinedCommands(64))) {
            MailboxName box = dovecot.mailbox(client, "large");
            MailboxName odd = dovecot.mailbox(client, "large-odd");
            ImapClient async = client.async();
            byte[] small = message("small", "s\r\n");
            List<CompletableFuture<AppendResult>> appends = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                appends.add(async.append(box, i % 2 == 1 ? List.of(Flag.FLAGGED) : List.of(), null, small)
                        .toCompletableFuture());
                if (appends.size() == 200 || i == count) {
                    for (CompletableFuture<AppendResult> f : appends) {
                        f.get(PUSH_WAIT_SECONDS, TimeUnit.SECONDS);
                    }
                    appends.clear();
                }
            }
            MailboxView view = client.select(box).view();
            assertEquals(count, view.messageCount());
            List<Long> all = client.search(SearchKey.Simple.ALL).numbers();
            assertEquals(count, all.size());
            ImapResponse.Esearch flagged = client.esearch(true, List.of(SearchReturn.COUNT, SearchReturn.ALL),
                    List.of(SearchKey.Simple.FLAGGED));
            assertEquals(OptionalLong.of(count / 2), flagged.count());

            CopyResult moved = client.move(true, flagged.all().orElseThrow(), odd);
            assertEquals(count / 2, members(moved.copyUid().orElseThrow().source()).size());
            assertEquals(count / 2, view.messageCount());
            assertTrue(client.isOpen());
            assertEquals((long) count / 2, client.status(odd, StatusItem.MESSAGES).items().get(StatusItem.MESSAGES));
        }
    }

    /** Under COMPRESS, what the server pushes during IDLE is flushed and inflated as it comes. */
    @Test
    void compressedIdleSeesAnotherConnectionsAppend() throws Exception {
        try (BlockingImapClient watcher = login(); BlockingImapClient writer = login()) {
            MailboxName box = dovecot.mailbox(writer, "compressed-idle");
            watcher.compress();
            MailboxView view = watcher.select(box).view();
            CompletableFuture<ImapEvent.Exists> exists = new CompletableFuture<>();
            watcher.async().addListener(e -> {
                if (e instanceof ImapEvent.Exists x) {
                    exists.complete(x);
                }
            });
            IdleHandle idle = watcher.idle();
            writer.append(box, List.of(), null, message("pushed", "through deflate\r\n"));
            assertEquals(1, exists.get(PUSH_WAIT_SECONDS, TimeUnit.SECONDS).count());
            assertEquals(1, view.messageCount());
            watcher.done(idle);
            assertTrue(watcher.async().isCompressed());
            assertTrue(new String(watcher.fetchBody(false, 1, Section.WHOLE, MAX_BODY), StandardCharsets.US_ASCII)
                    .endsWith("through deflate\r\n"));
        }
    }

    /**
     * A second COMPRESS fails on its own, refused by the client before the server's
     * COMPRESSIONACTIVE (RFC 4978 §3); the compressed session goes on.
     */
    @Test
    void compressTwiceFailsOnlyTheSecond() {
        try (BlockingImapClient client = login()) {
            client.compress();
            ImapCommandException again = assertThrows(ImapCommandException.class, client::compress);
            assertEquals(Optional.of(ResponseCode.Simple.COMPRESSIONACTIVE), again.responseCode(), again::toString);
            assertTrue(client.isOpen());
            assertTrue(client.async().isCompressed());
            assertEquals(1, client.list("", "INBOX").size());
        }
    }

    /** ID before any login (RFC 2971 allows it in every state), inside STARTTLS without credentials. */
    @Test
    void idBeforeLogin() {
        ImapClientOptions options = ImapClientOptions.builder().startTlsPolicy(StartTlsPolicy.REQUIRED)
                .clientTls(dovecotTls()).readTimeout(Duration.ofSeconds(30)).build();
        try (BlockingImapClient client = connect(IMAP_PORT, options)) {
            assertFalse(client.isAuthenticated());
            ImapResponse.Id server = client.id(Map.of("name", "mailwire-interop"));
            assertTrue(server.parameters().keySet().stream().anyMatch(k -> k.equalsIgnoreCase("name")),
                    server::toString);
        }
    }

    /** LIST (SUBSCRIBED) "" (pattern pattern) RETURN (CHILDREN): several patterns, a selection option, a return option. */
    @Test
    void listSubscribedWithSeveralPatterns() {
        try (BlockingImapClient client = login()) {
            assertTrue(client.hasCapability("LIST-EXTENDED"));
            ListResult subscribed = client.list(new ListRequest("", List.of("Drafts", "Sent", "Junk"),
                    List.of("SUBSCRIBED"), List.of("CHILDREN"), List.of()));
            // the peer's configuration subscribes Drafts and Sent (auto = subscribe) but only creates Junk
            Set<String> names = subscribed.entries().stream().map(e -> e.mailbox().name())
                    .collect(Collectors.toSet());
            assertEquals(Set.of("Drafts", "Sent"), names, subscribed::toString);
            subscribed.entries().forEach(e -> assertTrue(e.attributes().stream()
                    .anyMatch(a -> a.equalsIgnoreCase("\\Subscribed")), e::toString));

            MailboxName parent = dovecot.mailbox(client, "tree");
            MailboxName child = MailboxName.of(parent.name() + "/leaf");
            client.create(child);
            dovecot.deleteFirst(child);
            ListResult children = client.list(ListRequest.of("", parent.name()).returning("CHILDREN"));
            assertEquals(1, children.entries().size(), children::toString);
            assertTrue(children.entries().get(0).attributes().stream()
                    .anyMatch(a -> a.equalsIgnoreCase("\\HasChildren")), children::toString);
        }
    }

    /** QRESYNC's seq-match-data (RFC 7162 §3.2.5.2) on EXAMINE: the read-only resync works alike. */
    @Test
    void examineWithQresyncAndSequenceMatchData() {
        try (BlockingImapClient client = connect(startTls().enable(List.of("QRESYNC")))) {
            MailboxName box = dovecot.mailbox(client, "qresync-examine");
            for (String s : List.of("a", "b", "c", "d")) {
                client.append(box, List.of(), null, message(s, s + "\r\n"));
            }
            SelectResult first = client.select(box);
            long uidValidity = first.uidValidity().orElseThrow();
            long known = first.highestModSeq().orElseThrow(() -> new AssertionError("QRESYNC implies CONDSTORE"));
            List<Long> uids = uids(client);
            client.store(StoreRequest.add(one(uids.get(3)), Flag.DELETED).byUid().silently());
            client.uidExpunge(one(uids.get(3)));
            client.closeMailbox();

            SequenceSet knownUids = SequenceSet.parse(uids.get(0) + ":" + uids.get(3));
            Qresync qresync = new Qresync(uidValidity, known, knownUids, SequenceSet.parse("1,4"),
                    SequenceSet.parse(uids.get(0) + "," + uids.get(3)));
            SelectResult resync = client.examine(box, SelectParameters.withQresync(qresync));
            assertTrue(resync.readOnly());
            assertEquals(3, resync.exists());
            assertEquals(List.of(uids.get(3)), members(resync.vanished().orElseThrow()));
            assertTrue(resync.changes().isEmpty(), resync.changes()::toString);
        }
    }

    // ---- responses longer than the default line limit ----

    /** 200 named attachments: Dovecot's BODYSTRUCTURE is one line of about 29 KiB. */
    private static byte[] manyParts() {
        StringBuilder mime = new StringBuilder("From: bob@mailwire.test\r\nSubject: many parts\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n");
        for (int i = 0; i < MANY_PARTS; i++) {
            String name = String.format("attachment-%03d.txt", i);
            mime.append("--b\r\nContent-Type: text/plain; charset=us-ascii; name=\"").append(name)
                    .append("\"\r\nContent-Disposition: attachment; filename=\"").append(name).append("\"\r\n\r\npart ")
                    .append(i).append("\r\n");
        }
        return mime.append("--b--\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A folded Subject of 2500 words: Dovecot sends it unfolded as one quoted string of about 25 KiB. */
    private static byte[] longSubject() {
        StringBuilder subject = new StringBuilder();
        for (int i = 0; i < 2500; i++) {
            subject.append(i == 0 ? "" : i % 10 == 0 ? "\r\n " : " ").append(String.format("word%05d", i));
        }
        return ("From: bob@mailwire.test\r\nSubject: " + subject + "\r\nMIME-Version: 1.0\r\n\r\nbody\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private void bodyStructureAndEnvelopeOfLongLines(ImapClientOptions.Builder options) {
        try (BlockingImapClient client = connect(options)) {
            MailboxName box = dovecot.mailbox(client, "long-lines");
            client.append(box, List.of(), null, manyParts());
            client.append(box, List.of(), null, longSubject());
            client.select(box);
            ImapResponse.Fetch structure = client.fetch(FetchRequest.of(one(1), FetchAttribute.Simple.BODYSTRUCTURE))
                    .get(0);
            BodyPart.MultiPart mixed = (BodyPart.MultiPart) item(structure,
                    FetchItem.BodyStructure.class).orElseThrow().part();
            assertEquals(MANY_PARTS, mixed.parts().size());
            ImapResponse.Fetch envelope = client.fetch(FetchRequest.of(one(2), FetchAttribute.Simple.ENVELOPE)).get(0);
            String subject = item(envelope, FetchItem.Envelope.class).orElseThrow().subject();
            assertTrue(subject.startsWith("word00000 word00001") && subject.endsWith("word02499"),
                    subject.substring(0, 40));
        }
    }

    @Test
    void longBodyStructureAndEnvelopeWithTheDefaultLineLimit() {
        bodyStructureAndEnvelopeOfLongLines(startTls());
    }

    @Test
    void longBodyStructureAndEnvelopeWithARaisedLineLimit() {
        bodyStructureAndEnvelopeOfLongLines(startTls().decoderConfig(
                ImapResponseDecoderConfig.defaults().withMaxLine(256 * 1024)));
    }

    // ---- untagged data under other commands ----

    /** APPEND and COPY into the selected mailbox: the EXISTS under them grows the view and reaches listeners. */
    @Test
    void appendAndCopyIntoTheSelectedMailboxGrowTheView() {
        try (BlockingImapClient client = login()) {
            MailboxName box = dovecot.mailbox(client, "self-append");
            client.append(box, List.of(), null, message("first", "1\r\n"));
            MailboxView view = client.select(box).view();
            List<ImapEvent> events = new CopyOnWriteArrayList<>();
            client.async().addListener(events::add);
            client.append(box, List.of(), null, message("second", "2\r\n"));
            assertEquals(2, view.messageCount());
            client.copy(false, SequenceSet.parse("1:2"), box);
            assertEquals(4, view.messageCount());
            assertTrue(events.stream().anyMatch(e -> e instanceof ImapEvent.Exists x && x.count() == 4),
                    events::toString);
            assertEquals(List.of(1L, 2L, 3L, 4L), client.search(SearchKey.Simple.ALL).numbers());
        }
    }

    /** A keyword new to the mailbox makes Dovecot send FLAGS and PERMANENTFLAGS anew, under the STORE. */
    @Test
    void aNewKeywordUpdatesTheMailboxFlags() {
        try (BlockingImapClient client = login()) {
            MailboxName box = dovecot.mailbox(client, "new-keyword");
            client.append(box, List.of(), null, message("k", "k\r\n"));
            SelectResult selected = client.select(box);
            Flag keyword = Flag.of("$Important");
            assertFalse(selected.flags().contains(keyword));
            StoreResult stored = client.store(StoreRequest.add(one(1), keyword));
            assertTrue(flagsOf(stored.fetched().get(0)).contains(keyword));
            assertTrue(selected.view().flags().contains(keyword), "the view follows the new FLAGS response: "
                    + selected.view().flags());
        }
    }

    /**
     * Dovecot answers DELETE of the selected mailbox with OK, then BYE (the mailbox is gone under
     * the session): the DELETE succeeds, listeners see the BYE, and later operations fail.
     */
    @Test
    void deletingTheSelectedMailboxEndsTheSession() throws Exception {
        try (BlockingImapClient client = login()) {
            MailboxName box = dovecot.mailbox(client, "deleted-under-me");
            client.append(box, List.of(), null, message("d", "d\r\n"));
            client.select(box);
            CompletableFuture<ImapEvent.Bye> bye = new CompletableFuture<>();
            client.async().addListener(e -> {
                if (e instanceof ImapEvent.Bye b) {
                    bye.complete(b);
                }
            });
            client.delete(box);
            dovecot.forget(box);
            assertFalse(bye.get(PUSH_WAIT_SECONDS, TimeUnit.SECONDS).text().isEmpty());
            assertThrows(ImapConnectionException.class, client::noop);
            assertFalse(client.isOpen());
        }
    }

    // ---- part sections, RFC822 items, macros ----

    private static final String NESTED_INNER = "From: Carol <carol@mailwire.test>\r\nSubject: inner\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nforwarded\r\n";
    private static final String NESTED = "From: bob@mailwire.test\r\nSubject: nested\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=outer\r\n\r\n"
            + "--outer\r\nContent-Type: multipart/alternative; boundary=alt\r\n\r\n"
            + "--alt\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nplain\r\n"
            + "--alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>html</p>\r\n--alt--\r\n"
            + "--outer\r\nContent-Type: message/rfc822\r\n\r\n" + NESTED_INNER + "--outer--\r\n";

    private static Section part(Section.Text text, long... numbers) {
        return new Section(java.util.Arrays.stream(numbers).boxed().toList(), text, List.of());
    }

    @Test
    void partSectionsOfANestedMessage() {
        try (BlockingImapClient client = login()) {
            MailboxName box = dovecot.mailbox(client, "part-sections");
            client.append(box, List.of(), null, NESTED.getBytes(StandardCharsets.US_ASCII));
            client.select(box);
            assertEquals("<p>html</p>", text(client.fetchBody(false, 1, part(Section.Text.NONE, 1, 2), MAX_BODY)));
            assertEquals("Content-Type: text/plain; charset=utf-8\r\n\r\n",
                    text(client.fetchBody(false, 1, part(Section.Text.MIME, 1, 1), MAX_BODY)));
            assertEquals(NESTED_INNER.substring(0, NESTED_INNER.indexOf("\r\n\r\n") + 4),
                    text(client.fetchBody(false, 1, part(Section.Text.HEADER, 2), MAX_BODY)));
            // the CRLF before a boundary belongs to the boundary (RFC 2046 §5.1.1), not to the part
            assertEquals("forwarded", text(client.fetchBody(false, 1, part(Section.Text.TEXT, 2), MAX_BODY)));
            assertEquals(NESTED_INNER.substring(0, NESTED_INNER.length() - 2),
                    text(client.fetchBody(false, 1, part(Section.Text.NONE, 2), MAX_BODY)));

            // several sections of one message in one FETCH, each streamed to its own section
            Collector collector = new Collector();
            client.fetch(FetchRequest.of(one(1), new FetchAttribute.BodySection(part(Section.Text.NONE, 1, 1), true,
                    null), new FetchAttribute.BodySection(part(Section.Text.TEXT, 2), true, null),
                    new FetchAttribute.Binary(List.of(1L, 2L), true, new Partial(3, 4))), collector);
            assertEquals("plain", text(collector.body(1, part(Section.Text.NONE, 1, 1))));
            assertEquals("forwarded", text(collector.body(1, part(Section.Text.TEXT, 2))));
            assertEquals("html", text(collector.body(1, part(Section.Text.NONE, 1, 2))));
            assertEquals(1, collector.responses.size());
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /** RFC822, RFC822.HEADER and RFC822.TEXT are body items too; RFC822 without PEEK sets \Seen. */
    @Test
    void rfc822ItemsAndMacros() {
        byte[] original = message("rfc822", "the text\r\n");
        String whole = text(original);
        int split = whole.indexOf("\r\n\r\n") + 4;
        try (BlockingImapClient client = login()) {
            MailboxName box = dovecot.mailbox(client, "rfc822");
            client.append(box, List.of(), null, original);
            client.select(box);
            Collector collector = new Collector();
            client.fetch(FetchRequest.of(one(1), FetchAttribute.Simple.RFC822_HEADER, FetchAttribute.Simple.RFC822_TEXT),
                    collector);
            List<String> parts = collector.bodies.values().stream().map(b -> text(b.toByteArray())).sorted().toList();
            assertEquals(List.of(whole.substring(0, split), whole.substring(split)).stream().sorted().toList(), parts);

            Collector full = new Collector();
            client.fetch(FetchRequest.of(one(1), FetchAttribute.Simple.RFC822), full);
            assertEquals(1, full.bodies.size());
            assertArrayEquals(original, full.bodies.values().iterator().next().toByteArray());

            ImapResponse.Fetch all = client.fetch(FetchRequest.of(one(1), FetchAttribute.Macro.ALL)).get(0);
            assertTrue(flagsOf(all).contains(Flag.SEEN), "RFC822 set \\Seen: " + all);
            assertEquals(original.length, item(all, FetchItem.Rfc822Size.class).orElseThrow().size());
            assertTrue(item(all, FetchItem.Envelope.class).isPresent());
            assertTrue(item(all, FetchItem.InternalDate.class).isPresent());
            ImapResponse.Fetch fullMacro = client.fetch(FetchRequest.of(one(1), FetchAttribute.Macro.FULL)).get(0);
            assertTrue(item(fullMacro, FetchItem.BodyStructure.class).map(b -> !b.extended()).orElse(false),
                    "FULL carries BODY, the non-extensible structure: " + fullMacro);
        }
    }

    /**
     * LOGOUT called while IDLE runs: the IDLE has to end (DONE) for the LOGOUT to go out, and the
     * connection closes after the server's answer. The wait is bounded well below the read timeout,
     * which a LOGOUT stuck behind the IDLE would run into.
     */
    @Test
    void logoutWhileIdlingEndsTheIdle() throws Exception {
        try (BlockingImapClient client = connect(startTls().readTimeout(Duration.ofSeconds(4 * PUSH_WAIT_SECONDS)))) {
            client.select(MailboxName.INBOX);
            IdleHandle idle = client.idle();
            CompletableFuture<Void> logout = client.async().logout().toCompletableFuture();
            idle.completion().toCompletableFuture().get(PUSH_WAIT_SECONDS, TimeUnit.SECONDS);
            logout.get(PUSH_WAIT_SECONDS, TimeUnit.SECONDS);
            assertFalse(client.isOpen());
        }
    }

    /** The read timeout does not cut an IDLE short: silence while idling is bounded by the IDLE timeout. */
    @Test
    void aShortReadTimeoutDoesNotEndIdle() throws Exception {
        try (BlockingImapClient client = connect(startTls().readTimeout(Duration.ofSeconds(1))
                .idleTimeout(Duration.ofMinutes(5)))) {
            MailboxName box = dovecot.mailbox(client, "idle-timeout");
            client.select(box);
            IdleHandle idle = client.idle();
            // three read timeouts of silence
            Thread.sleep(3000);
            assertTrue(idle.isIdling());
            assertTrue(client.isOpen());
            client.done(idle);
            client.noop();
        }
    }
}
