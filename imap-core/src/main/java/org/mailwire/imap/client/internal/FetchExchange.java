package org.mailwire.imap.client.internal;

import java.nio.ByteBuffer;
import org.mailwire.imap.FetchAttribute;
import org.mailwire.imap.ImapCommand;
import org.mailwire.imap.ImapResponse;
import org.mailwire.imap.Section;
import org.mailwire.imap.Tag;
import org.mailwire.imap.client.FetchListener;
import org.mailwire.imap.client.FetchRequest;
import org.mailwire.imap.codec.ImapCommandEncoder;

/**
 * FETCH or UID FETCH, streamed to a {@link FetchListener}: body chunks as they arrive, then each
 * FETCH response, and with the VANISHED modifier the {@code VANISHED (EARLIER)} responses. If the
 * listener throws, the rest is still read (so the connection stays in step) but no longer passed
 * on, and the fetch fails with what it threw.
 */
final class FetchExchange extends Exchange<Void> {
    private final FetchRequest request;
    private final FetchListener listener;
    private RuntimeException listenerFailure;
    private long bodySeq;
    private Section bodySection;

    FetchExchange(FetchRequest request, FetchListener listener) {
        super(request.uid() ? "UID FETCH" : "FETCH", CommandTraits.messages(request.uid(), true,
                CommandTraits.Collect.FETCH));
        this.request = request;
        this.listener = listener;
    }

    @Override
    java.util.List<byte[]> encode(Tag tag, ImapCommandEncoder encoder) {
        return encoder.encodeSegments(new ImapCommand.Fetch(tag, request.uid(), request.set(), request.items(),
                request.changedSince(), request.vanished()));
    }

    @Override
    boolean asksForFlags() {
        for (FetchAttribute a : request.items()) {
            if (a == FetchAttribute.Simple.FLAGS || a instanceof FetchAttribute.Macro) {
                return true;
            }
        }
        // RFC 7162 §3.2.4: CHANGEDSINCE reports changed flags, which the caller asked for
        return request.changedSince() >= 0;
    }

    @Override
    boolean offer(ImapResponse r) {
        if (r instanceof ImapResponse.Fetch f) {
            pass(() -> listener.fetched(f));
            return true;
        }
        if (request.vanished() && r instanceof ImapResponse.Vanished v && v.earlier()) {
            pass(() -> listener.vanished(v.uids()));
            return true;
        }
        return false;
    }

    @Override
    void bodyBegin(long seq, boolean binary, Section section, long size) {
        bodySeq = seq;
        bodySection = section;
        pass(() -> listener.bodyBegin(seq, section, binary, size));
    }

    @Override
    void bodyData(ByteBuffer chunk) {
        pass(() -> listener.bodyChunk(bodySeq, bodySection, chunk));
    }

    private void pass(Runnable call) {
        if (listenerFailure != null) {
            return;
        }
        try {
            call.run();
        } catch (RuntimeException e) {
            listenerFailure = e;
        }
    }

    @Override
    void completed(ImapResponse.Tagged response, Link link) {
        if (listenerFailure != null) {
            result.completeExceptionally(listenerFailure);
            return;
        }
        super.completed(response, link);
    }

    @Override
    Void ok(ImapResponse.Tagged response) {
        return null;
    }
}
