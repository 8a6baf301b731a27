package org.mailwire.smtp.server;

import java.util.concurrent.CompletionStage;
import org.mailwire.smtp.Envelope;
import org.mailwire.smtp.ForwardPath;
import org.mailwire.smtp.MailParameters;
import org.mailwire.smtp.RcptParameters;
import org.mailwire.smtp.ReversePath;

/**
 * Typed extension points, each called after the command passed the server's own syntax and state
 * checks. Every hook returns a stage: a database look-up or a spam check completes it later, and
 * meanwhile the connection stops reading (it never blocks an I/O thread). Defaults continue.
 */
public interface SmtpHooks {

    /** A client connected (before the greeting): reputation checks, rate limits. */
    default CompletionStage<HookResult> onConnect(SessionInfo session) {
        return HookResult.proceed();
    }

    /** HELO, EHLO or LHLO with the client's name. */
    default CompletionStage<HookResult> onHelo(SessionInfo session, String domain) {
        return HookResult.proceed();
    }

    /** MAIL FROM, with its ESMTP parameters (SIZE, BODY, DSN's RET and ENVID, AUTH, REQUIRETLS). */
    default CompletionStage<HookResult> onMail(SessionInfo session, ReversePath from, MailParameters parameters) {
        return HookResult.proceed();
    }

    /** RCPT TO, with DSN's NOTIFY and ORCPT. Relay and mailbox checks belong here. */
    default CompletionStage<HookResult> onRcpt(SessionInfo session, Envelope transaction, ForwardPath to,
            RcptParameters parameters) {
        return HookResult.proceed();
    }

    /**
     * AUTH proved {@code identity}: a last policy check (where this user may log in from, whether the
     * account is locked). A rejection is sent instead of 235 and counts as a failed attempt.
     */
    default CompletionStage<HookResult> onAuthenticated(SessionInfo session, String identity) {
        return HookResult.proceed();
    }

    /**
     * A command SMTP does not define, such as an extension of your own (XCLIENT, ETRN). Accept with
     * a reply answers it; otherwise the client gets {@code 500 5.5.1} and the command counts towards
     * the bad-command limit. The argument is raw client input: validate before use, never log it whole.
     */
    default CompletionStage<HookResult> onUnknownCommand(SessionInfo session, String verb, String argument) {
        return HookResult.proceed();
    }

    /** The body is about to start (DATA or the first BDAT): the last chance to refuse cheaply. */
    default CompletionStage<HookResult> onData(SessionInfo session, Envelope envelope) {
        return HookResult.proceed();
    }
}
