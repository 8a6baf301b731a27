package org.mailwire.pop3.client;

import java.util.List;
import org.mailwire.tls.ClientTls;
import org.mailwire.tls.KeyType;
import org.mailwire.tls.SelfSignedCertificate;
import org.mailwire.tls.ServerIdentity;
import org.mailwire.tls.ServerTls;

/** One development identity for the client tests (localhost and 127.0.0.1), and a client that trusts it. */
final class TestTls {
    static final ServerIdentity IDENTITY = SelfSignedCertificate.generate(KeyType.EC_P256, List.of("localhost"), 2);
    static final ServerTls SERVER = ServerTls.create(IDENTITY);
    static final ClientTls CLIENT = ClientTls.builder().trustCertificates(IDENTITY.chain()).build();

    private TestTls() {
    }
}
