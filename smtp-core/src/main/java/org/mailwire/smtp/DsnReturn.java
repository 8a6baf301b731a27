package org.mailwire.smtp;

/** The MAIL FROM RET parameter of RFC 3461 §4.3: return the full message or only its headers in a DSN. */
public enum DsnReturn {
    FULL,
    HDRS
}
