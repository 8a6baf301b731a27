package org.mailwire.pop3.client;

import java.util.Objects;
import java.util.Optional;
import org.mailwire.pop3.ResponseCode;
import org.mailwire.pop3.StatusLine;
import org.mailwire.pop3.client.internal.StatusLines;

/**
 * The server answered {@code -ERR} (or greeted with it). The connection stays usable unless the
 * command was the greeting or part of the login. The response code (RFC 2449 §8, RFC 3206), when
 * the server sent one, says why: {@code [IN-USE]} (see {@link MaildropInUseException}),
 * {@code [LOGIN-DELAY]}, {@code [SYS/TEMP]}, {@code [SYS/PERM]}.
 */
public sealed class Pop3ResponseException extends Pop3ClientException permits MaildropInUseException {
    private static final long serialVersionUID = 1L;

    private final String command;
    private final transient StatusLine status;

    public Pop3ResponseException(String command, StatusLine status) {
        super(command + " refused: " + StatusLines.describe(status));
        this.command = Objects.requireNonNull(command, "command");
        this.status = Objects.requireNonNull(status, "status");
    }

    /** The keyword the response answered ({@code RETR}, {@code PASS}, ...), or {@code greeting}. */
    public String command() {
        return command;
    }

    public StatusLine status() {
        return status;
    }

    public Optional<ResponseCode> responseCode() {
        return status.code();
    }

    /**
     * The same request may succeed later: the maildrop is locked ({@code [IN-USE]}), the server asks
     * for a pause between logins ({@code [LOGIN-DELAY]}) or has a passing problem ({@code [SYS/TEMP]}).
     */
    public boolean isTransient() {
        return status.code().map(c -> c.isUnder(ResponseCode.IN_USE) || c.isUnder(ResponseCode.LOGIN_DELAY)
                || c.isUnder(ResponseCode.SYS_TEMP)).orElse(false);
    }
}
