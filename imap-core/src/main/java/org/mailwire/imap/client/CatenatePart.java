package org.mailwire.imap.client;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;
import org.mailwire.imap.client.internal.MessageSource;

/**
 * A part of a message the server assembles (CATENATE, RFC 4469 §5): text the client sends, or an
 * IMAP URL naming a message or section the server already holds, whose octets it copies.
 */
public sealed interface CatenatePart {

    /**
     * An IMAP URL (RFC 5092), absolute or relative to the session, e.g.
     * {@code /INBOX;UIDVALIDITY=385759045/;UID=20/;SECTION=HEADER}. The server refuses one it cannot
     * read with {@code NO [BADURL ...]}.
     */
    static CatenatePart url(String url) {
        return new Url(url);
    }

    /** Text held in memory (copied); sent as a {@code TEXT} literal, so it cannot hold NUL. */
    static CatenatePart text(byte[] text) {
        return new Text(MessageSource.of(Objects.requireNonNull(text, "text")));
    }

    /** Text read from a file a chunk at a time as it is sent. */
    static CatenatePart text(Path text) {
        return new Text(MessageSource.of(text));
    }

    /** {@code size} octets read from {@code text} as they are sent; the stream is not closed. */
    static CatenatePart text(InputStream text, long size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        return new Text(MessageSource.of(text, size));
    }

    /** An IMAP URL part. */
    record Url(String url) implements CatenatePart {
        public Url {
            Objects.requireNonNull(url, "url");
            if (url.isEmpty()) {
                throw new IllegalArgumentException("an empty URL");
            }
        }
    }

    /** A {@code TEXT} part: octets the client streams. */
    final class Text implements CatenatePart {
        private final MessageSource source;

        private Text(MessageSource source) {
            this.source = source;
        }

        public long size() {
            return source.size();
        }

        MessageSource source() {
            return source;
        }

        @Override
        public String toString() {
            return "Text[" + source.size() + " octets]";
        }
    }
}
