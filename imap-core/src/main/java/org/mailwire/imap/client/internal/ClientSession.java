package org.mailwire.imap.client.internal;

import java.util.*;
import java.util.concurrent.*;
import org.mailwire.imap.*;
import org.mailwire.imap.client.*;

/** The session: opening, state and the commands (to be filled in). */
public final class ClientSession {
    private final CommandChannel channel;
    public ClientSession(ImapClientOptions options, CommandChannel channel, String serverName, int port) {
        this.channel = channel;
    }
    public CommandChannel channel() {
        return channel;
    }
    public ImapClientOptions options() {
        throw new UnsupportedOperationException("not yet");
    }
    public Set<String> capabilities() {
        throw new UnsupportedOperationException("not yet");
    }
    public boolean hasCapability(String capability) {
        throw new UnsupportedOperationException("not yet");
    }
    public ImapResponse.UntaggedStatus greeting() {
        throw new UnsupportedOperationException("not yet");
    }
    public boolean authenticated() {
        throw new UnsupportedOperationException("not yet");
    }
    public Set<String> enabled() {
        throw new UnsupportedOperationException("not yet");
    }
    public Optional<MailboxView> selected() {
        throw new UnsupportedOperationException("not yet");
    }
    public CompletableFuture<ClientSession> open() {
        throw new UnsupportedOperationException("not yet");
    }
    public CompletionStage<Set<String>> capability() {
        throw new UnsupportedOperationException("not yet");
    }
    public CompletionStage<Void> noop() {
        throw new UnsupportedOperationException("not yet");
    }
    public CompletionStage<Void> check() {
        throw new UnsupportedOperationException("not yet");
    }
    public CompletionStage<Set<String>> enable(List<String> capabilities) {
        throw new UnsupportedOperationException("not yet");
    }
    public CompletionStage<SelectResult> select(MailboxName mailbox, SelectParameters parameters, boolean readOnly) {
        throw new UnsupportedOperationException("not yet");
    }
    public CompletionStage<Void> closeMailbox() {
        throw new UnsupportedOperationException("not yet");
    }
    public CompletionStage<Void> unselect() {
        throw new UnsupportedOperationException("not yet");
    }
    public CompletionStage<List<ImapResponse.ListEntry>> list(String reference, String pattern, boolean lsub) {
        throw new UnsupportedOperationException("not yet");
    }
    public CompletionStage<ImapResponse.MailboxStatus> status(MailboxName mailbox, List<StatusItem> items) {
        throw new UnsupportedOperationException("not yet");
    }
    public CompletionStage<Void> create(MailboxName mailbox) {
        throw new UnsupportedOperationException("not yet");
    }
    public CompletionStage<Void> delete(MailboxName mailbox) {
        throw new UnsupportedOperationException("not yet");
    }
    public CompletionStage<Void> rename(MailboxName from, MailboxName to) {
        throw new UnsupportedOperationException("not yet");
    }
    public CompletionStage<Void> subscribe(MailboxName mailbox, boolean subscribe) {
        throw new UnsupportedOperationException("not yet");
    }
    public CompletionStage<Void> fetch(FetchRequest request, FetchListener listener) {
        throw new UnsupportedOperationException("not yet");
    }
    public CompletionStage<List<ImapResponse.Fetch>> fetchCollect(FetchRequest request) {
        throw new UnsupportedOperationException("not yet");
    }
    public CompletionStage<byte[]> fetchBody(boolean uid, long number, Section section, long maxSize) {
        throw new UnsupportedOperationException("not yet");
    }
    public CompletionStage<SearchResult> search(boolean uid, List<SearchKey> keys) {
        throw new UnsupportedOperationException("not yet");
    }
    public CompletionStage<ImapResponse.Esearch> esearch(boolean uid, List<SearchReturn> returns, List<SearchKey> keys) {
        throw new UnsupportedOperationException("not yet");
    }
    public CompletionStage<StoreResult> store(StoreRequest request) {
        throw new UnsupportedOperationException("not yet");
    }
    public CompletionStage<AppendResult> append(MailboxName mailbox, List<Flag> flags, ImapDateTime date, MessageSource message) {
        throw new UnsupportedOperationException("not yet");
    }
    public CompletionStage<CopyResult> copy(boolean uid, SequenceSet set, MailboxName target) {
        throw new UnsupportedOperationException("not yet");
    }
    public CompletionStage<CopyResult> move(boolean uid, SequenceSet set, MailboxName target) {
        throw new UnsupportedOperationException("not yet");
    }
    public CompletionStage<Void> expunge(SequenceSet uids) {
        throw new UnsupportedOperationException("not yet");
    }
    public CompletionStage<IdleHandle> idle() {
        throw new UnsupportedOperationException("not yet");
    }
    public CompletionStage<Void> logout() {
        throw new UnsupportedOperationException("not yet");
    }
}
