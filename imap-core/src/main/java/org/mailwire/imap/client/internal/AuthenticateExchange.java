package org.mailwire.imap.client.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.mailwire.imap.ImapCommand;
import org.mailwire.imap.ImapResponse;
import org.mailwire.imap.Tag;
import org.mailwire.imap.client.ImapAuthenticationException;
import org.mailwire.imap.codec.ImapCommandEncoder;
import org.mailwire.transport.sasl.SaslClientMechanism;
import org.mailwire.transport.sasl.SaslException;

/**
 * AUTHENTICATE (RFC 3501 §6.2.2, RFC 4959 SASL-IR). Each {@code + base64} challenge gets the
 * mechanism's answer on a line of its own; a challenge the mechanism refuses (a forged SCRAM
 * server signature among them) is answered {@code *}, which cancels the exchange. A tagged OK is
 * trusted only when the mechanism says the server proved itself. The lines carry secrets: they are
 * never logged, and failures quote only the server.
 */
final class AuthenticateExchange extends Exchange<Void> {
    private final SaslClientMechanism mechanism;
    private final boolean initialResponse;
    /** The client gave up: what went wrong, reported instead of the server's BAD. */
    private SaslException refused;

    AuthenticateExchange(SaslClientMechanism mechanism, boolean initialResponse) {
        super("AUTHENTICATE", CommandTraits.BARRIER);
        this.mechanism = mechanism;
        this.initialResponse = initialResponse;
    }

    @Override
    java.util.List<byte[]> encode(Tag tag, ImapCommandEncoder encoder) {
        String ir = null;
        if (initialResponse) {
            Optional<byte[]> first = mechanism.initialResponse();
            if (first.isPresent()) {
                // RFC 4959 §3: "=" is an empty initial response
                ir = first.get().length == 0 ? "=" : Base64.getEncoder().encodeToString(first.get());
            }
        }
        return encoder.encodeSegments(new ImapCommand.Authenticate(tag, mechanism.mechanism().wireName(), ir));
    }

    @Override
    void sent(Link link) {
        // what the server listed before the login may change after it (RFC 3501 §7.2.1)
        ((CommandChannel) link).forgetCapabilities();
    }

    @Override
    void continuation(String text, Link link) {
        byte[] answer;
        try {
            byte[] challenge = text.isEmpty() ? new byte[0] : Base64.getDecoder().decode(text.trim());
            // without SASL-IR the first (empty) challenge asks for the client's first message,
            // which the mechanism gives as its answer to an empty challenge
            answer = mechanism.respond(challenge);
        } catch (IllegalArgumentException e) {
            refused = new SaslException("the server's challenge is not base64");
            link.write(line("*"));
            return;
        } catch (SaslException e) {
            refused = e;
            link.write(line("*"));
            return;
        }
        link.write(line(Base64.getEncoder().encodeToString(answer)));
    }

    private static ByteBuffer line(String text) {
        return ByteBuffer.wrap((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    void completed(ImapResponse.Tagged response, Link link) {
        if (refused != null) {
            result.completeExceptionally(new ImapAuthenticationException(
                    "authentication cancelled: " + refused.getMessage(), refused));
            return;
        }
        if (response.status() != ImapResponse.Status.OK) {
            result.completeExceptionally(new ImapAuthenticationException("AUTHENTICATE "
                    + mechanism.mechanism().wireName() + " failed", response));
            return;
        }
        if (!mechanism.verifyServerFinal(new byte[0])) {
            // the server claims success without proving it knows the credential: not trusted
            result.completeExceptionally(new ImapAuthenticationException("the server did not prove its identity ("
                    + mechanism.mechanism().wireName() + " server signature missing or wrong)", (ImapResponse.Tagged) null));
            return;
        }
        result.complete(null);
    }

    @Override
    Void ok(ImapResponse.Tagged response) {
        return null;
    }
}
