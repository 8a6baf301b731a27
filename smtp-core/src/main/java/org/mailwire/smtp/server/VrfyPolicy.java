package org.mailwire.smtp.server;

/**
 * How VRFY and EXPN are answered. Confirming addresses helps harvesters, so the default answers
 * RFC 5321 §3.5.3's non-committal 252.
 */
public enum VrfyPolicy {
    /** {@code 252 2.5.2}: cannot verify, but will accept the message and attempt delivery. */
    NON_COMMITTAL,
    /** {@code 502 5.5.1}: the commands are not implemented. */
    DISABLED
}
