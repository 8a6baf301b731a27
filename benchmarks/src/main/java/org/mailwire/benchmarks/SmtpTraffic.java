package org.mailwire.benchmarks;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/**
 * Realistic SMTP input for the benchmarks, the same bytes on every run: a seeded generator, no
 * files. Every stream ends on a complete line, so a decoder is back where it started after it.
 */
final class SmtpTraffic {
    private static final long SEED = 5321;

    private SmtpTraffic() {
    }

    /** What the command stream holds: whole rounds of one transaction set up and reset. */
    record Commands(byte[] bytes, int rounds, int commandsPerRound) {
        int commands() {
            return rounds * commandsPerRound;
        }
    }

    /** One pipelined transaction set-up per round: EHLO, MAIL with parameters, 10 RCPT, RSET. */
    static Commands commandStream(int minimumBytes) {
        StringBuilder round = new StringBuilder();
        round.append("EHLO client-17.mail.example.org\r\n");
        round.append("MAIL FROM:<newsletter-bounces+alice=example.net@lists.example.org> SIZE=48213 BODY=8BITMIME"
                + " RET=HDRS ENVID=QQ314159.2718\r\n");
        for (int i = 1; i <= 10; i++) {
            round.append("RCPT TO:<recipient.").append(i).append("@example.net>");
            if (i % 3 == 0) {
                // Some senders ask for DSNs (RFC 3461) on some recipients.
                round.append(" NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;recipient.").append(i).append("@example.net");
            }
            round.append("\r\n");
        }
        round.append("RSET\r\n");
        byte[] one = round.toString().getBytes(StandardCharsets.US_ASCII);
        int rounds = Math.max(1, (minimumBytes + one.length - 1) / one.length);
        return new Commands(repeat(one, rounds), rounds, 13);
    }

    /** A message as sent after DATA: dot-stuffed, ending with the terminator. */
    record Message(byte[] wire, long unstuffedSize, int stuffedLines) {
    }

    /**
     * A MIME message of about {@code approximateSize} octets: trace and DKIM headers, a text part
     * in which some lines start with a dot (sent as "..") and a base64 attachment, each line ending
     * CRLF, then {@code .CRLF}.
     */
    static Message message(int approximateSize) {
        Random random = new Random(SEED);
        StringBuilder text = new StringBuilder();
        text.append("Received: from client-17.mail.example.org (client-17.mail.example.org [192.0.2.17])\r\n"
                + "\tby mx.example.net (Mailwire) with ESMTPS id 4XyZ123AbC\r\n"
                + "\tfor <recipient.1@example.net>; Tue, 04 Mar 2025 10:15:02 +0000\r\n");
        text.append("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=lists.example.org; s=sel1;\r\n"
                + "\th=from:to:subject:date:message-id:mime-version:content-type;\r\n"
                + "\tbh=").append(base64(random, 32)).append(";\r\n"
                + "\tb=").append(base64(random, 128)).append("\r\n");
        text.append("From: Alice Example <alice@lists.example.org>\r\n"
                + "To: Recipients <recipient.1@example.net>\r\n"
                + "Subject: Quarterly figures, as discussed\r\n"
                + "Date: Tue, 04 Mar 2025 10:15:01 +0000\r\n"
                + "Message-ID: <20250304101501.4711@lists.example.org>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"=_boundary_5321\"\r\n"
                + "\r\n"
                + "--=_boundary_5321\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n"
                + "\r\n");
        String[] words = {"the", "figures", "for", "March", "show", "a", "steady", "rise", "in", "deliveries",
            "and", "fewer", "bounces", "than", "last", "quarter", "see", "attached", "report", "details"};
        // A third of the message is text, the rest an attachment, as in typical business mail.
        int stuffed = 0;
        while (text.length() < approximateSize / 3) {
            StringBuilder line = new StringBuilder();
            if (random.nextInt(25) == 0) {
                // "...", ".signature", ". item": lines a client must send with an extra dot.
                line.append('.');
                stuffed++;
            }
            int width = 40 + random.nextInt(36);
            while (line.length() < width) {
                line.append(words[random.nextInt(words.length)]).append(' ');
            }
            text.append(line.toString().stripTrailing()).append("\r\n");
            if (random.nextInt(8) == 0) {
                text.append("\r\n");
            }
        }
        text.append("\r\n--=_boundary_5321\r\n"
                + "Content-Type: application/pdf; name=\"report.pdf\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"report.pdf\"\r\n"
                + "\r\n");
        int tail = "\r\n--=_boundary_5321--\r\n".length();
        while (text.length() + 78 + tail < approximateSize) {
            text.append(base64(random, 57)).append("\r\n"); // 57 octets: one 76-character line
        }
        text.append("\r\n--=_boundary_5321--\r\n");

        byte[] unstuffed = text.toString().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream wire = new ByteArrayOutputStream(unstuffed.length + stuffed + 3);
        boolean lineStart = true;
        for (byte b : unstuffed) {
            if (lineStart && b == '.') {
                wire.write('.');
            }
            wire.write(b);
            lineStart = b == '\n';
        }
        wire.writeBytes(".\r\n".getBytes(StandardCharsets.US_ASCII));
        return new Message(wire.toByteArray(), unstuffed.length, stuffed);
    }

    /** What the reply stream holds. */
    record Replies(byte[] bytes, int replies, int lines) {
    }

    /**
     * What a client reads while sending one message per round: the multi-line EHLO reply, then
     * MAIL, three RCPT, 354 and the 250 that accepts the message.
     */
    static Replies replyStream(int minimumBytes) {
        String round = "250-mx.example.net Hello client-17.mail.example.org [192.0.2.17]\r\n"
                + "250-SIZE 52428800\r\n"
                + "250-8BITMIME\r\n"
                + "250-PIPELINING\r\n"
                + "250-CHUNKING\r\n"
                + "250-SMTPUTF8\r\n"
                + "250-DSN\r\n"
                + "250-ENHANCEDSTATUSCODES\r\n"
                + "250-AUTH PLAIN LOGIN SCRAM-SHA-256\r\n"
                + "250 STARTTLS\r\n"
                + "250 2.1.0 Sender <alice@lists.example.org> OK\r\n"
                + "250 2.1.5 Recipient <recipient.1@example.net> OK\r\n"
                + "250 2.1.5 Recipient <recipient.2@example.net> OK\r\n"
                + "250 2.1.5 Recipient <recipient.3@example.net> OK\r\n"
                + "354 Start mail input; end with <CRLF>.<CRLF>\r\n"
                + "250 2.0.0 Ok: queued as 4XyZ123AbC\r\n";
        byte[] one = round.getBytes(StandardCharsets.US_ASCII);
        int rounds = Math.max(1, (minimumBytes + one.length - 1) / one.length);
        return new Replies(repeat(one, rounds), rounds * 7, rounds * 16);
    }

    private static String base64(Random random, int octets) {
        byte[] bytes = new byte[octets];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] repeat(byte[] one, int times) {
        byte[] all = new byte[one.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(one, 0, all, i * one.length, one.length);
        }
        return all;
    }
}
