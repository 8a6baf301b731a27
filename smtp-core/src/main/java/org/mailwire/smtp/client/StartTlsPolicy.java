package org.mailwire.smtp.client;

/**
 * Whether the client upgrades a cleartext connection with STARTTLS (RFC 3207). Irrelevant with
 * implicit TLS, where the connection is encrypted from the first byte (RFC 8314).
 */
public enum StartTlsPolicy {
    /** Never send STARTTLS, even when offered. */
    DISABLED,
    /** Upgrade when the server offers STARTTLS; go on in cleartext when it does not. */
    OPTIONAL,
    /**
     * Upgrade, or give up: a server that does not offer STARTTLS gets QUIT and nothing else, so
     * neither credentials nor a message ever travel in cleartext. Stripping STARTTLS from the EHLO
     * reply is the classic downgrade attack on OPTIONAL.
     */
    REQUIRED
}
