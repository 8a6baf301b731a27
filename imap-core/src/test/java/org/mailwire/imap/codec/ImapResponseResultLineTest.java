package org.mailwire.imap.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mailwire.imap.codec.ImapResponseDecoderTest.violation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.mailwire.imap.ImapResponse;
import org.mailwire.imap.SequenceSet;
import org.mailwire.imap.ThreadNode;
import org.mailwire.imap.codec.ImapResponseViolation.Kind;

/**
 * SEARCH, SORT, THREAD and ESEARCH results of a big mailbox: one line past {@code maxLine},
 * bounded by {@code maxResultLine}, their numbers by {@code maxListLength} and
 * {@code maxThreadNodes}.
 */
class ImapResponseResultLineTest {

    private static final ImapResponseDecoderConfig DEFAULTS = ImapResponseDecoderConfig.defaults();
    private static final int BIG = 100_000;

    /** {@code n} ten-digit UIDs, as a server with old, sparse UIDs sends them. */
    private static List<Long> uids(int n) {
        List<Long> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(4_000_000_000L + 7L * i);
        }
        return out;
    }

    private static ClientFeed.Outcome every997(byte[] wire, ImapResponseDecoderConfig config) {
        return ClientFeed.feed(wire, new int[] {997}, config, false);
    }

    @Test
    void aHundredThousandUidSearchSplitEvery997Bytes() {
        ImapResponse.Search search = new ImapResponse.Search(uids(BIG), OptionalLong.of(12345));
        byte[] wire = ImapResponseEncoder.encode(search);
        // far past the per-line limit, within the result-line limit
        assertEquals(true, wire.length > 1_000_000 && wire.length < DEFAULTS.maxResultLine(), "" + wire.length);
        byte[] twice = (new String(wire, StandardCharsets.US_ASCII) + "A1 OK done\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        ClientFeed.Outcome o = every997(twice, DEFAULTS);
        assertEquals(2, o.responses().size());
        assertEquals(search, o.responses().get(0));
    }

    @Test
    void sortThreadAndEsearchAreResultLinesToo() {
        ImapResponse.Sort sort = new ImapResponse.Sort(uids(BIG), OptionalLong.empty());
        assertEquals(List.of(sort), every997(ImapResponseEncoder.encode(sort), DEFAULTS).responses());
        List<ThreadNode> singles = new ArrayList<>();
        for (long u : uids(BIG)) {
            singles.add(ThreadNode.chain(u));
        }
        ImapResponse.Threads threads = new ImapResponse.Threads(singles);
        assertEquals(List.of(threads), every997(ImapResponseEncoder.encode(threads), DEFAULTS).responses());
        StringBuilder all = new StringBuilder();
        for (long u : uids(BIG)) {
            all.append(all.length() == 0 ? "" : ",").append(u);
        }
        ImapResponse.Esearch esearch = new ImapResponse.Esearch(Optional.of(org.mailwire.imap.Tag.of("A7")), true,
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.of(BIG),
                Optional.of(SequenceSet.parse(all)), OptionalLong.empty());
        assertEquals(List.of(esearch), every997(ImapResponseEncoder.encode(esearch), DEFAULTS).responses());
    }

    @Test
    void resultLineLimitBothSides() {
        ImapResponseDecoderConfig c = DEFAULTS.withMaxLine(100).withMaxResultLine(1000);
        String ok = "* SEARCH" + " 1".repeat(496); // 8 + 992 = 1000 octets
        assertEquals(1000, ok.length());
        assertEquals(1, ClientFeed.whole((ok + "\r\n").getBytes(StandardCharsets.US_ASCII), c).responses().size());
        assertEquals(Kind.LINE_TOO_LONG, violation(c, ok + " 1\r\n"));
        assertEquals(Kind.LINE_TOO_LONG, violation(c, "* THREAD " + "(1)".repeat(400) + "\r\n"));
        assertEquals(Kind.LINE_TOO_LONG, violation(c, "* sort" + " 1".repeat(600) + "\r\n"));
    }

    @Test
    void otherLinesKeepTheLineLimit() {
        ImapResponseDecoderConfig c = DEFAULTS.withMaxLine(100).withMaxResultLine(10_000);
        String text = "x".repeat(200);
        assertEquals(Kind.LINE_TOO_LONG, violation(c, "* OK " + text + "\r\n"));
        assertEquals(Kind.LINE_TOO_LONG, violation(c, "* SEARCHING " + text + "\r\n"));
        assertEquals(Kind.LINE_TOO_LONG, violation(c, "A1 SEARCH " + text + "\r\n"));
        // a result line does not raise the limit for the line after it
        String search = "* SEARCH" + " 1".repeat(2000) + "\r\n";
        assertEquals(Kind.LINE_TOO_LONG, violation(c, search + "* OK " + text + "\r\n"));
        // nor for a literal's continuation line of another response
        assertEquals(Kind.LINE_TOO_LONG, violation(c, "* LIST () \"/\" {1}\r\nx" + " ".repeat(200) + "\r\n"));
    }

    @Test
    void numbersCountAgainstMaxListLength() {
        ImapResponseDecoderConfig c = DEFAULTS.withMaxListLength(BIG);
        byte[] ok = ImapResponseEncoder.encode(new ImapResponse.Search(uids(BIG), OptionalLong.empty()));
        assertEquals(1, every997(ok, c).responses().size());
        byte[] over = ImapResponseEncoder.encode(new ImapResponse.Search(uids(BIG + 1), OptionalLong.empty()));
        ClientFeed.Outcome o = every997(over, c);
        assertEquals(List.of("violation " + Kind.LIST_TOO_LONG), o.events());
        byte[] sortOver = ImapResponseEncoder.encode(new ImapResponse.Sort(uids(BIG + 1), OptionalLong.empty()));
        assertEquals(List.of("violation " + Kind.LIST_TOO_LONG), every997(sortOver, c).events());
    }

    @Test
    void resultLineConfigIsValidated() {
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withMaxResultLine(DEFAULTS.maxLine() - 1));
        assertThrows(IllegalArgumentException.class,
                () -> DEFAULTS.withMaxResultLine(ImapResponseDecoderConfig.MAX_RESULT_LINE_LIMIT + 1));
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withMaxThreadNesting(0));
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withMaxThreadNodes(0));
        // raising maxLine past maxResultLine raises both
        assertEquals(4 * 1024 * 1024, DEFAULTS.withMaxLine(4 * 1024 * 1024).maxResultLine());
        // the constructor of before keeps its meaning and takes the new defaults
        ImapResponseDecoderConfig old = new ImapResponseDecoderConfig(100, 200, 10, 10, 8, 10, 1, 10, 10);
        assertEquals(ImapResponseDecoderConfig.DEFAULT_MAX_RESULT_LINE, old.maxResultLine());
        assertEquals(ImapResponseDecoderConfig.DEFAULT_MAX_THREAD_NODES, old.maxThreadNodes());
    }
}
