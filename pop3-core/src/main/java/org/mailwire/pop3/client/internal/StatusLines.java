package org.mailwire.pop3.client.internal;

import org.mailwire.pop3.StatusLine;

/** How status lines read in exception messages: the indicator, the response code and the text, shortened. */
public final class StatusLines {
    /** A server's text can be long; a message needs only enough to recognise it. */
    private static final int MAX_TEXT = 200;

    private StatusLines() {
    }

    public static String describe(StatusLine status) {
        String text = status.text();
        String shortened = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "..." : text;
        String code = status.code().map(c -> "[" + c.code() + "] ").orElse("");
        return (status.ok() ? "+OK " : "-ERR ") + code + shortened;
    }
}
