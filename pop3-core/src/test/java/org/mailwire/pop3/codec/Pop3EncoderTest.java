package org.mailwire.pop3.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailwire.pop3.Pop3Command;
import org.mailwire.pop3.ResponseCode;
import org.mailwire.pop3.StatusLine;

class Pop3EncoderTest {

    static String text(ByteBuffer b) {
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void commands() {
        assertEquals("USER mrose\r\n", text(Pop3CommandEncoder.encode(new Pop3Command.User("mrose"))));
        assertEquals("PASS my secret\r\n", text(Pop3CommandEncoder.encode(new Pop3Command.Pass("my secret"))));
        assertEquals("APOP mrose c4c9334bac560ecc979e58001b3e22fb\r\n",
                text(Pop3CommandEncoder.encode(new Pop3Command.Apop("mrose", "c4c9334bac560ecc979e58001b3e22fb"))));
        assertEquals("AUTH\r\n", text(Pop3CommandEncoder.encode(new Pop3Command.Auth())));
        assertEquals("AUTH PLAIN\r\n", text(Pop3CommandEncoder.encode(new Pop3Command.Auth("plain"))));
        assertEquals("AUTH PLAIN AGEAYg==\r\n", text(Pop3CommandEncoder.encode(new Pop3Command.Auth("PLAIN", "AGEAYg=="))));
        assertEquals("AUTH EXTERNAL =\r\n", text(Pop3CommandEncoder.encode(new Pop3Command.Auth("EXTERNAL", "="))));
        assertEquals("STLS\r\n", text(Pop3CommandEncoder.encode(new Pop3Command.Stls())));
        assertEquals("CAPA\r\n", text(Pop3CommandEncoder.encode(new Pop3Command.Capa())));
        assertEquals("STAT\r\n", text(Pop3CommandEncoder.encode(new Pop3Command.Stat())));
        assertEquals("LIST\r\n", text(Pop3CommandEncoder.encode(new Pop3Command.List())));
        assertEquals("LIST 3\r\n", text(Pop3CommandEncoder.encode(new Pop3Command.List(3))));
        assertEquals("RETR 1\r\n", text(Pop3CommandEncoder.encode(new Pop3Command.Retr(1))));
        assertEquals("DELE 2\r\n", text(Pop3CommandEncoder.encode(new Pop3Command.Dele(2))));
        assertEquals("NOOP\r\n", text(Pop3CommandEncoder.encode(new Pop3Command.Noop())));
        assertEquals("RSET\r\n", text(Pop3CommandEncoder.encode(new Pop3Command.Rset())));
        assertEquals("TOP 1 10\r\n", text(Pop3CommandEncoder.encode(new Pop3Command.Top(1, 10))));
        assertEquals("UIDL\r\n", text(Pop3CommandEncoder.encode(new Pop3Command.Uidl())));
        assertEquals("UIDL 9\r\n", text(Pop3CommandEncoder.encode(new Pop3Command.Uidl(9))));
        assertEquals("QUIT\r\n", text(Pop3CommandEncoder.encode(new Pop3Command.Quit())));
        assertEquals("UTF8\r\n", text(Pop3CommandEncoder.encode(new Pop3Command.Utf8())));
        assertEquals("LANG\r\n", text(Pop3CommandEncoder.encode(new Pop3Command.Lang())));
        assertEquals("LANG fr\r\n", text(Pop3CommandEncoder.encode(new Pop3Command.Lang("fr"))));
        assertEquals("USER j\u00f6rg\r\n", text(Pop3CommandEncoder.encode(new Pop3Command.User("j\u00f6rg"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\r\nDELE 1", "a\nb", "a\rb", "a\0b"})
    void commandArgumentsWithCrLfOrNulAreRefusedWithoutEcho(String bad) {
        assertRefusedWithoutEcho(() -> new Pop3Command.User(bad), bad);
        assertRefusedWithoutEcho(() -> new Pop3Command.Pass(bad), bad);
        assertRefusedWithoutEcho(() -> new Pop3Command.Apop(bad, "c4c9334bac560ecc979e58001b3e22fb"), bad);
        assertRefusedWithoutEcho(() -> new Pop3Command.Auth("PLAIN", bad), bad);
        assertRefusedWithoutEcho(() -> new Pop3Command.Auth(bad), bad);
        assertRefusedWithoutEcho(() -> new Pop3Command.Lang(bad), bad);
        assertRefusedWithoutEcho(() -> Pop3CommandEncoder.encodeAuthResponse(bad), bad);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ok\r\n+OK forged", "a\nb", "a\rb", "a\0b"})
    void responseTextWithCrLfOrNulIsRefusedWithoutEcho(String bad) {
        assertRefusedWithoutEcho(() -> StatusLine.ok(bad), bad);
        assertRefusedWithoutEcho(() -> StatusLine.err(ResponseCode.IN_USE, bad), bad);
        assertRefusedWithoutEcho(() -> new ResponseCode(bad), bad);
        assertRefusedWithoutEcho(() -> Pop3ResponseEncoder.encodeContinuation(bad), bad);
        assertRefusedWithoutEcho(() -> Pop3ResponseEncoder.encodeListing(StatusLine.ok(""), List.of("TOP", bad)), bad);
    }

    @Test
    void wireRefusesWhatTheModelLetThrough() {
        // The second line of defence, for a value that bypassed validation.
        assertRefusedWithoutEcho(() -> Wire.encode("USER a\nDELE 1\r\n"), "DELE");
        assertRefusedWithoutEcho(() -> Wire.encode("PASS a\0\r\n"), "PASS");
        assertEquals("+OK\r\n", text(Wire.encode("+OK\r\n")));
    }

    private static void assertRefusedWithoutEcho(org.junit.jupiter.api.function.Executable build, String bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        String message = String.valueOf(e.getMessage());
        for (String part : bad.split("[\r\n\0]")) {
            if (part.length() > 1) {
                assertFalse(message.contains(part), message);
            }
        }
    }

    @Test
    void authResponses() {
        assertEquals("dGVzdA==\r\n", text(Pop3CommandEncoder.encodeAuthResponse("dGVzdA==")));
        assertEquals("*\r\n", text(Pop3CommandEncoder.encodeAuthResponse("*")));
        assertEquals("\r\n", text(Pop3CommandEncoder.encodeAuthResponse("")));
        assertThrows(IllegalArgumentException.class, () -> Pop3CommandEncoder.encodeAuthResponse("not base64"));
    }

    @Test
    void statusLines() {
        assertEquals("+OK\r\n", text(Pop3ResponseEncoder.encode(StatusLine.ok(""))));
        assertEquals("+OK 2 320\r\n", text(Pop3ResponseEncoder.encode(StatusLine.ok("2 320"))));
        assertEquals("-ERR no such message\r\n", text(Pop3ResponseEncoder.encode(StatusLine.err("no such message"))));
        assertEquals("-ERR [IN-USE] locked\r\n", text(Pop3ResponseEncoder.encode(StatusLine.err(ResponseCode.IN_USE, "locked"))));
        assertEquals("-ERR [SYS/TEMP]\r\n", text(Pop3ResponseEncoder.encode(StatusLine.err(ResponseCode.SYS_TEMP, ""))));
        assertEquals("+OK [LOGIN-DELAY] x\r\n",
                text(Pop3ResponseEncoder.encode(new StatusLine(true, Optional.of(ResponseCode.LOGIN_DELAY), "x"))));
        assertEquals("+OK caf\u00e9\r\n", text(Pop3ResponseEncoder.encode(StatusLine.ok("caf\u00e9"))));
    }

    @Test
    void continuations() {
        assertEquals("+ \r\n", text(Pop3ResponseEncoder.encodeContinuation("")));
        assertEquals("+ cj1hYmM=\r\n", text(Pop3ResponseEncoder.encodeContinuation("cj1hYmM=")));
        assertThrows(IllegalArgumentException.class, () -> Pop3ResponseEncoder.encodeContinuation("a b"));
    }

    @Test
    void listings() {
        assertEquals("+OK Capability list follows\r\nTOP\r\nSASL PLAIN\r\n..hidden\r\n.\r\n",
                text(Pop3ResponseEncoder.encodeListing(StatusLine.ok("Capability list follows"),
                        List.of("TOP", "SASL PLAIN", ".hidden"))));
        assertEquals("+OK\r\n.\r\n", text(Pop3ResponseEncoder.encodeListing(StatusLine.ok(""), List.of())));
        assertThrows(IllegalArgumentException.class,
                () -> Pop3ResponseEncoder.encodeListing(StatusLine.err("no"), List.of("x")));
    }
}
