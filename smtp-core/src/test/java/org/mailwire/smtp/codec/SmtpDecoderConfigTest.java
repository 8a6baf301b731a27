package org.mailwire.smtp.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mailwire.smtp.codec.SmtpCommandDecoderTest.command;
import static org.mailwire.smtp.codec.SmtpCommandDecoderTest.refused;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mailwire.smtp.Mailbox;
import org.mailwire.smtp.ReversePath;
import org.mailwire.smtp.SmtpCommand;
import org.mailwire.smtp.codec.CommandViolation.Kind;

/** Every limit and leniency, on both sides of its boundary. */
class SmtpDecoderConfigTest {

    private static final SmtpDecoderConfig STRICT = SmtpDecoderConfig.defaults();

    @Test
    void defaultsAreTheRfcValues() {
        SmtpDecoderConfig c = STRICT;
        assertEquals(512, c.maxCommandLine());
        assertEquals(26, c.sizeAllowance());
        assertEquals(500, c.authAllowance());
        assertEquals(118, c.dsnMailAllowance());
        assertEquals(500, c.dsnRcptAllowance());
        assertEquals(10, c.smtpUtf8Allowance());
        assertEquals(1000, c.maxTextLine());
        assertEquals(12288, c.maxAuthLine());
        assertEquals(100, c.maxRecipients());
        assertEquals(25L * 1024 * 1024, c.maxMessageSize());
        assertEquals(16 * 1024, c.maxReplyLineLength());
        assertEquals(500, c.maxReplyLines());
        assertEquals(256 * 1024, c.maxReplySize());
        assertTrue(c.leniencies().isEmpty());
        assertEquals(512 + 26 + 500 + 118 + 10, c.maxMailLine());
        assertEquals(512 + 500, c.maxRcptLine());
        assertEquals(c, c.toBuilder().build());
    }

    @Test
    void invalidValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SmtpDecoderConfig.builder().maxCommandLine(15).build());
        assertThrows(IllegalArgumentException.class, () -> SmtpDecoderConfig.builder().maxTextLine(0).build());
        assertThrows(IllegalArgumentException.class, () -> SmtpDecoderConfig.builder().maxAuthLine(Integer.MAX_VALUE).build());
        assertThrows(IllegalArgumentException.class, () -> SmtpDecoderConfig.builder().sizeAllowance(-1).build());
        assertThrows(IllegalArgumentException.class, () -> SmtpDecoderConfig.builder().maxRecipients(0).build());
        assertThrows(IllegalArgumentException.class, () -> SmtpDecoderConfig.builder().maxMessageSize(-1).build());
        assertThrows(IllegalArgumentException.class, () -> SmtpDecoderConfig.builder().maxReplyLines(0).build());
        assertThrows(IllegalArgumentException.class, () -> SmtpDecoderConfig.builder().maxReplyLineLength(8).build());
        assertThrows(IllegalArgumentException.class, () -> SmtpDecoderConfig.builder().maxReplySize(1).build());
        assertThrows(IllegalArgumentException.class, () -> SmtpDecoderConfig.builder()
                .maxCommandLine(SmtpDecoderConfig.MAX_LINE_LIMIT).dsnRcptAllowance(1).build());
        assertEquals(16, SmtpDecoderConfig.builder().maxCommandLine(16).build().maxCommandLine());
    }

    /** A command of exactly {@code octets} octets with its CRLF. */
    private static String noop(int octets) {
        return "NOOP " + "x".repeat(octets - 7);
    }

    @Test
    void commandLineLimit() {
        assertEquals(new SmtpCommand.Noop("x".repeat(505)), command(noop(512)));
        refused(noop(513), Kind.LINE_TOO_LONG);
        SmtpDecoderConfig small = SmtpDecoderConfig.builder().maxCommandLine(20).build();
        assertTrue(command(noop(20), small) instanceof SmtpCommand.Noop);
        refused(noop(21), Kind.LINE_TOO_LONG, small);
    }

    @Test
    void mailLineAllowanceIsTheSumOfTheMailAllowances() {
        SmtpDecoderConfig config = SmtpDecoderConfig.builder().maxCommandLine(40).sizeAllowance(1).authAllowance(2)
                .dsnMailAllowance(3).smtpUtf8Allowance(4).dsnRcptAllowance(0).maxAuthLine(16).build();
        assertEquals(50, config.maxMailLine());
        String mail = "MAIL FROM:<a@b.example> ENVID=";
        String fits = mail + "x".repeat(50 - 2 - mail.length());
        assertTrue(command(fits, config) instanceof SmtpCommand.Mail);
        refused(fits + "x", Kind.LINE_TOO_LONG, config);
        // Other verbs keep the plain limit.
        assertTrue(command(noop(40), config) instanceof SmtpCommand.Noop);
        refused(noop(41), Kind.LINE_TOO_LONG, config);
    }

    @Test
    void rcptLineAllowance() {
        SmtpDecoderConfig config = SmtpDecoderConfig.builder().maxCommandLine(30).dsnRcptAllowance(10).build();
        String rcpt = "RCPT TO:<a@b.example> ORCPT=rfc822;";
        String fits = rcpt + "x".repeat(40 - 2 - rcpt.length());
        assertTrue(command(fits, config) instanceof SmtpCommand.Rcpt);
        refused(fits + "x", Kind.LINE_TOO_LONG, config);
        String defaultRcpt = "RCPT TO:<a@b.example> ORCPT=rfc822;" + "y".repeat(1012 - 2 - rcpt.length());
        assertTrue(command(defaultRcpt) instanceof SmtpCommand.Rcpt);
        refused(defaultRcpt + "y", Kind.LINE_TOO_LONG);
    }

    @Test
    void authLineLimitForInitialResponsesAndContinuations() {
        String auth = "AUTH PLAIN ";
        String fits = auth + "A".repeat(((12288 - 2 - auth.length()) / 4) * 4);
        assertTrue(command(fits) instanceof SmtpCommand.Auth);
        String tooLong = auth + "A".repeat(((12288 - 2 - auth.length()) / 4 + 1) * 4);
        refused(tooLong, Kind.LINE_TOO_LONG);

        SmtpDecoderConfig config = SmtpDecoderConfig.builder().maxAuthLine(20).build();
        assertEquals(List.of(new ServerEvent.Command(new SmtpCommand.Auth("LOGIN", java.util.Optional.empty())),
                new ServerEvent.AuthLine("a".repeat(18))),
                ServerFeed.whole("AUTH LOGIN\r\n" + "a".repeat(18) + "\r\n", config, true).events());
        assertEquals(List.of(new ServerEvent.Command(new SmtpCommand.Auth("LOGIN", java.util.Optional.empty())),
                new ServerEvent.Invalid(Kind.AUTH_LINE_TOO_LONG), new ServerEvent.Command(new SmtpCommand.Quit())),
                ServerFeed.whole("AUTH LOGIN\r\n" + "a".repeat(19) + "\r\nQUIT\r\n", config, true).events());
    }

    @Test
    void overlongLinesAreSkippedNotBuffered() {
        String huge = "NOOP " + "x".repeat(100_000) + "\r\nQUIT\r\n";
        assertEquals(List.of(new ServerEvent.Invalid(Kind.LINE_TOO_LONG), new ServerEvent.Command(new SmtpCommand.Quit())),
                ServerFeed.feed(huge.getBytes(java.nio.charset.StandardCharsets.US_ASCII), new int[] {1000}, STRICT,
                        true, false, false).events());
    }

    @Test
    void bareLfEndsCommandLeniency() {
        SmtpDecoderConfig lenient = SmtpDecoderConfig.builder().allow(SmtpLeniency.BARE_LF_ENDS_COMMAND).build();
        assertEquals(List.of(new ServerEvent.Command(new SmtpCommand.Noop("")), new ServerEvent.Command(new SmtpCommand.Quit())),
                ServerFeed.whole("NOOP\nQUIT\r\n", lenient, true).events());
        assertEquals(List.of(new ServerEvent.Invalid(Kind.BARE_LF)), ServerFeed.whole("NOOP\nQUIT\r\n", STRICT, true).events());
        // Still no bare CR, and the DATA rules are untouched.
        assertEquals(List.of(new ServerEvent.Invalid(Kind.BARE_CR)), ServerFeed.whole("NOOP\rx\n", lenient, true).events());
        List<ServerEvent> data = ServerFeed.whole("DATA\na\n.\nb\r\n.\r\n", lenient, true).events();
        assertEquals(new ServerEvent.Data("a\n.\nb\r\n"), data.get(1));
    }

    @Test
    void missingAngleBracketsLeniency() {
        SmtpDecoderConfig lenient = SmtpDecoderConfig.builder().allow(SmtpLeniency.MISSING_ANGLE_BRACKETS).build();
        SmtpCommand.Mail mail = (SmtpCommand.Mail) command("MAIL FROM:user@example.com SIZE=5", lenient);
        assertEquals(ReversePath.of(new Mailbox("user", "example.com")), mail.from());
        assertEquals(java.util.OptionalLong.of(5), mail.parameters().size());
        assertTrue(((SmtpCommand.Rcpt) command("RCPT TO:postmaster", lenient)).to().postmaster());
        assertTrue(command("MAIL FROM:<user@example.com>", lenient) instanceof SmtpCommand.Mail);
        refused("MAIL FROM:user@example.com", Kind.BAD_SENDER);
        refused("MAIL FROM:", Kind.BAD_SENDER, lenient);
        refused("MAIL FROM:us<er@example.com", Kind.BAD_SENDER, lenient);
    }

    @Test
    void spaceAfterColonLeniency() {
        SmtpDecoderConfig lenient = SmtpDecoderConfig.builder().allow(SmtpLeniency.SPACE_AFTER_COLON).build();
        assertTrue(command("MAIL FROM: <a@example.com>", lenient) instanceof SmtpCommand.Mail);
        assertTrue(command("RCPT TO:  <a@example.com>", lenient) instanceof SmtpCommand.Rcpt);
        refused("MAIL FROM: <a@example.com>", Kind.BAD_SENDER);
        refused("RCPT TO: <a@example.com>", Kind.BAD_RECIPIENT);
        refused("MAIL FROM: ", Kind.BAD_SENDER, lenient);
    }

    @Test
    void leniencySetIsImmutable() {
        SmtpDecoderConfig c = SmtpDecoderConfig.builder().leniencies(Set.of(SmtpLeniency.SPACE_AFTER_COLON)).build();
        assertTrue(c.allows(SmtpLeniency.SPACE_AFTER_COLON));
        assertFalse(c.allows(SmtpLeniency.MISSING_ANGLE_BRACKETS));
        assertThrows(UnsupportedOperationException.class, () -> c.leniencies().add(SmtpLeniency.MISSING_ANGLE_BRACKETS));
    }
}
