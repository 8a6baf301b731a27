package org.mailwire.pop3.codec;

/**
 * A deviation from the POP3 RFCs that a decoder tolerates only when asked to. Strict is the
 * default: every leniency is opt-in through {@link Pop3DecoderConfig#leniencies()}.
 */
public enum Pop3Leniency {

    /**
     * A bare LF ends a line (RFC 1939 §3 requires CRLF): command and AUTH lines on the server
     * side; status, continuation and listing lines on the client side, and the lines of a
     * multi-line body, so that {@code LF . LF} ends it. For peers that write Unix line ends; the
     * LF is kept as it is in a streamed body.
     */
    BARE_LF_ENDS_LINE,

    /**
     * Client side: a continuation line of a SASL exchange that is "+" alone, without the space
     * RFC 5034 §4 requires, is taken as an empty challenge. Some older servers send it.
     */
    CONTINUATION_WITHOUT_SPACE
}
