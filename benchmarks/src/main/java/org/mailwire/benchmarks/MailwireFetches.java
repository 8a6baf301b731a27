package org.mailwire.benchmarks;

import java.nio.ByteBuffer;
import java.util.OptionalLong;
import org.mailwire.imap.BodyPart;
import org.mailwire.imap.FetchItem;
import org.mailwire.imap.ImapResponse;
import org.mailwire.imap.Section;
import org.mailwire.imap.codec.ImapClientSink;
import org.mailwire.imap.codec.ImapResponseViolation;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What a client keeps of a FETCH stream read with our decoder: the UID, ENVELOPE and
 * BODYSTRUCTURE of each message; the header octets are counted and handed to a Blackhole as
 * they stream by. Anything refused is kept and stops the decoder.
 */
public final class MailwireFetches implements ImapClientSink {
    int fetches;
    int others;
    int bodies;
    long headerOctets;
    long uid;
    FetchItem.Envelope envelope;
    FetchItem.BodyStructure body;
    Object lastOther;
    ImapResponseViolation violation;
    FetchListener listener;
    private Blackhole blackhole;

    void start(Blackhole blackhole) {
        this.blackhole = blackhole;
        fetches = 0;
        others = 0;
        bodies = 0;
        headerOctets = 0;
        violation = null;
    }

    @Override
    public boolean response(ImapResponse response) {
        if (!(response instanceof ImapResponse.Fetch fetch)) {
            others++;
            lastOther = response;
            blackhole.consume(response);
            return true;
        }
        fetches++;
        uid = 0;
        envelope = null;
        body = null;
        for (FetchItem item : fetch.items()) {
            if (item instanceof FetchItem.Uid u) {
                uid = u.uid();
            } else if (item instanceof FetchItem.Envelope e) {
                envelope = e;
            } else if (item instanceof FetchItem.BodyStructure b) {
                body = b;
            }
        }
        blackhole.consume(envelope);
        blackhole.consume(body);
        if (listener != null) {
            listener.fetched(uid, envelope == null ? null : envelope.subject(), body == null ? 0 : parts(body.part()));
        }
        return true;
    }

    @Override
    public boolean bodyBegin(long seq, boolean binary, Section section, OptionalLong origin, long size) {
        bodies++;
        return true;
    }

    @Override
    public boolean bodyData(ByteBuffer chunk) {
        headerOctets += chunk.remaining();
        blackhole.consume(chunk);
        return true;
    }

    @Override
    public boolean bodyEnd() {
        return true;
    }

    @Override
    public boolean violation(ImapResponseViolation violation) {
        this.violation = violation;
        return false;
    }

    /** Parts counted as {@link FetchListener} says; recursion bounded by the decoder's nesting limit. */
    static int parts(BodyPart part) {
        int n = 1;
        if (part instanceof BodyPart.MultiPart m) {
            for (BodyPart p : m.parts()) {
                n += parts(p);
            }
        } else if (part instanceof BodyPart.SinglePart s && s.body().isPresent()) {
            n += parts(s.body().get());
        }
        return n;
    }
}
