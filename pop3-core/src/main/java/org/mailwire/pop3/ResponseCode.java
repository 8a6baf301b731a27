package org.mailwire.pop3;

import java.util.Objects;

/**
 * An extended response code (RFC 2449 §8), the bracketed word after {@code +OK} or {@code -ERR}.
 * Codes are hierarchical with "/" ({@code SYS/TEMP} is under {@code SYS}, RFC 3206 §4): a client
 * that does not know a code acts on its known ancestor, or on the status alone.
 *
 * @param code the levels joined by "/", as sent; each level is one or more of 0x21..0x7E other
 *             than "/" and "]"
 */
public record ResponseCode(String code) {

    /** RFC 2449 §8.1.1: the maildrop is locked by another session. */
    public static final ResponseCode IN_USE = new ResponseCode("IN-USE");
    /** RFC 2449 §8.1.2: logging in again too soon. */
    public static final ResponseCode LOGIN_DELAY = new ResponseCode("LOGIN-DELAY");
    /** RFC 3206 §4: a system error; the parent of SYS/TEMP and SYS/PERM. */
    public static final ResponseCode SYS = new ResponseCode("SYS");
    /** RFC 3206 §4: a temporary system problem, try again later. */
    public static final ResponseCode SYS_TEMP = new ResponseCode("SYS/TEMP");
    /** RFC 3206 §4: a permanent system problem, do not retry unchanged. */
    public static final ResponseCode SYS_PERM = new ResponseCode("SYS/PERM");
    /** RFC 3206 §5: the credentials were refused. */
    public static final ResponseCode AUTH = new ResponseCode("AUTH");
    /** RFC 6856 §2: the message cannot be sent in UTF-8 form. */
    public static final ResponseCode UTF8 = new ResponseCode("UTF8");

    public ResponseCode {
        Objects.requireNonNull(code, "code");
        if (!Pop3Syntax.isResponseCode(code)) {
            throw new IllegalArgumentException("not an RFC 2449 response code");
        }
    }

    /**
     * Whether this code is {@code parent} or one of its descendants ({@code SYS/TEMP} is under
     * {@code SYS} and under itself, not under {@code SYS/PERM}). ASCII case is ignored: RFC 2449
     * defines codes in upper case, some servers send them otherwise.
     */
    public boolean isUnder(ResponseCode parent) {
        String p = Objects.requireNonNull(parent, "parent").code;
        if (code.length() == p.length()) {
            return code.equalsIgnoreCase(p);
        }
        return code.length() > p.length() && code.charAt(p.length()) == '/'
                && code.regionMatches(true, 0, p, 0, p.length());
    }
}
