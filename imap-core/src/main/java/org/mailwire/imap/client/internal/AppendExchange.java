package org.mailwire.imap.client.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.mailwire.imap.Flag;
import org.mailwire.imap.ImapCommand;
import org.mailwire.imap.ImapDateTime;
import org.mailwire.imap.ImapResponse;
import org.mailwire.imap.MailboxName;
import org.mailwire.imap.ResponseCode;
import org.mailwire.imap.Tag;
import org.mailwire.imap.client.AppendResult;
import org.mailwire.imap.client.ImapConnectionException;
import org.mailwire.imap.codec.ImapCommandEncoder;
import org.mailwire.imap.codec.NonSyncLiterals;

/**
 * APPEND (RFC 3501 §6.3.11) with its message streamed: the command line up to the literal's
 * announcement is written, then (after the server's {@code +}, or at once for a non-synchronising
 * literal, RFC 7888) the message a chunk at a time, each write awaited before the next chunk is
 * produced, then the closing CRLF. A barrier: nothing else may be written while the message goes out.
 * If the message cannot be sent whole (a short stream, a NUL in a plain literal, a read error) the
 * connection is dropped: the server would otherwise take what follows as message octets.
 */
final class AppendExchange extends Exchange<AppendResult> {
    private final MailboxName mailbox;
    private final List<Flag> flags;
    private final ImapDateTime date;
    private final MessageSource message;
    private final boolean binary;
    private final NonSyncLiterals nonSync;
    private final Executor reader;
    private boolean streaming;

    AppendExchange(MailboxName mailbox, List<Flag> flags, ImapDateTime date, MessageSource message, boolean binary,
            NonSyncLiterals nonSync, Executor reader) {
        super("APPEND", CommandTraits.BARRIER);
        this.mailbox = mailbox;
        this.flags = flags;
        this.date = date;
        this.message = message;
        this.binary = binary;
        this.nonSync = nonSync;
        this.reader = reader;
    }

    private boolean nonSynchronising() {
        return nonSync == NonSyncLiterals.LITERAL_PLUS
                || (nonSync == NonSyncLiterals.LITERAL_MINUS && message.size() <= 4096);
    }

    @Override
    byte[] encode(Tag tag, ImapCommandEncoder encoder) {
        // the encoder writes the arguments; its literal for an empty message is cut off and the
        // real announcement put in its place
        byte[] full = encoder.encodeAppend(new ImapCommand.Append(tag, mailbox, flags, date, 0, false), new byte[0]);
        String written = new String(full, full.length - 8, 8, StandardCharsets.US_ASCII);
        int cut = full.length - (written.endsWith("{0+}\r\n\r\n") ? 8 : 7);
        byte[] head = Arrays.copyOf(full, cut);
        String literal = (binary ? "~" : "") + "{" + message.size() + (nonSynchronising() ? "+" : "") + "}\r\n";
        byte[] announce = literal.getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(head, head.length + announce.length);
        System.arraycopy(announce, 0, out, head.length, announce.length);
        return out;
    }

    @Override
    List<String> mailboxNames() {
        return List.of(mailbox.name());
    }

    @Override
    void sent(Link link) {
        if (nonSynchronising()) {
            stream(link);
        }
    }

    @Override
    void continuation(String text, Link link) {
        if (streaming || nonSynchronising()) {
            super.continuation(text, link);
            return;
        }
        stream(link);
    }

    private void stream(Link link) {
        streaming = true;
        message.writeTo(link::write, reader, binary)
                .thenCompose(v -> link.write(ByteBuffer.wrap(new byte[] {'\r', '\n'})))
                .whenComplete((v, e) -> {
                    if (e != null && !(e instanceof ImapConnectionException)) {
                        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                                ? e.getCause() : e;
                        ((CommandChannel) link).abort(new ImapConnectionException(ImapConnectionException.Reason.CLOSED,
                                "the APPEND message could not be sent whole: " + cause.getMessage(), cause));
                    }
                });
    }

    @Override
    AppendResult ok(ImapResponse.Tagged response) {
        Optional<ResponseCode.AppendUid> uid = response.code().filter(c -> c instanceof ResponseCode.AppendUid)
                .map(c -> (ResponseCode.AppendUid) c);
        return new AppendResult(uid);
    }
}
