package org.mailwire.smtp.client.internal;

import org.mailwire.smtp.SmtpReply;

/** How replies read in exception messages: the code and the first line, shortened. */
public final class Replies {
    /** A server's text can be long; a message needs only enough to recognise it. */
    private static final int MAX_TEXT = 200;

    private Replies() {
    }

    public static String describe(SmtpReply reply) {
        String first = reply.lines().get(0);
        String status = reply.status().map(s -> s + " ").orElse("");
        String text = first.length() > MAX_TEXT ? first.substring(0, MAX_TEXT) + "..." : first;
        return reply.code() + " " + status + text;
    }
}
