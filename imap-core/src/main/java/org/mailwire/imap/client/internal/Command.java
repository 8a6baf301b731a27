package org.mailwire.imap.client.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Function;
import org.mailwire.imap.ImapCommand;
import org.mailwire.imap.ImapResponse;
import org.mailwire.imap.Tag;
import org.mailwire.imap.codec.ImapCommandEncoder;

/**
 * A command whose result is made of the untagged responses it collects and its tagged OK: most
 * IMAP commands. What it collects is decided by {@code takes}, which must agree with its
 * {@link CommandTraits#collects()} so that no other command in flight takes the same responses.
 */
final class Command<T> extends Exchange<T> {
    private final BiFunction<Tag, ImapCommandEncoder, List<byte[]>> writer;
    private final BiPredicate<Tag, ImapResponse> takes;
    private final BiFunction<List<ImapResponse>, ImapResponse.Tagged, T> finish;
    private final List<ImapResponse> collected = new ArrayList<>();
    private boolean asksForFlags;
    private Consumer<CommandChannel> onSent;
    private List<String> mailboxNames = List.of();
    private Consumer<ImapResponse.Tagged> onCompleted;

    Command(String name, CommandTraits traits, Function<Tag, ImapCommand> build, BiPredicate<Tag, ImapResponse> takes,
            BiFunction<List<ImapResponse>, ImapResponse.Tagged, T> finish) {
        super(name, traits);
        this.writer = (tag, encoder) -> encoder.encodeSegments(build.apply(tag));
        this.takes = takes;
        this.finish = finish;
    }

    /** A command that collects nothing and completes with null. */
    static Command<Void> simple(String name, CommandTraits traits, Function<Tag, ImapCommand> build) {
        return new Command<>(name, traits, build, (tag, r) -> false, (list, ok) -> null);
    }

    Command<T> asksForFlags(boolean asks) {
        this.asksForFlags = asks;
        return this;
    }

    /** The mailbox names among the arguments, in order (see {@link Exchange#mailboxNames()}). */
    Command<T> mailboxNames(String... names) {
        this.mailboxNames = List.of(names);
        return this;
    }

    @Override
    List<String> mailboxNames() {
        return mailboxNames;
    }

    /** Runs when the command has been written (e.g. to change the channel's state). */
    Command<T> onSent(Consumer<CommandChannel> action) {
        this.onSent = action;
        return this;
    }

    /** Runs on the tagged response, whatever its status, before the result completes. */
    Command<T> onCompleted(Consumer<ImapResponse.Tagged> action) {
        this.onCompleted = action;
        return this;
    }

    @Override
    List<byte[]> encode(Tag tag, ImapCommandEncoder encoder) {
        return writer.apply(tag, encoder);
    }

    @Override
    void sent(Link link) {
        if (onSent != null) {
            onSent.accept((CommandChannel) link);
        }
    }

    @Override
    boolean offer(ImapResponse response) {
        if (takes.test(tag, response)) {
            collected.add(response);
            return true;
        }
        return false;
    }

    @Override
    boolean asksForFlags() {
        return asksForFlags;
    }

    @Override
    void completed(ImapResponse.Tagged response, Link link) {
        if (onCompleted != null) {
            onCompleted.accept(response);
        }
        super.completed(response, link);
    }

    @Override
    T ok(ImapResponse.Tagged response) {
        return finish.apply(collected, response);
    }
}
