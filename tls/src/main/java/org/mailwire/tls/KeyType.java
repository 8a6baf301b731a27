package org.mailwire.tls;

/** Key types for {@link SelfSignedCertificate}. */
public enum KeyType {
    /** ECDSA on NIST P-256 (secp256r1): fast to generate, accepted by every TLS 1.2/1.3 peer. */
    EC_P256,
    /** RSA with a 2048-bit modulus: for peers that know no ECDSA, and the TLS_RSA suites of {@link TlsPolicy#legacy()}. */
    RSA_2048
}
