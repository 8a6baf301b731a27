package org.mailwire.transport.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * LOGIN (draft-murchison-sasl-login): the challenges "Username:" and "Password:", each answered
 * with the bare value. An initial response is taken as the user name (what Outlook and others
 * send). Each value follows the rules of a PLAIN authcid/passwd (RFC 4616 §2: UTF-8, no NUL, 1
 * to 255 octets), since the same store checks both.
 */
final class LoginServerExchange extends StepwiseExchange {

    static final byte[] USERNAME_CHALLENGE = "Username:".getBytes(StandardCharsets.US_ASCII);
    static final byte[] PASSWORD_CHALLENGE = "Password:".getBytes(StandardCharsets.US_ASCII);

    private final Authenticator authenticator;
    private String username;

    LoginServerExchange(Authenticator authenticator) {
        super(SaslMechanism.LOGIN);
        this.authenticator = authenticator;
    }

    @Override
    CompletionStage<SaslStep> first(Optional<byte[]> initialResponse) {
        return initialResponse.isPresent() ? next(initialResponse.get()) : challenge(USERNAME_CHALLENGE);
    }

    @Override
    CompletionStage<SaslStep> next(byte[] response) {
        Optional<String> value = PlainMessage.parsePart(response);
        if (value.isEmpty()) {
            return now(MALFORMED);
        }
        if (username == null) {
            username = value.get();
            return challenge(PASSWORD_CHALLENGE);
        }
        String user = username;
        return ask(() -> authenticator.checkPassword("", user, value.get()), StepwiseExchange::verdict);
    }
}
