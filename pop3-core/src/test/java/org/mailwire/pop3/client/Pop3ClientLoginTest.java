package org.mailwire.pop3.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mailwire.pop3.client.ClientFixtures.GREETING;
import static org.mailwire.pop3.client.ClientFixtures.await;
import static org.mailwire.pop3.client.ClientFixtures.b64;
import static org.mailwire.pop3.client.ClientFixtures.connect;
import static org.mailwire.pop3.client.ClientFixtures.connecting;
import static org.mailwire.pop3.client.ClientFixtures.failure;
import static org.mailwire.pop3.client.ClientFixtures.tls;
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
import org.mailwire.pop3.ResponseCode;
import org.mailwire.transport.testing.TestTls;
import org.mailwire.transport.testing.ScriptedServer;

/**
 * Logins (RFC 1939 §7, RFC 5034), byte for byte, over implicit TLS: credentials are never
 * configured for cleartext. The scripted server speaks each method's server side from the RFC texts.
 */
class Pop3ClientLoginTest {

    private static ScriptedServer.Script greeted(String greeting, String... capa) {
        String[] lines = new String[capa.length + 2];
        lines[0] = "+OK capabilities";
        System.arraycopy(capa, 0, lines, 1, capa.length);
        lines[lines.length - 1] = ".";
        return script().send(greeting).expect("CAPA").send(lines);
    }

    @Test
    void userPass() throws Exception {
        try (ScriptedServer server = ScriptedServer.startImplicitTls(greeted("+OK ready", "USER", "UIDL")
                .expect("USER mrose").send("+OK mrose is a real hoopy frood")
                .expect("PASS secret pass phrase").send("+OK mrose's maildrop has 2 messages (320 octets)")
                .expect("QUIT").send("+OK bye"))) {
            Pop3Client client = connect(server, tls().password("mrose", "secret pass phrase").build());

            assertTrue(client.isAuthenticated());
            assertTrue(client.isSecure());
            await(client.quit());
            server.verify();
        }
    }

    /** RFC 1939 §7's example: the timestamp and the secret "tanstaaf" give exactly this digest. */
    @Test
    void apopWithTheRfcExample() throws Exception {
        try (ScriptedServer server = ScriptedServer.startImplicitTls(greeted(GREETING, "USER", "UIDL")
                .expect("APOP mrose c4c9334bac560ecc979e58001b3e22fb")
                .send("+OK maildrop has 1 message (369 octets)")
                .expect("QUIT").send("+OK bye"))) {
            Pop3Client client = connect(server, tls().password("mrose", "tanstaaf").allowApop(true).build());

            assertTrue(client.isAuthenticated());
            await(client.quit());
            server.verify();
        }
    }

    /** APOP is opt-in: without allowApop, the same greeting gets USER/PASS. */
    @Test
    void apopOnlyWhenAllowed() throws Exception {
        try (ScriptedServer server = ScriptedServer.startImplicitTls(greeted(GREETING, "USER")
                .expect("USER mrose").send("+OK")
                .expect("PASS tanstaaf").send("+OK"))) {
            Pop3Client client = connect(server, tls().password("mrose", "tanstaaf").build());

            assertTrue(client.isAuthenticated());
            server.verify();
        }
    }

    /** RFC 5034 §4: the initial response rides on the AUTH line; PLAIN is preferred to USER/PASS. */
    @Test
    void plainWithInitialResponse() throws Exception {
        try (ScriptedServer server = ScriptedServer.startImplicitTls(greeted("+OK ready", "USER", "SASL PLAIN")
                .expect("AUTH PLAIN " + b64("\0tim\0tanstaaftanstaaf"))
                .send("+OK maildrop locked and ready")
                .expect("QUIT").send("+OK bye"))) {
            Pop3Client client = connect(server, tls().password("tim", "tanstaaftanstaaf").build());

            assertTrue(client.isAuthenticated());
            await(client.quit());
            server.verify();
        }
    }

    /** RFC 2195 §2's example, in POP3's continuation syntax. */
    @Test
    void cramMd5() throws Exception {
        try (ScriptedServer server = ScriptedServer.startImplicitTls(greeted("+OK ready", "SASL PLAIN CRAM-MD5")
                .expect("AUTH CRAM-MD5")
                .send("+ PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+")
                .expect("dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw")
                .send("+OK"))) {
            Pop3Client client = connect(server, tls().password("tim", "tanstaaftanstaaf").build());

            assertTrue(client.isAuthenticated());
            server.verify();
        }
    }

    /** SCRAM-SHA-256 is preferred when offered; the server checks the proof and proves itself. */
    @Test
    void scramSha256() throws Exception {
        ScramServer scram = new ScramServer("user", "pencil", false);
        try (ScriptedServer server = ScriptedServer.startImplicitTls(greeted("+OK ready", "USER",
                "SASL PLAIN CRAM-MD5 SCRAM-SHA-256")
                .then(scram::run)
                .send("+OK welcome"))) {
            Pop3Client client = connect(server, tls().password("user", "pencil").build());

            assertTrue(client.isAuthenticated());
            server.verify();
        }
    }

    /** A server that cannot prove it knows the password is not trusted: the client cancels with "*". */
    @Test
    void scramWithAForgedServerSignatureFails() throws Exception {
        ScramServer scram = new ScramServer("user", "pencil", true);
        try (ScriptedServer server = ScriptedServer.startImplicitTls(greeted("+OK ready", "SASL SCRAM-SHA-256")
                .then(scram::run)
                .expect("*").send("-ERR cancelled")
                .expect("QUIT").send("+OK bye"))) {
            Pop3AuthenticationException failed = failure(Pop3AuthenticationException.class,
                    connecting(server, tls().password("user", "pencil").build()));

            assertTrue(failed.status().isEmpty(), "the client gave up, the server did not refuse");
            server.verify();
        }
    }

    @Test
    void xoauth2() throws Exception {
        try (ScriptedServer server = ScriptedServer.startImplicitTls(greeted("+OK ready", "SASL XOAUTH2 PLAIN")
                .expect("AUTH XOAUTH2 " + b64("user=a@b.c\u0001auth=Bearer ya29.t\u0001\u0001"))
                .send("+OK"))) {
            Pop3Client client = connect(server, tls().oauthToken("a@b.c", "ya29.t").build());

            assertTrue(client.isAuthenticated());
            server.verify();
        }
    }

    /** RFC 5034 §4: an initial response that would make AUTH longer than 255 octets waits for "+ ". */
    @Test
    void longInitialResponseWaitsForAnEmptyChallenge() throws Exception {
        String token = "t".repeat(300);
        try (ScriptedServer server = ScriptedServer.startImplicitTls(greeted("+OK ready", "SASL XOAUTH2")
                .expect("AUTH XOAUTH2")
                .send("+ ")
                .expect(b64("user=someone@example.com\u0001auth=Bearer " + token + "\u0001\u0001"))
                .send("+OK"))) {
            Pop3Client client = connect(server, tls().oauthToken("someone@example.com", token).build());

            assertTrue(client.isAuthenticated());
            server.verify();
        }
    }

    /** RFC 3206 §4: [AUTH] means the credentials; the password never appears in the message. */
    @Test
    void refusedCredentialsFailWithTheStatusLine() throws Exception {
        try (ScriptedServer server = ScriptedServer.startImplicitTls(greeted("+OK ready", "USER", "RESP-CODES",
                "AUTH-RESP-CODE")
                .expect("USER tim").send("+OK")
                .expect("PASS wrong-horse").send("-ERR [AUTH] invalid user name or password")
                .expect("QUIT").send("+OK bye"))) {
            Pop3AuthenticationException refused = failure(Pop3AuthenticationException.class,
                    connecting(server, tls().password("tim", "wrong-horse").build()));

            assertEquals(ResponseCode.AUTH, refused.responseCode().orElseThrow());
            assertFalse(refused.getMessage().contains("wrong-horse"), "the password must not appear in the message");
            server.verify();
        }
    }

    /** RFC 2449 §8.1.1: [IN-USE] is not a wrong password, and says so in its type. */
    @Test
    void inUseIsATypedError() throws Exception {
        try (ScriptedServer server = ScriptedServer.startImplicitTls(greeted("+OK ready", "SASL PLAIN", "RESP-CODES")
                .expect("AUTH PLAIN " + b64("\0tim\0secret"))
                .send("-ERR [IN-USE] another session holds the maildrop")
                .expect("QUIT").send("+OK bye"))) {
            MaildropInUseException inUse = failure(MaildropInUseException.class,
                    connecting(server, tls().password("tim", "secret").build()));

            assertEquals("AUTH", inUse.command());
            assertEquals(ResponseCode.IN_USE, inUse.responseCode().orElseThrow());
            assertTrue(inUse.isTransient());
            server.verify();
        }
    }

    @Test
    void loginDelayIsTransient() throws Exception {
        try (ScriptedServer server = ScriptedServer.startImplicitTls(greeted("+OK ready", "USER")
                .expect("USER tim").send("+OK")
                .expect("PASS secret").send("-ERR [LOGIN-DELAY] wait 10 minutes between logins")
                .expect("QUIT").send("+OK bye"))) {
            Pop3ResponseException delayed = failure(Pop3ResponseException.class,
                    connecting(server, tls().password("tim", "secret").build()));

            assertEquals(ResponseCode.LOGIN_DELAY, delayed.responseCode().orElseThrow());
            assertTrue(delayed.isTransient());
            server.verify();
        }
    }

    /** Only methods the server offers, of those configured, are used; else QUIT and nothing else. */
    @Test
    void noCommonMethodFailsBeforeSendingCredentials() throws Exception {
        try (ScriptedServer server = ScriptedServer.startImplicitTls(greeted("+OK ready", "SASL PLAIN")
                .expect("QUIT").send("+OK bye")
                .expectEnd())) {
            failure(MissingCapabilityException.class, connecting(server, tls().password("tim", "secret")
                    .loginMethods(List.of(Pop3LoginMethod.SCRAM_SHA_256, Pop3LoginMethod.CRAM_MD5)).build()));
            server.verify();
        }
    }

    /** SECURITY.md row 11: a CR/LF in a user name cannot add a command of its own. */
    @Test
    void lineBreakInTheUserNameIsRefusedBeforeSending() throws Exception {
        try (ScriptedServer server = ScriptedServer.startImplicitTls(greeted("+OK ready", "USER")
                .expect("QUIT").send("+OK bye")
                .expectEnd())) {
            failure(Pop3AuthenticationException.class,
                    connecting(server, tls().password("tim\r\nDELE 1", "secret").build()));
            server.verify();
        }
    }

    @Test
    void credentialsNeverAllowCleartext() {
        assertEquals(StartTlsPolicy.REQUIRED,
                Pop3ClientOptions.builder().clientTls(TestTls.CLIENT).password("u", "p").build().startTlsPolicy());
        assertThrows(IllegalArgumentException.class, () -> Pop3ClientOptions.builder()
                .startTlsPolicy(StartTlsPolicy.DISABLED).password("u", "p").build());
        assertFalse(Pop3ClientOptions.builder().clientTls(TestTls.CLIENT).password("u", "secret").build().toString()
                .contains("secret"));
        Pop3ClientOptions implicit = tls().password("u", "p").build();
        assertEquals(implicit, implicit.mutate().build());
    }

    /** The server side of RFC 5802 with SHA-256 (RFC 7677), in POP3's AUTH syntax (RFC 5034). */
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
                write(peer, "+ " + b64(serverFirst));
                String clientFinal = decode(peer.readLine());
                String withoutProof = "c=biws,r=" + nonce;
                if (!clientFinal.startsWith(withoutProof + ",p=")) {
                    throw new AssertionError("client-final-message: " + clientFinal);
                }
                byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(
                        new PBEKeySpec(password.toCharArray(), Base64.getDecoder().decode(salt), 4096, 256))
                        .getEncoded();
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
                write(peer, "+ " + b64("v=" + Base64.getEncoder().encodeToString(serverSignature)));
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

        private static byte[] hmac(byte[] key, String text) throws java.security.GeneralSecurityException {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
