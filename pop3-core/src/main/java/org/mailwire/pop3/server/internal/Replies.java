package org.mailwire.pop3.server.internal;

import org.mailwire.pop3.ResponseCode;
import org.mailwire.pop3.StatusLine;

/** The server's fixed status lines. None echoes client input. */
final class Replies {
    static final StatusLine OK = StatusLine.ok("");
    static final StatusLine CAPA = StatusLine.ok("Capability list follows");
    static final StatusLine USER_OK = StatusLine.ok("Send PASS");
    static final StatusLine PASS_FIRST_USER = StatusLine.err("Send USER first");
    /** Dovecot's wording, which clients already show their users (SECURITY.md row 14). */
    static final StatusLine CLEARTEXT_REFUSED = StatusLine.err(ResponseCode.AUTH,
            "Plaintext authentication disallowed on non-secure (SSL/TLS) connections.");
    static final StatusLine AUTH_FAILED = StatusLine.err(ResponseCode.AUTH, "Authentication failed");
    static final StatusLine TOO_MANY_AUTH_FAILURES = StatusLine.err(ResponseCode.AUTH,
            "Too many authentication failures, closing connection");
    static final StatusLine AUTH_TEMPORARY = StatusLine.err(ResponseCode.SYS_TEMP,
            "Authentication temporarily unavailable");
    static final StatusLine AUTH_UNKNOWN_MECHANISM = StatusLine.err("Unsupported authentication mechanism");
    static final StatusLine AUTH_CANCELLED = StatusLine.err("Authentication cancelled");
    static final StatusLine AUTH_BAD_BASE64 = StatusLine.err("Invalid base64 data");
    static final StatusLine AUTH_MALFORMED = StatusLine.err("Invalid SASL response");
    static final StatusLine AUTH_MECHANISMS = StatusLine.ok("Supported mechanisms follow");
    static final StatusLine APOP_NOT_AVAILABLE = StatusLine.err("APOP not available");
    static final StatusLine UTF8_FIRST = StatusLine.err(ResponseCode.UTF8,
            "UTF-8 user names and passwords need the UTF8 command first");
    static final StatusLine ALREADY_LOGGED_IN = StatusLine.err("Already logged in");
    static final StatusLine NOT_LOGGED_IN = StatusLine.err("Not logged in: command valid in TRANSACTION state only");
    static final StatusLine IN_USE = StatusLine.err(ResponseCode.IN_USE, "maildrop already locked");
    static final StatusLine MAILDROP_UNAVAILABLE = StatusLine.err(ResponseCode.SYS_TEMP,
            "maildrop temporarily unavailable");
    static final StatusLine MESSAGE_UNAVAILABLE = StatusLine.err(ResponseCode.SYS_TEMP,
            "message temporarily unavailable");
    static final StatusLine CONNECT_FAILED = StatusLine.err(ResponseCode.SYS_TEMP,
            "Service temporarily unavailable, closing connection");
    static final StatusLine LOCAL_ERROR = StatusLine.err(ResponseCode.SYS_TEMP, "Local error, try again later");
    static final StatusLine DELETE_FAILED = StatusLine.err(ResponseCode.SYS_TEMP, "some deleted messages not removed");
    static final StatusLine STLS_GO_AHEAD = StatusLine.ok("Begin TLS negotiation");
    static final StatusLine STLS_NOT_AVAILABLE = StatusLine.err("STLS not available");
    static final StatusLine STLS_ACTIVE = StatusLine.err("TLS already active");
    static final StatusLine STLS_AFTER_LOGIN = StatusLine.err("STLS not allowed after login (RFC 2595 section 4)");
    static final StatusLine UTF8_ON = StatusLine.ok("UTF8 enabled");
    static final StatusLine UTF8_AFTER_LOGIN = StatusLine.err("UTF8 is valid in AUTHORIZATION state only");
    static final StatusLine LANG_LIST = StatusLine.ok("Language listing follows");
    static final StatusLine LANG_CHANGED = StatusLine.ok("en Language changed");
    static final StatusLine LANG_INVALID = StatusLine.err("invalid language");
    static final StatusLine TOO_MANY_ERRORS = StatusLine.err("Too many errors, closing connection");
    static final StatusLine TIMEOUT = StatusLine.err("Disconnected for inactivity");
    static final StatusLine LOGIN_TIMEOUT = StatusLine.err("Disconnected: login took too long");
    static final StatusLine SHUTTING_DOWN = StatusLine.err(ResponseCode.SYS_TEMP, "Server shutting down");

    private Replies() {
    }

    static StatusLine noSuchMessage(int count) {
        return StatusLine.err("no such message, only " + count + " messages in maildrop");
    }

    static StatusLine alreadyDeleted(int message) {
        return StatusLine.err("message " + message + " already deleted");
    }
}
