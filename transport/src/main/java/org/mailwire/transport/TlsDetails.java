package org.mailwire.transport;

import java.security.cert.Certificate;
import java.util.List;
import java.util.Objects;

/**
 * What a completed TLS handshake negotiated, for protocol logs ({@code Received:} headers name the
 * protocol and cipher, RFC 3848) and for client-certificate policies.
 */
public record TlsDetails(String protocol, String cipherSuite, List<Certificate> peerCertificates) {
    public TlsDetails {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
        peerCertificates = List.copyOf(peerCertificates);
    }
}
