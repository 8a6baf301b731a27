package org.mailwire.imap.client;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.mailwire.imap.Flag;
import org.mailwire.imap.ImapDateTime;
import org.mailwire.imap.client.internal.AppendItem;
import org.mailwire.imap.client.internal.MessageSource;

/**
 * One message to append, whole: its octets (held in memory, read from a file, or read from a
 * stream as they are sent), its flags, its internal date, and whether it goes in RFC 6855's
 * {@code UTF8 (~{n})} form. Immutable; the {@code with*} methods return changed copies.
 *
 * <p>A message holding NUL goes as a literal8 ({@code ~{n}}, RFC 3516), which needs BINARY. By
 * default ({@link Utf8#AUTO}) a message whose header holds 8-bit octets (RFC 6532) goes as
 * {@code UTF8 (~{n})} once UTF8=ACCEPT is enabled; a stream cannot be read ahead, so it is never
 * chosen for one automatically.
 */
public final class AppendMessage {

    /** When to send the message as {@code UTF8 (~{n})} (RFC 6855 §4). */
    public enum Utf8 {
        /** When UTF8=ACCEPT is enabled and the message's header holds 8-bit octets. */
        AUTO,
        /** Always: the operation fails with {@link MissingCapabilityException} unless UTF8=ACCEPT is enabled. */
        ALWAYS,
        /** Never: a plain literal, whatever the header holds. */
        NEVER
    }

    private final MessageSource source;
    private final List<Flag> flags;
    private final ImapDateTime date;
    private final Utf8 utf8;

    private AppendMessage(MessageSource source, List<Flag> flags, ImapDateTime date, Utf8 utf8) {
        this.source = source;
        this.flags = List.copyOf(flags);
        this.date = date;
        this.utf8 = Objects.requireNonNull(utf8, "utf8");
    }

    /** A message held in memory (copied). */
    public static AppendMessage of(byte[] message) {
        return new AppendMessage(MessageSource.of(Objects.requireNonNull(message, "message")), List.of(), null,
                Utf8.AUTO);
    }

    /** A file, read a chunk at a time as it is sent (and scanned beforehand for NUL and 8-bit headers). */
    public static AppendMessage of(Path message) {
        return new AppendMessage(MessageSource.of(message), List.of(), null, Utf8.AUTO);
    }

    /**
     * {@code size} octets read from {@code message} as they are sent; a NUL in it, or fewer octets,
     * drops the connection before the literal ends. The stream is not closed.
     */
    public static AppendMessage of(InputStream message, long size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        return new AppendMessage(MessageSource.of(message, size), List.of(), null, Utf8.AUTO);
    }

    public AppendMessage withFlags(List<Flag> flags) {
        return new AppendMessage(source, flags, date, utf8);
    }

    /** The internal date; null lets the server use the time it appends. */
    public AppendMessage withDate(ImapDateTime date) {
        return new AppendMessage(source, flags, date, utf8);
    }

    public AppendMessage withUtf8(Utf8 utf8) {
        return new AppendMessage(source, flags, date, utf8);
    }

    public List<Flag> flags() {
        return flags;
    }

    public ImapDateTime date() {
        return date;
    }

    public Utf8 utf8() {
        return utf8;
    }

    /** The literal's octet count. */
    public long size() {
        return source.size();
    }

    AppendItem item() {
        return new AppendItem.Whole(flags, date, source, utf8);
    }

    @Override
    public String toString() {
        return "AppendMessage[" + source.size() + " octets, flags=" + flags + ", date=" + date + ", utf8=" + utf8 + "]";
    }
}
