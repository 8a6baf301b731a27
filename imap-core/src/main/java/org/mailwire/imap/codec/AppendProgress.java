package org.mailwire.imap.codec;

import org.mailwire.imap.MailboxName;
import org.mailwire.imap.Tag;

/**
 * Where an APPEND stands right after one of its streamed literals (a message, a CATENATE TEXT
 * part): what may follow, and the counts so far, which the configuration bounds.
 *
 * @param messages messages begun so far (RFC 3502 MULTIAPPEND)
 * @param parts    parts of the current CATENATE message so far
 */
record AppendProgress(Tag tag, MailboxName mailbox, Where where, int messages, int parts) {

    enum Where {
        /** After the mailbox: the first message follows. */
        START,
        /** After a message: CRLF ends the command, SP starts another message. */
        MESSAGES,
        /** After {@code UTF8 (~{n}...}: ")" closes it, then as MESSAGES. */
        UTF8_CLOSE,
        /** Right after {@code CATENATE (}: a part. */
        FIRST_PART,
        /** After a CATENATE part: SP and a part, or ")" ending the message. */
        PARTS,
        /** After a CATENATE {@code UTF8 (~{n}...}: ")" closes it, then as PARTS. */
        PART_UTF8_CLOSE
    }
}
