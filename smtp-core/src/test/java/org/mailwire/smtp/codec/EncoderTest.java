package org.mailwire.smtp.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
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
import org.mailwire.smtp.SmtpReply;

class EncoderTest {

    private static String wire(ByteBuffer b) {
        return StandardCharsets.UTF_8.decode(b).toString();
    }

    private static String encode(SmtpCommand c) {
        return wire(SmtpCommandEncoder.encode(c));
    }

    @Test
    void canonicalCommands() {
        assertEquals("EHLO client.example\r\n", encode(new SmtpCommand.Ehlo("client.example")));
        assertEquals("LHLO [192.0.2.1]\r\n", encode(new SmtpCommand.Lhlo("[192.0.2.1]")));
        assertEquals("MAIL FROM:<a@b> SIZE=123 BODY=8BITMIME\r\n", encode(new SmtpCommand.Mail(
                ReversePath.of(new Mailbox("a", "b")), MailParameters.NONE.withSize(123).withBody(BodyType.EIGHT_BIT_MIME))));
        assertEquals("MAIL FROM:<> BODY=BINARYMIME SMTPUTF8 RET=HDRS ENVID=id+2B1 AUTH=e+3Dmc2@x.example REQUIRETLS\r\n",
                encode(new SmtpCommand.Mail(ReversePath.NULL, MailParameters.NONE.withBody(BodyType.BINARY_MIME)
                        .withSmtpUtf8(true).withRet(DsnReturn.HDRS).withEnvelopeId("id+1").withAuth("e=mc2@x.example")
                        .withRequireTls(true))));
        assertEquals("RCPT TO:<\"john doe\"@example.com> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;j+2Bd@example.com\r\n",
                encode(new SmtpCommand.Rcpt(ForwardPath.of(new Mailbox("john doe", "example.com")), new RcptParameters(
                        Set.of(DsnNotify.FAILURE, DsnNotify.SUCCESS),
                        Optional.of(new OriginalRecipient("rfc822", "j+d@example.com"))))));
        assertEquals("RCPT TO:<Postmaster> ORCPT=utf-8;\\x{3B4}\\x{20}x@example.com\r\n",
                encode(new SmtpCommand.Rcpt(ForwardPath.POSTMASTER, new RcptParameters(Set.of(),
                        Optional.of(new OriginalRecipient("utf-8", "δ x@example.com"))))));
        assertEquals("BDAT 0 LAST\r\n", encode(new SmtpCommand.Bdat(0, true)));
        assertEquals("BDAT 42\r\n", encode(new SmtpCommand.Bdat(42, false)));
        assertEquals("AUTH PLAIN =\r\n", encode(new SmtpCommand.Auth("plain", Optional.of("="))));
        assertEquals("AUTH LOGIN\r\n", encode(new SmtpCommand.Auth("LOGIN", Optional.empty())));
        assertEquals("NOOP\r\n", encode(new SmtpCommand.Noop("")));
        assertEquals("HELP DATA\r\n", encode(new SmtpCommand.Help("DATA")));
        assertEquals("VRFY Smith\r\n", encode(new SmtpCommand.Vrfy("Smith")));
        assertEquals("EXPN list\r\n", encode(new SmtpCommand.Expn("list")));
        for (SmtpCommand c : List.of(new SmtpCommand.Data(), new SmtpCommand.Rset(), new SmtpCommand.Quit(),
                new SmtpCommand.StartTls())) {
            assertEquals(c.verb() + "\r\n", encode(c));
        }
    }

    @Test
    void injectionIsRefusedWhenACommandIsBuiltWithoutEchoingTheValue() {
        String evil = "x\r\nRCPT TO:<victim@example.com>";
        for (Runnable build : List.<Runnable>of(
                () -> new SmtpCommand.Noop(evil),
                () -> new SmtpCommand.Help(evil),
                () -> new SmtpCommand.Vrfy(evil),
                () -> new SmtpCommand.Expn("a\nb"),
                () -> new SmtpCommand.Ehlo(evil),
                () -> new SmtpCommand.Auth("PLAIN", Optional.of(evil)),
                () -> new SmtpCommand.Auth(evil, Optional.empty()),
                () -> new Mailbox(evil, "example.com"),
                () -> new Mailbox("a", evil),
                () -> new Mailbox("a\0b", "example.com"),
                () -> MailParameters.NONE.withEnvelopeId("a\rb"),
                () -> MailParameters.NONE.withAuth("a\nb"),
                () -> new OriginalRecipient("rfc822", evil),
                () -> new OriginalRecipient("utf-8", "a\u0000b"),
                () -> SmtpReply.of(250, null, evil),
                () -> SmtpReply.of(250, null, "ok", "a\0b"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::run);
            assertFalse(String.valueOf(e.getMessage()).contains("victim"), e.getMessage());
        }
    }

    @Test
    void replies() {
        assertEquals("250 OK\r\n", wire(SmtpReplyEncoder.encode(SmtpReply.of(250, null, "OK"))));
        assertEquals("250-2.0.0 a\r\n250-2.0.0\r\n250 2.0.0 c\r\n",
                wire(SmtpReplyEncoder.encode(SmtpReply.of(250, "2.0.0", "a", "", "c"))));
        assertEquals("354\r\n", wire(SmtpReplyEncoder.encode(SmtpReply.of(354, null))));
        assertEquals("250-\r\n250 x\r\n", wire(SmtpReplyEncoder.encode(SmtpReply.of(250, null, "", "x"))));
    }
}
