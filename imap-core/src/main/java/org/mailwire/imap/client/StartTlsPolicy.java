package org.mailwire.imap.client;

/**
 * Whether the client upgrades a cleartext connection with STARTTLS (RFC 3501 §6.2.1, RFC 9051
 * §6.2.1). Irrelevant with implicit TLS, where the connection is encrypted from the first byte
 * (port 993, RFC 8314).
 */
public enum StartTlsPolicy {
    /** Never send STARTTLS, even when offered. */
    DISABLED,
    /** Upgrade when the capabilities list STARTTLS; go on in cleartext when they do not. */
    OPTIONAL,
    /**
     * Upgrade, or give up: a server that does not list STARTTLS gets LOGOUT and nothing else, so
     * credentials never travel in cleartext. Stripping STARTTLS from the capability list is the
     * classic downgrade attack on OPTIONAL.
     */
    REQUIRED
}
