package org.mailwire.imap.codec;

import java.util.List;

/**
 * What the parser read of an APPEND up to a streamed literal's header or the command's end: the
 * events to deliver in order, and where the command stands after the literal.
 *
 * @param events the events: {@link org.mailwire.imap.ImapCommand.Append} and
 *               {@link org.mailwire.imap.ImapCommand.Catenate} start a message,
 *               {@link UrlPart} and {@link TextPart} are CATENATE parts; when the step ends at a
 *               literal, the last event is the one whose data it holds
 * @param next   null when the command is complete; otherwise the progress after the literal
 * @param header the streamed literal's header, or null when the command is complete
 */
record AppendStep(List<Object> events, AppendProgress next, LiteralHeader header) {

    /** A CATENATE {@code URL} part (RFC 4469). */
    record UrlPart(String url) {
    }

    /** A CATENATE {@code TEXT} part, or with {@code utf8} a {@code UTF8 (~{n})} part (RFC 6855). */
    record TextPart(long size, boolean utf8) {
    }
}
