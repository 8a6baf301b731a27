package org.mailwire.tls;

import java.security.cert.CertificateException;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a client refused the server's certificate.
 *
 * <p>Thrown by the trust manager of {@link ClientTls} during the handshake, where the TLS provider
 * wraps it: callers receive an {@link javax.net.ssl.SSLHandshakeException} whose cause chain holds
 * this exception. {@link #findIn(Throwable)} digs it out, so that a mail client can tell an operator
 * "certificate expired" rather than "handshake failed".
 */
public final class CertificateRejectedException extends CertificateException {

    private static final long serialVersionUID = 1L;

    /** The check that failed. */
    public enum Reason {
        /** A certificate of the chain is past its notAfter date. */
        EXPIRED,
        /** A certificate of the chain is before its notBefore date. */
        NOT_YET_VALID,
        /** The certificate names no identity matching the host (RFC 6125 as profiled by RFC 7817). */
        HOSTNAME_MISMATCH,
        /** The chain does not lead to a trusted certificate authority (unknown issuer, bad signature). */
        UNTRUSTED,
        /** The leaf certificate is none of the pinned certificates. */
        PIN_MISMATCH
    }

    private final Reason reason;

    public CertificateRejectedException(Reason reason, String message) {
        this(reason, message, null);
    }

    public CertificateRejectedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    /** The first {@code CertificateRejectedException} in {@code failure}'s cause chain, if any. */
    public static Optional<CertificateRejectedException> findIn(Throwable failure) {
        // bounded: a cause chain can be made cyclic, and it is never usefully deeper than this
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 32; depth++, t = t.getCause()) {
            if (t instanceof CertificateRejectedException rejected) {
                return Optional.of(rejected);
            }
        }
        return Optional.empty();
    }
}
