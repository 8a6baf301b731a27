package org.mailwire.pop3.server;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.mailwire.pop3.ResponseCode;
import org.mailwire.pop3.StatusLine;

/**
 * What a hook decided, shaped like the SMTP server's: {@link Continue} lets the server apply its
 * default, the others decide with a POP3 status line of the hook's own.
 */
public sealed interface HookResult {

    /** No opinion: the server's default applies. */
    record Continue() implements HookResult {
    }

    /** Accept, optionally with a {@code +OK} line of the hook's own instead of the default one. */
    record Accept(Optional<StatusLine> reply) implements HookResult {
        public Accept {
            Objects.requireNonNull(reply, "reply");
            reply.ifPresent(r -> {
                if (!r.ok()) {
                    throw new IllegalArgumentException("an acceptance needs a +OK line");
                }
            });
        }
    }

    /**
     * Refuse with a {@code -ERR} line; the session goes on. After a login this is where
     * {@code -ERR [LOGIN-DELAY]} (RFC 2449 §8.1.2) or {@code -ERR [AUTH]} for a locked account belongs.
     */
    record Reject(StatusLine reply) implements HookResult {
        public Reject {
            requireErr(reply);
        }
    }

    /** Send a {@code -ERR} line and close the connection. */
    record Disconnect(StatusLine reply) implements HookResult {
        public Disconnect {
            requireErr(reply);
        }
    }

    private static void requireErr(StatusLine reply) {
        Objects.requireNonNull(reply, "reply");
        if (reply.ok()) {
            throw new IllegalArgumentException("a refusal needs a -ERR line");
        }
    }

    static CompletionStage<HookResult> proceed() {
        return CompletableFuture.completedFuture(new Continue());
    }

    static CompletionStage<HookResult> accept() {
        return CompletableFuture.completedFuture(new Accept(Optional.empty()));
    }

    static CompletionStage<HookResult> reject(StatusLine reply) {
        return CompletableFuture.completedFuture(new Reject(reply));
    }

    static CompletionStage<HookResult> disconnect(StatusLine reply) {
        return CompletableFuture.completedFuture(new Disconnect(reply));
    }

    /** {@code -ERR [LOGIN-DELAY] text}: the user logged in too recently (RFC 2449 §8.1.2). */
    static CompletionStage<HookResult> loginDelay(String text) {
        return reject(StatusLine.err(ResponseCode.LOGIN_DELAY, text));
    }
}
