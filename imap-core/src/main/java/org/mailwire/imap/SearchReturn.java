package org.mailwire.imap;

/** ESEARCH result options (RFC 4731 §3.1, RFC 9051 §6.4.4; SAVE from RFC 5182). */
public enum SearchReturn {
    MIN, MAX, ALL, COUNT, SAVE
}
