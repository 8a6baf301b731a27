package org.mailwire.transport.sasl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mailwire.transport.sasl.SaslMechanism.CRAM_MD5;
import static org.mailwire.transport.sasl.SaslMechanism.LOGIN;
import static org.mailwire.transport.sasl.SaslMechanism.OAUTHBEARER;
import static org.mailwire.transport.sasl.SaslMechanism.PLAIN;
import static org.mailwire.transport.sasl.SaslMechanism.SCRAM_SHA_256;
import static org.mailwire.transport.sasl.SaslMechanism.XOAUTH2;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SaslServerTest {

    private static final SaslServer FULL = Conversation.server(new InMemoryUsers().withSharedSecrets()
            .addBearerToken("alice", "t"));
    private static final Authenticator PASSWORDS_ONLY =
            (authzid, user, password) -> CompletableFuture.completedFuture(AuthResult.failure());

    @Test
    void secureConnectionsGetEverythingStrongestFirst() {
        assertEquals(List.of(SCRAM_SHA_256, OAUTHBEARER, XOAUTH2, CRAM_MD5, PLAIN, LOGIN), FULL.advertised(true, false));
        assertEquals(FULL.advertised(true, false), FULL.advertised(true, true));
    }

    @Test
    void plainConnectionsGetNoReplayableSecretsUnlessAllowed() {
        assertEquals(List.of(SCRAM_SHA_256, CRAM_MD5), FULL.advertised(false, false));
        assertEquals(List.of(SCRAM_SHA_256, OAUTHBEARER, XOAUTH2, CRAM_MD5, PLAIN, LOGIN), FULL.advertised(false, true));
        assertFalse(FULL.permitted(PLAIN, false, false));
        assertTrue(FULL.permitted(PLAIN, true, false));
        assertTrue(FULL.permitted(SCRAM_SHA_256, false, false));
    }

    @Test
    void onlyWhatTheAuthenticatorSupportsIsAdvertisedOrStarted() {
        SaslServer passwords = Conversation.server(PASSWORDS_ONLY);
        assertEquals(List.of(PLAIN, LOGIN), passwords.advertised(true, false));
        assertEquals(List.of(), passwords.advertised(false, false));
        for (SaslMechanism mechanism : List.of(SCRAM_SHA_256, CRAM_MD5, XOAUTH2, OAUTHBEARER)) {
            assertEquals(Optional.empty(), passwords.start(mechanism, "h"));
        }
        SaslServer noSecrets = Conversation.server(new InMemoryUsers());
        assertEquals(List.of(SCRAM_SHA_256, PLAIN, LOGIN), noSecrets.advertised(true, false));
    }

    @Test
    void eachExchangeReportsItsMechanism() {
        for (SaslMechanism mechanism : SaslMechanism.values()) {
            assertEquals(mechanism, FULL.start(mechanism, "mail.example").orElseThrow().mechanism());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "mail example", "mail.example>", "<mail", "a@b", "mail\r\n.example", "mäil.example"})
    void cramMd5HostnameMustFitTheMessageId(String host) {
        assertThrows(IllegalArgumentException.class, () -> FULL.start(CRAM_MD5, host));
    }

    @Test
    void constructorRefusesWeakSecretsAndOddShapes() {
        SecureRandom random = new SecureRandom();
        assertThrows(IllegalArgumentException.class, () -> new SaslServer(PASSWORDS_ONLY, random, new byte[15]));
        assertThrows(IllegalArgumentException.class, () -> new SaslServer(PASSWORDS_ONLY, random, new byte[16], 0, 4096));
        assertThrows(IllegalArgumentException.class, () -> new SaslServer(PASSWORDS_ONLY, random, new byte[16], 33, 4096));
        assertThrows(IllegalArgumentException.class, () -> new SaslServer(PASSWORDS_ONLY, random, new byte[16], 16, 4095));
        assertThrows(NullPointerException.class, () -> new SaslServer(null, random, new byte[16]));
    }

    @Test
    void serverSecretIsCopied() throws SaslException {
        byte[] secret = new byte[32];
        SaslServer server = new SaslServer(new InMemoryUsers(), new SecureRandom(), secret);
        String before = serverFirstSalt(server);
        secret[0] = 1;
        assertEquals(before, serverFirstSalt(server));
    }

    private static String serverFirstSalt(SaslServer server) throws SaslException {
        SaslStep step = Conversation.done(server.start(SCRAM_SHA_256, "h").orElseThrow()
                .start(SaslClients.scramSha256("", "ghost", "p").initialResponse()));
        String text = new String(((SaslStep.Challenge) step).data(), java.nio.charset.StandardCharsets.UTF_8);
        return text.substring(text.indexOf(",s="));
    }
}
