package org.mailwire.smtp.server.internal;

import java.util.ArrayList;
import java.util.List;
import org.mailwire.smtp.Envelope;
import org.mailwire.smtp.MailParameters;
import org.mailwire.smtp.Recipient;
import org.mailwire.smtp.ReversePath;
import org.mailwire.smtp.SmtpReply;
import org.mailwire.smtp.server.BodySink;

/** One mail transaction, from MAIL to the end of the body or RSET (RFC 5321 §3.3). */
final class Transaction {
    final ReversePath from;
    final MailParameters parameters;
    final List<Recipient> recipients = new ArrayList<>();
    BodySink body;
    /** Body octets received so far in BDAT chunks. */
    long bdatSize;
    /** Set when a BDAT chunk was refused: its bytes are read and dropped, then this is the reply. */
    SmtpReply bdatRefusal;
    boolean bdatLast;
    boolean bdatStarted;
    /** The onData hook said Disconnect: read the chunk, reply, close. */
    boolean disconnectAfterChunk;
    final BodyPace pace;

    Transaction(ReversePath from, MailParameters parameters, BodyPace pace) {
        this.from = from;
        this.parameters = parameters;
        this.pace = pace;
    }

    Envelope envelope() {
        return new Envelope(from, parameters, recipients);
    }

    void abortBody() {
        if (body != null) {
            BodySink dropped = body;
            body = null;
            dropped.abort();
        }
    }
}
