package org.mailwire.pop3.server;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.mailwire.transport.TlsDetails;

/**
 * What hooks may know about the client at the moment they are called (a snapshot).
 *
 * @param sessionId unique within the server, for log lines
 * @param tls the negotiated TLS parameters when the connection is encrypted
 * @param authenticatedAs the identity once the maildrop is open (TRANSACTION state)
 * @param utf8 whether the client sent UTF8 (RFC 6856)
 */
public record SessionInfo(
        long sessionId,
        InetSocketAddress remoteAddress,
        InetSocketAddress localAddress,
        Optional<TlsDetails> tls,
        Optional<String> authenticatedAs,
        boolean utf8) {

    public boolean isSecure() {
        return tls.isPresent();
    }

    public boolean isAuthenticated() {
        return authenticatedAs.isPresent();
    }
}
