package org.mailwire.smtp.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailwire.smtp.BodyType;
import org.mailwire.smtp.DsnNotify;
import org.mailwire.smtp.DsnReturn;
import org.mailwire.smtp.ForwardPath;
import org.mailwire.smtp.MailParameters;
import org.mailwire.smtp.Mailbox;
import org.mailwire.smtp.OriginalRecipient;
import org.mailwire.smtp.RcptParameters;
import org.mailwire.smtp.ReversePath;
import org.mailwire.smtp.SmtpCommand;
import org.mailwire.smtp.codec.CommandViolation.Kind;

class SmtpCommandDecoderTest {

    static final SmtpDecoderConfig STRICT = SmtpDecoderConfig.defaults();

    static List<ServerEvent> events(String input, SmtpDecoderConfig config) {
        return ServerFeed.whole(input, config, true).events();
    }

    static ServerEvent single(String line) {
        return single(line, STRICT);
    }

    static ServerEvent single(String line, SmtpDecoderConfig config) {
        // No session switching: a lone BDAT or AUTH line is just a command here.
        List<ServerEvent> events = ServerFeed.whole(line + "\r\n", config, false).events();
        assertEquals(1, events.size(), events::toString);
        return events.get(0);
    }

    static SmtpCommand command(String line) {
        return command(line, STRICT);
    }

    static SmtpCommand command(String line, SmtpDecoderConfig config) {
        ServerEvent e = single(line, config);
        assertTrue(e instanceof ServerEvent.Command, () -> line + " gave " + e);
        return ((ServerEvent.Command) e).command();
    }

    static void refused(String line, Kind kind) {
        refused(line, kind, STRICT);
    }

    static void refused(String line, Kind kind, SmtpDecoderConfig config) {
        assertEquals(new ServerEvent.Invalid(kind), single(line, config), line);
    }

    /** RCPT after a MAIL with SMTPUTF8, as a session would let it through. */
    static ServerEvent afterUtf8Mail(String rcptLine) {
        List<ServerEvent> events = events("MAIL FROM:<a@example.com> SMTPUTF8\r\n" + rcptLine + "\r\n", STRICT);
        assertEquals(2, events.size(), events::toString);
        return events.get(1);
    }

    static Mailbox box(String local, String domain) {
        return new Mailbox(local, domain);
    }

    // ------------------------------------------------------------ verbs

    @Test
    void argumentlessCommands() {
        assertEquals(new SmtpCommand.Quit(), command("QUIT"));
        assertEquals(new SmtpCommand.Quit(), command("quit"));
        assertEquals(new SmtpCommand.Rset(), command("RsEt"));
        assertEquals(new SmtpCommand.StartTls(), command("STARTTLS"));
        assertEquals(new SmtpCommand.StartTls(), command("starttls"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"QUIT now", "QUIT ", "DATA x", "RSET  ", "STARTTLS x"})
    void argumentsOnArgumentlessCommandsAreSyntaxErrors(String line) {
        refused(line, Kind.SYNTAX_ERROR);
    }

    @ParameterizedTest
    @ValueSource(strings = {"QUITX", "QUI", "XQUIT", "", " QUIT", "QUIT\tx", "MAILFROM:<a@b.c>", "HELLO x",
            "qu\u0131t", "STARTTLSX", "12345"})
    void unknownCommands(String line) {
        refused(line, Kind.UNKNOWN_COMMAND);
    }

    @Test
    void heloEhloLhlo() {
        assertEquals(new SmtpCommand.Helo("mail.example.com"), command("HELO mail.example.com"));
        assertEquals(new SmtpCommand.Ehlo("Mail.Example.COM"), command("ehlo Mail.Example.COM"));
        assertEquals(new SmtpCommand.Ehlo("[192.0.2.1]"), command("EHLO [192.0.2.1]"));
        assertEquals(new SmtpCommand.Ehlo("[IPv6:2001:db8::1]"), command("EHLO [IPv6:2001:db8::1]"));
        assertEquals(new SmtpCommand.Lhlo("client.example"), command("LHLO client.example"));
        assertEquals(new SmtpCommand.Ehlo("localhost"), command("EHLO localhost"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"EHLO", "EHLO ", "EHLO a b", "EHLO -a.com", "EHLO a-.com", "EHLO a..b", "EHLO [256.0.0.1]",
            "EHLO [1.2.3]", "EHLO [IPv6:1:2:3]", "EHLO [foo:bar]", "EHLO exa_mple.com", "HELO bücher.de",
            "EHLO a.b.", "LHLO [IPv6:1::2::3]"})
    void badHeloDomains(String line) {
        refused(line, Kind.SYNTAX_ERROR);
    }

    @Test
    void noopHelpVrfyExpn() {
        assertEquals(new SmtpCommand.Noop(""), command("NOOP"));
        assertEquals(new SmtpCommand.Noop("anything at all"), command("NOOP anything at all"));
        assertEquals(new SmtpCommand.Help(""), command("HELP"));
        assertEquals(new SmtpCommand.Help("MAIL"), command("help MAIL"));
        assertEquals(new SmtpCommand.Vrfy("Smith"), command("VRFY Smith"));
        assertEquals(new SmtpCommand.Expn("staff-list"), command("EXPN staff-list"));
        refused("VRFY", Kind.SYNTAX_ERROR);
        refused("EXPN ", Kind.SYNTAX_ERROR);
        refused("NOOP \u0001", Kind.SYNTAX_ERROR);
    }

    @Test
    void bdat() {
        assertEquals(new SmtpCommand.Bdat(0, true), command("BDAT 0 LAST"));
        assertEquals(new SmtpCommand.Bdat(1024, false), command("BDAT 1024"));
        assertEquals(new SmtpCommand.Bdat(7, true), command("bdat 7 last"));
        assertEquals(new SmtpCommand.Bdat(Long.MAX_VALUE, false), command("BDAT 9223372036854775807"));
        assertEquals(new SmtpCommand.Bdat(5, false), command("BDAT 0005"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"BDAT", "BDAT ", "BDAT x", "BDAT -1", "BDAT +5", "BDAT 1x", "BDAT 1 FIRST", "BDAT 1 LAST x",
            "BDAT 9223372036854775808", "BDAT 99999999999999999999999", "BDAT 1  LAST", "BDAT \u0661"})
    void badBdat(String line) {
        refused(line, Kind.SYNTAX_ERROR);
    }

    @Test
    void auth() {
        assertEquals(new SmtpCommand.Auth("PLAIN", Optional.empty()), command("AUTH PLAIN"));
        assertEquals(new SmtpCommand.Auth("LOGIN", Optional.empty()), command("auth login"));
        assertEquals(new SmtpCommand.Auth("PLAIN", Optional.of("AGFsaWNlAHNlY3JldA==")),
                command("AUTH PLAIN AGFsaWNlAHNlY3JldA=="));
        assertEquals(new SmtpCommand.Auth("EXTERNAL", Optional.of("=")), command("AUTH EXTERNAL ="));
        assertEquals(new SmtpCommand.Auth("SCRAM-SHA-256", Optional.empty()), command("AUTH scram-sha-256"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"AUTH", "AUTH ", "AUTH PL@IN", "AUTH PLAIN abc", "AUTH PLAIN ==", "AUTH PLAIN a b",
            "AUTH ABCDEFGHIJKLMNOPQRSTU", "AUTH PLAIN AGFsaWNl*A=="})
    void badAuth(String line) {
        refused(line, Kind.SYNTAX_ERROR);
    }

    // ------------------------------------------------------------ MAIL and paths

    @Test
    void mailPaths() {
        assertEquals(new SmtpCommand.Mail(ReversePath.of(box("a", "example.com")), MailParameters.NONE),
                command("MAIL FROM:<a@example.com>"));
        assertEquals(new SmtpCommand.Mail(ReversePath.NULL, MailParameters.NONE), command("mail from:<>"));
        assertEquals(ReversePath.of(box("john doe", "example.com")),
                ((SmtpCommand.Mail) command("MAIL FROM:<\"john doe\"@example.com>")).from());
        assertEquals(ReversePath.of(box("a\"b\\c", "example.com")),
                ((SmtpCommand.Mail) command("MAIL FROM:<\"a\\\"b\\\\c\"@example.com>")).from());
        assertEquals(ReversePath.of(box("x>y", "example.com")),
                ((SmtpCommand.Mail) command("MAIL FROM:<\"x>y\"@example.com>")).from());
        assertEquals(ReversePath.of(box("user", "[192.0.2.1]")),
                ((SmtpCommand.Mail) command("MAIL FROM:<user@[192.0.2.1]>")).from());
        assertEquals(ReversePath.of(box("user", "[IPv6:2001:db8::ff00:42:8329]")),
                ((SmtpCommand.Mail) command("MAIL FROM:<user@[IPv6:2001:db8::ff00:42:8329]>")).from());
        assertEquals(ReversePath.of(box("user", "[IPv6:::ffff:192.0.2.1]")),
                ((SmtpCommand.Mail) command("MAIL FROM:<user@[IPv6:::ffff:192.0.2.1]>")).from());
        assertEquals(ReversePath.of(box("first.last+tag", "sub.example.com")),
                ((SmtpCommand.Mail) command("MAIL FROM:<first.last+tag@sub.example.com>")).from());
    }

    @Test
    void sourceRoutesAreAcceptedAndDiscarded() {
        assertEquals(ReversePath.of(box("user", "c.example")),
                ((SmtpCommand.Mail) command("MAIL FROM:<@a.example,@b.example:user@c.example>")).from());
        assertEquals(ForwardPath.of(box("user", "c.example")),
                ((SmtpCommand.Rcpt) command("RCPT TO:<@a.example:user@c.example>")).to());
        refused("RCPT TO:<@a..example:user@c.example>", Kind.BAD_RECIPIENT);
        refused("RCPT TO:<@a.example,user@c.example>", Kind.BAD_RECIPIENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"MAIL FROM:", "MAIL FROM:a@example.com", "MAIL FROM:<a@example.com", "MAIL FROM:<a>",
            "MAIL FROM:<@example.com>", "MAIL FROM:<a@>", "MAIL FROM:<a..b@example.com>", "MAIL FROM:<.a@example.com>",
            "MAIL FROM:<a b@example.com>", "MAIL FROM:<\"unclosed@example.com>", "MAIL FROM:<a@[1.2.3.4.5]>",
            "MAIL FROM: <a@example.com>", "MAIL FROM:<a@example.com>x", "MAIL FROM:<<a@example.com>>",
            "MAIL FROM:<Postmaster>", "MAIL FROM:<a@b@example.com>", "MAIL FROM:<a@exa mple.com>",
            "MAIL FROM:<a@example.com>>"})
    void badSenders(String line) {
        refused(line, Kind.BAD_SENDER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"MAIL", "MAIL <a@example.com>", "MAIL TO:<a@example.com>", "MAIL FROM <a@example.com>"})
    void mailWithoutFromIsASyntaxError(String line) {
        refused(line, Kind.SYNTAX_ERROR);
    }

    @Test
    void pathLengthLimits() {
        String local64 = "a".repeat(64);
        assertEquals(local64, ((SmtpCommand.Mail) command("MAIL FROM:<" + local64 + "@example.com>"))
                .from().mailbox().orElseThrow().localPart());
        refused("MAIL FROM:<" + local64 + "a@example.com>", Kind.BAD_SENDER);
        // 256 octets with the brackets: 64 + 1 + 189 + 2.
        String domain189 = ("a".repeat(61) + ".").repeat(3) + "com";
        assertEquals(189, domain189.length());
        assertTrue(command("MAIL FROM:<" + local64 + "@" + domain189 + ">") instanceof SmtpCommand.Mail);
        refused("MAIL FROM:<" + local64 + "@" + "b" + domain189 + ">", Kind.BAD_SENDER);
        refused("MAIL FROM:<a@" + "b".repeat(64) + ".com>", Kind.BAD_SENDER);
    }

    @Test
    void rcptPostmaster() {
        assertEquals(new SmtpCommand.Rcpt(new ForwardPath(box("Postmaster", ""), true), RcptParameters.NONE),
                command("RCPT TO:<Postmaster>"));
        SmtpCommand.Rcpt lower = (SmtpCommand.Rcpt) command("rcpt to:<postmaster>");
        assertTrue(lower.to().postmaster());
        assertEquals("postmaster", lower.to().mailbox().localPart());
        SmtpCommand.Rcpt withDomain = (SmtpCommand.Rcpt) command("RCPT TO:<postmaster@example.com>");
        assertFalse(withDomain.to().postmaster());
        refused("RCPT TO:<>", Kind.BAD_RECIPIENT);
        refused("RCPT TO:<postmistress>", Kind.BAD_RECIPIENT);
        refused("RCPT <a@example.com>", Kind.SYNTAX_ERROR);
    }

    // ------------------------------------------------------------ UTF-8

    @Test
    void utf8PathsNeedSmtpUtf8() {
        SmtpCommand.Mail mail = (SmtpCommand.Mail) command("MAIL FROM:<pelé@exämple.com> SMTPUTF8");
        assertEquals(box("pelé", "exämple.com"), mail.from().mailbox().orElseThrow());
        assertTrue(mail.parameters().smtpUtf8());
        refused("MAIL FROM:<pelé@example.com>", Kind.NON_ASCII_WITHOUT_SMTPUTF8);
        refused("MAIL FROM:<pele@exämple.com>", Kind.NON_ASCII_WITHOUT_SMTPUTF8);
        refused("RCPT TO:<用户@例子.广告>", Kind.NON_ASCII_WITHOUT_SMTPUTF8);
        assertEquals(new ServerEvent.Command(new SmtpCommand.Rcpt(ForwardPath.of(box("用户", "例子.广告")),
                RcptParameters.NONE)), afterUtf8Mail("RCPT TO:<用户@例子.广告>"));
        assertEquals(new ServerEvent.Command(new SmtpCommand.Rcpt(ForwardPath.of(box("δοκιμή", "example.com")),
                RcptParameters.NONE)), afterUtf8Mail("RCPT TO:<\"δοκιμή\"@example.com>"));
    }

    @Test
    void utf8PermissionIsTheSessionsSwitch() {
        SmtpCommandDecoder decoder = new SmtpCommandDecoder(STRICT);
        RecordingServerSink sink = new RecordingServerSink(decoder, false, false, 100);
        byte[] rcpt = "RCPT TO:<jö@example.com>\r\n".getBytes(StandardCharsets.UTF_8);
        decoder.decode(ByteBuffer.wrap(rcpt), sink);
        decoder.utf8PathsAllowed(true);
        decoder.decode(ByteBuffer.wrap(rcpt), sink);
        decoder.utf8PathsAllowed(false);
        decoder.decode(ByteBuffer.wrap(rcpt), sink);
        assertEquals(new ServerEvent.Invalid(Kind.NON_ASCII_WITHOUT_SMTPUTF8), sink.events().get(0));
        assertTrue(sink.events().get(1) instanceof ServerEvent.Command);
        assertEquals(new ServerEvent.Invalid(Kind.NON_ASCII_WITHOUT_SMTPUTF8), sink.events().get(2));
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] line = {'M', 'A', 'I', 'L', ' ', 'F', 'R', 'O', 'M', ':', '<', (byte) 0xC3, '@', 'x', '.', 'y', '>', ' ',
            'S', 'M', 'T', 'P', 'U', 'T', 'F', '8', '\r', '\n'};
        assertEquals(List.of(new ServerEvent.Invalid(Kind.BAD_SENDER)), ServerFeed.whole(line, STRICT, true).events());
        byte[] noop = {'N', 'O', 'O', 'P', ' ', (byte) 0xFF, '\r', '\n'};
        assertEquals(List.of(new ServerEvent.Invalid(Kind.SYNTAX_ERROR)), ServerFeed.whole(noop, STRICT, true).events());
        byte[] verb = {'Q', 'U', (byte) 0xC4, (byte) 0xB1, 'T', '\r', '\n'};
        assertEquals(List.of(new ServerEvent.Invalid(Kind.UNKNOWN_COMMAND)), ServerFeed.whole(verb, STRICT, true).events());
    }

    // ------------------------------------------------------------ MAIL parameters

    @Test
    void everyMailParameter() {
        SmtpCommand.Mail mail = (SmtpCommand.Mail) command("MAIL FROM:<a@example.com> size=12345 BODY=8bitmime "
                + "SMTPUTF8 RET=hdrs ENVID=QQ314159+2B1 AUTH=e+3Dmc2@example.com REQUIRETLS");
        MailParameters p = mail.parameters();
        assertEquals(OptionalLong.of(12345), p.size());
        assertEquals(Optional.of(BodyType.EIGHT_BIT_MIME), p.body());
        assertTrue(p.smtpUtf8());
        assertEquals(Optional.of(DsnReturn.HDRS), p.ret());
        assertEquals(Optional.of("QQ314159+1"), p.envelopeId());
        assertEquals(Optional.of("e=mc2@example.com"), p.auth());
        assertTrue(p.requireTls());
        assertEquals(Optional.of(BodyType.SEVEN_BIT), ((SmtpCommand.Mail) command("MAIL FROM:<> BODY=7BIT"))
                .parameters().body());
        assertEquals(Optional.of(BodyType.BINARY_MIME), ((SmtpCommand.Mail) command("MAIL FROM:<> BODY=BINARYMIME"))
                .parameters().body());
        assertEquals(Optional.of(DsnReturn.FULL), ((SmtpCommand.Mail) command("MAIL FROM:<> RET=FULL"))
                .parameters().ret());
        assertEquals(Optional.of("<>"), ((SmtpCommand.Mail) command("MAIL FROM:<> AUTH=<>")).parameters().auth());
        assertEquals(OptionalLong.of(Long.MAX_VALUE), ((SmtpCommand.Mail) command("MAIL FROM:<> SIZE="
                + "9".repeat(20))).parameters().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"SIZE=1 SIZE=2", "BODY=7BIT body=8BITMIME", "SMTPUTF8 SMTPUTF8", "RET=FULL RET=HDRS",
            "ENVID=a ENVID=b", "AUTH=<> AUTH=<>", "REQUIRETLS REQUIRETLS"})
    void duplicateMailParameters(String params) {
        refused("MAIL FROM:<a@example.com> " + params, Kind.DUPLICATE_PARAMETER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"XFOO=1", "NOTIFY=NEVER", "ORCPT=rfc822;a@b", "SIZEX=1", "HOLDFOR=10"})
    void unknownMailParameters(String params) {
        refused("MAIL FROM:<a@example.com> " + params, Kind.UNKNOWN_PARAMETER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SIZE", "SIZE=", "SIZE=x", "SIZE=-1", "SIZE=" + "1" + "000000000000000000000", "BODY=8BIT",
            "BODY", "SMTPUTF8=yes", "REQUIRETLS=1", "RET=ALL", "RET", "ENVID=", "ENVID=a+2", "ENVID=a+2b",
            "ENVID=+0D+0A", "AUTH=a+ZZ", "AUTH=", "ENVID=a=b", "SIZE=\u0661"})
    void badMailParameterValues(String params) {
        refused("MAIL FROM:<a@example.com> " + params, Kind.BAD_PARAMETER_VALUE);
    }

    @Test
    void envelopeIdIsAtMost100Characters() {
        assertTrue(command("MAIL FROM:<a@b.example> ENVID=" + "x".repeat(100)) instanceof SmtpCommand.Mail);
        refused("MAIL FROM:<a@b.example> ENVID=" + "x".repeat(101), Kind.BAD_PARAMETER_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"MAIL FROM:<a@example.com>  SIZE=1", "MAIL FROM:<a@example.com> ", "MAIL FROM:<a@example.com> =1",
            "MAIL FROM:<a@example.com> -X=1"})
    void malformedParameterListsAreSyntaxErrors(String line) {
        refused(line, Kind.SYNTAX_ERROR);
    }

    // ------------------------------------------------------------ RCPT parameters

    @Test
    void everyRcptParameter() {
        SmtpCommand.Rcpt rcpt = (SmtpCommand.Rcpt) command(
                "RCPT TO:<b@example.com> NOTIFY=success,DELAY ORCPT=rfc822;b+2Bx@example.com");
        assertEquals(Set.of(DsnNotify.SUCCESS, DsnNotify.DELAY), rcpt.parameters().notifyOn());
        assertEquals(Optional.of(new OriginalRecipient("rfc822", "b+x@example.com")), rcpt.parameters().orcpt());
        assertEquals(Set.of(DsnNotify.NEVER),
                ((SmtpCommand.Rcpt) command("RCPT TO:<b@example.com> NOTIFY=NEVER")).parameters().notifyOn());
        assertEquals(Optional.of(new OriginalRecipient("utf-8", "δ@example.com")),
                ((SmtpCommand.Rcpt) command("RCPT TO:<b@example.com> ORCPT=utf-8;\\x{3B4}@example.com"))
                        .parameters().orcpt());
        assertEquals(new ServerEvent.Command(new SmtpCommand.Rcpt(ForwardPath.of(box("b", "example.com")),
                new RcptParameters(Set.of(), Optional.of(new OriginalRecipient("UTF-8", "δ@example.com"))))),
                afterUtf8Mail("RCPT TO:<b@example.com> ORCPT=UTF-8;δ@example.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"NOTIFY=NEVER NOTIFY=NEVER", "ORCPT=rfc822;a@b ORCPT=rfc822;a@b", "notify=DELAY NOTIFY=SUCCESS"})
    void duplicateRcptParameters(String params) {
        refused("RCPT TO:<a@example.com> " + params, Kind.DUPLICATE_PARAMETER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SIZE=1", "BODY=8BITMIME", "SMTPUTF8", "RET=FULL", "XFOO"})
    void unknownRcptParameters(String params) {
        refused("RCPT TO:<a@example.com> " + params, Kind.UNKNOWN_PARAMETER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"NOTIFY", "NOTIFY=", "NOTIFY=NEVER,SUCCESS", "NOTIFY=SUCCESS,SUCCESS", "NOTIFY=SUCCESS,",
            "NOTIFY=ALWAYS", "ORCPT", "ORCPT=", "ORCPT=rfc822", "ORCPT=rfc822;", "ORCPT=;a@b", "ORCPT=rfc822;a+0Ab",
            "ORCPT=rfc822;a+x", "ORCPT=utf-8;a\\x{41}", "ORCPT=utf-8;a\\x{zz}", "ORCPT=utf-8;a+2Bb", "ORCPT=rf(c;a@b"})
    void badRcptParameterValues(String params) {
        refused("RCPT TO:<a@example.com> " + params, Kind.BAD_PARAMETER_VALUE);
    }

    @Test
    void rawUtf8OrcptNeedsSmtpUtf8() {
        refused("RCPT TO:<a@example.com> ORCPT=utf-8;δ@example.com", Kind.NON_ASCII_WITHOUT_SMTPUTF8);
        refused("RCPT TO:<a@example.com> ORCPT=rfc822;δ@example.com", Kind.BAD_PARAMETER_VALUE);
    }

    // ------------------------------------------------------------ line defects

    @Test
    void nulBareCrAndBareLfInCommands() {
        assertEquals(List.of(new ServerEvent.Invalid(Kind.NUL), new ServerEvent.Command(new SmtpCommand.Quit())),
                events("NOOP a\0b\r\nQUIT\r\n", STRICT));
        assertEquals(List.of(new ServerEvent.Invalid(Kind.BARE_CR), new ServerEvent.Command(new SmtpCommand.Quit())),
                events("NOOP a\rb\r\nQUIT\r\n", STRICT));
        // A bare LF does not end a line: "QUIT" here is part of the refused line.
        assertEquals(List.of(new ServerEvent.Invalid(Kind.BARE_LF), new ServerEvent.Command(new SmtpCommand.Rset())),
                events("NOOP\nQUIT\r\nRSET\r\n", STRICT));
        assertEquals(List.of(new ServerEvent.Invalid(Kind.NUL)), events("\0\r\n", STRICT));
        assertEquals(List.of(new ServerEvent.Invalid(Kind.BARE_CR)), events("QUIT\r\r\n", STRICT));
    }

    @Test
    void violationRepliesAreThePromisedOnesAndNeverEchoInput() {
        assertEquals("500 [5.5.2] Line too long", describe(Kind.LINE_TOO_LONG));
        assertEquals("500 [5.5.1] Command unrecognized", describe(Kind.UNKNOWN_COMMAND));
        assertEquals("501 [5.5.4] Syntax error in parameters or arguments", describe(Kind.SYNTAX_ERROR));
        assertEquals("501 [5.1.7] Bad sender address syntax", describe(Kind.BAD_SENDER));
        assertEquals("501 [5.1.3] Bad recipient address syntax", describe(Kind.BAD_RECIPIENT));
        assertEquals("555 [5.5.4] MAIL FROM/RCPT TO parameters not recognized or not implemented",
                describe(Kind.UNKNOWN_PARAMETER));
        assertEquals(553, Kind.NON_ASCII_WITHOUT_SMTPUTF8.reply().code());
        assertEquals("5.6.7", Kind.NON_ASCII_WITHOUT_SMTPUTF8.reply().status().orElseThrow().toString());
        for (Kind kind : Kind.values()) {
            assertTrue(kind.reply().isPermanentNegative(), kind::name);
            assertEquals(1, kind.reply().lines().size());
            assertEquals(kind.reply(), CommandViolation.of(kind).reply());
        }
        assertEquals("500 [5.5.6] Authentication Exchange line is too long", describe(Kind.AUTH_LINE_TOO_LONG));
        for (Kind kind : List.of(Kind.NUL, Kind.BARE_CR, Kind.BARE_LF)) {
            assertEquals("5.5.2", kind.reply().status().orElseThrow().toString());
            assertEquals(500, kind.reply().code());
        }
    }

    private static String describe(Kind kind) {
        return kind.reply().code() + " [" + kind.reply().status().orElseThrow() + "] " + kind.reply().text();
    }

    // ------------------------------------------------------------ modes

    @Test
    void pipelinedEhloSession() {
        String in = "EHLO client.example\r\nMAIL FROM:<a@example.com> SIZE=20\r\nRCPT TO:<b@example.com>\r\n"
                + "RCPT TO:<c@example.com>\r\nDATA\r\nSubject: hi\r\n\r\n..dot\r\n.\r\nQUIT\r\n";
        List<ServerEvent> events = events(in, STRICT);
        assertEquals(8, events.size(), events::toString);
        assertEquals(new ServerEvent.Data("Subject: hi\r\n\r\n.dot\r\n"), events.get(5));
        assertEquals(new ServerEvent.DataEnd(new DataOutcome(21, Set.of())), events.get(6));
        assertEquals(new ServerEvent.Command(new SmtpCommand.Quit()), events.get(7));
    }

    @Test
    void authContinuations() {
        List<ServerEvent> events = events("AUTH LOGIN\r\ndXNlcg==\r\nAUTH PLAIN\r\n*\r\nQUIT\r\n", STRICT);
        assertEquals(List.of(
                new ServerEvent.Command(new SmtpCommand.Auth("LOGIN", Optional.empty())),
                new ServerEvent.AuthLine("dXNlcg=="),
                new ServerEvent.Command(new SmtpCommand.Auth("PLAIN", Optional.empty())),
                new ServerEvent.AuthLine("*"),
                new ServerEvent.Command(new SmtpCommand.Quit())), events);
    }

    @Test
    void authContinuationDefects() {
        assertEquals(new ServerEvent.Invalid(Kind.NUL), events("AUTH LOGIN\r\nab\0c\r\n", STRICT).get(1));
        assertEquals(new ServerEvent.Invalid(Kind.BARE_LF), events("AUTH LOGIN\r\nab\nc\r\n", STRICT).get(1));
        byte[] nonAscii = "AUTH LOGIN\r\nä\r\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(new ServerEvent.Invalid(Kind.SYNTAX_ERROR), ServerFeed.whole(nonAscii, STRICT, true).events().get(1));
    }

    @Test
    void bdatChunksAreConsumedExactlyAndMayHoldAnything() {
        String in = "BDAT 7\r\nQUIT\r\n\0BDAT 0 LAST\r\nRSET\r\n";
        assertEquals(List.of(
                new ServerEvent.Command(new SmtpCommand.Bdat(7, false)),
                new ServerEvent.Bdat("QUIT\r\n\0"),
                new ServerEvent.BdatEnd(7),
                new ServerEvent.Command(new SmtpCommand.Bdat(0, true)),
                new ServerEvent.BdatEnd(0),
                new ServerEvent.Command(new SmtpCommand.Rset())), events(in, STRICT));
    }

    @Test
    void refusedBdatChunkIsStillConsumed() {
        SmtpCommandDecoder decoder = new SmtpCommandDecoder(STRICT);
        RecordingServerSink sink = new RecordingServerSink(decoder, false, false, 0) {
            @Override
            public boolean command(SmtpCommand command) {
                if (command instanceof SmtpCommand.Bdat b) {
                    decoder.expectBdat(b.chunkSize(), false);
                }
                return super.command(command);
            }
        };
        decoder.decode(ByteBuffer.wrap("BDAT 4 LAST\r\nQUITRSET\r\n".getBytes(StandardCharsets.US_ASCII)), sink);
        assertEquals(List.of(new ServerEvent.Command(new SmtpCommand.Bdat(4, true)), new ServerEvent.BdatEnd(4),
                new ServerEvent.Command(new SmtpCommand.Rset())), sink.events());
    }

    @Test
    void pausingStopsRightAfterTheEvent() {
        SmtpCommandDecoder decoder = new SmtpCommandDecoder(STRICT);
        RecordingServerSink sink = new RecordingServerSink(decoder, false, true, 0);
        ByteBuffer in = ByteBuffer.wrap("NOOP\r\nSTARTTLS\r\ninjected".getBytes(StandardCharsets.US_ASCII));
        decoder.decode(in, sink);
        assertEquals(6, in.position());
        decoder.decode(in, sink);
        assertEquals(16, in.position());
        assertEquals(new ServerEvent.Command(new SmtpCommand.StartTls()), sink.events().get(1));
        assertEquals("injected".length(), in.remaining());
    }

    @Test
    void resetForgetsPartialInputAndMode() {
        SmtpCommandDecoder decoder = new SmtpCommandDecoder(STRICT);
        RecordingServerSink sink = new RecordingServerSink(decoder, false, false, 0);
        decoder.decode(ByteBuffer.wrap("RCPT TO:<a@exa".getBytes(StandardCharsets.US_ASCII)), sink);
        decoder.reset();
        decoder.decode(ByteBuffer.wrap("QUIT\r\n".getBytes(StandardCharsets.US_ASCII)), sink);
        assertEquals(List.of(new ServerEvent.Command(new SmtpCommand.Quit())), sink.events());
        decoder.expectData(10);
        assertEquals(SmtpCommandDecoder.Mode.DATA, decoder.mode());
        decoder.reset();
        assertEquals(SmtpCommandDecoder.Mode.COMMAND, decoder.mode());
    }

    @Test
    void modeSwitchesAreCheckedAtTheApi() {
        SmtpCommandDecoder decoder = new SmtpCommandDecoder(STRICT);
        RecordingServerSink sink = new RecordingServerSink(decoder, false, false, 0);
        decoder.decode(ByteBuffer.wrap("DATA\r\nSubj".getBytes(StandardCharsets.US_ASCII)), sink);
        assertThrows(IllegalStateException.class, () -> decoder.expectData(10));
        SmtpCommandDecoder other = new SmtpCommandDecoder(STRICT);
        other.expectData(10);
        assertThrows(IllegalStateException.class, () -> other.expectAuthResponse());
        assertThrows(IllegalStateException.class, () -> other.expectBdat(1, true));
        assertThrows(IllegalArgumentException.class, () -> new SmtpCommandDecoder(STRICT).expectData(-1));
        assertThrows(IllegalArgumentException.class, () -> new SmtpCommandDecoder(STRICT).expectBdat(-1, true));
    }

    @Test
    void decodeIgnoresEmptyInput() {
        SmtpCommandDecoder decoder = new SmtpCommandDecoder(STRICT);
        RecordingServerSink sink = new RecordingServerSink(decoder, true, false, 0);
        decoder.decode(ByteBuffer.allocate(0), sink);
        assertTrue(sink.events().isEmpty());
    }
}
