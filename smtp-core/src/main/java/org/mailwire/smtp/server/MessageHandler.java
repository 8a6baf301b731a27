package org.mailwire.smtp.server;

import java.io.InputStream;
import org.mailwire.smtp.Envelope;

/**
 * The easy path: called once per complete message, on the server's worker executor (never on an
 * I/O thread), with the body as a stream. Returning normally accepts the message (250); throwing
 * {@link SmtpRejectException} sends its reply; any other exception is a temporary failure (451).
 */
@FunctionalInterface
public interface MessageHandler {
    void onMessage(Envelope envelope, InputStream body) throws Exception;
}
