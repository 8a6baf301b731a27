package org.mailwire.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The model: syntax predicates, Mailbox, paths, parameters, Xtext, status codes, replies, capabilities. */
class MailboxTest {

    @Test
    void toWireQuotesOnlyWhenNeeded() {
        assertEquals("a.b@example.com", new Mailbox("a.b", "example.com").toWire());
        assertEquals("\"a b\"@example.com", new Mailbox("a b", "example.com").toWire());
        assertEquals("\"a..b\"@example.com", new Mailbox("a..b", "example.com").toWire());
        assertEquals("\"a\\\"b\\\\c\"@example.com", new Mailbox("a\"b\\c", "example.com").toWire());
        assertEquals("\"\"@example.com", new Mailbox("", "example.com").toWire());
        assertEquals("Postmaster", new Mailbox("Postmaster", "").toWire());
        assertEquals("pelé@exämple.com", new Mailbox("pelé", "exämple.com").toWire());
        assertTrue(new Mailbox("a", "[IPv6:::1]").isAscii());
        assertFalse(new Mailbox("pelé", "example.com").isAscii());
        assertFalse(new Mailbox("a", "exämple.com").isAscii());
    }

    @Test
    void limits() {
        new Mailbox("a".repeat(64), "example.com");
        assertThrows(IllegalArgumentException.class, () -> new Mailbox("a".repeat(65), "example.com"));
        // Quoting counts: 62 characters plus two quotes are 64 octets.
        new Mailbox(" " + "a".repeat(61), "example.com");
        assertThrows(IllegalArgumentException.class, () -> new Mailbox(" " + "a".repeat(62), "example.com"));
        assertThrows(IllegalArgumentException.class, () -> new Mailbox("ü".repeat(33), "example.com"));
        assertThrows(IllegalArgumentException.class, () -> new Mailbox("a", ""));
        assertThrows(IllegalArgumentException.class, () -> new Mailbox("a", "a..b"));
        assertThrows(IllegalArgumentException.class, () -> ReversePath.of(new Mailbox("postmaster", "")));
        assertThrows(IllegalArgumentException.class, () -> new ForwardPath(new Mailbox("a", "b.c"), true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[127.0.0.1]", "[255.255.255.255]", "[IPv6:::]", "[IPv6:::1]", "[IPv6:1:2:3:4:5:6:7:8]",
            "[ipv6:fe80::1]", "[IPv6:1:2:3:4:5:6:1.2.3.4]", "[IPv6:::ffff:1.2.3.4]", "[IPv6:1::1.2.3.4]",
            "[IPv6:1:2:3:4:5:6::]", "example.com", "a", "xn--bcher-kva.de", "1.2.3.4"})
    void validDomainsAndLiterals(String d) {
        assertTrue(SmtpSyntax.isDomainOrAddressLiteral(d, false), d);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1.2.3.256]", "[1.2.3]", "[01234.1.1.1]", "[IPv6:1:2:3:4:5:6:7]", "[IPv6:1:2:3:4:5:6:7:8:9]",
            "[IPv6:1::2::3]", "[IPv6:12345::]", "[IPv6:1:2:3:4:5:6:7::]", "[IPv6:1:2:3:4:5::1.2.3.4]", "[IPv6:g::]",
            "[tag:x]", "[]", "[1.2.3.4", "-a.com", "a-.com", "a..b", ".a", "a.", "", "a_b.com", "[IPv6:1.2.3.4]",
            "[IPv6::1]", "[IPv6:1:]"})
    void invalidDomainsAndLiterals(String d) {
        assertFalse(SmtpSyntax.isDomainOrAddressLiteral(d, false), d);
    }

    @Test
    void xtext() {
        assertEquals("a+2Bb+3Dc+20d", Xtext.encode("a+b=c d"));
        assertEquals("a+b=c d", Xtext.decode("a+2Bb+3Dc+20d"));
        assertEquals("é", Xtext.decode(Xtext.encode("é")));
        for (String bad : List.of("a+2b", "a+2", "a+", "a=b", "a b", "+C3", "é")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Xtext.decode(bad));
            assertFalse(e.getMessage().contains(bad), e.getMessage());
        }
        assertEquals("\\x{3B4}\\x{2B}\\x{20}a", Xtext.encodeUtf8Address("δ+ a"));
        assertEquals("δ+ a", Xtext.decodeUtf8Address("\\x{3B4}\\x{2B}\\x{20}a", false));
        assertEquals("δa", Xtext.decodeUtf8Address("δa", true));
        assertThrows(IllegalArgumentException.class, () -> Xtext.decodeUtf8Address("δa", false));
        assertThrows(IllegalArgumentException.class, () -> Xtext.decodeUtf8Address("\\x{03B4}", false));
        assertThrows(IllegalArgumentException.class, () -> Xtext.decodeUtf8Address("\\x{D800}", false));
        assertThrows(IllegalArgumentException.class, () -> Xtext.decodeUtf8Address("\\x{110000}", false));
        assertThrows(IllegalArgumentException.class, () -> Xtext.decodeUtf8Address("\\x{3b4}", false));
    }

    @Test
    void enhancedStatusCodes() {
        assertEquals(new EnhancedStatusCode(5, 5, 2), EnhancedStatusCode.parse("5.5.2"));
        assertEquals("4.7.0", EnhancedStatusCode.parse("4.07.000").toString());
        assertEquals(new EnhancedStatusCode(2, 999, 999), EnhancedStatusCode.parse("2.999.999"));
        for (String bad : List.of("3.0.0", "5.1000.1", "5.1", "5..1", "5.1.1.1", "5.1.1 ", "x.1.1", "55.1.1", "")) {
            assertThrows(IllegalArgumentException.class, () -> EnhancedStatusCode.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> new EnhancedStatusCode(5, 1000, 0));
        assertThrows(IllegalArgumentException.class, () -> new EnhancedStatusCode(1, 0, 0));
    }

    @Test
    void replies() {
        SmtpReply r = SmtpReply.of(550, "5.1.1", "No such user", "here");
        assertTrue(r.isPermanentNegative());
        assertEquals("No such user\nhere", r.text());
        assertTrue(SmtpReply.of(354, null).isIntermediate());
        assertTrue(SmtpReply.of(421, null, "bye").isTransientNegative());
        assertTrue(SmtpReply.of(250, null, "ok").isPositive());
        assertEquals(List.of(""), SmtpReply.of(250, null).lines());
        for (int code : new int[] {199, 600, 0, -250, 1000}) {
            assertThrows(IllegalArgumentException.class, () -> SmtpReply.of(code, null, "x"));
        }
        assertThrows(IllegalArgumentException.class, () -> SmtpReply.of(250, "5.0.0", "class mismatch"));
        assertThrows(IllegalArgumentException.class, () -> new SmtpReply(250, Optional.empty(), List.of()));
    }

    @Test
    void capabilitiesFromAPostfixLikeEhloReply() {
        SmtpCapabilities caps = SmtpCapabilities.parse(SmtpReply.of(250, null, "mx.example.com", "PIPELINING",
                "SIZE 10240000", "VRFY", "ETRN", "STARTTLS", "AUTH PLAIN login", "AUTH=LOGIN CRAM-MD5", "ENHANCEDSTATUSCODES",
                "8BITMIME", "DSN", "SMTPUTF8", "CHUNKING", "BINARYMIME", "REQUIRETLS"));
        assertEquals("mx.example.com", caps.greetingDomain());
        assertEquals(OptionalLong.of(10240000), caps.size());
        assertEquals(Set.of("PLAIN", "LOGIN", "CRAM-MD5"), caps.authMechanisms());
        assertTrue(caps.pipelining() && caps.chunking() && caps.binaryMime() && caps.eightBitMime() && caps.smtpUtf8()
                && caps.startTls() && caps.enhancedStatusCodes() && caps.dsn() && caps.requireTls());
        assertTrue(caps.has("etrn"));
        assertFalse(caps.has("XCLIENT"));
        SmtpCapabilities bare = SmtpCapabilities.parse(SmtpReply.of(250, null, "lmtp.example Hello", "SIZE"));
        assertEquals(OptionalLong.of(0), bare.size());
        assertEquals("lmtp.example", bare.greetingDomain());
        assertFalse(bare.pipelining());
        assertEquals(Set.of(), bare.authMechanisms());
        assertEquals(OptionalLong.empty(), SmtpCapabilities.parse(SmtpReply.of(250, null, "x")).size());
    }

    @Test
    void parameterRecords() {
        assertThrows(IllegalArgumentException.class, () -> new RcptParameters(Set.of(DsnNotify.NEVER, DsnNotify.DELAY),
                Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> MailParameters.NONE.withEnvelopeId("x".repeat(101)));
        assertThrows(IllegalArgumentException.class, () -> MailParameters.NONE.withEnvelopeId("+".repeat(34)));
        assertThrows(IllegalArgumentException.class, () -> MailParameters.NONE.withSize(-1));
        assertThrows(IllegalArgumentException.class, () -> new OriginalRecipient("rfc822", "δ@x"));
        assertEquals(Optional.of(BodyType.BINARY_MIME), BodyType.fromKeyword("binarymime"));
        assertEquals(Optional.empty(), BodyType.fromKeyword("8bit"));
    }
}
