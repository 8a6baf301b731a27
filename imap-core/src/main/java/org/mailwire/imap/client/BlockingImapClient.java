package org.mailwire.imap.client;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.mailwire.imap.Flag;
import org.mailwire.imap.ImapDateTime;
import org.mailwire.imap.ImapResponse;
import org.mailwire.imap.MailboxName;
import org.mailwire.imap.SearchKey;
import org.mailwire.imap.SearchReturn;
import org.mailwire.imap.Section;
import org.mailwire.imap.SequenceSet;
import org.mailwire.imap.StatusItem;

/**
 * The {@link ImapClient}'s connection seen through methods that wait: each one calls the
 * asynchronous method and waits for it, throwing its {@link ImapClientException} as it is. Every
 * wait is bounded by the client's timeouts. Never call these on the client's I/O thread (from a
 * dependent stage or a listener of the asynchronous view), which they would wait for.
 */
public final class BlockingImapClient implements AutoCloseable {
    private final ImapClient client;

    BlockingImapClient(ImapClient client) {
        this.client = client;
    }

    /** Connects and opens the session (greeting, capabilities, STARTTLS, login), waiting for all of it. */
    public static BlockingImapClient connect(String host, int port, ImapClientOptions options) {
        return await(ImapClient.connect(host, port, options)).blocking();
    }

    /** The asynchronous view of the same connection. */
    public ImapClient async() {
        return client;
    }

    public Set<String> capabilities() {
        return client.capabilities();
    }

    /** See {@link ImapClient#appendLimit()}. */
    public OptionalLong appendLimit() {
        return client.appendLimit();
    }

    public boolean hasCapability(String capability) {
        return client.hasCapability(capability);
    }

    public boolean isAuthenticated() {
        return client.isAuthenticated();
    }

    public boolean isOpen() {
        return client.isOpen();
    }

    public Optional<MailboxView> selected() {
        return client.selected();
    }

    public Set<String> capability() {
        return await(client.capability());
    }

    public void noop() {
        await(client.noop());
    }

    public void check() {
        await(client.check());
    }

    public Set<String> enable(String... capabilities) {
        return await(client.enable(capabilities));
    }

    public SelectResult select(MailboxName mailbox) {
        return await(client.select(mailbox));
    }

    public SelectResult select(MailboxName mailbox, SelectParameters parameters) {
        return await(client.select(mailbox, parameters));
    }

    public SelectResult examine(MailboxName mailbox) {
        return await(client.examine(mailbox));
    }

    public SelectResult examine(MailboxName mailbox, SelectParameters parameters) {
        return await(client.examine(mailbox, parameters));
    }

    public void closeMailbox() {
        await(client.closeMailbox());
    }

    public void unselect() {
        await(client.unselect());
    }

    public List<ImapResponse.ListEntry> list(String reference, String pattern) {
        return await(client.list(reference, pattern));
    }

    public List<ImapResponse.ListEntry> lsub(String reference, String pattern) {
        return await(client.lsub(reference, pattern));
    }

    public ImapResponse.MailboxStatus status(MailboxName mailbox, StatusItem... items) {
        return await(client.status(mailbox, items));
    }

    public void create(MailboxName mailbox) {
        await(client.create(mailbox));
    }

    public void delete(MailboxName mailbox) {
        await(client.delete(mailbox));
    }

    public void rename(MailboxName from, MailboxName to) {
        await(client.rename(from, to));
    }

    public void subscribe(MailboxName mailbox) {
        await(client.subscribe(mailbox));
    }

    public void unsubscribe(MailboxName mailbox) {
        await(client.unsubscribe(mailbox));
    }

    /** See {@link ImapClient#fetch(FetchRequest, FetchListener)}; the listener still runs on the I/O thread. */
    public void fetch(FetchRequest request, FetchListener listener) {
        await(client.fetch(request, listener));
    }

    public List<ImapResponse.Fetch> fetch(FetchRequest request) {
        return await(client.fetch(request));
    }

    public byte[] fetchBody(boolean uid, long number, Section section, long maxSize) {
        return await(client.fetchBody(uid, number, section, maxSize));
    }

    public SearchResult search(SearchKey... keys) {
        return await(client.search(keys));
    }

    public SearchResult uidSearch(SearchKey... keys) {
        return await(client.uidSearch(keys));
    }

    public ImapResponse.Esearch esearch(boolean uid, List<SearchReturn> returns, List<SearchKey> keys) {
        return await(client.esearch(uid, returns, keys));
    }

    public StoreResult store(StoreRequest request) {
        return await(client.store(request));
    }

    public AppendResult append(MailboxName mailbox, List<Flag> flags, ImapDateTime date, byte[] message) {
        return await(client.append(mailbox, flags, date, message));
    }

    public AppendResult append(MailboxName mailbox, List<Flag> flags, ImapDateTime date, Path message) {
        return await(client.append(mailbox, flags, date, message));
    }

    public AppendResult append(MailboxName mailbox, List<Flag> flags, ImapDateTime date, InputStream message,
            long size) {
        return await(client.append(mailbox, flags, date, message, size));
    }

    /** MULTIAPPEND (RFC 3502) when there are several: all land or none. */
    public AppendResult append(MailboxName mailbox, List<AppendMessage> messages) {
        return await(client.append(mailbox, messages));
    }

    /** CATENATE (RFC 4469): one message the server assembles from URLs and text. */
    public AppendResult catenate(MailboxName mailbox, List<Flag> flags, ImapDateTime date, List<CatenatePart> parts) {
        return await(client.catenate(mailbox, flags, date, parts));
    }

    public CopyResult copy(boolean uid, SequenceSet set, MailboxName target) {
        return await(client.copy(uid, set, target));
    }

    public CopyResult move(boolean uid, SequenceSet set, MailboxName target) {
        return await(client.move(uid, set, target));
    }

    public void expunge() {
        await(client.expunge());
    }

    public void uidExpunge(SequenceSet uids) {
        await(client.uidExpunge(uids));
    }

    /** Starts IDLE and waits for the server's {@code +}; end it with {@link IdleHandle#done()}. */
    public IdleHandle idle() {
        return await(client.idle());
    }

    /** Sends DONE and waits for the IDLE's completion. */
    public void done(IdleHandle idle) {
        await(idle.done());
    }

    public ImapResponse.Namespace namespace() {
        return await(client.namespace());
    }

    public ImapResponse.Id id(java.util.Map<String, String> fields) {
        return await(client.id(fields));
    }

    public List<Long> sort(boolean uid, List<SortCriterion> criteria, List<SearchKey> keys) {
        return await(client.sort(uid, criteria, keys));
    }

    /** SORT with RETURN options (RFC 5267 ESORT). */
    public ImapResponse.Esearch esort(boolean uid, List<SortCriterion> criteria, List<SearchReturn> returns,
            List<SearchKey> keys) {
        return await(client.esort(uid, criteria, returns, keys));
    }

    public List<org.mailwire.imap.ThreadNode> thread(boolean uid, String algorithm, List<SearchKey> keys) {
        return await(client.thread(uid, algorithm, keys));
    }

    public ListResult list(ListRequest request) {
        return await(client.list(request));
    }

    public void compress() {
        await(client.compress());
    }

    public void logout() {
        await(client.logout());
    }

    @Override
    public void close() {
        client.close();
    }

    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImapConnectionException(ImapConnectionException.Reason.CLOSED, "interrupted while waiting", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new ImapConnectionException(ImapConnectionException.Reason.CLOSED, String.valueOf(cause.getMessage()),
                    cause);
        }
    }
}
