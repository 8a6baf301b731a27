package org.mailwire.pop3.codec;

/** What the response to one command looks like on the wire; see {@link Pop3ResponseDecoder#expect}. */
public enum ResponseShape {

    /** One status line: the greeting, USER, PASS, STAT, DELE, NOOP, RSET, QUIT, STLS, LIST n, UIDL n, ... */
    SINGLE_LINE,

    /**
     * A status line; after {@code +OK} a dot-terminated body, streamed without limits (RETR, TOP).
     * A body's lines may be of any length, and no whole message is ever buffered.
     */
    MULTI_LINE_IF_OK,

    /**
     * The reply to AUTH or to a SASL response line (RFC 5034 §4): either a {@code + base64}
     * continuation or a status line.
     */
    AUTH_STEP,

    /**
     * As {@link #MULTI_LINE_IF_OK}, for listings a client parses (CAPA, LIST, UIDL, AUTH alone):
     * each line is bounded by {@link Pop3DecoderConfig#maxMultiLineLine()} and the whole body by
     * {@link Pop3DecoderConfig#maxListingSize()}, and every chunk is exactly one dot-unstuffed
     * line with its CRLF. Any NUL, bare CR or (strict) bare LF in a listing is fatal.
     */
    LISTING_IF_OK
}
