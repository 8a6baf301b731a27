package org.mailwire.tls.internal;

import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;
import org.mailwire.tls.CertificateRejectedException;
import org.mailwire.tls.CertificateRejectedException.Reason;
import org.mailwire.tls.MailHostnameVerifier;

/**
 * The client-side trust decision: chain validation (PKIX, or a pinned leaf), then the host name.
 *
 * <p>The host check lives here, not in an {@code HostnameVerifier} called after the handshake, so
 * that a wrong certificate aborts the handshake with an alert before a single application byte
 * (a STARTTLS client's credentials) can be sent. BCJSSE calls the {@link SSLEngine} and
 * {@link Socket} variants of {@code checkServerTrusted} for an {@link X509ExtendedTrustManager}, which
 * is how the host the caller expected (the engine's peer host) reaches the check. The variant without
 * either has no host to compare with and fails closed while host name verification is on.
 */
public final class MailTrustManager extends X509ExtendedTrustManager {

    private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];

    /** PKIX validation against the configured anchors; null when trust comes from pins only. */
    private final X509ExtendedTrustManager pkix;
    /** Hex SHA-256 of the DER encoding of each pinned leaf certificate. */
    private final Set<String> pins;
    private final boolean verifyHostname;

    public MailTrustManager(X509ExtendedTrustManager pkix, Set<String> pins, boolean verifyHostname) {
        if (pkix == null && pins.isEmpty()) {
            throw new IllegalArgumentException("no trust anchors and no pins");
        }
        this.pkix = pkix;
        this.pins = Set.copyOf(pins);
        this.verifyHostname = verifyHostname;
    }

    public static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot compute the SHA-256 of a certificate", e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        requireChain(chain);
        if (pkix != null) {
            validateChain(chain, () -> pkix.checkServerTrusted(chain, authType, engine));
        } else {
            validatePin(chain);
        }
        if (verifyHostname) {
            String host = engine == null ? null : engine.getPeerHost();
            if (host == null && engine != null) {
                host = peerHost(engine.getHandshakeSession());
            }
            verifyHost(host, chain[0]);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        requireChain(chain);
        if (pkix != null) {
            validateChain(chain, () -> pkix.checkServerTrusted(chain, authType, socket));
        } else {
            validatePin(chain);
        }
        if (verifyHostname) {
            String host = socket instanceof SSLSocket ssl ? peerHost(ssl.getHandshakeSession()) : null;
            verifyHost(host, chain[0]);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        requireChain(chain);
        if (pkix != null) {
            validateChain(chain, () -> pkix.checkServerTrusted(chain, authType));
        } else {
            validatePin(chain);
        }
        if (verifyHostname) {
            verifyHost(null, chain[0]);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("this trust manager checks servers only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("this trust manager checks servers only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this trust manager checks servers only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix != null ? pkix.getAcceptedIssuers() : NO_ISSUERS;
    }

    private static String peerHost(SSLSession session) {
        return session == null ? null : session.getPeerHost();
    }

    private static void requireChain(X509Certificate[] chain) throws CertificateRejectedException {
        if (chain == null || chain.length == 0) {
            throw new CertificateRejectedException(Reason.UNTRUSTED, "the server sent no certificate");
        }
    }

    @FunctionalInterface
    private interface ChainCheck {
        void run() throws CertificateException;
    }

    /**
     * Runs PKIX validation and, when it fails, says why in the terms an operator acts on: expired,
     * not yet valid, or untrusted. The reason is found after the fact, so it can never accept more
     * than PKIX did.
     */
    private static void validateChain(X509Certificate[] chain, ChainCheck check) throws CertificateException {
        try {
            check.run();
        } catch (CertificateException e) {
            Date now = new Date();
            for (X509Certificate certificate : chain) {
                rejectIfOutsideValidity(certificate, now, e);
            }
            X509Certificate leaf = chain[0];
            X509Certificate top = chain[chain.length - 1];
            throw new CertificateRejectedException(Reason.UNTRUSTED, "certificate '" + subject(leaf)
                    + "' is not trusted: unknown issuer '" + Printable.of(top.getIssuerX500Principal().getName())
                    + "' or invalid chain (" + Printable.of(e.getMessage()) + ")", e);
        }
        // PKIX does not check the validity of a trust anchor; a self-signed leaf that is its own
        // anchor (a development certificate added with trustCertificates) would pass when expired
        rejectIfOutsideValidity(chain[0], new Date(), null);
    }

    private void validatePin(X509Certificate[] chain) throws CertificateException {
        X509Certificate leaf = chain[0];
        String fingerprint = fingerprint(leaf);
        if (!pins.contains(fingerprint)) {
            throw new CertificateRejectedException(Reason.PIN_MISMATCH, "certificate '" + subject(leaf)
                    + "' with SHA-256 " + fingerprint + " is not pinned");
        }
        rejectIfOutsideValidity(leaf, new Date(), null);
    }

    private static void rejectIfOutsideValidity(X509Certificate certificate, Date now, Throwable cause)
            throws CertificateRejectedException {
        try {
            certificate.checkValidity(now);
        } catch (CertificateExpiredException e) {
            throw new CertificateRejectedException(Reason.EXPIRED, "certificate '" + subject(certificate)
                    + "' expired on " + certificate.getNotAfter().toInstant(), cause != null ? cause : e);
        } catch (CertificateNotYetValidException e) {
            throw new CertificateRejectedException(Reason.NOT_YET_VALID, "certificate '" + subject(certificate)
                    + "' is not yet valid: valid from " + certificate.getNotBefore().toInstant(), cause != null ? cause : e);
        }
    }

    private static void verifyHost(String host, X509Certificate leaf) throws CertificateException {
        if (host == null || host.isEmpty()) {
            throw new CertificateRejectedException(Reason.HOSTNAME_MISMATCH,
                    "no expected host name to check the certificate against: create the engine or socket"
                            + " through ClientTls with the host name, or disable host name verification");
        }
        MailHostnameVerifier.verify(host, leaf);
    }

    private static String subject(X509Certificate certificate) {
        return Printable.of(Objects.requireNonNullElse(certificate.getSubjectX500Principal().getName(), ""));
    }
}
