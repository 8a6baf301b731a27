package org.mailwire.pop3.client;

/**
 * Whether the client upgrades a cleartext connection with STLS (RFC 2595 §4). Irrelevant with
 * implicit TLS, where the connection is encrypted from the first byte (port 995, RFC 8314).
 */
public enum StartTlsPolicy {
    /** Never send STLS, even when offered. */
    DISABLED,
    /** Upgrade when CAPA lists STLS; go on in cleartext when it does not. */
    OPTIONAL,
    /**
     * Upgrade, or give up: a server whose CAPA does not list STLS gets QUIT and nothing else, so
     * credentials never travel in cleartext. Stripping STLS from the CAPA response is the classic
     * downgrade attack on OPTIONAL.
     */
    REQUIRED
}
