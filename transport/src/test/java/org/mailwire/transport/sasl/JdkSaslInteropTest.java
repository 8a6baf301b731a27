package org.mailwire.transport.sasl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mailwire.transport.sasl.Conversation.done;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.sasl.AuthorizeCallback;
import javax.security.sasl.Sasl;
import javax.security.sasl.SaslClient;
import org.junit.jupiter.api.Test;

/**
 * An independent implementation on the other side: the JDK's own SASL mechanisms
 * ({@code java.security.sasl}) and its PBKDF2. Agreement with them means we did not merely agree
 * with ourselves.
 */
class JdkSaslInteropTest {

    private static final String HOST = "mail.example";

    private static CallbackHandler credentials(String user, String password) {
        return callbacks -> {
            for (Callback callback : callbacks) {
                if (callback instanceof NameCallback name) {
                    name.setName(user);
                } else if (callback instanceof PasswordCallback pw) {
                    pw.setPassword(password.toCharArray());
                } else {
                    throw new UnsupportedCallbackException(callback);
                }
            }
        };
    }

    private static SaslStep jdkClientAgainstOurServer(SaslClient jdk, SaslServerExchange ours) throws Exception {
        Optional<byte[]> initial = jdk.hasInitialResponse()
                ? Optional.of(jdk.evaluateChallenge(new byte[0])) : Optional.empty();
        SaslStep step = done(ours.start(initial));
        while (step instanceof SaslStep.Challenge challenge) {
            step = done(ours.respond(jdk.evaluateChallenge(challenge.data())));
        }
        return step;
    }

    private static SaslServer ourServer() {
        return Conversation.server(new InMemoryUsers().withSharedSecrets()
                .add("tim", "tanstaaftanstaaf").add("Kurt", "xipj3plmq"));
    }

    @Test
    void jdkPlainClientAgainstOurServer() throws Exception {
        SaslClient jdk = Sasl.createSaslClient(new String[] {"PLAIN"}, null, "smtp", HOST, null,
                credentials("tim", "tanstaaftanstaaf"));
        SaslServerExchange ours = ourServer().start(SaslMechanism.PLAIN, HOST).orElseThrow();
        assertEquals(new SaslStep.Success("tim", new byte[0]), jdkClientAgainstOurServer(jdk, ours));
    }

    @Test
    void jdkPlainClientWithAuthorizationIdentityAndWrongPassword() throws Exception {
        SaslClient granted = Sasl.createSaslClient(new String[] {"PLAIN"}, "Kurt", "imap", HOST, null,
                credentials("Kurt", "xipj3plmq"));
        assertEquals(new SaslStep.Success("Kurt", new byte[0]),
                jdkClientAgainstOurServer(granted, ourServer().start(SaslMechanism.PLAIN, HOST).orElseThrow()));
        SaslClient wrong = Sasl.createSaslClient(new String[] {"PLAIN"}, null, "imap", HOST, null,
                credentials("Kurt", "xipj3plmQ"));
        assertEquals(new SaslStep.Failure(FailureReason.BAD_CREDENTIALS),
                jdkClientAgainstOurServer(wrong, ourServer().start(SaslMechanism.PLAIN, HOST).orElseThrow()));
    }

    @Test
    void jdkCramMd5ClientAgainstOurServer() throws Exception {
        SaslClient jdk = Sasl.createSaslClient(new String[] {"CRAM-MD5"}, null, "imap", HOST, null,
                credentials("tim", "tanstaaftanstaaf"));
        assertFalse(jdk.hasInitialResponse());
        assertEquals(new SaslStep.Success("tim", new byte[0]),
                jdkClientAgainstOurServer(jdk, ourServer().start(SaslMechanism.CRAM_MD5, HOST).orElseThrow()));

        SaslClient wrong = Sasl.createSaslClient(new String[] {"CRAM-MD5"}, null, "imap", HOST, null,
                credentials("tim", "tanstaaftanstaaX"));
        assertEquals(new SaslStep.Failure(FailureReason.BAD_CREDENTIALS),
                jdkClientAgainstOurServer(wrong, ourServer().start(SaslMechanism.CRAM_MD5, HOST).orElseThrow()));
    }

    private static javax.security.sasl.SaslServer jdkCramMd5Server(String user, String secret) throws Exception {
        CallbackHandler store = callbacks -> {
            for (Callback callback : callbacks) {
                if (callback instanceof NameCallback) {
                    continue;
                } else if (callback instanceof PasswordCallback pw) {
                    pw.setPassword(secret.toCharArray());
                } else if (callback instanceof AuthorizeCallback authorize) {
                    authorize.setAuthorized(authorize.getAuthenticationID().equals(user)
                            && authorize.getAuthenticationID().equals(authorize.getAuthorizationID()));
                } else {
                    throw new UnsupportedCallbackException(callback);
                }
            }
        };
        return Sasl.createSaslServer("CRAM-MD5", "imap", HOST, null, store);
    }

    @Test
    void ourCramMd5ClientAgainstTheJdkServer() throws Exception {
        javax.security.sasl.SaslServer jdk = jdkCramMd5Server("tim", "tanstaaftanstaaf");
        SaslClientMechanism ours = SaslClients.cramMd5("tim", "tanstaaftanstaaf");
        byte[] challenge = jdk.evaluateResponse(new byte[0]);
        byte[] last = jdk.evaluateResponse(ours.respond(challenge));
        assertTrue(last == null || last.length == 0);
        assertTrue(jdk.isComplete());
        assertEquals("tim", jdk.getAuthorizationID());
        assertTrue(ours.isComplete());
    }

    @Test
    void jdkServerRefusesOurCramMd5ClientWithTheWrongSecret() throws Exception {
        javax.security.sasl.SaslServer jdk = jdkCramMd5Server("tim", "tanstaaftanstaaf");
        SaslClientMechanism ours = SaslClients.cramMd5("tim", "not the secret");
        byte[] response = ours.respond(jdk.evaluateResponse(new byte[0]));
        assertThrows(javax.security.sasl.SaslException.class, () -> jdk.evaluateResponse(response));
    }

    /** Our Hi against the JDK's PBKDF2WithHmacSHA256, which is Hi by definition (RFC 5802 §2.2). */
    @Test
    void hiIsPbkdf2WithHmacSha256() throws Exception {
        byte[] salt = "saltsaltsaltsalt".getBytes(StandardCharsets.US_ASCII);
        for (String password : new String[] {"pencil", "a", "correct horse battery staple", "pässwörd"}) {
            byte[] jdk = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, 4096, 256)).getEncoded();
            assertArrayEquals(jdk, ScramSha256.hi(password.getBytes(StandardCharsets.UTF_8), salt, 4096), password);
        }
    }
}
