package org.mailwire.tls;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * Which TLS protocol versions and cipher suites a connection may use, in order of preference.
 *
 * <p>Only TLS 1.3 and TLS 1.2 can be named: SSLv3, TLS 1.0 and 1.1 are prohibited by RFC 8996
 * (and RFC 8314 section 4.1 for mail). Suite names from known-broken families (NULL, anonymous,
 * export, RC4, DES and 3DES, MD5) are refused outright, so no policy can bring them back.
 *
 * @param name         a label for logs and errors
 * @param protocols    protocol names as JSSE spells them ({@code TLSv1.3}, {@code TLSv1.2})
 * @param cipherSuites IANA suite names, most preferred first
 */
public record TlsPolicy(String name, List<String> protocols, List<String> cipherSuites) {

    private static final Set<String> ALLOWED_PROTOCOLS = Set.of("TLSv1.3", "TLSv1.2");

    // Families broken by cryptanalysis or by design: SWEET32 (64-bit blocks), RC4 biases (RFC 7465),
    // export-grade keys (FREAK, Logjam), unauthenticated key exchange, no encryption at all.
    private static final List<String> FORBIDDEN_FRAGMENTS =
            List.of("_NULL_", "_ANON_", "_EXPORT", "_RC4_", "_DES_", "_DES40_", "3DES", "_MD5");

    private static final List<String> TLS13_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256");

    // TLS 1.2: forward secrecy (ECDHE) and AEAD only, as in RFC 9325 section 4.2.
    private static final List<String> TLS12_AEAD_SUITES = List.of(
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    // CBC suites (ECDHE first, then static RSA key exchange without forward secrecy) and the static
    // RSA AEAD suites: what old MTAs and appliances still offer.
    private static final List<String> TLS12_LEGACY_SUITES = List.of(
            "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
            "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
            "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
            "TLS_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_RSA_WITH_AES_128_CBC_SHA256",
            "TLS_RSA_WITH_AES_256_CBC_SHA256",
            "TLS_RSA_WITH_AES_128_CBC_SHA",
            "TLS_RSA_WITH_AES_256_CBC_SHA");

    public TlsPolicy {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("policy name must not be blank");
        }
        protocols = validated("protocols", protocols);
        cipherSuites = validated("cipherSuites", cipherSuites);
        for (String p : protocols) {
            if (!ALLOWED_PROTOCOLS.contains(p)) {
                throw new IllegalArgumentException(
                        "policy '" + name + "': protocol " + p + " is not allowed; only TLSv1.3 and TLSv1.2 (RFC 8996)");
            }
        }
        for (String s : cipherSuites) {
            String upper = s.toUpperCase(Locale.ROOT);
            for (String bad : FORBIDDEN_FRAGMENTS) {
                if (upper.contains(bad)) {
                    throw new IllegalArgumentException("policy '" + name + "': cipher suite " + s + " is insecure");
                }
            }
        }
    }

    private static List<String> validated(String what, List<String> values) {
        Objects.requireNonNull(values, what);
        if (values.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        Set<String> seen = new HashSet<>();
        for (String v : values) {
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException(what + " must not contain null or blank names");
            }
            if (!seen.add(v)) {
                throw new IllegalArgumentException(what + " contains " + v + " twice");
            }
        }
        return List.copyOf(values);
    }

    /**
     * TLS 1.3 and 1.2 with forward-secret AEAD suites only: the default for every Mailwire server and
     * client (RFC 9325 recommendations).
     */
    public static TlsPolicy modern() {
        List<String> suites = new ArrayList<>(TLS13_SUITES);
        suites.addAll(TLS12_AEAD_SUITES);
        return new TlsPolicy("modern", List.of("TLSv1.3", "TLSv1.2"), suites);
    }

    /**
     * {@link #modern()} plus the TLS 1.2 CBC suites and the static-RSA key exchange suites.
     *
     * <p>Opt-in, for MTA-to-MTA traffic only. SMTP relaying uses opportunistic STARTTLS (RFC 3207,
     * RFC 7435): when a peer shares no modern suite with us the alternative is not a stronger cipher
     * but plaintext. Old MTAs and appliances (pre-2014 Exchange, embedded scanners) offer nothing
     * but CBC or RSA key exchange, so accepting them is better than delivering in the clear. Never use
     * it for submission (587/465) or mailbox access, where clients are modern and credentials flow.
     */
    public static TlsPolicy legacy() {
        List<String> suites = new ArrayList<>(TLS13_SUITES);
        suites.addAll(TLS12_AEAD_SUITES);
        suites.addAll(TLS12_LEGACY_SUITES);
        return new TlsPolicy("legacy", List.of("TLSv1.3", "TLSv1.2"), suites);
    }

    /** The policy's protocols that appear in {@code supported}, in policy order. */
    public String[] enabledProtocols(String[] supported) {
        String[] result = intersect(protocols, supported);
        if (result.length == 0) {
            throw new IllegalStateException("TLS policy '" + name + "': none of the protocols " + protocols
                    + " is supported by this TLS implementation (it supports " + Arrays.toString(supported) + ")");
        }
        return result;
    }

    /** The policy's cipher suites that appear in {@code supported}, in policy order. */
    public String[] enabledCipherSuites(String[] supported) {
        String[] result = intersect(cipherSuites, supported);
        if (result.length == 0) {
            throw new IllegalStateException("TLS policy '" + name + "': none of the cipher suites " + cipherSuites
                    + " is supported by this TLS implementation");
        }
        return result;
    }

    private static String[] intersect(List<String> wanted, String[] supported) {
        Set<String> available = Set.of(supported);
        return wanted.stream().filter(available::contains).toArray(String[]::new);
    }

    /**
     * Sets on {@code base} exactly the policy's protocols and suites that the implementation supports,
     * and the local (policy) suite order as the preferred one; other settings (SNI, client auth) are
     * left as they are.
     *
     * @return {@code base}
     * @throws IllegalStateException when the implementation supports none of the protocols or suites
     */
    public SSLParameters applyTo(SSLParameters base, String[] supportedProtocols, String[] supportedCipherSuites) {
        base.setProtocols(enabledProtocols(supportedProtocols));
        base.setCipherSuites(enabledCipherSuites(supportedCipherSuites));
        // a server picks from its own ordered list, so a client cannot steer it to a weaker suite
        base.setUseCipherSuitesOrder(true);
        return base;
    }

    public void applyTo(SSLEngine engine) {
        engine.setSSLParameters(applyTo(engine.getSSLParameters(),
                engine.getSupportedProtocols(), engine.getSupportedCipherSuites()));
    }

    public void applyTo(SSLSocket socket) {
        socket.setSSLParameters(applyTo(socket.getSSLParameters(),
                socket.getSupportedProtocols(), socket.getSupportedCipherSuites()));
    }

    public void applyTo(SSLServerSocket socket) {
        socket.setSSLParameters(applyTo(socket.getSSLParameters(),
                socket.getSupportedProtocols(), socket.getSupportedCipherSuites()));
    }
}
