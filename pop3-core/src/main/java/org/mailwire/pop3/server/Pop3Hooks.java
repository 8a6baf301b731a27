package org.mailwire.pop3.server;

import java.util.concurrent.CompletionStage;

/**
 * Typed extension points. Every hook returns a stage: a database look-up completes it later, and
 * meanwhile the connection stops reading (it never blocks an I/O thread). Defaults continue.
 */
public interface Pop3Hooks {

    /**
     * A client connected (before the greeting): reputation checks, rate limits. An {@code Accept}
     * with a line replaces the greeting's text; the APOP timestamp is still appended to it.
     */
    default CompletionStage<HookResult> onConnect(SessionInfo session) {
        return HookResult.proceed();
    }

    /**
     * USER/PASS, APOP or AUTH proved {@code identity}, before the maildrop is opened: a last policy
     * check (RFC 2449 LOGIN-DELAY, a locked account, where this user may log in from). A rejection
     * is sent instead of the {@code +OK} and counts as a failed attempt.
     */
    default CompletionStage<HookResult> onLogin(SessionInfo session, String identity) {
        return HookResult.proceed();
    }
}
