package org.mailwire.benchmarks;

import org.eclipse.angus.mail.iap.ByteArray;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.BODYSTRUCTURE;
import org.eclipse.angus.mail.imap.protocol.ENVELOPE;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The same for Angus Mail's parsed responses: its ENVELOPE and BODYSTRUCTURE items are kept, and
 * the header block, which Angus holds in the response's buffer, goes to the Blackhole.
 */
public final class AngusFetches {
    int fetches;
    int others;
    long headerOctets;
    long uid;
    ENVELOPE envelope;
    BODYSTRUCTURE body;
    Response lastOther;
    FetchListener listener;
    private Blackhole blackhole;

    void start(Blackhole blackhole) {
        this.blackhole = blackhole;
        fetches = 0;
        others = 0;
        headerOctets = 0;
    }

    void fetch(FetchResponse fetch) {
        fetches++;
        UID u = fetch.getItem(UID.class);
        uid = u == null ? 0 : u.uid;
        envelope = fetch.getItem(ENVELOPE.class);
        body = fetch.getItem(BODYSTRUCTURE.class);
        BODY header = fetch.getItem(BODY.class);
        if (header != null) {
            ByteArray octets = header.getByteArray();
            headerOctets += octets.getCount();
            blackhole.consume(octets);
        }
        blackhole.consume(envelope);
        blackhole.consume(body);
        if (listener != null) {
            listener.fetched(uid, envelope == null ? null : envelope.subject, body == null ? 0 : parts(body));
        }
    }

    void other(Response response) {
        others++;
        lastOther = response;
        blackhole.consume(response);
    }

    /** Parts counted as {@link FetchListener} says. */
    static int parts(BODYSTRUCTURE part) {
        int n = 1;
        if (part.isMulti() || part.isNested()) {
            for (BODYSTRUCTURE p : part.bodies) {
                n += parts(p);
            }
        }
        return n;
    }
}
