package org.mailwire.imap.codec;

/** Which non-synchronising literals {@code {n+}} the server accepts (RFC 7888). */
public enum NonSyncLiterals {
    /** None: {@code {n+}} is refused (fatal, since the client sends the octets anyway). */
    NONE,
    /** LITERAL-: at most {@link ImapDecoderConfig#LITERAL_MINUS_MAX} octets (RFC 7888 §3). */
    LITERAL_MINUS,
    /** LITERAL+: any size the literal limits allow. */
    LITERAL_PLUS
}
