package org.mailwire.smtp.server;

/** What kind of service a server offers; each mode changes which commands and checks apply. */
public enum SmtpMode {
    /** Mail exchange (port 25): anyone may send to the domains the hooks accept. */
    MX,
    /** Message submission (RFC 6409, ports 587 and 465): AUTH is required before MAIL. */
    SUBMISSION,
    /** Local delivery (RFC 2033): LHLO instead of EHLO, one reply per recipient after the body. */
    LMTP
}
