package org.mailwire.imap.client.internal;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.mailwire.imap.ImapResponse;
import org.mailwire.imap.Section;
import org.mailwire.imap.Tag;
import org.mailwire.imap.client.ImapClientException;
import org.mailwire.imap.client.ImapCommandException;
import org.mailwire.imap.client.ImapConnectionException;
import org.mailwire.imap.codec.ImapCommandEncoder;

/**
 * One tagged command and what it waits for: its untagged data, any continuation requests, and its
 * tagged completion. Every method but the constructor runs in the connection's callback context.
 *
 * @param <T> what the operation completes with
 */
public abstract class Exchange<T> {

    /** What an exchange may do with the connection while it runs. */
    public interface Link {
        /** Writes octets outside the command's own (a SASL response, DONE, an APPEND message). */
        java.util.concurrent.CompletionStage<Void> write(ByteBuffer bytes);

        /** The connection is unusable: fails every exchange and closes. */
        void fail(ImapClientException cause);

        /** While true, silence is bounded by the IDLE timeout rather than the read timeout. */
        void idling(boolean idling);

        /** From any thread: the exchange finished writing its own octets ({@link #stillWriting()}). */
        void doneWriting();
    }

    final String name;
    final CommandTraits traits;
    final CompletableFuture<T> result = new CompletableFuture<>();
    /** Set when the command is written. */
    Tag tag;

    protected Exchange(String name, CommandTraits traits) {
        this.name = name;
        this.traits = traits;
    }

    public CompletableFuture<T> result() {
        return result;
    }

    /**
     * The command for {@code tag}, cut after every synchronising literal header: each segment but
     * the first is written after a {@code +} (the encoder's {@code encodeSegments}).
     */
    abstract List<byte[]> encode(Tag tag, ImapCommandEncoder encoder);

    /**
     * The mailbox names (and LIST reference and pattern) among the arguments, as Unicode text in
     * argument order: under UTF8=ACCEPT they are rewritten to UTF-8 after encoding.
     */
    List<String> mailboxNames() {
        return List.of();
    }

    /** The command has been handed to the transport; its responses may follow. */
    void sent(Link link) {
    }

    /**
     * Whether octets of this command are still to be written by the exchange itself (a streamed
     * literal under LITERAL+): no other command may be written meanwhile, not even after this one's
     * tagged response, since a server may answer before it has read the whole command (Dovecot
     * refuses an APPEND to a missing mailbox at once, then skips the literals that follow).
     */
    boolean stillWriting() {
        return false;
    }

    /** An untagged response while this command runs; true when it is this command's data. */
    boolean offer(ImapResponse response) {
        return false;
    }

    /** Whether FLAGS in the FETCH responses it collects were asked for (so they are no event). */
    boolean asksForFlags() {
        return false;
    }

    void bodyBegin(long seq, boolean binary, Section section, long size) {
    }

    void bodyData(ByteBuffer chunk) {
    }

    void bodyEnd() {
    }

    /** A {@code +} after the command's own literals went out. */
    void continuation(String text, Link link) {
        link.fail(new ImapConnectionException(ImapConnectionException.Reason.PROTOCOL_VIOLATION,
                "a continuation request " + name + " did not ask for"));
    }

    /** The tagged response. */
    void completed(ImapResponse.Tagged response, Link link) {
        if (response.status() == ImapResponse.Status.OK) {
            try {
                result.complete(ok(response));
            } catch (ImapClientException | IllegalArgumentException e) {
                result.completeExceptionally(e);
            }
        } else {
            result.completeExceptionally(new ImapCommandException(name, response));
        }
    }

    /** The result of a tagged OK. */
    abstract T ok(ImapResponse.Tagged response);

    void failed(ImapClientException cause) {
        result.completeExceptionally(cause);
    }

    @Override
    public String toString() {
        // the name only: command lines may hold secrets (SECURITY.md row 16)
        return (tag == null ? "" : tag + " ") + name;
    }
}
