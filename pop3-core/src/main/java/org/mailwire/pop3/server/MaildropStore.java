package org.mailwire.pop3.server;

import java.util.concurrent.CompletionStage;

/** Where maildrops live: a directory tree, a database, or {@link InMemoryMaildropStore}. */
public interface MaildropStore {

    /**
     * Opens and exclusively locks the maildrop of an authenticated user. The stage fails with
     * {@link MaildropInUseException} while another session holds it (the client gets
     * {@code -ERR [IN-USE]}, RFC 2449 §8.1.1), and with any other exception when the store cannot
     * open it now ({@code -ERR [SYS/TEMP]}, RFC 3206).
     *
     * @param user the identity the authenticator proved
     */
    CompletionStage<MaildropLock> open(String user);
}
