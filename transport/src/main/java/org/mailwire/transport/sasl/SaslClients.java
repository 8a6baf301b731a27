package org.mailwire.transport.sasl;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * Builds client mechanisms. Every builder refuses (with {@link SaslException}) a CR, LF or NUL in
 * any name, token or password it is given, before anything is encoded (SECURITY.md row 11), plus
 * whatever else would let an argument add a field of its own: ^A in bearer-token fields, a
 * token that is not an RFC 6750 b64token.
 */
public final class SaslClients {

    /**
     * The highest SCRAM iteration count a client accepts from a server: each iteration is an
     * HMAC, and a hostile or compromised server could otherwise pin the client's CPU with
     * {@code i=999999999}. A million is above what current guidance asks for PBKDF2-SHA-256.
     */
    public static final int MAX_SCRAM_ITERATIONS = 1_000_000;

    /** Random octets in a SCRAM client nonce (RFC 5802 §5.1; as many as our server uses). */
    static final int CLIENT_NONCE_OCTETS = 24;

    private SaslClients() {
    }

    /** PLAIN (RFC 4616); {@code authzid} may be {@code ""}. Each part at most 255 UTF-8 octets. */
    public static SaslClientMechanism plain(String authzid, String user, String password) throws SaslException {
        checkPlainPart(authzid, "authzid", true);
        checkPlainPart(user, "user name", false);
        checkPlainPart(password, "password", false);
        return new OneMessageClient(SaslMechanism.PLAIN,
                new PlainMessage(authzid, user, password).encode());
    }

    /** LOGIN (draft-murchison-sasl-login): the user name and the password, answering in order. */
    public static SaslClientMechanism login(String user, String password) throws SaslException {
        checkPlainPart(user, "user name", false);
        checkPlainPart(password, "password", false);
        return new LoginClient(user, password);
    }

    /** CRAM-MD5 (RFC 2195) with the shared secret. */
    public static SaslClientMechanism cramMd5(String user, String secret) throws SaslException {
        checkPlainPart(user, "user name", false);
        checkPlainPart(secret, "secret", false);
        return new CramMd5Client(user, secret);
    }

    /** SCRAM-SHA-256 (RFC 5802, RFC 7677) without channel binding; a fresh random nonce. */
    public static SaslClientMechanism scramSha256(String authzid, String user, String password) throws SaslException {
        return scramSha256(authzid, user, password, new SecureRandom());
    }

    /** As {@link #scramSha256(String, String, String)}, with the nonce drawn from {@code random}. */
    public static SaslClientMechanism scramSha256(String authzid, String user, String password, SecureRandom random)
            throws SaslException {
        Objects.requireNonNull(random, "random");
        byte[] octets = new byte[CLIENT_NONCE_OCTETS];
        random.nextBytes(octets);
        return scramSha256WithNonce(authzid, user, password, Base64.getEncoder().withoutPadding().encodeToString(octets));
    }

    /**
     * For tests only (RFC 7677 §3 fixes the nonce): a fixed nonce makes the exchange replayable,
     * so this is package-private.
     */
    static SaslClientMechanism scramSha256WithNonce(String authzid, String user, String password, String nonce)
            throws SaslException {
        checkName(authzid, "authzid", true);
        checkName(user, "user name", false);
        checkPlainPart(password, "password", false);
        if (!ScramMessages.isNonce(nonce)) {
            throw new SaslException("a SCRAM nonce is printable ASCII without a comma");
        }
        if (SaslPrepLite.prepare(password).isEmpty()) {
            throw new SaslException("the password is empty after SASLprep mapping");
        }
        return new ScramClient(authzid, user, password, nonce);
    }

    /** Google's XOAUTH2: {@code user=} the account, {@code auth=Bearer} the access token. */
    public static SaslClientMechanism xoauth2(String user, String token) throws SaslException {
        checkName(user, "user name", false);
        checkToken(token);
        String message = "user=" + user + BearerMessage.KVSEP + "auth=Bearer " + token
                + BearerMessage.KVSEP + BearerMessage.KVSEP;
        return new BearerClient(SaslMechanism.XOAUTH2, SaslText.utf8(message));
    }

    /**
     * OAUTHBEARER (RFC 7628 §3.1).
     *
     * @param user the authorization identity ({@code a=}); {@code ""} to leave it to the token
     * @param host the server's host name for {@code host=}, or {@code null} to send neither host
     *             nor port
     * @param port the server's port for {@code port=}, 1 to 65535 (ignored without a host)
     */
    public static SaslClientMechanism oauthBearer(String user, String token, String host, int port)
            throws SaslException {
        checkName(user, "user name", true);
        checkToken(token);
        StringBuilder message = new StringBuilder("n,");
        if (!user.isEmpty()) {
            message.append("a=").append(ScramMessages.escape(user));
        }
        message.append(',').append(BearerMessage.KVSEP);
        if (host != null) {
            if (host.isEmpty() || SaslText.hasControl(host) || host.indexOf(' ') >= 0) {
                throw new SaslException("host must be a host name without spaces or control characters");
            }
            if (port < 1 || port > 65535) {
                throw new SaslException("port must be between 1 and 65535");
            }
            message.append("host=").append(host).append(BearerMessage.KVSEP)
                    .append("port=").append(port).append(BearerMessage.KVSEP);
        }
        message.append("auth=Bearer ").append(token).append(BearerMessage.KVSEP).append(BearerMessage.KVSEP);
        return new BearerClient(SaslMechanism.OAUTHBEARER, SaslText.utf8(message.toString()));
    }

    /** RFC 4616 §2 for a part: UTF-8 without NUL, at most 255 octets; and no CR or LF. */
    private static void checkPlainPart(String value, String what, boolean mayBeEmpty) throws SaslException {
        Objects.requireNonNull(value, what);
        if (SaslText.hasLineBreakOrNul(value)) {
            throw new SaslException(what + " must not contain CR, LF or NUL");
        }
        if (!mayBeEmpty && value.isEmpty()) {
            throw new SaslException(what + " must not be empty");
        }
        if (SaslText.utf8(value).length > PlainMessage.MAX_PART_LENGTH) {
            throw new SaslException(what + " must be at most " + PlainMessage.MAX_PART_LENGTH + " UTF-8 octets");
        }
        if (!isWellFormed(value)) {
            throw new SaslException(what + " holds an unpaired surrogate");
        }
    }

    /** A user name or authzid for the mechanisms with ^A or comma syntax: no control character at all. */
    private static void checkName(String value, String what, boolean mayBeEmpty) throws SaslException {
        Objects.requireNonNull(value, what);
        if (SaslText.hasControl(value)) {
            throw new SaslException(what + " must not contain CR, LF or other control characters");
        }
        if (!mayBeEmpty && value.isEmpty()) {
            throw new SaslException(what + " must not be empty");
        }
        if (!isWellFormed(value)) {
            throw new SaslException(what + " holds an unpaired surrogate");
        }
    }

    private static void checkToken(String token) throws SaslException {
        Objects.requireNonNull(token, "token");
        if (SaslText.hasControl(token)) {
            throw new SaslException("token must not contain CR, LF or other control characters");
        }
        if (!SaslText.isB64Token(token)) {
            throw new SaslException("token must be an RFC 6750 b64token");
        }
    }

    /** String.getBytes would silently turn an unpaired surrogate into '?'. */
    private static boolean isWellFormed(String value) {
        return SaslText.utf8(SaslText.utf8(value)).map(value::equals).orElse(false);
    }
}
