package org.mailwire.smtp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mailwire.smtp.client.ClientFixtures.EHLO;
import static org.mailwire.smtp.client.ClientFixtures.await;
import static org.mailwire.smtp.client.ClientFixtures.failure;
import static org.mailwire.smtp.client.ClientFixtures.loopback;
import static org.mailwire.smtp.client.ClientFixtures.plain;
import static org.mailwire.transport.testing.ScriptedServer.Script.script;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.mailwire.transport.sasl.SaslMechanism;
import org.mailwire.transport.testing.TestTls;
import org.mailwire.transport.testing.ScriptedServer;

/**
 * AUTH (RFC 4954) exchanges, byte for byte, over implicit TLS: credentials are never configured
 * for cleartext. The scripted server speaks each mechanism's server side from the RFC texts.
 */
class SmtpClientAuthTest {

    private static SmtpClientOptions.Builder tls() {
        return plain().implicitTls(true).clientTls(TestTls.CLIENT);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static ScriptedServer.Script greeted(String authLine) {
        return script().send("220 fake").expect(EHLO).send("250-fake", authLine);
    }

    private static SmtpClient connect(ScriptedServer server, SmtpClientOptions options) throws Exception {
        return await(SmtpClient.connect(loopback(server.port()), "localhost", options));
    }

    @Test
    void plainWithInitialResponse() throws Exception {
        try (ScriptedServer server = ScriptedServer.startImplicitTls(greeted("250 AUTH PLAIN LOGIN")
                .expect("AUTH PLAIN " + b64("\0tim\0tanstaaftanstaaf"))
                .send("235 2.7.0 Authentication successful")
                .expect("QUIT").send("221 bye"))) {
            SmtpClient client = connect(server, tls().password("tim", "tanstaaftanstaaf").build());
            assertTrue(client.isAuthenticated());
            await(client.quit());
            server.verify();
        }
    }

    @Test
    void login() throws Exception {
        try (ScriptedServer server = ScriptedServer.startImplicitTls(greeted("250 AUTH LOGIN")
                .expect("AUTH LOGIN")
                .send("334 " + b64("Username:")).expect(b64("tim"))
                .send("334 " + b64("Password:")).expect(b64("tanstaaftanstaaf"))
                .send("235 2.7.0 ok"))) {
            SmtpClient client = connect(server, tls().password("tim", "tanstaaftanstaaf").build());
            assertTrue(client.isAuthenticated());
            server.verify();
        }
    }

    /** RFC 2195 §2's own example: challenge, user and secret give exactly this response. */
    @Test
    void cramMd5() throws Exception {
        try (ScriptedServer server = ScriptedServer.startImplicitTls(greeted("250 AUTH PLAIN LOGIN CRAM-MD5")
                .expect("AUTH CRAM-MD5")
                .send("334 PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+")
                .expect("dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw")
                .send("235 2.7.0 ok"))) {
            SmtpClient client = connect(server, tls().password("tim", "tanstaaftanstaaf").build());
            assertTrue(client.isAuthenticated());
            server.verify();
        }
    }

    /** SCRAM-SHA-256 is preferred when offered; the server checks the proof and proves itself. */
    @Test
    void scramSha256() throws Exception {
        ScramServer scram = new ScramServer("user", "pencil", false);
        try (ScriptedServer server = ScriptedServer.startImplicitTls(greeted("250 AUTH PLAIN LOGIN CRAM-MD5 SCRAM-SHA-256")
                .then(scram::run)
                .send("235 2.7.0 ok"))) {
            SmtpClient client = connect(server, tls().password("user", "pencil").build());
            assertTrue(client.isAuthenticated());
            server.verify();
        }
    }

    /** A server that cannot prove it knows the password is not trusted: the client cancels with "*". */
    @Test
    void scramWithAForgedServerSignatureFails() throws Exception {
        ScramServer scram = new ScramServer("user", "pencil", true);
        try (ScriptedServer server = ScriptedServer.startImplicitTls(greeted("250 AUTH SCRAM-SHA-256")
                .then(scram::run)
                .expect("*").send("501 5.7.0 cancelled")
                .expect("QUIT").send("221 bye"))) {
            failure(SmtpAuthenticationException.class, SmtpClient.connect(loopback(server.port()), "localhost",
                    tls().password("user", "pencil").build()));
            server.verify();
        }
    }

    @Test
    void xoauth2() throws Exception {
        try (ScriptedServer server = ScriptedServer.startImplicitTls(greeted("250 AUTH XOAUTH2 PLAIN")
                .expect("AUTH XOAUTH2 " + b64("user=someone@example.com\u0001auth=Bearer ya29.token\u0001\u0001"))
                .send("235 2.7.0 ok"))) {
            SmtpClient client = connect(server, tls().oauthToken("someone@example.com", "ya29.token").build());
            assertTrue(client.isAuthenticated());
            server.verify();
        }
    }

    /** RFC 4954 §4: a response too long for a 12288-octet AUTH line follows an empty 334 alone. */
    @Test
    void longInitialResponseWaitsForAnEmptyChallenge() throws Exception {
        String token = "t".repeat(13_000);
        try (ScriptedServer server = ScriptedServer.startImplicitTls(greeted("250 AUTH XOAUTH2")
                .expect("AUTH XOAUTH2")
                .send("334 ")
                .expect(b64("user=someone@example.com\u0001auth=Bearer " + token + "\u0001\u0001"))
                .send("235 2.7.0 ok"))) {
            SmtpClient client = connect(server, tls().oauthToken("someone@example.com", token).build());
            assertTrue(client.isAuthenticated());
            server.verify();
        }
    }

    @Test
    void refusedCredentialsFailWithTheReply() throws Exception {
        try (ScriptedServer server = ScriptedServer.startImplicitTls(greeted("250 AUTH PLAIN")
                .expect("AUTH PLAIN " + b64("\0tim\0wrong"))
                .send("535 5.7.8 Authentication credentials invalid")
                .expect("QUIT").send("221 bye"))) {
            SmtpAuthenticationException refused = failure(SmtpAuthenticationException.class,
                    SmtpClient.connect(loopback(server.port()), "localhost", tls().password("tim", "wrong").build()));
            assertEquals(535, refused.reply().orElseThrow().code());
            assertTrue(!refused.getMessage().contains("wrong"), "the password must not appear in the message");
            server.verify();
        }
    }

    /** Only mechanisms the server advertises, of those configured, are used. */
    @Test
    void noCommonMechanismFailsBeforeAuth() throws Exception {
        try (ScriptedServer server = ScriptedServer.startImplicitTls(greeted("250 AUTH LOGIN")
                .expect("QUIT").send("221 bye"))) {
            MissingExtensionException missing = failure(MissingExtensionException.class, SmtpClient.connect(
                    loopback(server.port()), "localhost",
                    tls().password("tim", "secret").mechanisms(List.of(SaslMechanism.SCRAM_SHA_256)).build()));
            assertEquals("AUTH", missing.extension());
            server.verify();
        }
    }

    @Test
    void credentialsNeverAllowCleartext() {
        assertEquals(StartTlsPolicy.REQUIRED,
                SmtpClientOptions.builder().clientTls(TestTls.CLIENT).password("u", "p").build().startTlsPolicy());
        assertThrows(IllegalArgumentException.class, () -> SmtpClientOptions.builder()
                .startTlsPolicy(StartTlsPolicy.DISABLED).password("u", "p").build());
        assertTrue(!SmtpClientOptions.builder().clientTls(TestTls.CLIENT).password("u", "secret").build().toString()
                .contains("secret"));
    }

    /** The server side of RFC 5802 with SHA-256 (RFC 7677), enough to check a client's proof. */
    private static final class ScramServer {
        private final String user;
        private final String password;
        private final boolean forgeSignature;

        ScramServer(String user, String password, boolean forgeSignature) {
            this.user = user;
            this.password = password;
            this.forgeSignature = forgeSignature;
        }

        void run(ScriptedServer.Peer peer) throws java.io.IOException {
            try {
                String auth = peer.readLine();
                if (!auth.startsWith("AUTH SCRAM-SHA-256 ")) {
                    throw new AssertionError("expected AUTH SCRAM-SHA-256 with an initial response: " + auth);
                }
                String clientFirst = decode(auth.substring("AUTH SCRAM-SHA-256 ".length()));
                if (!clientFirst.startsWith("n,,n=" + user + ",r=")) {
                    throw new AssertionError("client-first-message: " + clientFirst);
                }
                String bare = clientFirst.substring(3);
                String nonce = bare.substring(bare.indexOf(",r=") + 3) + "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
                String salt = "W22ZaJ0SNY7soEsUEjb6gQ==";
                String serverFirst = "r=" + nonce + ",s=" + salt + ",i=4096";
                write(peer, "334 " + b64(serverFirst));
                String clientFinal = decode(peer.readLine());
                String withoutProof = "c=biws,r=" + nonce;
                if (!clientFinal.startsWith(withoutProof + ",p=")) {
                    throw new AssertionError("client-final-message: " + clientFinal);
                }
                byte[] salted = pbkdf2(password, Base64.getDecoder().decode(salt), 4096);
                byte[] clientKey = hmac(salted, "Client Key");
                String authMessage = bare + "," + serverFirst + "," + withoutProof;
                byte[] signature = hmac(MessageDigest.getInstance("SHA-256").digest(clientKey), authMessage);
                byte[] proof = new byte[clientKey.length];
                for (int i = 0; i < proof.length; i++) {
                    proof[i] = (byte) (clientKey[i] ^ signature[i]);
                }
                String sentProof = clientFinal.substring(clientFinal.indexOf(",p=") + 3);
                if (!sentProof.equals(Base64.getEncoder().encodeToString(proof))) {
                    throw new AssertionError("wrong client proof");
                }
                byte[] serverSignature = hmac(hmac(salted, "Server Key"), authMessage);
                if (forgeSignature) {
                    serverSignature[0] ^= 1;
                }
                write(peer, "334 " + b64("v=" + Base64.getEncoder().encodeToString(serverSignature)));
                if (!forgeSignature && !peer.readLine().isEmpty()) {
                    throw new AssertionError("expected an empty response to the server-final-message");
                }
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String decode(String base64) {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        }

        private static void write(ScriptedServer.Peer peer, String line) throws java.io.IOException {
            peer.out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            peer.out.flush();
        }

        private static byte[] pbkdf2(String password, byte[] salt, int iterations)
                throws java.security.GeneralSecurityException {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
        }

        private static byte[] hmac(byte[] key, String text) throws java.security.GeneralSecurityException {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
