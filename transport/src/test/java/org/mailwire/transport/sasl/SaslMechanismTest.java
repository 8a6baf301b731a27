package org.mailwire.transport.sasl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SaslMechanismTest {

    @ParameterizedTest
    @EnumSource(SaslMechanism.class)
    void wireNameRoundTripsInAnyAsciiCase(SaslMechanism mechanism) {
        assertEquals(Optional.of(mechanism), SaslMechanism.fromWireName(mechanism.wireName()));
        assertEquals(Optional.of(mechanism), SaslMechanism.fromWireName(mechanism.wireName().toLowerCase()));
    }

    @Test
    void wireNames() {
        assertEquals("CRAM-MD5", SaslMechanism.CRAM_MD5.wireName());
        assertEquals("SCRAM-SHA-256", SaslMechanism.SCRAM_SHA_256.wireName());
        assertEquals(Optional.of(SaslMechanism.SCRAM_SHA_256), SaslMechanism.fromWireName("Scram-Sha-256"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "PLAI", "PLAINX", " PLAIN", "PLAIN ", "CRAM_MD5", "SCRAM-SHA-256-PLUS", "SCRAM-SHA-1",
        "\u017fCRAM-SHA-256", "LOG\u0130N", "GSSAPI"})
    void onlyExactNamesAreKnown(String name) {
        assertEquals(Optional.empty(), SaslMechanism.fromWireName(name));
    }

    @Test
    void nullIsUnknown() {
        assertEquals(Optional.empty(), SaslMechanism.fromWireName(null));
    }

    @Test
    void properties() {
        assertTrue(SaslMechanism.PLAIN.sendsCleartextPassword());
        assertTrue(SaslMechanism.LOGIN.sendsCleartextPassword());
        assertFalse(SaslMechanism.XOAUTH2.sendsCleartextPassword());
        assertTrue(SaslMechanism.XOAUTH2.sendsReplayableSecret());
        assertTrue(SaslMechanism.OAUTHBEARER.sendsReplayableSecret());
        assertFalse(SaslMechanism.SCRAM_SHA_256.sendsReplayableSecret());
        assertFalse(SaslMechanism.CRAM_MD5.sendsReplayableSecret());
        assertFalse(SaslMechanism.LOGIN.clientFirst());
        assertFalse(SaslMechanism.CRAM_MD5.clientFirst());
        assertTrue(SaslMechanism.SCRAM_SHA_256.clientFirst());
    }
}
