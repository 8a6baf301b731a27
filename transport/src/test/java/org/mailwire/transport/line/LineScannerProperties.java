package org.mailwire.transport.line;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import org.mailwire.transport.line.ChunkedFeed.BufferKind;
import org.mailwire.transport.line.ChunkedFeed.Outcome;

class LineScannerProperties {

    private static final int MAX_CLEAN_LINE = 80;

    @Property
    void anyChunkingGivesTheSameEventsAsOneFeed(@ForAll("mailLikeBytes") byte[] input,
            @ForAll("chunkSizes") int[] chunks, @ForAll("configs") LineScannerConfig config,
            @ForAll BufferKind kind) {
        Outcome whole = ChunkedFeed.whole(input, config);
        Outcome chunked = ChunkedFeed.feed(input, chunks, config, kind, false);
        assertEquals(whole.events(), chunked.events());
        assertEquals(whole.pendingBytes(), chunked.pendingBytes());
    }

    @Property
    void pausingAfterEveryLineGivesTheSameEventsAndStopsRightAfterEachTerminator(
            @ForAll("mailLikeBytes") byte[] input, @ForAll("chunkSizes") int[] chunks,
            @ForAll("configs") LineScannerConfig config, @ForAll BufferKind kind) {
        ReferenceLineScanner.Result expected = ReferenceLineScanner.scan(input, config);
        Outcome paused = ChunkedFeed.feed(input, chunks, config, kind, true);
        assertEquals(ChunkedFeed.whole(input, config).events(), paused.events());
        assertEquals(expected.lineEnds(), paused.pauseOffsets());
    }

    @Property
    void linesJoinedWithCrlfScanBackCleanly(@ForAll("cleanLines") List<byte[]> lines,
            @ForAll("chunkSizes") int[] chunks, @ForAll boolean bareLfEndsLine, @ForAll BufferKind kind) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            joined.writeBytes(line);
            joined.writeBytes(new byte[] {'\r', '\n'});
        }
        LineScannerConfig config = new LineScannerConfig(MAX_CLEAN_LINE, bareLfEndsLine);
        Outcome outcome = ChunkedFeed.feed(joined.toByteArray(), chunks, config, kind, false);
        assertEquals(lines.stream()
                .map(line -> ScanEvent.line(new String(line, StandardCharsets.ISO_8859_1)))
                .toList(), outcome.events());
        assertEquals(0, outcome.pendingBytes());
    }

    @Property
    void agreesWithTheReferenceScannerOnMailLikeInput(@ForAll("mailLikeBytes") byte[] input,
            @ForAll("chunkSizes") int[] chunks, @ForAll("configs") LineScannerConfig config,
            @ForAll BufferKind kind) {
        assertAgreesWithReference(input, chunks, config, kind);
    }

    @Property
    void agreesWithTheReferenceScannerOnArbitraryBytes(@ForAll @Size(max = 600) byte[] input,
            @ForAll("chunkSizes") int[] chunks, @ForAll("configs") LineScannerConfig config,
            @ForAll BufferKind kind) {
        assertAgreesWithReference(input, chunks, config, kind);
    }

    private static void assertAgreesWithReference(byte[] input, int[] chunks, LineScannerConfig config,
            BufferKind kind) {
        ReferenceLineScanner.Result expected = ReferenceLineScanner.scan(input, config);
        Outcome actual = ChunkedFeed.feed(input, chunks, config, kind, false);
        assertEquals(expected.events(), actual.events());
        assertEquals(expected.pendingBytes(), actual.pendingBytes());
        for (ScanEvent event : actual.events()) {
            if (event instanceof ScanEvent.Line line) {
                assertTrue(line.content().length() <= config.maxLineLength(), line::toString);
            } else if (event instanceof ScanEvent.Overlong overlong) {
                assertTrue(overlong.length() > config.maxLineLength(), overlong::toString);
            }
        }
    }

    /** Bytes biased to what matters to a line scanner: CR, LF, NUL, the dot of SMTP, letters. */
    @Provide
    Arbitrary<byte[]> mailLikeBytes() {
        Arbitrary<Byte> octet = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of((byte) '\r', (byte) '\n')),
                Tuple.of(1, Arbitraries.just((byte) 0)),
                Tuple.of(1, Arbitraries.just((byte) '.')),
                Tuple.of(6, Arbitraries.chars().range('a', 'z').map(c -> (byte) c.charValue())),
                Tuple.of(1, Arbitraries.bytes()));
        return octet.list().ofMaxSize(400).map(LineScannerProperties::toArray);
    }

    @Provide
    Arbitrary<int[]> chunkSizes() {
        return Arbitraries.frequencyOf(
                        Tuple.of(1, Arbitraries.just(0)),
                        Tuple.of(6, Arbitraries.integers().between(1, 8)),
                        Tuple.of(3, Arbitraries.integers().between(9, 120)))
                .list().ofMinSize(1).ofMaxSize(12)
                .map(sizes -> sizes.stream().mapToInt(Integer::intValue).toArray());
    }

    @Provide
    Arbitrary<LineScannerConfig> configs() {
        Arbitrary<Integer> limit = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.integers().between(1, 24)),
                Tuple.of(2, Arbitraries.integers().between(25, 1000)));
        return Combinators.combine(limit, Arbitraries.of(false, true)).as(LineScannerConfig::new);
    }

    @Provide
    Arbitrary<List<byte[]>> cleanLines() {
        Arbitrary<Byte> octet = Arbitraries.bytes().filter(b -> b != '\r' && b != '\n' && b != 0);
        return octet.list().ofMaxSize(MAX_CLEAN_LINE).map(LineScannerProperties::toArray)
                .list().ofMaxSize(20);
    }

    private static byte[] toArray(List<Byte> bytes) {
        byte[] array = new byte[bytes.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = bytes.get(i);
        }
        return array;
    }
}
