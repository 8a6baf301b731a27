package org.mailwire.smtp;

/**
 * A value of the RCPT TO NOTIFY parameter of RFC 3461 §4.1. NEVER stands alone; the others may be
 * combined.
 */
public enum DsnNotify {
    NEVER,
    SUCCESS,
    FAILURE,
    DELAY
}
