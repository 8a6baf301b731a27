package org.mailwire.smtp.server;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.mailwire.transport.TlsDetails;

/**
 * What hooks may know about the client at the moment they are called. A snapshot: a later EHLO,
 * STARTTLS or AUTH gives the next hook a new one.
 *
 * @param sessionId unique within the server, for log lines
 * @param heloName the name from the last HELO/EHLO/LHLO, empty before it
 * @param extended whether the client said EHLO/LHLO (ESMTP) rather than HELO
 * @param tls the negotiated TLS parameters when the connection is encrypted
 * @param authenticatedAs the SASL identity once AUTH succeeded
 */
public record SessionInfo(
        long sessionId,
        InetSocketAddress remoteAddress,
        InetSocketAddress localAddress,
        Optional<String> heloName,
        boolean extended,
        Optional<TlsDetails> tls,
        Optional<String> authenticatedAs) {

    public boolean isSecure() {
        return tls.isPresent();
    }

    public boolean isAuthenticated() {
        return authenticatedAs.isPresent();
    }
}
