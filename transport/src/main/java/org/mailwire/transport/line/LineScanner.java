package org.mailwire.transport.line;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An incremental, bounded CRLF line scanner: a pure function of the bytes it is given, with no
 * I/O. Feeding the same bytes in any chunking produces the same {@link LineSink} events.
 *
 * <p>Only CR LF ends a line (RFC 5321 §2.3.8, RFC 1939 §3, RFC 9051 §2.2). A lone CR or LF and a
 * NUL are reported as {@link LineViolation}s with the line they occur in, never silently taken as
 * a terminator, because a receiver and a relay that disagree on where a line ends is exactly
 * what SMTP smuggling exploits. The one exception is the opt-in
 * {@link LineScannerConfig#bareLfEndsLine()} leniency.
 *
 * <p>Memory is bounded by {@link LineScannerConfig#maxLineLength()}: a line longer than that is
 * skipped to its terminator and reported once through {@link LineSink#onOverlongLine}, so a
 * peer that never sends CRLF cannot grow the buffer, and the connection survives the way an
 * SMTP "500 line too long" requires.
 *
 * <p>Not thread-safe: one scanner per connection.
 */
public final class LineScanner {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte NUL = 0;

    private static final int BARE_CR_BIT = 1 << LineViolation.BARE_CR.ordinal();
    private static final int BARE_LF_BIT = 1 << LineViolation.BARE_LF.ordinal();
    private static final int NUL_BIT = 1 << LineViolation.NUL.ordinal();

    /** Every combination of violations, indexed by bit mask, so reporting a line never allocates. */
    private static final List<Set<LineViolation>> VIOLATION_SETS = violationSets();

    private static final int INITIAL_SCRATCH_SIZE = 128;

    private final LineScannerConfig config;
    private final int maxLineLength;
    private final boolean bareLfEndsLine;
    private final ByteBuffer emptyView = ByteBuffer.allocate(0).asReadOnlyBuffer();

    /** Content of the current line that arrived in earlier calls; unused once it is overlong. */
    private byte[] scratch;
    private ByteBuffer scratchView;
    /** Content octets of the current line seen so far; above maxLineLength means overlong. */
    private long lineLength;
    /** Violation bits of the current line so far. */
    private int lineViolations;
    /** The last byte seen was a CR whose meaning depends on the next byte, still to arrive. */
    private boolean crPending;
    /** Length of the terminator found by the last search: 2 for CRLF, 1 for a lenient bare LF. */
    private int terminatorLength;

    public LineScanner(LineScannerConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.maxLineLength = config.maxLineLength();
        this.bareLfEndsLine = config.bareLfEndsLine();
    }

    public LineScannerConfig config() {
        return config;
    }

    /**
     * Consumes bytes from {@code in}, advancing its position, until {@code in} is exhausted or the
     * sink returns {@code false}; in the latter case {@code in.position()} is right after the
     * terminator of the line just reported. Never throws on any input; an exception thrown by the
     * sink propagates with {@code in.position()} right after the line being reported.
     */
    public void scan(ByteBuffer in, LineSink sink) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(sink, "sink");
        final int limit = in.limit();
        final byte[] array = in.hasArray() ? in.array() : null;
        final int arrayOffset = array != null ? in.arrayOffset() : 0;
        ByteBuffer view = null;
        int pos = in.position();
        while (pos < limit) {
            if (crPending) {
                crPending = false;
                byte next = array != null ? array[arrayOffset + pos] : in.get(pos);
                if (next == LF) {
                    pos++;
                    in.position(pos);
                    if (!deliverHeld(sink)) {
                        return;
                    }
                    continue;
                }
                // RFC 5321 §2.3.8: a CR not followed by LF is not a line break, only content.
                lineViolations |= BARE_CR_BIT;
                holdCr();
            }
            final int start = pos;
            final int end = array != null
                    ? findTerminator(array, arrayOffset, start, limit)
                    : findTerminator(in, start, limit);
            if (end < 0) {
                hold(in, start, crPending ? limit - 1 : limit);
                pos = limit;
                break;
            }
            pos = end + terminatorLength;
            in.position(pos);
            final boolean more;
            if (lineLength == 0) {
                // The whole line lies inside `in`: hand out a view of it, no copy.
                int length = end - start;
                Set<LineViolation> violations = VIOLATION_SETS.get(lineViolations);
                lineViolations = 0;
                if (length > maxLineLength) {
                    more = sink.onOverlongLine(length, violations);
                } else {
                    if (view == null) {
                        view = in.asReadOnlyBuffer();
                    }
                    view.limit(end).position(start);
                    more = sink.onLine(view, violations);
                }
            } else {
                hold(in, start, end);
                more = deliverHeld(sink);
            }
            if (!more) {
                return;
            }
        }
        in.position(pos);
    }

    /**
     * Bytes held for an incomplete line: buffered content plus a CR still waiting for its next
     * byte. 0 at a line boundary, and at most {@code maxLineLength + 1}; while an overlong line is
     * being skipped its content is not held, so only a pending CR counts.
     */
    public int pendingBytes() {
        int held = lineLength > maxLineLength ? 0 : (int) lineLength;
        return crPending ? held + 1 : held;
    }

    /** Whether the next byte starts a new line. */
    public boolean atLineBoundary() {
        return lineLength == 0 && !crPending;
    }

    /**
     * Forgets any partial line, e.g. after a protocol switch: bytes from before a STARTTLS
     * handshake must never complete a line read after it. Also releases the scratch buffer.
     */
    public void reset() {
        lineLength = 0;
        lineViolations = 0;
        crPending = false;
        scratch = null;
        scratchView = null;
    }

    /**
     * Returns the index of the first terminator byte in [from, to) of a heap buffer's backing
     * array, or -1 if the line goes on past {@code to}. Records violations on the way, and
     * {@code crPending} when the last byte is a CR whose meaning the next call decides.
     */
    private int findTerminator(byte[] a, int offset, int from, int to) {
        int violations = lineViolations;
        int last = offset + to - 1;
        for (int i = offset + from; i <= last; i++) {
            byte b = a[i];
            // Printable ASCII, nearly all of any mail line, is above CR: one comparison.
            if (b > CR || (b != CR && b != LF && b != NUL)) {
                continue;
            }
            if (b == NUL) {
                violations |= NUL_BIT;
            } else if (b == LF) {
                // Any LF reached here had no CR before it: a CR LF pair is consumed as one below.
                violations |= BARE_LF_BIT;
                if (bareLfEndsLine) {
                    lineViolations = violations;
                    terminatorLength = 1;
                    return i - offset;
                }
            } else if (i == last) {
                lineViolations = violations;
                crPending = true;
                return -1;
            } else if (a[i + 1] == LF) {
                lineViolations = violations;
                terminatorLength = 2;
                return i - offset;
            } else {
                violations |= BARE_CR_BIT;
            }
        }
        lineViolations = violations;
        return -1;
    }

    /** As above for buffers without an accessible array (direct, read-only). */
    private int findTerminator(ByteBuffer in, int from, int to) {
        int violations = lineViolations;
        int last = to - 1;
        for (int i = from; i <= last; i++) {
            byte b = in.get(i);
            if (b > CR || (b != CR && b != LF && b != NUL)) {
                continue;
            }
            if (b == NUL) {
                violations |= NUL_BIT;
            } else if (b == LF) {
                violations |= BARE_LF_BIT;
                if (bareLfEndsLine) {
                    lineViolations = violations;
                    terminatorLength = 1;
                    return i;
                }
            } else if (i == last) {
                lineViolations = violations;
                crPending = true;
                return -1;
            } else if (in.get(i + 1) == LF) {
                lineViolations = violations;
                terminatorLength = 2;
                return i;
            } else {
                violations |= BARE_CR_BIT;
            }
        }
        lineViolations = violations;
        return -1;
    }

    /** Appends in[from, to) to the current line, or only counts it once the line is overlong. */
    private void hold(ByteBuffer in, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return;
        }
        long newLength = lineLength + n;
        if (newLength <= maxLineLength) {
            int at = (int) lineLength;
            ensureScratch((int) newLength);
            in.get(from, scratch, at, n);
        }
        lineLength = newLength;
    }

    private void holdCr() {
        long newLength = lineLength + 1;
        if (newLength <= maxLineLength) {
            ensureScratch((int) newLength);
            scratch[(int) lineLength] = CR;
        }
        lineLength = newLength;
    }

    /** Grows the scratch buffer by doubling, never past maxLineLength (callers check the bound). */
    private void ensureScratch(int needed) {
        if (scratch != null && scratch.length >= needed) {
            return;
        }
        int size = scratch == null ? Math.min(INITIAL_SCRATCH_SIZE, maxLineLength) : scratch.length;
        while (size < needed) {
            size = (int) Math.min((long) size * 2, maxLineLength);
        }
        byte[] grown = new byte[size];
        if (scratch != null) {
            System.arraycopy(scratch, 0, grown, 0, (int) lineLength);
        }
        scratch = grown;
        scratchView = ByteBuffer.wrap(grown).asReadOnlyBuffer();
    }

    /** Reports the held line, which has just been terminated, and starts a new one. */
    private boolean deliverHeld(LineSink sink) {
        long length = lineLength;
        Set<LineViolation> violations = VIOLATION_SETS.get(lineViolations);
        lineLength = 0;
        lineViolations = 0;
        if (length > maxLineLength) {
            return sink.onOverlongLine(length, violations);
        }
        // Only a CR LF split across calls ends an empty line here, before any scratch exists.
        ByteBuffer content = scratchView != null ? scratchView : emptyView;
        content.limit((int) length).position(0);
        return sink.onLine(content, violations);
    }

    private static List<Set<LineViolation>> violationSets() {
        LineViolation[] all = LineViolation.values();
        @SuppressWarnings("unchecked")
        Set<LineViolation>[] sets = new Set[1 << all.length];
        for (int mask = 0; mask < sets.length; mask++) {
            EnumSet<LineViolation> set = EnumSet.noneOf(LineViolation.class);
            for (LineViolation v : all) {
                if ((mask & (1 << v.ordinal())) != 0) {
                    set.add(v);
                }
            }
            sets[mask] = Collections.unmodifiableSet(set);
        }
        return List.of(sets);
    }
}
