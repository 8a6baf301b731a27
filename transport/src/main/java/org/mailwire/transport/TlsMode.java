package org.mailwire.transport;

/** How a listener or a client connection uses TLS. */
public enum TlsMode {
    /** Cleartext only; a STARTTLS request is refused by the transport. */
    PLAIN,
    /** Cleartext first, upgraded in place when the protocol's STARTTLS/STLS command succeeds (RFC 3207, 2595). */
    STARTTLS,
    /** TLS from the first byte: ports 465, 995 and 993 (RFC 8314). */
    IMPLICIT_TLS
}
