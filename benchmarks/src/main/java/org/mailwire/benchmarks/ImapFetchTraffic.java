package org.mailwire.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/**
 * What a client reads after {@code UID FETCH 1:* (UID FLAGS ENVELOPE BODYSTRUCTURE BODY.PEEK[HEADER])}
 * on a mailbox of mixed mail, the same bytes on every run (a seeded generator):
 * {@code * n FETCH (UID u FLAGS (..) ENVELOPE (..) BODYSTRUCTURE (..) BODY[HEADER] {k}} CRLF, the
 * header block, {@code )} CRLF, one per message, then the tagged OK.
 */
final class ImapFetchTraffic {

    /** The seed of every benchmark run; any other gives a different mailbox of the same kind. */
    static final long SEED = 3501;
    /** Header blocks are drawn between these sizes (octets, the empty line included). */
    static final int MIN_HEADER = 500;
    static final int MAX_HEADER = 3000;

    /**
     * The stream and, per message in order, what a parser must find in it: UID, subject as the
     * envelope holds it (encoded words left encoded, NIL as null) and body parts counted with
     * multiparts and nested messages.
     */
    record Fetches(byte[] bytes, int messages, long[] uids, String[] subjects, int[] parts, long headerOctets,
            int smallestHeader, int largestHeader) {
    }

    private static final String[][] FLAG_SETS = {{}, {"\\Seen"}, {"\\Seen"}, {"\\Seen"}, {"\\Seen", "\\Answered"},
        {"\\Seen", "\\Flagged"}, {"\\Seen", "$Forwarded"}, {"$Junk", "\\Seen"}, {"NonJunk", "\\Seen", "$MDNSent"},
        {"\\Draft"}, {"\\Seen", "\\Answered", "\\Flagged", "$Label1"}};

    private ImapFetchTraffic() {
    }

    static Fetches fetchStream(int messages) {
        Random random = new Random(SEED);
        ImapEnvelopes envelopes = new ImapEnvelopes(random);
        ImapBodyStructures bodies = new ImapBodyStructures(random, envelopes);
        ImapWire w = new ImapWire(messages * 4_000);
        long[] uids = new long[messages];
        String[] subjects = new String[messages];
        int[] parts = new int[messages];
        long headerOctets = 0;
        int smallestHeader = Integer.MAX_VALUE;
        int largestHeader = 0;
        long uid = 40_000 + random.nextInt(1000);
        for (int i = 0; i < messages; i++) {
            uid += random.nextInt(10) == 0 ? 2 + random.nextInt(40) : 1; // gaps where mail was expunged
            w.text("* ").number(i + 1).text(" FETCH (UID ").number(uid).text(" FLAGS (")
                    .text(String.join(" ", FLAG_SETS[random.nextInt(FLAG_SETS.length)])).text(") ENVELOPE ");
            ImapEnvelopes.Envelope envelope = envelopes.write(w);
            w.text(" BODYSTRUCTURE ");
            ImapBodyStructures.Written body = bodies.write(w);
            byte[] header = header(random, envelopes, envelope, body.contentType());
            w.text(" BODY[HEADER] ").literal(header).text(")\r\n");
            uids[i] = uid;
            subjects[i] = envelope.subject();
            parts[i] = body.parts();
            headerOctets += header.length;
            smallestHeader = Math.min(smallestHeader, header.length);
            largestHeader = Math.max(largestHeader, header.length);
        }
        w.text("A0042 OK Fetch completed (0.187 + 0.000 + 0.186 secs).\r\n");
        return new Fetches(w.toByteArray(), messages, uids, subjects, parts, headerOctets, smallestHeader,
                largestHeader);
    }

    /**
     * A header block of {@code MIN_HEADER} to {@code MAX_HEADER} octets: trace fields, a DKIM
     * signature and authentication results, the fields the envelope came from (8-bit subjects
     * raw, as they arrive), MIME fields, then list and spam fields to the drawn size.
     */
    private static byte[] header(Random random, ImapEnvelopes envelopes, ImapEnvelopes.Envelope e,
            String contentType) {
        int target = MIN_HEADER + random.nextInt(MAX_HEADER - MIN_HEADER + 1);
        StringBuilder h = new StringBuilder(target + 200);
        h.append("Return-Path: <").append(e.from().mailbox()).append('@').append(e.from().host()).append(">\r\n");
        h.append("Delivered-To: ").append(e.to().get(0).mailbox()).append("@example.net\r\n");
        h.append("Received: from mx").append(random.nextInt(10)).append(".").append(e.from().host())
                .append(" (mx.").append(e.from().host()).append(" [192.0.2.").append(random.nextInt(255))
                .append("])\r\n\tby imap.example.net (Postfix) with ESMTPS id 4X")
                .append(Long.toString(random.nextLong() & Long.MAX_VALUE, 36).toUpperCase())
                .append("\r\n\tfor <").append(e.to().get(0).mailbox()).append("@example.net>; ")
                .append(envelopes.date()).append("\r\n");
        StringBuilder tail = new StringBuilder(400);
        tail.append("From: ").append(e.from().headerForm()).append("\r\n");
        tail.append("To: ");
        for (int i = 0; i < e.to().size(); i++) {
            tail.append(i == 0 ? "" : ",\r\n\t").append(e.to().get(i).headerForm());
        }
        tail.append("\r\n");
        if (!e.cc().isEmpty()) {
            tail.append("Cc: ").append(e.cc().get(0).headerForm()).append("\r\n");
        }
        if (e.subject() != null) {
            tail.append("Subject: ").append(e.subject()).append("\r\n");
        }
        if (e.date() != null) {
            tail.append("Date: ").append(e.date()).append("\r\n");
        }
        if (e.messageId() != null) {
            tail.append("Message-ID: ").append(e.messageId()).append("\r\n");
        }
        if (e.inReplyTo() != null) {
            tail.append("In-Reply-To: ").append(e.inReplyTo()).append("\r\nReferences: ").append(e.inReplyTo())
                    .append("\r\n");
        }
        tail.append("MIME-Version: 1.0\r\nContent-Type: ").append(contentType).append("\r\n\r\n");

        if (random.nextInt(3) > 0) {
            h.append("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=").append(e.from().host())
                    .append("; s=sel").append(random.nextInt(3)).append(";\r\n\th=from:to:subject:date:message-id;")
                    .append(" bh=").append(base64(random, 32)).append(";\r\n\tb=").append(base64(random, 96))
                    .append("\r\n\t").append(base64(random, 96)).append("\r\n");
        }
        h.append("Authentication-Results: imap.example.net; dkim=pass header.d=").append(e.from().host())
                .append("; spf=pass smtp.mailfrom=").append(e.from().host()).append("; dmarc=pass\r\n");
        int used = octets(h) + octets(tail);
        // Further hops and list fields while they fit, then one spam report cut to the exact size.
        while (true) {
            String more = random.nextBoolean()
                    ? "Received: from relay" + random.nextInt(100) + ".example.org (relay.example.org [198.51.100."
                            + random.nextInt(255) + "])\r\n\tby mx" + random.nextInt(10) + ".example.net with ESMTP id "
                            + base64(random, 9) + "; " + envelopes.date() + "\r\n"
                    : "List-Unsubscribe: <https://lists.example.org/unsubscribe/" + base64(random, 24)
                            .replace('/', '_').replace('+', '-') + ">\r\n";
            if (used + more.length() > target) {
                break;
            }
            h.append(more);
            used += more.length();
        }
        int gap = target - used;
        if (gap >= SPAM_STATUS.length()) {
            h.append(spamStatus(gap - 2)).append("\r\n");
        }
        return h.append(tail).toString().getBytes(StandardCharsets.UTF_8);
    }

    private static final String SPAM_STATUS = "X-Spam-Status: No, score=-2.1 required=5.0 tests=BAYES_00";
    private static final String[] SPAM_TESTS = {"DKIM_SIGNED", "DKIM_VALID", "DKIM_VALID_AU", "SPF_PASS",
        "HTML_MESSAGE", "RCVD_IN_DNSWL_NONE", "URIBL_BLOCKED", "MAILING_LIST_MULTI", "T_SCC_BODY_TEXT_LINE"};

    /** An X-Spam-Status field of exactly {@code length} octets, folded, without its final CRLF. */
    private static String spamStatus(int length) {
        StringBuilder s = new StringBuilder(SPAM_STATUS);
        for (int i = 0; s.length() < length; i++) {
            s.append(i % 4 == 3 ? ",\r\n\t" : ",").append(SPAM_TESTS[i % SPAM_TESTS.length]);
        }
        s.setLength(length);
        // A cut that leaves CR, LF or a tab last would end the field early or leave it blank.
        for (int end = s.length() - 1; end >= 0 && s.charAt(end) <= ' '; end--) {
            s.setCharAt(end, 'X');
        }
        return s.toString();
    }

    private static int octets(CharSequence s) {
        return s.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    private static String base64(Random random, int octets) {
        byte[] bytes = new byte[octets];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
