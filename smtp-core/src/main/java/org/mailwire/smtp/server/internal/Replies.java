package org.mailwire.smtp.server.internal;

import org.mailwire.smtp.SmtpReply;

/** The server's fixed replies, each with its RFC 3463 enhanced status code. */
final class Replies {
    static final SmtpReply OK = SmtpReply.of(250, "2.0.0", "OK");
    static final SmtpReply SENDER_OK = SmtpReply.of(250, "2.1.0", "Sender OK");
    static final SmtpReply RECIPIENT_OK = SmtpReply.of(250, "2.1.5", "Recipient OK");
    static final SmtpReply QUEUED = SmtpReply.of(250, "2.0.0", "OK: message accepted");
    static final SmtpReply RESET = SmtpReply.of(250, "2.0.0", "Flushed");
    static final SmtpReply BYE = SmtpReply.of(221, "2.0.0", "Bye");
    static final SmtpReply START_DATA = SmtpReply.of(354, null, "End data with <CR><LF>.<CR><LF>");
    static final SmtpReply START_TLS = SmtpReply.of(220, "2.0.0", "Ready to start TLS");
    static final SmtpReply AUTH_OK = SmtpReply.of(235, "2.7.0", "Authentication successful");
    static final SmtpReply HELP = SmtpReply.of(214, "2.0.0", "See RFC 5321 and https://www.rfc-editor.org/");
    static final SmtpReply VRFY_NON_COMMITTAL =
            SmtpReply.of(252, "2.5.2", "Cannot VRFY user, but will accept message and attempt delivery");

    static final SmtpReply NOT_IMPLEMENTED = SmtpReply.of(502, "5.5.1", "Command not implemented");
    static final SmtpReply HELO_FIRST = SmtpReply.of(503, "5.5.1", "Send HELO/EHLO first");
    static final SmtpReply LHLO_FIRST = SmtpReply.of(503, "5.5.1", "Send LHLO first");
    static final SmtpReply LMTP_NEEDS_LHLO = SmtpReply.of(500, "5.5.1", "This is LMTP: use LHLO");
    static final SmtpReply NESTED_MAIL = SmtpReply.of(503, "5.5.1", "Sender already specified");
    static final SmtpReply NEED_MAIL = SmtpReply.of(503, "5.5.1", "Need MAIL before RCPT");
    static final SmtpReply NEED_RCPT = SmtpReply.of(503, "5.5.1", "Need RCPT before DATA");
    static final SmtpReply NO_VALID_RECIPIENTS = SmtpReply.of(554, "5.5.1", "No valid recipients");
    static final SmtpReply BDAT_IN_PROGRESS = SmtpReply.of(503, "5.5.1", "BDAT in progress: only BDAT or RSET");
    static final SmtpReply BINARY_NEEDS_BDAT = SmtpReply.of(503, "5.6.1", "BODY=BINARYMIME requires BDAT");
    static final SmtpReply TOO_MANY_RECIPIENTS = SmtpReply.of(452, "4.5.3", "Too many recipients");
    static final SmtpReply MESSAGE_TOO_BIG = SmtpReply.of(552, "5.3.4", "Message size exceeds fixed limit");
    static final SmtpReply BARE_LINE_ENDS = SmtpReply.of(550, "5.6.0",
            "Message contains a bare CR or LF (RFC 5321 section 2.3.8)");
    static final SmtpReply NUL_IN_DATA = SmtpReply.of(550, "5.6.0", "Message contains NUL; use BDAT with BINARYMIME");
    static final SmtpReply LINE_TOO_LONG_IN_DATA = SmtpReply.of(550, "5.6.0",
            "Message line longer than 1000 octets (RFC 5321 section 4.5.3.1.6)");
    static final SmtpReply PARAMETER_NOT_OFFERED = SmtpReply.of(555, "5.5.4",
            "MAIL FROM/RCPT TO parameters not recognized or not implemented");
    static final SmtpReply UTF8_NOT_DECLARED = SmtpReply.of(553, "5.6.7",
            "Non-ASCII addresses require SMTPUTF8");
    static final SmtpReply AUTH_REQUIRED = SmtpReply.of(530, "5.7.0", "Authentication required");
    static final SmtpReply ALREADY_AUTHENTICATED = SmtpReply.of(503, "5.5.1", "Already authenticated");
    static final SmtpReply AUTH_IN_TRANSACTION = SmtpReply.of(503, "5.5.1", "AUTH not allowed during a mail transaction");
    static final SmtpReply AUTH_UNKNOWN_MECHANISM = SmtpReply.of(504, "5.5.4", "Unrecognized authentication type");
    static final SmtpReply AUTH_NEEDS_TLS = SmtpReply.of(538, "5.7.11",
            "Encryption required for requested authentication mechanism");
    static final SmtpReply AUTH_CANCELLED = SmtpReply.of(501, "5.0.0", "Authentication cancelled");
    static final SmtpReply AUTH_BAD_BASE64 = SmtpReply.of(501, "5.5.2", "Cannot decode response");
    static final SmtpReply AUTH_FAILED = SmtpReply.of(535, "5.7.8", "Authentication credentials invalid");
    static final SmtpReply AUTH_TEMPORARY = SmtpReply.of(454, "4.7.0", "Temporary authentication failure");
    static final SmtpReply AUTH_MALFORMED = SmtpReply.of(501, "5.5.2", "Malformed authentication response");
    static final SmtpReply TLS_NOT_AVAILABLE = SmtpReply.of(502, "5.5.1", "STARTTLS not available");
    static final SmtpReply TLS_ACTIVE = SmtpReply.of(503, "5.5.1", "TLS already active");
    static final SmtpReply TLS_AFTER_AUTH = SmtpReply.of(503, "5.5.1",
            "STARTTLS not allowed after AUTH (RFC 3207 section 4.2)");
    static final SmtpReply REQUIRETLS_NEEDS_TLS = SmtpReply.of(530, "5.7.10", "REQUIRETLS needs an encrypted connection");
    static final SmtpReply TOO_MANY_ERRORS = SmtpReply.of(421, "4.7.0", "Too many errors, closing connection");
    static final SmtpReply TOO_MANY_AUTH_FAILURES = SmtpReply.of(421, "4.7.0",
            "Too many authentication failures, closing connection");
    static final SmtpReply TIMEOUT = SmtpReply.of(421, "4.4.2", "Timeout, closing connection");
    static final SmtpReply HOOK_TIMEOUT = SmtpReply.of(451, "4.3.0", "Temporary local problem, try again later");
    static final SmtpReply LOCAL_ERROR = SmtpReply.of(451, "4.3.0", "Local error in processing, try again later");
    static final SmtpReply SERVICE_UNAVAILABLE = SmtpReply.of(421, "4.3.0", "Service temporarily unavailable, try again later");
    static final SmtpReply SHUTTING_DOWN = SmtpReply.of(421, "4.3.2", "Service shutting down");

    private Replies() {
    }

    static SmtpReply syntax(String text) {
        return SmtpReply.of(501, "5.5.4", text);
    }
}
