package org.mailwire.imap.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mailwire.imap.interop.DovecotPeer.connect;
import static org.mailwire.imap.interop.DovecotPeer.message;
import static org.mailwire.imap.interop.ResponseValues.members;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mailwire.imap.Flag;
import org.mailwire.imap.ImapDateTime;
import org.mailwire.imap.ImapResponse;
import org.mailwire.imap.MailboxName;
import org.mailwire.imap.ResponseCode;
import org.mailwire.imap.SearchKey;
import org.mailwire.imap.SearchReturn;
import org.mailwire.imap.Section;
import org.mailwire.imap.client.AppendMessage;
import org.mailwire.imap.client.AppendResult;
import org.mailwire.imap.client.BlockingImapClient;
import org.mailwire.imap.client.CatenatePart;
import org.mailwire.imap.client.ImapCommandException;
import org.mailwire.imap.client.SortCriterion;

/**
 * Our IMAP client's MULTIAPPEND, CATENATE, ESORT and APPEND UTF8 against Dovecot's IMAP server on
 * loopback, started by {@code .ci/peers/dovecot.sh} (STARTTLS on the cleartext port, user bob).
 * Dovecot offers LITERAL+, so every literal here goes without waiting for {@code +}; the scripted
 * tests cover the waiting. Dovecot's mail persists across runs, so each test works in a mailbox of
 * its own, named after the test and the moment, and deletes it afterwards.
 */
@Tag("interop")
class DovecotImapAppendInteropTest {
    private static final String USER = "bob";
    private static final String PASSWORD = "bob-password";
    private static final long MAX_BODY = 1 << 20;

    @RegisterExtension
    final DovecotPeer dovecot = new DovecotPeer(DovecotImapAppendInteropTest::login);

    /** STARTTLS REQUIRED, bob's password; to 127.0.0.1 with the certificate's name, localhost. */
    private static BlockingImapClient login() {
        return connect(DovecotPeer.startTls(USER, PASSWORD));
    }

    /** The UIDs of an APPENDUID, in order. */
    private static List<Long> uids(AppendResult r) {
        ResponseCode.AppendUid uid = r.appendUid().orElseThrow(() -> new AssertionError("no APPENDUID"));
        return members(uid.uids());
    }

    @Test
    void multiappendOfThreeMessagesFetchedBackByteForByte(@TempDir Path dir) throws IOException {
        byte[] first = message("multi one", "the first, from memory\r\n");
        byte[] second = message("multi two", "the second, from a file\r\n" + "x".repeat(100_000) + "\r\n");
        byte[] third = message("multi three", "the third, from a stream\r\n");
        Path file = Files.write(dir.resolve("second.eml"), second);
        ImapDateTime date = ImapDateTime.parse("17-Jul-1996 02:44:25 -0700");
        try (BlockingImapClient client = login()) {
            assertTrue(client.hasCapability("MULTIAPPEND"));
            MailboxName box = dovecot.mailbox(client, "multi");
            AppendResult r = client.append(box, List.of(
                    AppendMessage.of(first).withFlags(List.of(Flag.SEEN)),
                    AppendMessage.of(file).withDate(date),
                    AppendMessage.of(new ByteArrayInputStream(third), third.length).withFlags(List.of(Flag.FLAGGED))));
            List<Long> uids = uids(r);
            assertEquals(3, uids.size(), "one UID per message: " + uids);
            client.select(box);
            assertEquals(3, client.selected().orElseThrow().messageCount());
            byte[][] sent = {first, second, third};
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(sent[i], client.fetchBody(true, uids.get(i), Section.WHOLE, MAX_BODY),
                        "message " + (i + 1));
            }
            client.closeMailbox();
        }
    }

    @Test
    void multiappendToAMissingMailboxLandsNothingAndTheSessionGoesOn() {
        try (BlockingImapClient client = login()) {
            MailboxName missing = MailboxName.of(dovecot.prefix() + "-missing");
            ImapCommandException e = assertThrows(ImapCommandException.class, () -> client.append(missing, List.of(
                    AppendMessage.of(message("lost one", "1\r\n")), AppendMessage.of(message("lost two", "2\r\n")))));
            assertEquals(ImapResponse.Status.NO, e.status());
            assertEquals(ResponseCode.Simple.TRYCREATE, e.responseCode().orElseThrow());
            client.noop();
        }
    }

    @Test
    void catenateOfAHeaderUrlAndTextIsTheirConcatenation() {
        byte[] original = message("catenate source", "the old body\r\n");
        byte[] newBody = "a body sent as TEXT\r\nover two lines\r\n".getBytes(StandardCharsets.US_ASCII);
        try (BlockingImapClient client = login()) {
            assertTrue(client.hasCapability("CATENATE"));
            MailboxName box = dovecot.mailbox(client, "cat");
            ResponseCode.AppendUid source = client.append(box, List.of(), null, original).appendUid().orElseThrow();
            long sourceUid = members(source.uids()).get(0);
            String url = "/" + box.name() + ";UIDVALIDITY=" + source.uidValidity() + "/;UID=" + sourceUid
                    + "/;SECTION=HEADER";
            AppendResult r = client.catenate(box, List.of(Flag.DRAFT), null,
                    List.of(CatenatePart.url(url), CatenatePart.text(newBody)));
            long uid = uids(r).get(0);
            client.select(box);
            byte[] header = client.fetchBody(true, sourceUid, new Section(List.of(), Section.Text.HEADER, List.of()),
                    MAX_BODY);
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            expected.writeBytes(header);
            expected.writeBytes(newBody);
            assertArrayEquals(expected.toByteArray(), client.fetchBody(true, uid, Section.WHOLE, MAX_BODY));
            client.closeMailbox();
        }
    }

    @Test
    void catenateOfAUrlTheServerCannotReadFailsWithBadUrl() {
        try (BlockingImapClient client = login()) {
            MailboxName box = dovecot.mailbox(client, "badurl");
            long validity = client.status(box, org.mailwire.imap.StatusItem.UIDVALIDITY).items().values().stream()
                    .findFirst().orElseThrow();
            String url = "/" + box.name() + ";UIDVALIDITY=" + validity + "/;UID=999/;SECTION=HEADER";
            ImapCommandException e = assertThrows(ImapCommandException.class, () -> client.catenate(box, List.of(),
                    null, List.of(CatenatePart.url(url), CatenatePart.text("\r\nbody\r\n".getBytes(
                            StandardCharsets.US_ASCII)))));
            assertEquals(ImapResponse.Status.NO, e.status());
            assertEquals("BADURL", assertInstanceOf(ResponseCode.Other.class, e.responseCode().orElseThrow()).atom());
            client.noop();
        }
    }

    @Test
    void esortReturnsMinMaxCountAndAllInTheSortOrder() {
        try (BlockingImapClient client = login()) {
            assertTrue(client.hasCapability("ESORT"));
            MailboxName box = dovecot.mailbox(client, "esort");
            // sizes chosen so that the order by size is no order of UIDs: medium, large, small
            List<Long> uids = new ArrayList<>();
            uids.addAll(uids(client.append(box, List.of(), null, message("b medium", "m".repeat(2_000) + "\r\n"))));
            uids.addAll(uids(client.append(box, List.of(), null, message("c large", "l".repeat(8_000) + "\r\n"))));
            uids.addAll(uids(client.append(box, List.of(), null, message("a small", "s\r\n"))));
            client.select(box);
            List<SortCriterion> bySizeDown = List.of(SortCriterion.descending(SortCriterion.Key.SIZE));
            List<Long> sorted = client.sort(true, bySizeDown, List.of(SearchKey.Simple.ALL));
            assertEquals(List.of(uids.get(1), uids.get(0), uids.get(2)), sorted);
            ImapResponse.Esearch r = client.esort(true, bySizeDown,
                    List.of(SearchReturn.MIN, SearchReturn.MAX, SearchReturn.COUNT, SearchReturn.ALL),
                    List.of(SearchKey.Simple.ALL));
            assertTrue(r.uid());
            assertEquals(OptionalLong.of(uids.get(1)), r.min(), "MIN is the first in the sort order");
            assertEquals(OptionalLong.of(uids.get(2)), r.max(), "MAX is the last in the sort order");
            assertEquals(OptionalLong.of(3), r.count());
            assertEquals(sorted, members(r.all().orElseThrow()));
            ImapResponse.Esearch none = client.esort(false, bySizeDown, List.of(SearchReturn.COUNT),
                    List.of(SearchKey.Simple.DELETED));
            assertEquals(OptionalLong.of(0), none.count(), "COUNT is reported even when nothing matched");
            client.closeMailbox();
        }
    }

    @Test
    void appendUtf8WhenDovecotOffersUtf8Accept() {
        try (BlockingImapClient client = login()) {
            Assumptions.assumeTrue(client.hasCapability("UTF8=ACCEPT"),
                    "this Dovecot does not offer UTF8=ACCEPT (2.3 does not), so APPEND UTF8 cannot be tried");
            client.async().enable("UTF8=ACCEPT").toCompletableFuture().join();
            MailboxName box = dovecot.mailbox(client, "utf8");
            byte[] message = ("From: Bob <bob@mailwire.test>\r\nSubject: caf\u00e9 \u00fcber\r\n\r\nbody\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            long uid = uids(client.append(box, List.of(), null, message)).get(0);
            client.select(box);
            assertArrayEquals(message, client.fetchBody(true, uid, Section.WHOLE, MAX_BODY));
            client.closeMailbox();
        }
    }
}
