package org.mailwire.imap.client;

import java.util.concurrent.CompletionStage;

/**
 * A running IDLE (RFC 2177). While it runs, the server's untagged responses reach the client's
 * {@link ImapEvent} listeners; no other command is sent (later operations wait until IDLE ends).
 *
 * <p>RFC 2177 §3: a server may drop a client that idles for 30 minutes without a word, so a client
 * ends IDLE with {@link #done()} and starts a new one at least every 29 minutes.
 * {@link ImapClientOptions#idleTimeout()} bounds silence while idling.
 */
public interface IdleHandle {

    /**
     * Sends DONE (once; later calls return the same stage). Completes with the tagged OK, or fails
     * with {@link ImapCommandException} or {@link ImapConnectionException}.
     */
    CompletionStage<Void> done();

    /** Completes when the IDLE command has completed, whether by {@link #done()} or because the server ended it. */
    CompletionStage<Void> completion();

    /** Whether DONE has not been sent yet and the IDLE is still running. */
    boolean isIdling();
}
