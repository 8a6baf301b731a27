package org.mailwire.transport.line;

/**
 * A deviation from the CRLF line discipline that every mail protocol shares, found while
 * scanning one line. The scanner only reports it; the protocol codec decides whether the line
 * is refused, normalised or (for a named leniency) accepted.
 */
public enum LineViolation {

    /**
     * A CR that is not immediately followed by LF. RFC 5321 §2.3.8 lets CR and LF occur only
     * together as CRLF; a receiver that treats a lone CR as a line break can be made to see a
     * message end ({@code <CR>.<CR>}) that the sender's relay never saw: SMTP smuggling
     * (CVE-2023-51764/-51765/-51766, CVE-2023-51747). The CR stays in the line's content.
     */
    BARE_CR,

    /**
     * An LF that is not preceded by CR. Same rule (RFC 5321 §2.3.8, RFC 9051 §2.2) and the most
     * common smuggling form ({@code <LF>.<LF>}, {@code <LF>.<CR><LF>}). In strict mode the LF
     * stays in the content; with {@link LineScannerConfig#bareLfEndsLine()} it ends the line and
     * is still reported, so the protocol can refuse it where a line break is security relevant
     * (DATA, the STARTTLS line).
     */
    BARE_LF,

    /**
     * A NUL octet in the content. RFC 5321 §4.1.2 commands are printable text and RFC 9051 §9 (CHAR8) excludes NUL from strings;
     * C-string based peers and filters truncate at it, and mishandled NULs have led to memory
     * corruption (Dovecot CVE-2019-11500). Only binary contexts (IMAP literal8, SMTP BDAT) may
     * carry it, and those are not line-scanned.
     */
    NUL
}
