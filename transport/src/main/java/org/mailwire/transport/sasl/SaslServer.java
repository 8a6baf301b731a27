package org.mailwire.transport.sasl;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The SASL factory a protocol server holds: which mechanisms to advertise, and a new
 * {@link SaslServerExchange} per AUTH/AUTHENTICATE command. Immutable and thread-safe; one
 * instance serves every connection of every protocol.
 */
public final class SaslServer {

    /**
     * The longest decoded client message an exchange accepts; longer is
     * {@link FailureReason#MALFORMED}. RFC 4954 §4 has SMTP servers accept AUTH lines of 12288
     * octets, which bounds what any of our protocols can need, and no mechanism here needs more
     * (a large JWT bearer token is a few KiB).
     */
    public static final int MAX_MESSAGE_LENGTH = 12 * 1024;

    /** Random octets in the SCRAM server nonce: RFC 5802 §5.1 wants it unpredictable; 18 is our floor. */
    static final int SERVER_NONCE_OCTETS = 24;

    /** Shortest server secret: 128 bits, so unknown-user SCRAM salts cannot be guessed. */
    public static final int MIN_SERVER_SECRET_LENGTH = 16;

    /** Advertising order: strongest first, as clients commonly take the first they support. */
    private static final List<SaslMechanism> STRENGTH_ORDER = List.of(SaslMechanism.SCRAM_SHA_256,
            SaslMechanism.OAUTHBEARER, SaslMechanism.XOAUTH2, SaslMechanism.CRAM_MD5,
            SaslMechanism.PLAIN, SaslMechanism.LOGIN);

    private final Authenticator authenticator;
    private final SecureRandom random;
    private final UnknownUserScram unknownUsers;

    /**
     * Unknown SCRAM users get {@value ScramCredential#DEFAULT_SALT_LENGTH}-octet salts and
     * {@value ScramCredential#MIN_ITERATIONS} iterations, the shape {@link InMemoryUsers} stores.
     *
     * @param random       for nonces and challenges
     * @param serverSecret at least {@link #MIN_SERVER_SECRET_LENGTH} octets, stable across restarts
     *                     and servers of one deployment (otherwise an unknown user's salt changes
     *                     and a real user's does not, which tells them apart)
     */
    public SaslServer(Authenticator authenticator, SecureRandom random, byte[] serverSecret) {
        this(authenticator, random, serverSecret, ScramCredential.DEFAULT_SALT_LENGTH, ScramCredential.MIN_ITERATIONS);
    }

    /**
     * As {@link #SaslServer(Authenticator, SecureRandom, byte[])}, for a store whose SCRAM
     * credentials have another salt length or iteration count: unknown users must look the same.
     *
     * @param unknownUserSaltLength 1 to 32 octets
     */
    public SaslServer(Authenticator authenticator, SecureRandom random, byte[] serverSecret,
            int unknownUserSaltLength, int unknownUserIterations) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.random = Objects.requireNonNull(random, "random");
        Objects.requireNonNull(serverSecret, "serverSecret");
        if (serverSecret.length < MIN_SERVER_SECRET_LENGTH) {
            throw new IllegalArgumentException("serverSecret must be at least " + MIN_SERVER_SECRET_LENGTH + " octets");
        }
        if (unknownUserSaltLength < 1 || unknownUserSaltLength > ScramSha256.KEY_LENGTH) {
            throw new IllegalArgumentException("unknownUserSaltLength must be between 1 and " + ScramSha256.KEY_LENGTH);
        }
        if (unknownUserIterations < ScramCredential.MIN_ITERATIONS) {
            throw new IllegalArgumentException("unknownUserIterations must be at least " + ScramCredential.MIN_ITERATIONS);
        }
        this.unknownUsers = new UnknownUserScram(serverSecret, unknownUserSaltLength, unknownUserIterations);
    }

    /**
     * The mechanisms to advertise, strongest first: SCRAM-SHA-256, OAUTHBEARER, XOAUTH2, CRAM-MD5,
     * PLAIN, LOGIN, each only if the authenticator supports what it needs. On an unencrypted
     * connection the mechanisms that send a replayable secret (PLAIN, LOGIN, XOAUTH2,
     * OAUTHBEARER; {@link SaslMechanism#sendsReplayableSecret()}) are left out unless
     * {@code allowCleartextOnPlain} (SECURITY.md row 14, RFC 7628 §5).
     */
    public List<SaslMechanism> advertised(boolean secure, boolean allowCleartextOnPlain) {
        List<SaslMechanism> result = new ArrayList<>();
        for (SaslMechanism mechanism : STRENGTH_ORDER) {
            if (supported(mechanism) && (secure || allowCleartextOnPlain || !mechanism.sendsReplayableSecret())) {
                result.add(mechanism);
            }
        }
        return List.copyOf(result);
    }

    /**
     * Whether a client may use {@code mechanism} on this connection: it is in
     * {@link #advertised}. A protocol checks this before {@link #start}, since clients may ask
     * for mechanisms that were never advertised.
     */
    public boolean permitted(SaslMechanism mechanism, boolean secure, boolean allowCleartextOnPlain) {
        return advertised(secure, allowCleartextOnPlain).contains(mechanism);
    }

    /**
     * A new exchange, or empty if the authenticator does not support what {@code mechanism}
     * needs. Connection security is not checked here: see {@link #permitted}.
     *
     * @param serverHostname the host name in the CRAM-MD5 challenge (RFC 2195 §2); a host name
     *                       without spaces, angle brackets or control characters
     */
    public Optional<SaslServerExchange> start(SaslMechanism mechanism, String serverHostname) {
        Objects.requireNonNull(mechanism, "mechanism");
        Objects.requireNonNull(serverHostname, "serverHostname");
        if (!supported(mechanism)) {
            return Optional.empty();
        }
        return Optional.of(switch (mechanism) {
            case PLAIN -> new PlainServerExchange(authenticator);
            case LOGIN -> new LoginServerExchange(authenticator);
            case CRAM_MD5 -> new CramMd5ServerExchange(authenticator, cramChallenge(serverHostname));
            case SCRAM_SHA_256 -> new ScramServerExchange(authenticator, unknownUsers, serverNonce());
            case XOAUTH2, OAUTHBEARER -> new BearerServerExchange(mechanism, authenticator);
        });
    }

    private boolean supported(SaslMechanism mechanism) {
        return switch (mechanism) {
            case PLAIN, LOGIN -> true;
            case CRAM_MD5 -> authenticator.supportsSharedSecret();
            case SCRAM_SHA_256 -> authenticator.supportsScram();
            case XOAUTH2, OAUTHBEARER -> authenticator.supportsBearerTokens();
        };
    }

    private String serverNonce() {
        byte[] octets = new byte[SERVER_NONCE_OCTETS];
        random.nextBytes(octets);
        // Standard base64 without padding: printable and comma-free, as RFC 5802 §7 requires.
        return Base64.getEncoder().withoutPadding().encodeToString(octets);
    }

    /**
     * RFC 2195 §2: a msg-id of random digits, a timestamp and the host name. The random part
     * (63 bits) is what makes a recorded response useless for replay; the timestamp is there
     * because the RFC shows one.
     */
    private String cramChallenge(String serverHostname) {
        if (serverHostname.isEmpty() || !isHostname(serverHostname)) {
            throw new IllegalArgumentException("serverHostname is not a host name");
        }
        long randomPart = random.nextLong() & Long.MAX_VALUE;
        return "<" + randomPart + "." + System.currentTimeMillis() + "@" + serverHostname + ">";
    }

    private static boolean isHostname(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= 0x20 || c >= 0x7F || c == '<' || c == '>' || c == '@') {
                return false;
            }
        }
        return true;
    }
}
