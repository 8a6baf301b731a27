package org.mailwire.smtp.codec;

/**
 * A deviation from RFC 5321 that a decoder tolerates only when asked to. Strict is the default:
 * every leniency is opt-in through {@link SmtpDecoderConfig#leniencies()}.
 */
public enum SmtpLeniency {

    /**
     * A bare LF inside DATA is delivered as CRLF instead of being reported as
     * {@link DataOutcome.DataViolation#BARE_LF}. It NEVER ends the message and never starts a line
     * for dot-unstuffing: only {@code <CRLF>.<CRLF>} ends DATA, or the leniency would re-open SMTP
     * smuggling (SECURITY.md row 1). For old clients that write Unix line ends.
     */
    BARE_LF_IN_DATA_NORMALISED,

    /**
     * A command line (and an AUTH continuation line) may end with a bare LF (RFC 5321 §2.3.8 requires
     * CRLF). Some scripts and embedded clients send LF alone.
     */
    BARE_LF_ENDS_COMMAND,

    /** {@code MAIL FROM:user@example.com} and {@code RCPT TO:user@example.com} without the angle brackets. */
    MISSING_ANGLE_BRACKETS,

    /**
     * {@code MAIL FROM: <a@example.com>}: spaces between the colon and the path, which RFC 5321
     * §4.1.1.2 does not allow but many clients send.
     */
    SPACE_AFTER_COLON
}
