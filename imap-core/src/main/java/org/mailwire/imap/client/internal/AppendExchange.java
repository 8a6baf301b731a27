package org.mailwire.imap.client.internal;

import java.nio.ByteBuffer;
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
import org.mailwire.imap.codec.AppendHead;
import org.mailwire.imap.codec.ImapCommandEncoder;

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
    private final Executor reader;
    private boolean streaming;
    /** From the encoded head: whether the message waits for a +, and what follows its octets. */
    private boolean awaitContinuation;
    private byte[] afterData = new byte[0];

    AppendExchange(MailboxName mailbox, List<Flag> flags, ImapDateTime date, MessageSource message, boolean binary,
            Executor reader) {
        super("APPEND", CommandTraits.BARRIER);
        this.mailbox = mailbox;
        this.flags = flags;
        this.date = date;
        this.message = message;
        this.binary = binary;
        this.reader = reader;
    }

    @Override
    List<byte[]> encode(Tag tag, ImapCommandEncoder encoder) {
        AppendHead head = encoder.appendHead(new ImapCommand.Append(tag, mailbox, flags, date, message.size(),
                binary));
        awaitContinuation = head.awaitContinuation();
        afterData = head.afterData();
        return head.segments();
    }

    @Override
    List<String> mailboxNames() {
        return List.of(mailbox.name());
    }

    @Override
    void sent(Link link) {
        if (!awaitContinuation) {
            stream(link);
        }
    }

    @Override
    void continuation(String text, Link link) {
        if (streaming || !awaitContinuation) {
            super.continuation(text, link);
            return;
        }
        stream(link);
    }

    private void stream(Link link) {
        streaming = true;
        message.writeTo(link::write, reader, binary)
                .thenCompose(v -> link.write(ByteBuffer.wrap(concat(afterData, new byte[] {'\r', '\n'}))))
                .whenComplete((v, e) -> {
                    if (e != null && !(e instanceof ImapConnectionException)) {
                        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                                ? e.getCause() : e;
                        ((CommandChannel) link).abort(new ImapConnectionException(ImapConnectionException.Reason.CLOSED,
                                "the APPEND message could not be sent whole: " + cause.getMessage(), cause));
                    }
                });
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Override
    AppendResult ok(ImapResponse.Tagged response) {
        Optional<ResponseCode.AppendUid> uid = response.code().filter(c -> c instanceof ResponseCode.AppendUid)
                .map(c -> (ResponseCode.AppendUid) c);
        return new AppendResult(uid);
    }
}
