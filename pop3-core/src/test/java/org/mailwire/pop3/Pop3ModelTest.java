package org.mailwire.pop3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Pop3ModelTest {

    // ------------------------------------------------------------ commands

    @Test
    void keywords() {
        assertEquals("USER", new Pop3Command.User("a").keyword());
        assertEquals("PASS", new Pop3Command.Pass("a").keyword());
        assertEquals("APOP", new Pop3Command.Apop("a", "0123456789abcdef0123456789abcdef").keyword());
        assertEquals("AUTH", new Pop3Command.Auth().keyword());
        assertEquals("STLS", new Pop3Command.Stls().keyword());
        assertEquals("CAPA", new Pop3Command.Capa().keyword());
        assertEquals("STAT", new Pop3Command.Stat().keyword());
        assertEquals("LIST", new Pop3Command.List().keyword());
        assertEquals("RETR", new Pop3Command.Retr(1).keyword());
        assertEquals("DELE", new Pop3Command.Dele(1).keyword());
        assertEquals("NOOP", new Pop3Command.Noop().keyword());
        assertEquals("RSET", new Pop3Command.Rset().keyword());
        assertEquals("TOP", new Pop3Command.Top(1, 0).keyword());
        assertEquals("UIDL", new Pop3Command.Uidl().keyword());
        assertEquals("QUIT", new Pop3Command.Quit().keyword());
        assertEquals("UTF8", new Pop3Command.Utf8().keyword());
        assertEquals("LANG", new Pop3Command.Lang().keyword());
    }

    @Test
    void messageNumbersAndLineCounts() {
        assertThrows(IllegalArgumentException.class, () -> new Pop3Command.Retr(0));
        assertThrows(IllegalArgumentException.class, () -> new Pop3Command.Dele(-1));
        assertThrows(IllegalArgumentException.class, () -> new Pop3Command.List(0));
        assertThrows(IllegalArgumentException.class, () -> new Pop3Command.Uidl(OptionalInt.of(0)));
        assertThrows(IllegalArgumentException.class, () -> new Pop3Command.Top(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Pop3Command.Top(1, -1));
        assertEquals(Integer.MAX_VALUE, new Pop3Command.Retr(Integer.MAX_VALUE).message());
        assertEquals(0, new Pop3Command.Top(1, 0).lines());
    }

    @Test
    void authValidation() {
        assertEquals(Optional.of("SCRAM-SHA-256"), new Pop3Command.Auth("scram-sha-256").mechanism());
        assertThrows(IllegalArgumentException.class,
                () -> new Pop3Command.Auth(Optional.empty(), Optional.of("AAAA")));
        assertThrows(IllegalArgumentException.class, () -> new Pop3Command.Auth("PLAIN", ""));
        assertThrows(IllegalArgumentException.class, () -> new Pop3Command.Auth("X".repeat(21)));
        assertEquals("X".repeat(20), new Pop3Command.Auth("X".repeat(20)).mechanism().orElseThrow());
    }

    @Test
    void secretsAreMaskedInToString() {
        // SECURITY.md row 16: a logged command never shows a password or an AUTH payload.
        assertFalse(new Pop3Command.Pass("hunter2").toString().contains("hunter2"));
        assertFalse(new Pop3Command.Auth("PLAIN", "AGFsaWNlAGh1bnRlcjI=").toString().contains("AGFsaWNl"));
        assertTrue(new Pop3Command.Auth("PLAIN").toString().contains("PLAIN"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a\tb", "a\u007F", "\ud800"})
    void badNames(String name) {
        assertThrows(IllegalArgumentException.class, () -> new Pop3Command.User(name));
    }

    @Test
    void digests() {
        assertThrows(IllegalArgumentException.class, () -> new Pop3Command.Apop("a", "0123456789ABCDEF0123456789ABCDEF"));
        assertThrows(IllegalArgumentException.class, () -> new Pop3Command.Apop("a", "0123"));
    }

    @Test
    void languageRanges() {
        assertTrue(Pop3Syntax.isLanguageRange("en"));
        assertTrue(Pop3Syntax.isLanguageRange("en-US"));
        assertTrue(Pop3Syntax.isLanguageRange("sr-Latn-1994"));
        assertTrue(Pop3Syntax.isLanguageRange("*"));
        assertFalse(Pop3Syntax.isLanguageRange("e1"));
        assertFalse(Pop3Syntax.isLanguageRange("en--US"));
        assertFalse(Pop3Syntax.isLanguageRange("en-123456789"));
    }

    @Test
    void base64() {
        assertTrue(Pop3Syntax.isBase64(""));
        assertTrue(Pop3Syntax.isBase64("AAAA"));
        assertTrue(Pop3Syntax.isBase64("AA=="));
        assertTrue(Pop3Syntax.isBase64("AAA="));
        assertTrue(Pop3Syntax.isBase64("AAA")); // unpadded, as some SASL peers send
        assertFalse(Pop3Syntax.isBase64("A==="));
        assertFalse(Pop3Syntax.isBase64("AA="));
        assertFalse(Pop3Syntax.isBase64("=="));
        assertFalse(Pop3Syntax.isBase64("A A="));
        assertFalse(Pop3Syntax.isBase64("A-_A"));
    }

    @Test
    void numbers() {
        assertEquals(0, Pop3Syntax.number("0", 10));
        assertEquals(2147483647, Pop3Syntax.number("2147483647", Integer.MAX_VALUE));
        assertEquals(-1, Pop3Syntax.number("2147483648", Integer.MAX_VALUE));
        assertEquals(Long.MAX_VALUE, Pop3Syntax.number("9223372036854775807", Long.MAX_VALUE));
        assertEquals(-1, Pop3Syntax.number("9223372036854775808", Long.MAX_VALUE));
        assertEquals(-1, Pop3Syntax.number("", 10));
        assertEquals(-1, Pop3Syntax.number("-1", 10));
        assertEquals(-1, Pop3Syntax.number("1 ", 10));
    }

    // ------------------------------------------------------------ response codes, status lines

    @Test
    void responseCodeHierarchy() {
        assertTrue(ResponseCode.SYS_TEMP.isUnder(ResponseCode.SYS));
        assertTrue(ResponseCode.SYS_TEMP.isUnder(ResponseCode.SYS_TEMP));
        assertFalse(ResponseCode.SYS_TEMP.isUnder(ResponseCode.SYS_PERM));
        assertFalse(ResponseCode.SYS.isUnder(ResponseCode.SYS_TEMP));
        assertFalse(new ResponseCode("SYSTEM").isUnder(ResponseCode.SYS));
        assertTrue(new ResponseCode("in-use").isUnder(ResponseCode.IN_USE));
        assertTrue(new ResponseCode("AUTH/EXPIRED").isUnder(ResponseCode.AUTH));
        assertEquals("UTF8", ResponseCode.UTF8.code());
        assertEquals("LOGIN-DELAY", ResponseCode.LOGIN_DELAY.code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "A B", "A]", "/A", "A/", "A//B", "A\u007F", "\u00e9"})
    void badResponseCodes(String code) {
        assertThrows(IllegalArgumentException.class, () -> new ResponseCode(code));
    }

    @Test
    void statusLines() {
        assertEquals(new StatusLine(true, Optional.empty(), "x"), StatusLine.ok("x"));
        assertEquals(new StatusLine(false, Optional.of(ResponseCode.IN_USE), "x"), StatusLine.err(ResponseCode.IN_USE, "x"));
        // Only CR, LF and NUL are refused: a tab or a non-ASCII letter is text.
        assertEquals("a\tb \u00e9", StatusLine.err("a\tb \u00e9").text());
        assertTrue(StatusLine.err(ResponseCode.SYS_TEMP, "").hasCode(ResponseCode.SYS));
        assertFalse(StatusLine.err("x").hasCode(ResponseCode.SYS));
    }

    // ------------------------------------------------------------ listings

    @Test
    void scanListings() {
        assertEquals(new ScanListing(1, 120), ScanListing.parse("1 120"));
        assertEquals(new ScanListing(2, 0), ScanListing.parse("2 0 extra information"));
        assertEquals(new ScanListing(0, 0), ScanListing.parse("0 0")); // STAT of an empty maildrop
        assertEquals(new ScanListing(7, Long.MAX_VALUE), ScanListing.parse("7 9223372036854775807"));
        assertEquals("3 42", new ScanListing(3, 42).toLine());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "1 ", " 1 2", "1  2", "a 2", "1 b", "-1 2", "1 -2", "2147483648 1",
            "1 9223372036854775808", "1\t2", "secret-password 12"})
    void badScanListings(String line) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScanListing.parse(line));
        assertFalse(!line.isBlank() && e.getMessage().contains(line), "echoes its input");
    }

    @Test
    void uniqueIds() {
        assertEquals(new UniqueId(1, "whqtswO00WBw418f9t5JxYwZ"), UniqueId.parse("1 whqtswO00WBw418f9t5JxYwZ"));
        assertEquals(new UniqueId(2, "~".repeat(70)), UniqueId.parse("2 " + "~".repeat(70)));
        assertEquals("1 x", new UniqueId(1, "x").toLine());
        assertThrows(IllegalArgumentException.class, () -> UniqueId.parse("1 " + "x".repeat(71)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "1 ", "0 abc", "1 a b", "1 a\u00e9", "x abc", "1  abc"})
    void badUniqueIds(String line) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UniqueId.parse(line));
        assertFalse(!line.isBlank() && e.getMessage().contains(line), "echoes its input");
    }

    // ------------------------------------------------------------ capabilities

    @Test
    void capabilitiesFromACapaListing() {
        Pop3Capabilities caps = Pop3Capabilities.parse(List.of("TOP", "USER", "SASL PLAIN scram-sha-256 XOAUTH2",
                "RESP-CODES", "LOGIN-DELAY 900", "PIPELINING", "EXPIRE 60", "UIDL", "IMPLEMENTATION Mailwire 0.1",
                "STLS", "AUTH-RESP-CODE", "UTF8 USER", "LANG", "", "  ", "x-unknown  a  b"));
        assertTrue(caps.top() && caps.user() && caps.respCodes() && caps.pipelining() && caps.uidl() && caps.stls()
                && caps.authRespCode() && caps.utf8());
        assertEquals(List.of("PLAIN", "SCRAM-SHA-256", "XOAUTH2"), caps.saslMechanisms());
        assertEquals(Optional.of("Mailwire 0.1"), caps.implementation());
        assertEquals(OptionalInt.of(900), caps.loginDelay());
        assertEquals(Optional.of("60"), caps.expire());
        assertEquals(List.of("USER"), caps.parameters("utf8"));
        assertTrue(caps.has("lang"));
        assertEquals(List.of("a", "b"), caps.parameters("X-UNKNOWN"));
        assertEquals("TOP", caps.lines().get(0));
        assertEquals("SASL PLAIN scram-sha-256 XOAUTH2", caps.lines().get(2));
    }

    @Test
    void absentCapabilities() {
        Pop3Capabilities none = Pop3Capabilities.parse(List.of());
        assertFalse(none.top() || none.user() || none.pipelining() || none.stls() || none.utf8());
        assertEquals(List.of(), none.saslMechanisms());
        assertEquals(Optional.empty(), none.implementation());
        assertEquals(OptionalInt.empty(), none.loginDelay());
        assertEquals(OptionalInt.empty(), Pop3Capabilities.parse(List.of("LOGIN-DELAY soon")).loginDelay());
        assertEquals(Optional.empty(), none.expire());
    }

    @Test
    void oddCapaLinesAreSkippedNotFatal() {
        Pop3Capabilities caps = Pop3Capabilities.parse(List.of("TOP", "top again", "BAD\u0001TAG", "SASL PL\u0001AIN",
                "DOT.TED", "USER"));
        assertEquals(List.of("TOP", "USER"), List.copyOf(caps.capabilities().keySet()));
    }

    @Test
    void capabilitiesValidateAndCopy() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        map.put("sasl", List.of("PLAIN"));
        Pop3Capabilities caps = new Pop3Capabilities(map);
        map.put("TOP", List.of());
        assertEquals(List.of("SASL"), List.copyOf(caps.capabilities().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> caps.capabilities().put("X", List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Pop3Capabilities(Map.of("A B", List.of())));
        assertThrows(IllegalArgumentException.class, () -> new Pop3Capabilities(Map.of("SASL", List.of("A\r\nB"))));
        Map<String, List<String>> twice = new LinkedHashMap<>();
        twice.put("top", List.of());
        twice.put("TOP", List.of());
        assertThrows(IllegalArgumentException.class, () -> new Pop3Capabilities(twice));
    }
}
