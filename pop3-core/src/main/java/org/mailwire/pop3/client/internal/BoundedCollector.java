package org.mailwire.pop3.client.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Collects a multi-line response body in memory up to a limit; past it, the rest is dropped and
 * {@link #overflowed()} says so. The body still arrives in full, so the connection stays in step.
 */
public final class BoundedCollector implements Consumer<ByteBuffer> {
    private final long limit;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private boolean overflowed;

    public BoundedCollector(long limit) {
        this.limit = limit;
    }

    @Override
    public void accept(ByteBuffer chunk) {
        if (overflowed) {
            return;
        }
        int n = chunk.remaining();
        if (bytes.size() + (long) n > limit) {
            overflowed = true;
            bytes.reset();
            return;
        }
        if (chunk.hasArray()) {
            bytes.write(chunk.array(), chunk.arrayOffset() + chunk.position(), n);
            chunk.position(chunk.limit());
        } else {
            byte[] copy = new byte[n];
            chunk.get(copy);
            bytes.write(copy, 0, n);
        }
    }

    public boolean overflowed() {
        return overflowed;
    }

    public long limit() {
        return limit;
    }

    public byte[] toByteArray() {
        return bytes.toByteArray();
    }

    /** The body's lines without their CRLF (UTF-8, RFC 6856), for listings: CAPA, LIST, UIDL. */
    public List<String> lines() {
        String text = bytes.toString(StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf("\r\n", start);
            if (end < 0) {
                lines.add(text.substring(start));
                break;
            }
            lines.add(text.substring(start, end));
            start = end + 2;
        }
        return lines;
    }
}
