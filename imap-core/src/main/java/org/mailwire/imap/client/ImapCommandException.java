package org.mailwire.imap.client;

import java.util.Objects;
import java.util.Optional;
import org.mailwire.imap.ImapResponse;
import org.mailwire.imap.ResponseCode;

/**
 * The server answered a command with a tagged NO or BAD. Only that operation fails; the connection
 * stays usable. The response code, when there is one, often says why ({@code [TRYCREATE]},
 * {@code [ALREADYEXISTS]}, {@code [NONEXISTENT]}, ...).
 */
public final class ImapCommandException extends ImapClientException {
    private static final long serialVersionUID = 1L;

    private final String command;
    private final transient ImapResponse.Tagged response;

    public ImapCommandException(String command, ImapResponse.Tagged response) {
        super(command + " refused: " + response.status() + " "
                + response.code().map(c -> "[" + describe(c) + "] ").orElse("") + response.text());
        this.command = Objects.requireNonNull(command, "command");
        this.response = response;
    }

    /** The command name the response answered ({@code SELECT}, {@code UID FETCH}, ...). */
    public String command() {
        return command;
    }

    public ImapResponse.Tagged response() {
        return response;
    }

    public ImapResponse.Status status() {
        return response.status();
    }

    public Optional<ResponseCode> responseCode() {
        return response.code();
    }

    static String describe(ResponseCode code) {
        if (code instanceof ResponseCode.Simple s) {
            return s.wire();
        }
        if (code instanceof ResponseCode.Other o) {
            return o.atom() + o.text().map(t -> " " + t).orElse("");
        }
        return code.getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT);
    }
}
