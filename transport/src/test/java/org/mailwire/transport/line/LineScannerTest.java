package org.mailwire.transport.line;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mailwire.transport.line.LineViolation.BARE_CR;
import static org.mailwire.transport.line.LineViolation.BARE_LF;
import static org.mailwire.transport.line.LineViolation.NUL;
import static org.mailwire.transport.line.ScanEvent.line;
import static org.mailwire.transport.line.ScanEvent.overlong;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LineScannerTest {

    private static final LineScannerConfig STRICT = LineScannerConfig.defaults();
    private static final LineScannerConfig LENIENT = STRICT.withBareLfEndsLine(true);

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(ISO_8859_1));
    }

    /** Scans each string as one call, on one scanner. */
    private static List<ScanEvent> scan(LineScanner scanner, String... chunks) {
        RecordingSink sink = new RecordingSink();
        for (String chunk : chunks) {
            ByteBuffer in = bytes(chunk);
            scanner.scan(in, sink);
            assertFalse(in.hasRemaining(), "a sink that never pauses must see the chunk drained");
        }
        return sink.events();
    }

    private static List<ScanEvent> scan(LineScannerConfig config, String... chunks) {
        return scan(new LineScanner(config), chunks);
    }

    @Nested
    class CleanLines {

        @Test
        void crlfEndsLines() {
            assertEquals(List.of(line("EHLO client.example"), line("QUIT")),
                    scan(STRICT, "EHLO client.example\r\nQUIT\r\n"));
        }

        @Test
        void emptyLine() {
            assertEquals(List.of(line(""), line("")), scan(STRICT, "\r\n\r\n"));
        }

        @Test
        void unterminatedLineIsHeldNotReported() {
            LineScanner scanner = new LineScanner(STRICT);
            assertEquals(List.of(), scan(scanner, "NOOP"));
            assertEquals(4, scanner.pendingBytes());
            assertFalse(scanner.atLineBoundary());
            assertEquals(List.of(line("NOOP")), scan(scanner, "\r\n"));
            assertEquals(0, scanner.pendingBytes());
            assertTrue(scanner.atLineBoundary());
        }

        @Test
        void lineSplitAcrossManyCallsIsReassembled() {
            assertEquals(List.of(line("MAIL FROM:<a@b.example>"), line("RCPT TO:<c@d.example>")),
                    scan(STRICT, "MAIL FR", "OM:<a@b", ".example>\r", "\nRCPT TO:<c@d.example>", "\r", "\n"));
        }

        @Test
        void crAtChunkEndFollowedByLfIsACleanTerminator() {
            assertEquals(List.of(line("DATA")), scan(STRICT, "DATA\r", "\n"));
        }

        @Test
        void emptyLineWhoseCrlfIsSplit() {
            assertEquals(List.of(line(""), line("x")), scan(STRICT, "\r", "\nx\r\n"));
        }

        @Test
        void cleanLinesShareOneEmptyViolationSet() {
            List<Set<LineViolation>> seen = new ArrayList<>();
            LineSink sink = new LineSink() {
                @Override
                public boolean onLine(ByteBuffer content, Set<LineViolation> violations) {
                    seen.add(violations);
                    return true;
                }

                @Override
                public boolean onOverlongLine(long length, Set<LineViolation> violations) {
                    seen.add(violations);
                    return true;
                }
            };
            LineScanner scanner = new LineScanner(LineScannerConfig.strict(3));
            scanner.scan(bytes("a\r\nbb\r\nccc"), sink);
            scanner.scan(bytes("\r\ndddd\r\n"), sink);
            assertEquals(4, seen.size());
            for (Set<LineViolation> violations : seen) {
                assertTrue(violations.isEmpty());
                assertSame(seen.get(0), violations);
            }
        }

        @Test
        void violationSetsAreUnmodifiable() {
            List<Set<LineViolation>> seen = new ArrayList<>();
            LineSink sink = new LineSink() {
                @Override
                public boolean onLine(ByteBuffer content, Set<LineViolation> violations) {
                    seen.add(violations);
                    return true;
                }

                @Override
                public boolean onOverlongLine(long length, Set<LineViolation> violations) {
                    seen.add(violations);
                    return true;
                }
            };
            new LineScanner(STRICT).scan(bytes("ok\r\nbad\0\r\n"), sink);
            assertThrows(UnsupportedOperationException.class, () -> seen.get(0).add(NUL));
            assertThrows(UnsupportedOperationException.class, () -> seen.get(1).remove(NUL));
        }
    }

    @Nested
    class Violations {

        @Test
        void bareCrStaysInContent() {
            assertEquals(List.of(line("a\rb", BARE_CR)), scan(STRICT, "a\rb\r\n"));
        }

        @Test
        void crAtChunkEndFollowedByOtherByteIsBareCr() {
            assertEquals(List.of(line("a\rx", BARE_CR)), scan(STRICT, "a\r", "x\r\n"));
        }

        @Test
        void crAtChunkEndFollowedByCrlfIsBareCrThenTerminator() {
            assertEquals(List.of(line("a\r", BARE_CR)), scan(STRICT, "a\r", "\r\n"));
        }

        @Test
        void bareCrSmugglingSequenceDoesNotEndTheLine() {
            // <CR>.<CR> must not look like the end of DATA.
            assertEquals(List.of(line("x\r.\ry", BARE_CR)), scan(STRICT, "x\r.\ry\r\n"));
        }

        @Test
        void strictBareLfStaysInContent() {
            assertEquals(List.of(line("hello\n.\nMAIL FROM:<evil@example>", BARE_LF)),
                    scan(STRICT, "hello\n.\nMAIL FROM:<evil@example>\r\n"));
        }

        @Test
        void lenientBareLfEndsTheLineAndIsStillReported() {
            assertEquals(List.of(line("hello", BARE_LF), line(".", BARE_LF), line("QUIT")),
                    scan(LENIENT, "hello\n.\nQUIT\r\n"));
        }

        @Test
        void lenientModeStillEndsLinesAtCrlfSplitAcrossCalls() {
            assertEquals(List.of(line("a"), line("b", BARE_LF)), scan(LENIENT, "a\r", "\nb\n"));
        }

        @Test
        void nulIsReportedAndDelivered() {
            assertEquals(List.of(line("AUTH PLAIN \0user\0pass", NUL)),
                    scan(STRICT, "AUTH PLAIN \0user\0pass\r\n"));
        }

        @Test
        void violationsBelongToTheirOwnLine() {
            assertEquals(List.of(line("a\0", NUL), line("b"), line("c\rd\ne", BARE_CR, BARE_LF)),
                    scan(STRICT, "a\0\r\nb\r\nc\rd\ne\r\n"));
        }

        @Test
        void violationsOfASplitLineAreKeptAcrossCalls() {
            assertEquals(List.of(line("\0x\ry\nz", NUL, BARE_CR, BARE_LF), line("ok")),
                    scan(STRICT, "\0x", "\ry", "\n", "z\r", "\nok\r\n"));
        }
    }

    @Nested
    class Limits {

        @Test
        void lineExactlyAtTheLimitIsAccepted() {
            assertEquals(List.of(line("12345")), scan(LineScannerConfig.strict(5), "12345\r\n"));
        }

        @Test
        void oneOctetOverTheLimitIsOverlong() {
            assertEquals(List.of(overlong(6)), scan(LineScannerConfig.strict(5), "123456\r\n"));
        }

        @Test
        void theLimitCountsContentNotTheCrlf() {
            // Content at the limit plus a CR still pending: limit + 1 bytes held, still accepted.
            LineScanner scanner = new LineScanner(LineScannerConfig.strict(5));
            assertEquals(List.of(), scan(scanner, "12345\r"));
            assertEquals(6, scanner.pendingBytes());
            assertEquals(List.of(line("12345")), scan(scanner, "\n"));
        }

        @Test
        void limitBoundaryHoldsForLinesSplitAcrossCalls() {
            LineScannerConfig config = LineScannerConfig.strict(5);
            assertEquals(List.of(line("12345")), scan(config, "12", "345", "\r\n"));
            assertEquals(List.of(overlong(6)), scan(config, "12", "3456", "\r\n"));
        }

        @Test
        void bareCrThatPushesALineOverTheLimitMakesItOverlong() {
            // The pending CR turns out bare: it is content, the sixth octet.
            assertEquals(List.of(overlong(6, BARE_CR)), scan(LineScannerConfig.strict(5), "12345\r", "\r\n"));
        }

        @Test
        void smallestLimitIsOne() {
            LineScannerConfig config = LineScannerConfig.strict(1);
            assertEquals(List.of(line(""), line("a"), overlong(2)), scan(config, "\r\na\r\nab\r\n"));
        }

        @Test
        void overlongLineIsReportedOnceWithItsTotalLengthAndTheNextLineIsFine() {
            LineScanner scanner = new LineScanner(LineScannerConfig.strict(4));
            List<ScanEvent> events = scan(scanner, "abcdef", "ghij", "kl\0m", "n\r", "\nnext\r\n");
            assertEquals(List.of(overlong(15, NUL), line("next")), events);
        }

        @Test
        void overlongLineWithinOneBufferIsNotDelivered() {
            assertEquals(List.of(overlong(10), line("ok")),
                    scan(LineScannerConfig.strict(4), "0123456789\r\nok\r\n"));
        }

        @Test
        void violationsInTheSkippedPartOfAnOverlongLineCount() {
            assertEquals(List.of(overlong(9, BARE_CR, BARE_LF)),
                    scan(LineScannerConfig.strict(3), "abcd\re\nfg", "\r\n"));
        }

        @Test
        void lenientBareLfTerminatesAnOverlongLine() {
            assertEquals(List.of(overlong(5, BARE_LF), line("ok")),
                    scan(LineScannerConfig.strict(4).withBareLfEndsLine(true), "ab", "cde\nok\r\n"));
        }

        @Test
        void tenMegabyteLineWithoutTerminatorKeepsMemoryBounded() {
            LineScannerConfig config = LineScannerConfig.defaults();
            LineScanner scanner = new LineScanner(config);
            RecordingSink sink = new RecordingSink();
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'A');
            chunk[chunk.length - 1] = '\r';
            long total = 0;
            while (total < 10_000_000L) {
                ByteBuffer in = ByteBuffer.wrap(chunk);
                scanner.scan(in, sink);
                total += chunk.length;
                assertTrue(scanner.pendingBytes() <= config.maxLineLength() + 1,
                        "held " + scanner.pendingBytes() + " bytes");
            }
            assertEquals(List.of(), sink.events());
            scanner.scan(bytes("\n"), sink);
            // Every chunk's trailing CR but the last was followed by 'A': content, BARE_CR.
            assertEquals(List.of(overlong(total - 1, BARE_CR)), sink.events());
            assertEquals(0, scanner.pendingBytes());
        }
    }

    @Nested
    class Pausing {

        private final LineSink pauseAfterStarttls = new LineSink() {
            @Override
            public boolean onLine(ByteBuffer content, Set<LineViolation> violations) {
                return !ISO_8859_1.decode(content).toString().equals("STARTTLS");
            }

            @Override
            public boolean onOverlongLine(long length, Set<LineViolation> violations) {
                return true;
            }
        };

        @Test
        void pauseLeavesPositionRightAfterTheTerminator() {
            LineScanner scanner = new LineScanner(STRICT);
            ByteBuffer in = bytes("EHLO x\r\nSTARTTLS\r\nMAIL FROM:<injected@example>\r\n");
            scanner.scan(in, pauseAfterStarttls);
            assertEquals("EHLO x\r\nSTARTTLS\r\n".length(), in.position());
            assertTrue(scanner.atLineBoundary());
            assertEquals("MAIL FROM:<injected@example>\r\n", ISO_8859_1.decode(in).toString());
        }

        @Test
        void pauseOnALineWhoseLfArrivesAloneConsumesOnlyTheLf() {
            LineScanner scanner = new LineScanner(STRICT);
            scanner.scan(bytes("STARTTLS\r"), pauseAfterStarttls);
            ByteBuffer in = bytes("\nrest");
            scanner.scan(in, pauseAfterStarttls);
            assertEquals(1, in.position());
            assertEquals(0, scanner.pendingBytes());
        }

        @Test
        void scanningContinuesCorrectlyAfterAPause() {
            LineScanner scanner = new LineScanner(LineScannerConfig.strict(4));
            RecordingSink sink = new RecordingSink(true);
            ByteBuffer in = bytes("a\r\ntoolong\r\n\r\nb\0");
            scanner.scan(in, sink);
            assertEquals(3, in.position());
            scanner.scan(in, sink);
            assertEquals(12, in.position());
            scanner.scan(in, sink);
            assertEquals(14, in.position());
            scanner.scan(in, sink);
            assertFalse(in.hasRemaining());
            scanner.scan(bytes("c\r\n"), sink);
            assertEquals(List.of(line("a"), overlong(7), line(""), line("b\0c", NUL)), sink.events());
        }
    }

    @Nested
    class State {

        @Test
        void resetForgetsThePartialLine() {
            LineScanner scanner = new LineScanner(STRICT);
            scan(scanner, "MAIL FROM:<plaintext@example>");
            scanner.reset();
            assertEquals(0, scanner.pendingBytes());
            assertTrue(scanner.atLineBoundary());
            assertEquals(List.of(line("EHLO again")), scan(scanner, "EHLO again\r\n"));
        }

        @Test
        void resetForgetsAPendingCr() {
            LineScanner scanner = new LineScanner(STRICT);
            scan(scanner, "x\r");
            assertEquals(2, scanner.pendingBytes());
            scanner.reset();
            assertEquals(List.of(line("\nA", BARE_LF)), scan(scanner, "\nA\r\n"));
        }

        @Test
        void resetLeavesAnOverlongLine() {
            LineScanner scanner = new LineScanner(LineScannerConfig.strict(2));
            scan(scanner, "abcdef");
            assertEquals(0, scanner.pendingBytes());
            assertFalse(scanner.atLineBoundary());
            scanner.reset();
            assertEquals(List.of(line("ok")), scan(scanner, "ok\r\n"));
        }

        @Test
        void emptyInputChangesNothing() {
            LineScanner scanner = new LineScanner(STRICT);
            assertEquals(List.of(), scan(scanner, "", "ab", "", "\r", ""));
            assertEquals(3, scanner.pendingBytes());
            assertEquals(List.of(line("ab")), scan(scanner, "\n"));
        }

        @Test
        void configIsExposed() {
            assertSame(LENIENT, new LineScanner(LENIENT).config());
        }
    }

    @ParameterizedTest
    @EnumSource(ChunkedFeed.BufferKind.class)
    void contentIsReadOnlyForWholeAndSplitLines(ChunkedFeed.BufferKind kind) {
        LineScanner scanner = new LineScanner(STRICT);
        RecordingSink sink = new RecordingSink();
        scanner.scan(ChunkedFeed.wrap("whole\r\nspl".getBytes(ISO_8859_1), kind), sink);
        scanner.scan(ChunkedFeed.wrap("it\r\n".getBytes(ISO_8859_1), kind), sink);
        scanner.scan(ChunkedFeed.wrap("\r".getBytes(ISO_8859_1), kind), sink);
        scanner.scan(ChunkedFeed.wrap("\n".getBytes(ISO_8859_1), kind), sink);
        assertEquals(List.of(line("whole"), line("split"), line("")), sink.events());
        assertTrue(sink.allContentReadOnly());
    }

    @ParameterizedTest
    @EnumSource(ChunkedFeed.BufferKind.class)
    void contentViewCannotWriteThroughToTheInput(ChunkedFeed.BufferKind kind) {
        ByteBuffer in = ChunkedFeed.wrap("abc\r\n".getBytes(ISO_8859_1), kind);
        int start = in.position();
        new LineScanner(STRICT).scan(in, new LineSink() {
            @Override
            public boolean onLine(ByteBuffer content, Set<LineViolation> violations) {
                assertThrows(java.nio.ReadOnlyBufferException.class, () -> content.put(0, (byte) 'X'));
                return true;
            }

            @Override
            public boolean onOverlongLine(long length, Set<LineViolation> violations) {
                return true;
            }
        });
        assertEquals('a', in.get(start));
    }

    @Test
    void nullArgumentsAreRefused() {
        LineScanner scanner = new LineScanner(STRICT);
        assertThrows(NullPointerException.class, () -> new LineScanner(null));
        assertThrows(NullPointerException.class, () -> scanner.scan(null, new RecordingSink()));
        assertThrows(NullPointerException.class, () -> scanner.scan(bytes("x"), null));
    }
}
