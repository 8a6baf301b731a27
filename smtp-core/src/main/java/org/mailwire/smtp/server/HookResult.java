package org.mailwire.smtp.server;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.mailwire.smtp.SmtpReply;

/**
 * What a hook decided. The first hook result that is not {@link Continue} wins, as in Apache James's
 * hook chain; {@code Continue} lets the server apply its default (usually acceptance).
 */
public sealed interface HookResult {

    /** No opinion: the server's default applies. */
    record Continue() implements HookResult {
    }

    /** Accept, optionally with a reply of the hook's own instead of the default one. */
    record Accept(Optional<SmtpReply> reply) implements HookResult {
        public Accept {
            Objects.requireNonNull(reply, "reply");
            reply.ifPresent(r -> requireClass(r, 2));
        }
    }

    /** Refuse this command with a 4xx or 5xx reply; the session goes on. */
    record Reject(SmtpReply reply) implements HookResult {
        public Reject {
            Objects.requireNonNull(reply, "reply");
            if (reply.code() < 400) {
                throw new IllegalArgumentException("a rejection needs a 4xx or 5xx reply: " + reply.code());
            }
        }
    }

    /** Reply (421 or 554 style) and close the connection. */
    record Disconnect(SmtpReply reply) implements HookResult {
        public Disconnect {
            Objects.requireNonNull(reply, "reply");
            if (reply.code() < 400) {
                throw new IllegalArgumentException("a disconnect needs a 4xx or 5xx reply: " + reply.code());
            }
        }
    }

    private static void requireClass(SmtpReply reply, int codeClass) {
        if (reply.code() / 100 != codeClass) {
            throw new IllegalArgumentException("expected a " + codeClass + "xx reply: " + reply.code());
        }
    }

    static CompletionStage<HookResult> proceed() {
        return CompletableFuture.completedFuture(new Continue());
    }

    static CompletionStage<HookResult> reject(SmtpReply reply) {
        return CompletableFuture.completedFuture(new Reject(reply));
    }

    static CompletionStage<HookResult> disconnect(SmtpReply reply) {
        return CompletableFuture.completedFuture(new Disconnect(reply));
    }

    static CompletionStage<HookResult> accept() {
        return CompletableFuture.completedFuture(new Accept(Optional.empty()));
    }
}
