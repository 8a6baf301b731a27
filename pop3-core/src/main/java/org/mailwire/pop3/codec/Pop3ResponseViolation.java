package org.mailwire.pop3.codec;

import java.util.Objects;

/** A response the client cannot trust. Every kind is fatal (see {@link Pop3ResponseSink#violation}). */
public record Pop3ResponseViolation(Kind kind) {

    public enum Kind {
        /** Neither {@code +OK} nor {@code -ERR} followed by a space or the line end (RFC 1939 §3). */
        MALFORMED_STATUS,
        /**
         * In an AUTH step, a "+" line that is not {@code "+" SP base64} (RFC 5034 §4); "+" alone
         * unless {@link Pop3Leniency#CONTINUATION_WITHOUT_SPACE}.
         */
        MALFORMED_CONTINUATION,
        /** A status line longer than maxStatusLine (RFC 2449 §4, SECURITY.md row 5). */
        STATUS_LINE_TOO_LONG,
        /** A line of an AUTH step longer than maxAuthLine. */
        AUTH_LINE_TOO_LONG,
        /** A listing line longer than maxMultiLineLine. */
        LISTING_LINE_TOO_LONG,
        /** A listing longer than maxListingSize. */
        LISTING_TOO_LARGE,
        /** A NUL octet in a status line, a continuation, a listing or a body (SECURITY.md row 7). */
        NUL,
        /** An LF without CR in a status, continuation or listing line (RFC 1939 §3). */
        BARE_LF,
        /** A CR without LF in a status, continuation or listing line (RFC 1939 §3). */
        BARE_CR,
        /** Bytes arrived while no response was expected: the server is out of step. */
        UNEXPECTED_RESPONSE
    }

    public Pop3ResponseViolation {
        Objects.requireNonNull(kind, "kind");
    }

    /** Always true: a client cannot resynchronise after a bad response. */
    public boolean fatal() {
        return true;
    }
}
