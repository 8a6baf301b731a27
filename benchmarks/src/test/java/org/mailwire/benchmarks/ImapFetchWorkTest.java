package org.mailwire.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailwire.imap.ImapResponse;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The IMAP FETCH benchmark does the work it claims: the generated stream holds what its
 * description says, and both parsers read every message of it without an error and agree with
 * the generator, and so with each other, on UID, subject and number of body parts.
 */
class ImapFetchWorkTest {
    private static final int MESSAGES = 10_000;

    private static ImapFetchBenchmark benchmark;
    private static Blackhole blackhole;

    @BeforeAll
    static void setup() {
        benchmark = new ImapFetchBenchmark();
        benchmark.messages = MESSAGES;
        benchmark.chunkSize = 16384;
        benchmark.setup();
        blackhole = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
    }

    /** What one parser returned, message by message. */
    private static final class Seen implements FetchListener {
        final List<Long> uids = new ArrayList<>();
        final List<String> subjects = new ArrayList<>();
        final List<Integer> parts = new ArrayList<>();

        @Override
        public void fetched(long uid, String subject, int parts) {
            uids.add(uid);
            subjects.add(subject);
            this.parts.add(parts);
        }

        long[] uids() {
            return uids.stream().mapToLong(Long::longValue).toArray();
        }

        int[] parts() {
            return parts.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    @Test
    void theStreamHoldsTheMixItDescribes() {
        ImapFetchTraffic.Fetches s = benchmark.stream;
        assertEquals(MESSAGES, s.messages());
        assertTrue(s.smallestHeader() >= ImapFetchTraffic.MIN_HEADER, () -> "smallest " + s.smallestHeader());
        assertTrue(s.largestHeader() <= ImapFetchTraffic.MAX_HEADER, () -> "largest " + s.largestHeader());
        assertTrue(s.largestHeader() > 2_900 && s.smallestHeader() < 700,
                () -> s.smallestHeader() + ".." + s.largestHeader());
        long nil = Arrays.stream(s.subjects()).filter(x -> x == null).count();
        long encoded = Arrays.stream(s.subjects()).filter(x -> x != null && x.contains("=?")).count();
        long eightBit = Arrays.stream(s.subjects()).filter(x -> x != null && !x.chars().allMatch(c -> c < 0x80)).count();
        assertTrue(nil > 100 && encoded > 1000 && eightBit > 500, () -> nil + " " + encoded + " " + eightBit);
        int[] sorted = s.parts().clone();
        Arrays.sort(sorted);
        assertEquals(1, sorted[0]);
        assertTrue(sorted[MESSAGES - 1] >= 7, () -> "largest body structure: " + sorted[MESSAGES - 1] + " parts");
        String text = new String(s.bytes(), StandardCharsets.UTF_8);
        assertTrue(count(text, "\"undisclosed-recipients\"") > 50);
        assertTrue(count(text, "\"rfc822\"") + count(text, "\"RFC822\"") > 100);
        assertTrue(count(text, "\"filename*\"") + count(text, "\"FILENAME*\"") > 100);
        // Literals: the header of each message, and about as many again of names, subjects and filenames.
        assertTrue(count(text, "}\r\n") > 2 * MESSAGES, () -> count(text, "}\r\n") + " literals");
        for (int i = 1; i < MESSAGES; i++) {
            assertTrue(s.uids()[i] > s.uids()[i - 1]);
        }
    }

    @Test
    void ourDecoderReadsEveryMessageTwiceWithoutError() {
        for (int run = 0; run < 2; run++) {
            Seen seen = new Seen();
            benchmark.mailwireSink.listener = seen;
            Volume volume = new Volume();
            CpuShare cpu = new CpuShare();
            MailwireFetches sink;
            try {
                sink = benchmark.mailwire(volume, cpu, blackhole);
            } finally {
                benchmark.mailwireSink.listener = null;
            }
            assertNull(sink.violation, () -> "refused: " + sink.violation);
            assertEquals(MESSAGES, sink.fetches);
            assertEquals(MESSAGES, sink.bodies);
            assertEquals(1, sink.others);
            ImapResponse.Tagged done = (ImapResponse.Tagged) sink.lastOther;
            assertEquals(ImapResponse.Status.OK, done.status());
            assertEquals(benchmark.stream.headerOctets(), sink.headerOctets);
            assertEquals(benchmark.stream.bytes().length, volume.bytes);
            assertEquals(MESSAGES, volume.events);
            assertTrue(cpu.cpuNanos > 0);
            assertArrayEquals(benchmark.stream.uids(), seen.uids());
            assertEquals(Arrays.asList(benchmark.stream.subjects()), seen.subjects);
            assertArrayEquals(benchmark.stream.parts(), seen.parts());
        }
    }

    @Test
    void angusReadsEveryMessageTwiceAndAgrees() throws Exception {
        for (int run = 0; run < 2; run++) {
            Seen seen = new Seen();
            benchmark.angusSink.listener = seen;
            Volume volume = new Volume();
            CpuShare cpu = new CpuShare();
            AngusFetches sink;
            try {
                sink = benchmark.angus(volume, cpu, blackhole);
            } finally {
                benchmark.angusSink.listener = null;
            }
            assertEquals(MESSAGES, sink.fetches);
            assertEquals(1, sink.others);
            IMAPResponse done = (IMAPResponse) sink.lastOther;
            assertTrue(done.isTagged() && done.isOK(), done::toString);
            assertEquals(benchmark.stream.headerOctets(), sink.headerOctets);
            assertEquals(benchmark.stream.bytes().length, volume.bytes);
            assertEquals(MESSAGES, volume.events);
            assertTrue(cpu.cpuNanos > 0);
            assertArrayEquals(benchmark.stream.uids(), seen.uids());
            assertArrayEquals(benchmark.stream.parts(), seen.parts());
            // Without UTF8=ACCEPT enabled Angus maps each octet to one char (ISO 8859-1), so an
            // 8-bit subject comes back as its UTF-8 octets; undo that to compare.
            List<String> subjects = seen.subjects.stream()
                    .map(x -> x == null ? null : new String(x.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8))
                    .toList();
            assertEquals(Arrays.asList(benchmark.stream.subjects()), subjects);
            assertNotNull(sink.envelope.date, "the last message's date was parsed");
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }
}
