package org.mailwire.transport.line;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Dot-stuffing for every dot-terminated body on the wire, streaming: an SMTP client's DATA
 * (RFC 5321 §4.5.2) and a POP3 server's multi-line responses (RFC 1939 §3). Every bare CR and bare LF
 * becomes CRLF, and a dot at the start of every line, the first included, is doubled. Sending a
 * bare CR or LF on unchanged is how a client becomes an SMTP smuggling vector for the servers
 * behind it (CVE-2026-33604, SECURITY.md row 2); canonicalising first means every line break the
 * next hop might see is one this stuffer has dot-stuffed after.
 *
 * <p>State carries across {@link #write} calls (a CR at the end of one chunk whose LF comes in the
 * next is one CRLF). {@link #finish} ends the body with CRLF if it did not already, then writes
 * the {@code .CRLF} terminator, and makes the stuffer ready for the next message.
 *
 * <p>Buffer ownership: {@code out} receives read-only views of one internal buffer of
 * {@link #CHUNK_SIZE} octets, valid only during the call: copy (or write out) what must outlive
 * it. Not thread-safe.
 */
public final class DotStuffer {

    /** Size of the internal output buffer, and so the largest chunk {@code out} receives. */
    public static final int CHUNK_SIZE = 8192;

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte DOT = '.';

    private final byte[] buffer = new byte[CHUNK_SIZE];
    private final ByteBuffer view = ByteBuffer.wrap(buffer).asReadOnlyBuffer();
    private int filled;
    private boolean atLineStart = true;
    private boolean crPending;

    /** Consumes all of {@code in}, passing the stuffed octets to {@code out}. */
    public void write(ByteBuffer in, Consumer<ByteBuffer> out) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        while (in.hasRemaining()) {
            byte b = in.get();
            if (crPending) {
                crPending = false;
                // A CR followed by LF is a CRLF; followed by anything else it was a bare CR,
                // which becomes a CRLF too. Either way a line starts here.
                put(CR, out);
                put(LF, out);
                atLineStart = true;
                if (b == LF) {
                    continue;
                }
            }
            if (b == CR) {
                crPending = true;
            } else if (b == LF) {
                put(CR, out);
                put(LF, out);
                atLineStart = true;
            } else {
                if (atLineStart && b == DOT) {
                    put(DOT, out);
                }
                put(b, out);
                atLineStart = false;
            }
        }
        flush(out);
    }

    /** Ends the body (CRLF if it does not end with a line break) and writes {@code .CRLF}. */
    public void finish(Consumer<ByteBuffer> out) {
        Objects.requireNonNull(out, "out");
        if (crPending || !atLineStart) {
            put(CR, out);
            put(LF, out);
        }
        put(DOT, out);
        put(CR, out);
        put(LF, out);
        flush(out);
        crPending = false;
        atLineStart = true;
    }

    private void put(byte b, Consumer<ByteBuffer> out) {
        if (filled == buffer.length) {
            flush(out);
        }
        buffer[filled++] = b;
    }

    private void flush(Consumer<ByteBuffer> out) {
        if (filled > 0) {
            view.limit(filled).position(0);
            int n = filled;
            filled = 0;
            out.accept(view.slice().limit(n));
        }
    }
}
