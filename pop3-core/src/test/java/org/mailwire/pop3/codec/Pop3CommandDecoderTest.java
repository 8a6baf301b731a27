package org.mailwire.pop3.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailwire.pop3.Pop3Command;
import org.mailwire.pop3.codec.Pop3CommandViolation.Kind;

class Pop3CommandDecoderTest {

    static final Pop3DecoderConfig STRICT = Pop3DecoderConfig.defaults();

    static List<ServerEvent> events(String input) {
        return ServerFeed.whole(input, STRICT, true).events();
    }

    static List<ServerEvent> events(byte[] input) {
        return ServerFeed.whole(input, STRICT, true).events();
    }

    static ServerEvent single(String line) {
        List<ServerEvent> events = ServerFeed.whole(line + "\r\n", STRICT, false).events();
        assertEquals(1, events.size(), events::toString);
        return events.get(0);
    }

    static Pop3Command command(String line) {
        ServerEvent e = single(line);
        assertTrue(e instanceof ServerEvent.Command, () -> line + " gave " + e);
        return ((ServerEvent.Command) e).command();
    }

    static void refused(String line, Kind kind) {
        assertEquals(new ServerEvent.Invalid(kind), single(line), line);
    }

    // ------------------------------------------------------------ keywords

    @Test
    void argumentlessCommands() {
        assertEquals(new Pop3Command.Stls(), command("STLS"));
        assertEquals(new Pop3Command.Capa(), command("CAPA"));
        assertEquals(new Pop3Command.Stat(), command("STAT"));
        assertEquals(new Pop3Command.Noop(), command("NOOP"));
        assertEquals(new Pop3Command.Rset(), command("RSET"));
        assertEquals(new Pop3Command.Quit(), command("QUIT"));
        assertEquals(new Pop3Command.Utf8(), command("UTF8"));
    }

    @Test
    void keywordsIgnoreCase() {
        assertEquals(new Pop3Command.Quit(), command("quit"));
        assertEquals(new Pop3Command.Stls(), command("sTlS"));
        assertEquals(new Pop3Command.Utf8(), command("utf8"));
        assertEquals(new Pop3Command.User("Alice"), command("user Alice"));
        assertEquals(new Pop3Command.Top(1, 0), command("top 1 0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"QUIT now", "QUIT ", "STAT 1", "NOOP x", "RSET  ", "STLS x", "CAPA x", "UTF8 USER"})
    void argumentsOnArgumentlessCommandsAreSyntaxErrors(String line) {
        refused(line, Kind.SYNTAX_ERROR);
    }

    @ParameterizedTest
    @ValueSource(strings = {"QUITX", "QUI", "XQUIT", "", " QUIT", "QUIT\tx", "STARTTLS", "EHLO x", "HELO",
            "qu\u0131t", "RETR1", "12345", "TOPS 1 2", "UTF-8", "LST", "XTND XMIT"})
    void unknownCommands(String line) {
        refused(line, Kind.UNKNOWN_COMMAND);
    }

    // ------------------------------------------------------------ USER, PASS, APOP

    @Test
    void user() {
        assertEquals(new Pop3Command.User("mrose"), command("USER mrose"));
        assertEquals(new Pop3Command.User("a@example.com"), command("USER a@example.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"USER", "USER ", "USER a b", "USER  a", "USER a ", "USER a\u0001b", "USER a\u007Fb"})
    void badUser(String line) {
        refused(line, Kind.SYNTAX_ERROR);
    }

    @Test
    void passTakesTheRestOfTheLineWithItsSpaces() {
        assertEquals(new Pop3Command.Pass("secret"), command("PASS secret"));
        assertEquals(new Pop3Command.Pass("correct horse battery staple"), command("PASS correct horse battery staple"));
        assertEquals(new Pop3Command.Pass(" lead and trail "), command("PASS  lead and trail "));
        assertEquals(new Pop3Command.Pass("p\u00e4ss w\u00f6rd"), command("pass p\u00e4ss w\u00f6rd"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PASS", "PASS ", "PASS a\tb", "PASS a\u001Bb"})
    void badPass(String line) {
        refused(line, Kind.SYNTAX_ERROR);
    }

    @Test
    void apop() {
        assertEquals(new Pop3Command.Apop("mrose", "c4c9334bac560ecc979e58001b3e22fb"),
                command("APOP mrose c4c9334bac560ecc979e58001b3e22fb"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"APOP", "APOP mrose", "APOP mrose C4C9334BAC560ECC979E58001B3E22FB",
            "APOP mrose c4c9334bac560ecc979e58001b3e22f", "APOP mrose c4c9334bac560ecc979e58001b3e22fbb",
            "APOP mrose c4c9334bac560ecc979e58001b3e22fg", "APOP mrose  c4c9334bac560ecc979e58001b3e22fb",
            "APOP mrose c4c9334bac560ecc979e58001b3e22fb x", "APOP c4c9334bac560ecc979e58001b3e22fb"})
    void badApop(String line) {
        refused(line, Kind.SYNTAX_ERROR);
    }

    // ------------------------------------------------------------ AUTH

    @Test
    void authWithAndWithoutMechanismAndInitialResponse() {
        assertEquals(new Pop3Command.Auth(), command("AUTH"));
        assertEquals(new Pop3Command.Auth("PLAIN"), command("AUTH PLAIN"));
        assertEquals(new Pop3Command.Auth("SCRAM-SHA-256"), command("auth scram-sha-256"));
        assertEquals(new Pop3Command.Auth("PLAIN", "AGFsaWNlAHNlY3JldA=="), command("AUTH PLAIN AGFsaWNlAHNlY3JldA=="));
        // RFC 5034 §4: "=" is an empty initial response, kept as sent.
        Pop3Command empty = command("AUTH EXTERNAL =");
        assertEquals(new Pop3Command.Auth(Optional.of("EXTERNAL"), Optional.of("=")), empty);
        assertEquals(Optional.of("SCRAM-SHA-256"), ((Pop3Command.Auth) command("AUTH Scram-Sha-256")).mechanism());
    }

    @ParameterizedTest
    @ValueSource(strings = {"AUTH ", "AUTH PLAIN ", "AUTH PLAIN a b", "AUTH PL@IN", "AUTH ABCDEFGHIJKLMNOPQRSTU",
            "AUTH PLAIN AGFsaWNl*", "AUTH PLAIN ==", "AUTH PLAIN A===", "AUTH PLAIN  AGFs", "AUTH PLAIN AGF=x"})
    void badAuth(String line) {
        refused(line, Kind.SYNTAX_ERROR);
    }

    @Test
    void authResponseLinesAfterTheSessionAsksForThem() {
        // The recording session asks for one response after AUTH PLAIN, two for SCRAM.
        assertEquals(List.of(
                new ServerEvent.Command(new Pop3Command.Auth("PLAIN")),
                new ServerEvent.AuthLine("AGFsaWNlAHNlY3JldA=="),
                new ServerEvent.Command(new Pop3Command.Stat()),
                new ServerEvent.Command(new Pop3Command.Auth("SCRAM-SHA-256")),
                new ServerEvent.AuthLine("biwsbj11c2VyLHI9ck9wck5HZndFYmVSV2diTkVrcU8="),
                new ServerEvent.AuthLine(""),
                new ServerEvent.Command(new Pop3Command.Quit())),
                events("AUTH PLAIN\r\nAGFsaWNlAHNlY3JldA==\r\nSTAT\r\nAUTH SCRAM-SHA-256\r\n"
                        + "biwsbj11c2VyLHI9ck9wck5HZndFYmVSV2diTkVrcU8=\r\n\r\nQUIT\r\n"));
    }

    @Test
    void anAuthLineThatLooksLikeACommandIsStillAnAuthLine() {
        assertEquals(List.of(new ServerEvent.Command(new Pop3Command.Auth("PLAIN")), new ServerEvent.AuthLine("QUIT"),
                new ServerEvent.Command(new Pop3Command.Quit())), events("AUTH PLAIN\r\nQUIT\r\nQUIT\r\n"));
    }

    @Test
    void cancelledAuth() {
        assertEquals(List.of(new ServerEvent.Command(new Pop3Command.Auth("LOGIN")), new ServerEvent.AuthLine("*"),
                new ServerEvent.Command(new Pop3Command.Noop())), events("AUTH LOGIN\r\n*\r\nNOOP\r\n"));
    }

    @Test
    void nonAsciiAuthLineIsASyntaxErrorAndEndsTheExchange() {
        assertEquals(List.of(new ServerEvent.Command(new Pop3Command.Auth("PLAIN")),
                        new ServerEvent.Invalid(Kind.SYNTAX_ERROR), new ServerEvent.Command(new Pop3Command.Noop())),
                events("AUTH PLAIN\r\n\u00e9t\u00e9\r\nNOOP\r\n"));
    }

    @Test
    void authLineDefects() {
        assertEquals(List.of(new ServerEvent.Command(new Pop3Command.Auth("PLAIN")), new ServerEvent.Invalid(Kind.NUL)),
                events("AUTH PLAIN\r\nab\0c\r\n"));
        assertEquals(List.of(new ServerEvent.Command(new Pop3Command.Auth("PLAIN")),
                new ServerEvent.Invalid(Kind.BARE_LF)), events("AUTH PLAIN\r\nab\nc\r\n"));
    }

    @Test
    void modeSwitchRules() {
        Pop3CommandDecoder decoder = new Pop3CommandDecoder(STRICT);
        assertEquals(Pop3CommandDecoder.Mode.COMMAND, decoder.mode());
        decoder.expectAuthResponse();
        assertEquals(Pop3CommandDecoder.Mode.AUTH_RESPONSE, decoder.mode());
        assertThrows(IllegalStateException.class, decoder::expectAuthResponse);
        decoder.reset();
        assertEquals(Pop3CommandDecoder.Mode.COMMAND, decoder.mode());
        // Half a line read: switching now would read its rest as an AUTH line.
        RecordingServerSink sink = new RecordingServerSink(decoder, false, false);
        decoder.decode(ByteBuffer.wrap("AUTH PL".getBytes(StandardCharsets.US_ASCII)), sink);
        assertThrows(IllegalStateException.class, decoder::expectAuthResponse);
    }

    @Test
    void resetForgetsAPartialLine() {
        // STLS: bytes from before the handshake never complete a line after it.
        Pop3CommandDecoder decoder = new Pop3CommandDecoder(STRICT);
        RecordingServerSink sink = new RecordingServerSink(decoder, false, false);
        decoder.decode(ByteBuffer.wrap("QU".getBytes(StandardCharsets.US_ASCII)), sink);
        decoder.reset();
        decoder.decode(ByteBuffer.wrap("IT\r\nNOOP\r\n".getBytes(StandardCharsets.US_ASCII)), sink);
        assertEquals(List.of(new ServerEvent.Invalid(Kind.UNKNOWN_COMMAND), new ServerEvent.Command(new Pop3Command.Noop())),
                sink.events());
    }

    @Test
    void pausingOnStlsLeavesTheInjectedBytesUnread() {
        Pop3CommandDecoder decoder = new Pop3CommandDecoder(STRICT);
        boolean[] seen = new boolean[1];
        Pop3ServerSink sink = new Pop3ServerSink() {
            @Override
            public boolean command(Pop3Command c) {
                seen[0] = true;
                return !(c instanceof Pop3Command.Stls);
            }

            @Override
            public boolean invalidCommand(Pop3CommandViolation v) {
                throw new AssertionError();
            }

            @Override
            public boolean authResponse(String line) {
                throw new AssertionError();
            }
        };
        ByteBuffer in = ByteBuffer.wrap("STLS\r\nUSER evil\r\n".getBytes(StandardCharsets.US_ASCII));
        decoder.decode(in, sink);
        assertTrue(seen[0]);
        assertEquals(6, in.position());
        assertEquals("USER evil\r\n".length(), in.remaining());
    }

    // ------------------------------------------------------------ numbers

    @Test
    void listAndUidlWithAndWithoutMessage() {
        assertEquals(new Pop3Command.List(), command("LIST"));
        assertEquals(new Pop3Command.List(2), command("LIST 2"));
        assertEquals(new Pop3Command.Uidl(), command("UIDL"));
        assertEquals(new Pop3Command.Uidl(OptionalInt.of(2147483647)), command("UIDL 2147483647"));
        assertEquals(new Pop3Command.List(7), command("LIST 007"));
    }

    @Test
    void retrDeleTop() {
        assertEquals(new Pop3Command.Retr(1), command("RETR 1"));
        assertEquals(new Pop3Command.Dele(42), command("DELE 42"));
        assertEquals(new Pop3Command.Top(10, 0), command("TOP 10 0"));
        assertEquals(new Pop3Command.Top(2147483647, 2147483647), command("TOP 2147483647 2147483647"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"RETR", "RETR 0", "RETR -1", "RETR +1", "RETR 2147483648", "RETR 99999999999999999999",
            "RETR 1 2", "RETR a", "RETR 1a", "RETR  1", "RETR 1 ", "DELE", "DELE 0", "DELE x", "LIST 0", "LIST -3",
            "LIST 1 2", "LIST ", "UIDL 0", "UIDL 4294967297", "TOP", "TOP 1", "TOP 0 1", "TOP 1 -1", "TOP 1 2147483648",
            "TOP 1 2 3", "TOP 1  2", "RETR \uff11"})
    void badNumbers(String line) {
        refused(line, Kind.SYNTAX_ERROR);
    }

    // ------------------------------------------------------------ UTF8, LANG

    @Test
    void lang() {
        assertEquals(new Pop3Command.Lang(), command("LANG"));
        assertEquals(new Pop3Command.Lang("*"), command("LANG *"));
        assertEquals(new Pop3Command.Lang("de"), command("LANG de"));
        assertEquals(new Pop3Command.Lang("zh-Hant-TW"), command("LANG zh-Hant-TW"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"LANG ", "LANG de fr", "LANG de-", "LANG -de", "LANG 1de", "LANG abcdefghi", "LANG d_e"})
    void badLang(String line) {
        refused(line, Kind.SYNTAX_ERROR);
    }

    @Test
    void utf8ArgumentsAreAllowed() {
        // RFC 6856: user names and passwords in UTF-8.
        assertEquals(new Pop3Command.User("j\u00f6rg"), command("USER j\u00f6rg"));
        assertEquals(new Pop3Command.User("\u7528\u6237"), command("USER \u7528\u6237"));
        assertEquals(new Pop3Command.Apop("\u00e9l\u00e8ve", "c4c9334bac560ecc979e58001b3e22fb"),
                command("APOP \u00e9l\u00e8ve c4c9334bac560ecc979e58001b3e22fb"));
    }

    @Test
    void invalidUtf8IsASyntaxErrorForAKnownKeyword() {
        byte[] user = {'U', 'S', 'E', 'R', ' ', 'a', (byte) 0xC3, '\r', '\n'};
        assertEquals(List.of(new ServerEvent.Invalid(Kind.SYNTAX_ERROR)), events(user));
        byte[] pass = {'P', 'A', 'S', 'S', ' ', (byte) 0xFF, (byte) 0xFE, '\r', '\n'};
        assertEquals(List.of(new ServerEvent.Invalid(Kind.SYNTAX_ERROR)), events(pass));
        byte[] keyword = {'U', 'S', (byte) 0xC5, 'R', ' ', 'a', '\r', '\n'};
        assertEquals(List.of(new ServerEvent.Invalid(Kind.UNKNOWN_COMMAND)), events(keyword));
    }

    // ------------------------------------------------------------ line defects

    @Test
    void nulRefusesTheLine() {
        assertEquals(List.of(new ServerEvent.Invalid(Kind.NUL), new ServerEvent.Command(new Pop3Command.Noop())),
                events("USER a\0b\r\nNOOP\r\n"));
        assertEquals(List.of(new ServerEvent.Invalid(Kind.NUL)), events("PASS \0\r\n"));
    }

    @Test
    void bareCrAndBareLfRefuseTheLine() {
        // Strict: a bare LF does not end the line; the line ends at the CRLF and is refused whole.
        assertEquals(List.of(new ServerEvent.Invalid(Kind.BARE_LF), new ServerEvent.Command(new Pop3Command.Noop())),
                events("USER a\nQUIT\r\nNOOP\r\n"));
        assertEquals(List.of(new ServerEvent.Invalid(Kind.BARE_CR), new ServerEvent.Command(new Pop3Command.Noop())),
                events("USER a\rQUIT\r\nNOOP\r\n"));
        assertEquals(List.of(new ServerEvent.Invalid(Kind.BARE_LF)), events("QUIT\n\r\n"));
    }

    @Test
    void lineLengthBothSidesOf255() {
        // RFC 2449 §4: 255 octets with the CRLF.
        String at = "PASS " + "x".repeat(255 - 2 - 5);
        String over = at + "x";
        assertEquals(255, at.length() + 2);
        assertEquals(new Pop3Command.Pass("x".repeat(248)), command(at));
        refused(over, Kind.LINE_TOO_LONG);
        // The line after an over-long one is read normally: the connection survives.
        assertEquals(List.of(new ServerEvent.Invalid(Kind.LINE_TOO_LONG), new ServerEvent.Command(new Pop3Command.Quit())),
                events(over + "\r\nQUIT\r\n"));
        // An AUTH with initial response obeys the same limit (RFC 5034 §4).
        String auth = "AUTH PLAIN " + "A".repeat(256 - 2 - 11);
        refused(auth, Kind.LINE_TOO_LONG);
        String authAt = auth.substring(0, auth.length() - 1);
        assertEquals(new Pop3Command.Auth("PLAIN", "A".repeat(242)), command(authAt));
    }

    @Test
    void multiByteUtf8CountsOctetsNotCharacters() {
        // 2 octets per character: 124 of them and "USER " make 253 octets, with CRLF 255.
        String at = "USER " + "\u00e9".repeat(124);
        assertEquals(new Pop3Command.User("\u00e9".repeat(124)), command(at));
        refused(at + "x", Kind.LINE_TOO_LONG);
    }

    @Test
    void pipelinedCommands() {
        assertEquals(List.of(new ServerEvent.Command(new Pop3Command.Stat()),
                        new ServerEvent.Command(new Pop3Command.List()),
                        new ServerEvent.Command(new Pop3Command.Retr(1)),
                        new ServerEvent.Invalid(Kind.UNKNOWN_COMMAND),
                        new ServerEvent.Command(new Pop3Command.Dele(1)),
                        new ServerEvent.Command(new Pop3Command.Quit())),
                events("STAT\r\nLIST\r\nRETR 1\r\nXYZZY\r\nDELE 1\r\nQUIT\r\n"));
    }

    @Test
    void violationRepliesNeverEchoInput() {
        for (Kind kind : Kind.values()) {
            Pop3CommandViolation v = Pop3CommandViolation.of(kind);
            assertFalse(v.reply().ok());
            assertEquals(kind.reply(), v.reply());
        }
        assertThrows(IllegalArgumentException.class,
                () -> new Pop3CommandViolation(Kind.NUL, org.mailwire.pop3.StatusLine.ok("fine")));
    }
}
