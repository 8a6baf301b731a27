package org.mailwire.imap.client.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.mailwire.imap.ImapCommand;
import org.mailwire.imap.ImapResponse;
import org.mailwire.imap.MailboxName;
import org.mailwire.imap.ResponseCode;
import org.mailwire.imap.Tag;
import org.mailwire.imap.client.AppendResult;
import org.mailwire.imap.client.ImapConnectionException;
import org.mailwire.imap.codec.AppendHead;
import org.mailwire.imap.codec.ImapCommandEncoder;

/**
 * APPEND (RFC 3501 §6.3.11) of one or more messages (MULTIAPPEND, RFC 3502), each whole or built by
 * CATENATE (RFC 4469), with every literal streamed. The command is planned as a list of steps: byte
 * runs, some ending in a synchronising literal header after which the server's {@code +} is awaited,
 * and literals whose octets are produced a chunk at a time, each write awaited before the next chunk
 * (RFC 7888 non-synchronising literals need no {@code +}). A barrier: nothing else may be written
 * while the command goes out, not even once the server has answered: under LITERAL+ it may answer
 * NO early and go on reading (and skipping) the rest, which is then written all the same. A tagged
 * response instead of an awaited {@code +} ends the command (nothing more is written). If a literal
 * cannot be sent whole (a short stream, a NUL in a plain literal, a read error) the connection is
 * dropped: the server would otherwise take what follows as its octets.
 */
final class AppendExchange extends Exchange<AppendResult> {

    /** A message with the literal form the session chose for it (ignored for CATENATE). */
    record Planned(AppendItem item, boolean binary, boolean utf8) {
    }

    /** What is written, in order. */
    private sealed interface Step {
    }

    /** Octets of the command itself; {@code awaitContinuation} when they end in a {@code {n}} header. */
    private record Bytes(byte[] bytes, boolean awaitContinuation) implements Step {
    }

    /** A literal's octets. */
    private record Literal(MessageSource source, boolean binary) implements Step {
    }

    private final MailboxName mailbox;
    private final List<Planned> messages;
    private final Executor reader;
    /** Built by {@link #encode}; read only by the one step running at a time. */
    private List<Step> steps = List.of();
    private volatile int next;
    /** True while a {@code +} is owed to us: the last bytes written end in a synchronising literal header. */
    private volatile boolean awaiting;
    /** Every step written, or writing failed. */
    private volatile boolean finished;

    AppendExchange(MailboxName mailbox, List<Planned> messages, Executor reader) {
        super("APPEND", CommandTraits.BARRIER);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("APPEND needs a message");
        }
        this.mailbox = mailbox;
        this.messages = List.copyOf(messages);
        this.reader = reader;
    }

    @Override
    List<byte[]> encode(Tag tag, ImapCommandEncoder encoder) {
        List<Step> plan = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            Planned p = messages.get(i);
            boolean first = i == 0;
            if (p.item() instanceof AppendItem.Whole w) {
                ImapCommand.Append a = new ImapCommand.Append(tag, mailbox, w.flags(), w.date(), w.message().size(),
                        p.binary(), p.utf8());
                AppendHead head = first ? encoder.appendHead(a) : encoder.appendNext(a);
                head(plan, head);
                plan.add(new Literal(w.message(), p.binary()));
                plan.add(new Bytes(head.afterData(), false));
            } else {
                AppendItem.Catenated c = (AppendItem.Catenated) p.item();
                ImapCommand.Catenate cat = new ImapCommand.Catenate(tag, mailbox, c.flags(), c.date());
                head(plan, first ? encoder.appendHead(cat) : encoder.appendNext(cat));
                for (int k = 0; k < c.parts().size(); k++) {
                    AppendItem.Part part = c.parts().get(k);
                    if (part instanceof AppendItem.Url u) {
                        head(plan, encoder.catenateUrl(u.url(), k == 0));
                    } else {
                        MessageSource text = ((AppendItem.Text) part).text();
                        AppendHead h = encoder.catenateText(text.size(), false, k == 0);
                        head(plan, h);
                        // RFC 4469 §5: TEXT is a literal, which cannot carry NUL
                        plan.add(new Literal(text, false));
                        plan.add(new Bytes(h.afterData(), false));
                    }
                }
                plan.add(new Bytes(encoder.catenateEnd(), false));
            }
        }
        plan.add(new Bytes(encoder.appendEnd(), false));
        List<Step> merged = merge(plan);
        Bytes opening = (Bytes) merged.get(0);
        steps = merged;
        next = 1;
        finished = false;
        awaiting = opening.awaitContinuation();
        // the channel writes the opening (rewriting the mailbox name under UTF8=ACCEPT); the rest is ours
        return List.of(opening.bytes());
    }

    private static void head(List<Step> plan, AppendHead head) {
        List<byte[]> segments = head.segments();
        for (int i = 0; i < segments.size(); i++) {
            boolean last = i == segments.size() - 1;
            plan.add(new Bytes(segments.get(i), !last || head.awaitContinuation()));
        }
    }

    /** Joins byte runs that need no {@code +} between them, and drops empty ones: fewer writes. */
    private static List<Step> merge(List<Step> plan) {
        List<Step> out = new ArrayList<>();
        for (Step s : plan) {
            if (s instanceof Bytes b) {
                if (b.bytes().length == 0 && !b.awaitContinuation()) {
                    continue;
                }
                if (!out.isEmpty() && out.get(out.size() - 1) instanceof Bytes prev && !prev.awaitContinuation()) {
                    out.set(out.size() - 1, new Bytes(concat(prev.bytes(), b.bytes()), b.awaitContinuation()));
                    continue;
                }
            }
            out.add(s);
        }
        return out;
    }

    /**
     * Until every step is written; not while a {@code +} is owed, since then the server either sends
     * it (and the command stays in flight, a barrier) or answers instead, which ends the command.
     */
    @Override
    boolean stillWriting() {
        return !finished && !awaiting;
    }

    @Override
    List<String> mailboxNames() {
        return List.of(mailbox.name());
    }

    @Override
    void sent(Link link) {
        if (!awaiting) {
            advance(link);
        }
    }

    @Override
    void continuation(String text, Link link) {
        if (!awaiting) {
            super.continuation(text, link);
            return;
        }
        awaiting = false;
        advance(link);
    }

    /**
     * Writes the next step, and the one after it once that write completed, until a {@code +} is owed
     * or the plan is done. Runs on the I/O thread or the reader, never on two threads at once: each
     * step starts only when the previous one finished or its {@code +} arrived.
     */
    private void advance(Link link) {
        if (next >= steps.size()) {
            finished = true;
            link.doneWriting();
            return;
        }
        Step step = steps.get(next++);
        CompletionStage<Void> written;
        if (step instanceof Bytes b) {
            if (b.awaitContinuation()) {
                awaiting = true;
            }
            written = link.write(ByteBuffer.wrap(b.bytes()));
            if (b.awaitContinuation()) {
                written.whenComplete((v, e) -> failOnError(e, link));
                return;
            }
        } else {
            Literal l = (Literal) step;
            written = l.source().writeTo(link::write, reader, l.binary());
        }
        written.whenComplete((v, e) -> {
            if (e != null) {
                failOnError(e, link);
            } else {
                advance(link);
            }
        });
    }

    private void failOnError(Throwable e, Link link) {
        if (e == null) {
            return;
        }
        finished = true;
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof ImapConnectionException) {
            // the connection already failed, and with it this exchange
            return;
        }
        ImapConnectionException broken = new ImapConnectionException(ImapConnectionException.Reason.CLOSED,
                "the APPEND could not be sent whole: " + cause.getMessage(), cause);
        if (link instanceof CommandChannel channel) {
            // from any thread (the reader's, say): abort hands the failure to the callback context
            channel.abort(broken);
        } else {
            link.fail(broken);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
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
