package org.mailwire.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our BCJSSE contexts against the JDK's independent TLS implementation (SunJSSE), over real sockets
 * on 127.0.0.1, in both directions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InteropTest {

    private ServerIdentity ec;
    private ServerIdentity rsa;

    @BeforeAll
    void generateIdentities() {
        ec = SelfSignedCertificate.generate(KeyType.EC_P256, List.of("mail.example.test"), 30);
        rsa = SelfSignedCertificate.generate(KeyType.RSA_2048, List.of("mail.example.test"), 30);
    }

    private ServerIdentity identity(KeyType type) {
        return type == KeyType.EC_P256 ? ec : rsa;
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void bcjsseServerWithJdkClientNegotiatesTls13(KeyType type) throws Exception {
        ServerIdentity identity = identity(type);
        ServerTls server = ServerTls.create(identity);
        SSLContext jdk = JdkTls.clientTrusting(identity.leaf());
        try (Loopback.OneShot<Loopback.Seen> peer =
                     new Loopback.OneShot<>(server.createServerSocket(0, Loopback.address()), Loopback::serveOneLine);
             SSLSocket client = (SSLSocket) jdk.getSocketFactory().createSocket("127.0.0.1", peer.port())) {
            SSLParameters parameters = client.getSSLParameters();
            // SunJSSE checks the IP SAN that every self-signed identity carries
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            client.setSSLParameters(parameters);

            Loopback.Seen clientSaw = Loopback.exchangeOneLine(client);
            Loopback.Seen serverSaw = peer.result();

            assertEquals("TLSv1.3", clientSaw.protocol());
            assertEquals("TLSv1.3", serverSaw.protocol());
            assertEquals("EHLO client.test", serverSaw.line());
            assertEquals("250 server got EHLO client.test", clientSaw.line());
        }
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void bcjsseServerWithJdkTls12ClientPicksAnAeadSuite(KeyType type) throws Exception {
        ServerIdentity identity = identity(type);
        ServerTls server = ServerTls.create(identity);
        SSLContext jdk = JdkTls.clientTrusting(identity.leaf());
        try (Loopback.OneShot<Loopback.Seen> peer =
                     new Loopback.OneShot<>(server.createServerSocket(0, Loopback.address()), Loopback::serveOneLine);
             SSLSocket client = (SSLSocket) jdk.getSocketFactory().createSocket("127.0.0.1", peer.port())) {
            client.setEnabledProtocols(new String[] {"TLSv1.2"});

            Loopback.Seen clientSaw = Loopback.exchangeOneLine(client);
            Loopback.Seen serverSaw = peer.result();

            assertEquals("TLSv1.2", clientSaw.protocol());
            assertEquals("TLSv1.2", serverSaw.protocol());
            String suite = clientSaw.cipherSuite();
            assertTrue(suite.startsWith("TLS_ECDHE_") && (suite.contains("_GCM_") || suite.contains("CHACHA20_POLY1305")),
                    suite);
            assertTrue(suite.contains(type == KeyType.EC_P256 ? "_ECDSA_" : "_RSA_"), suite);
            assertEquals("250 server got EHLO client.test", clientSaw.line());
        }
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void jdkServerWithBcjsseClient(KeyType type) throws Exception {
        ServerIdentity identity = identity(type);
        SSLContext jdk = JdkTls.server(identity);
        ClientTls client = ClientTls.builder().trustCertificates(identity.chain()).build();
        SSLServerSocket listener = (SSLServerSocket) jdk.getServerSocketFactory().createServerSocket(0, 5, Loopback.address());
        try (Loopback.OneShot<Loopback.Seen> peer = new Loopback.OneShot<>(listener, Loopback::serveOneLine)) {
            Loopback.Seen clientSaw;
            try (SSLSocket socket = client.connect(new InetSocketAddress(Loopback.address(), peer.port()),
                    "mail.example.test", Loopback.TIMEOUT_MILLIS)) {
                clientSaw = Loopback.exchangeOneLine(socket);
            } // closed before waiting for the server: SunJSSE's TLS 1.3 close waits for our close_notify
            Loopback.Seen serverSaw = peer.result();

            assertEquals("TLSv1.3", clientSaw.protocol());
            assertEquals("TLSv1.3", serverSaw.protocol());
            assertEquals("EHLO client.test", serverSaw.line());
            assertEquals("250 server got EHLO client.test", clientSaw.line());
        }
    }

    @Test
    void jdkTls12ServerWithBcjsseClientPicksAnAeadSuite() throws Exception {
        SSLContext jdk = JdkTls.server(ec);
        ClientTls client = ClientTls.builder().trustCertificates(ec.chain()).build();
        SSLServerSocket listener = (SSLServerSocket) jdk.getServerSocketFactory().createServerSocket(0, 5, Loopback.address());
        listener.setEnabledProtocols(new String[] {"TLSv1.2"});
        try (Loopback.OneShot<Loopback.Seen> peer = new Loopback.OneShot<>(listener, Loopback::serveOneLine)) {
            Loopback.Seen clientSaw;
            try (SSLSocket socket = client.connect(new InetSocketAddress(Loopback.address(), peer.port()),
                    "localhost", Loopback.TIMEOUT_MILLIS)) {
                clientSaw = Loopback.exchangeOneLine(socket);
            }
            peer.result();

            assertEquals("TLSv1.2", clientSaw.protocol());
            assertTrue(clientSaw.cipherSuite().contains("_GCM_") || clientSaw.cipherSuite().contains("CHACHA20_POLY1305"),
                    clientSaw.cipherSuite());
        }
    }

    @Test
    void ourServerAndOurClientOverSockets() throws Exception {
        ServerTls server = ServerTls.create(ec);
        ClientTls client = ClientTls.builder().pin(ec.leaf()).build();
        try (Loopback.OneShot<Loopback.Seen> peer =
                     new Loopback.OneShot<>(server.createServerSocket(0, Loopback.address()), Loopback::serveOneLine);
             SSLSocket socket = client.connect("127.0.0.1", peer.port(), Loopback.TIMEOUT_MILLIS)) {
            Loopback.Seen clientSaw = Loopback.exchangeOneLine(socket);
            assertEquals("TLSv1.3", clientSaw.protocol());
            assertEquals("EHLO client.test", peer.result().line());
        }
    }

    /** STARTTLS shape: plaintext first, then both sides layer TLS over the same connection. */
    @Test
    void startTlsOverAnExistingConnection() throws Exception {
        ServerTls server = ServerTls.create(ec);
        ClientTls client = ClientTls.builder().trustCertificates(ec.chain()).build();
        ServerSocket plainListener = new ServerSocket(0, 5, Loopback.address());
        try (Loopback.OneShot<Loopback.Seen> peer = new Loopback.OneShot<>(plainListener, accepted -> {
            accepted.getOutputStream().write("220 ready for TLS\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            accepted.getOutputStream().flush();
            return Loopback.serveOneLine(server.startTls(accepted, Loopback.TIMEOUT_MILLIS));
        });
             Socket plain = new Socket(Loopback.address(), peer.port())) {
            plain.setSoTimeout(Loopback.TIMEOUT_MILLIS);
            byte[] greeting = new byte["220 ready for TLS\r\n".length()];
            int read = 0;
            for (int i = 0; i < greeting.length && read < greeting.length; i++) {
                int n = plain.getInputStream().read(greeting, read, greeting.length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
            assertEquals("220 ready for TLS\r\n", new String(greeting, 0, read, java.nio.charset.StandardCharsets.US_ASCII));
            SSLSocket socket = client.startTls(plain, "mail.example.test", Loopback.TIMEOUT_MILLIS);
            Loopback.Seen clientSaw = Loopback.exchangeOneLine(socket);
            assertEquals("TLSv1.3", clientSaw.protocol());
            assertEquals("EHLO client.test", peer.result().line());
            socket.close();
        }
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void ourEnginesHandshakeInMemory(KeyType type) throws Exception {
        ServerIdentity identity = identity(type);
        SSLEngine server = ServerTls.create(identity).createEngine();
        SSLEngine client = ClientTls.builder().trustCertificates(identity.chain()).build()
                .createEngine("mail.example.test", 25);

        EnginePump.handshake(client, server);

        assertEquals("TLSv1.3", client.getSession().getProtocol());
        assertEquals("TLSv1.3", server.getSession().getProtocol());
    }
}
