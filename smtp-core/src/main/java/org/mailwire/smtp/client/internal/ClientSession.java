package org.mailwire.smtp.client.internal;

import java.net.InetAddress;
import java.net.Inet6Address;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.mailwire.smtp.Envelope;
import org.mailwire.smtp.SmtpCapabilities;
import org.mailwire.smtp.SmtpCommand;
import org.mailwire.smtp.SmtpReply;
import org.mailwire.smtp.client.MissingExtensionException;
import org.mailwire.smtp.client.SendResult;
import org.mailwire.smtp.client.SmtpAuthenticationException;
import org.mailwire.smtp.client.SmtpClientOptions;
import org.mailwire.smtp.client.SmtpCredentials;
import org.mailwire.smtp.client.SmtpReplyException;
import org.mailwire.smtp.client.StartTlsPolicy;
import org.mailwire.smtp.codec.SmtpCommandEncoder;
import org.mailwire.smtp.codec.SmtpDecoderConfig;
import org.mailwire.transport.sasl.SaslClientMechanism;
import org.mailwire.transport.sasl.SaslClients;
import org.mailwire.transport.sasl.SaslException;
import org.mailwire.transport.sasl.SaslMechanism;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's protocol over one {@link ReplyChannel}: the opening (greeting, EHLO, STARTTLS, AUTH)
 * and then operations, one at a time, in the order they were asked for. Pipelining happens inside
 * an operation (a transaction's MAIL, RCPTs and DATA), never across two.
 */
public final class ClientSession {
    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
    /** No mechanism we speak needs more; a server that keeps challenging is stalling. */
    private static final int MAX_SASL_ROUNDS = 10;

    private final SmtpClientOptions options;
    private final ReplyChannel channel;
    private final String serverName;
    private final int port;
    private final String localHostName;
    private final Object operations = new Object();
    /** Guarded by operations: the tail of the chain every operation waits its turn on. */
    private CompletableFuture<?> lastOperation = CompletableFuture.completedFuture(null);
    private volatile SmtpCapabilities capabilities;
    private volatile boolean authenticated;
    private String ehloName;

    /**
     * @param localHostName this host's domain name for EHLO when the options give none; null to use
     *     an address literal of the connection's local address
     */
    public ClientSession(SmtpClientOptions options, ReplyChannel channel, String serverName, int port,
            String localHostName) {
        this.options = options;
        this.channel = channel;
        this.serverName = serverName;
        this.port = port;
        this.localHostName = localHostName;
    }

    public SmtpClientOptions options() {
        return options;
    }

    public ReplyChannel channel() {
        return channel;
    }

    /** What the server advertised in its last EHLO/LHLO (after TLS, the one inside TLS). */
    public SmtpCapabilities capabilities() {
        return capabilities;
    }

    public boolean authenticated() {
        return authenticated;
    }

    // ---- the opening ----

    /** Greeting, EHLO, STARTTLS and AUTH as the options ask; fails with the first thing that went wrong. */
    public CompletableFuture<ClientSession> open() {
        ehloName = options.ehloName() != null ? options.ehloName()
                : localHostName != null ? localHostName
                : addressLiteral(channel.connection().localAddress().getAddress());
        return channel.greeting()
                .thenCompose(greeting -> greeting.code() == 220 ? hello()
                        : failed(new SmtpReplyException("greeting", greeting)))
                .thenCompose(this::secure)
                .thenCompose(this::authenticate)
                .thenApply(caps -> this)
                .handle((session, error) -> error == null ? CompletableFuture.completedFuture(session)
                        : this.<ClientSession>quitAndFail(unwrap(error)))
                .thenCompose(f -> f);
    }

    /**
     * RFC 5321 §3.1: after a refusal the client sends QUIT and waits for its reply; then closes. The
     * connection is simply dropped when it is already broken.
     */
    private <T> CompletableFuture<T> quitAndFail(Throwable cause) {
        CompletableFuture<SmtpReply> quit = channel.failure().isPresent() ? failed(cause)
                : exchange(new SmtpCommand.Quit());
        return quit.handle((reply, error) -> null)
                .thenCompose(ignored -> channel.close())
                .thenCompose(ignored -> failed(cause));
    }

    private CompletableFuture<SmtpCapabilities> hello() {
        SmtpCommand hello = options.lmtp() ? new SmtpCommand.Lhlo(ehloName) : new SmtpCommand.Ehlo(ehloName);
        return exchange(hello).thenCompose(reply -> {
            if (reply.isPositive()) {
                return remember(SmtpCapabilities.parse(reply));
            }
            // RFC 5321 §3.2: a server that does not know EHLO gets HELO, unless we need an extension
            if (!options.lmtp() && (reply.code() == 500 || reply.code() == 502) && !needsExtensions()) {
                return exchange(new SmtpCommand.Helo(ehloName)).thenCompose(helo -> helo.isPositive()
                        ? remember(new SmtpCapabilities(firstWord(helo), Map.of()))
                        : failed(new SmtpReplyException("HELO", helo)));
            }
            return failed(new SmtpReplyException(hello.verb(), reply));
        });
    }

    private CompletableFuture<SmtpCapabilities> remember(SmtpCapabilities caps) {
        capabilities = caps;
        return CompletableFuture.completedFuture(caps);
    }

    private boolean needsExtensions() {
        return options.credentials() != null
                || (options.startTlsPolicy() == StartTlsPolicy.REQUIRED && !channel.connection().isSecure());
    }

    private CompletableFuture<SmtpCapabilities> secure(SmtpCapabilities caps) {
        StartTlsPolicy policy = options.startTlsPolicy();
        if (options.implicitTls() || channel.connection().isSecure() || policy == StartTlsPolicy.DISABLED) {
            return CompletableFuture.completedFuture(caps);
        }
        if (!caps.startTls()) {
            // a missing STARTTLS may be a man in the middle stripping it: under REQUIRED nothing but
            // QUIT follows, so neither credentials nor mail go out in cleartext
            return policy == StartTlsPolicy.REQUIRED
                    ? failed(new MissingExtensionException("STARTTLS", "StartTlsPolicy.REQUIRED forbids cleartext"))
                    : CompletableFuture.completedFuture(caps);
        }
        return channel.sendStartTls(encode(new SmtpCommand.StartTls())).thenCompose(reply -> {
            if (reply.code() == 220) {
                // RFC 3207 §4.2: forget what the server said in cleartext and ask again
                capabilities = null;
                return hello();
            }
            return policy == StartTlsPolicy.REQUIRED ? failed(new SmtpReplyException("STARTTLS", reply))
                    : CompletableFuture.completedFuture(caps);
        });
    }

    // ---- AUTH (RFC 4954) ----

    private CompletableFuture<SmtpCapabilities> authenticate(SmtpCapabilities caps) {
        SmtpCredentials credentials = options.credentials();
        if (credentials == null) {
            return CompletableFuture.completedFuture(caps);
        }
        Set<String> offered = caps.authMechanisms();
        if (!caps.has("AUTH")) {
            return failed(new MissingExtensionException("AUTH", "credentials are set"));
        }
        Optional<SaslMechanism> choice = options.mechanisms().stream()
                .filter(m -> fits(m, credentials) && offered.contains(m.wireName()))
                .findFirst();
        if (choice.isEmpty()) {
            return failed(new MissingExtensionException("AUTH", "none of the mechanisms " + options.mechanisms()
                    + " usable with " + credentials.getClass().getSimpleName() + " is among " + offered));
        }
        SaslClientMechanism sasl;
        try {
            sasl = mechanism(choice.get(), credentials);
        } catch (SaslException e) {
            return failed(new SmtpAuthenticationException("cannot authenticate with " + choice.get().wireName(), e));
        }
        LOG.debug("connection {}: AUTH {}", channel.connection().id(), sasl.mechanism().wireName());
        return startAuth(sasl).thenCompose(reply -> authStep(sasl, reply, 0)).thenApply(done -> {
            authenticated = true;
            return caps;
        });
    }

    private static boolean fits(SaslMechanism mechanism, SmtpCredentials credentials) {
        boolean token = mechanism == SaslMechanism.XOAUTH2 || mechanism == SaslMechanism.OAUTHBEARER;
        return token == (credentials instanceof SmtpCredentials.OAuthToken);
    }

    private SaslClientMechanism mechanism(SaslMechanism mechanism, SmtpCredentials credentials) throws SaslException {
        if (credentials instanceof SmtpCredentials.Password p) {
            return switch (mechanism) {
                case SCRAM_SHA_256 -> SaslClients.scramSha256("", p.user(), p.password());
                case CRAM_MD5 -> SaslClients.cramMd5(p.user(), p.password());
                case PLAIN -> SaslClients.plain("", p.user(), p.password());
                case LOGIN -> SaslClients.login(p.user(), p.password());
                default -> throw new IllegalStateException(mechanism + " takes a token");
            };
        }
        SmtpCredentials.OAuthToken t = (SmtpCredentials.OAuthToken) credentials;
        return switch (mechanism) {
            case OAUTHBEARER -> SaslClients.oauthBearer(t.user(), t.accessToken(), serverName, port);
            case XOAUTH2 -> SaslClients.xoauth2(t.user(), t.accessToken());
            default -> throw new IllegalStateException(mechanism + " takes a password");
        };
    }

    private CompletableFuture<SmtpReply> startAuth(SaslClientMechanism sasl) {
        String name = sasl.mechanism().wireName();
        Optional<byte[]> initial = sasl.initialResponse();
        if (initial.isEmpty()) {
            return exchange(new SmtpCommand.Auth(name, Optional.empty()));
        }
        // RFC 4954 §4: "=" stands for an empty initial response
        String encoded = initial.get().length == 0 ? "=" : Base64.getEncoder().encodeToString(initial.get());
        if ("AUTH ".length() + name.length() + 1 + encoded.length() + 2 <= SmtpDecoderConfig.DEFAULT_MAX_AUTH_LINE) {
            return exchange(new SmtpCommand.Auth(name, Optional.of(encoded)));
        }
        // RFC 4954 §4: 12288 octets is the line limit servers must accept; longer, the server asks with an empty 334, and the response follows alone
        return exchange(new SmtpCommand.Auth(name, Optional.empty())).thenCompose(reply -> {
            if (reply.code() == 334 && reply.lines().get(0).isBlank()) {
                return channel.send(responseLine(encoded));
            }
            return CompletableFuture.completedFuture(reply);
        });
    }

    private CompletableFuture<Void> authStep(SaslClientMechanism sasl, SmtpReply reply, int round) {
        if (reply.code() == 235) {
            // a mechanism that authenticates the server (SCRAM) must have checked its signature
            // before the success counts; the other mechanisms are complete once they sent it all
            if (sasl.verifyServerFinal(new byte[0]) && sasl.isComplete()) {
                return CompletableFuture.completedFuture(null);
            }
            return failed(new SmtpAuthenticationException("the server reported success without proving it knows"
                    + " the credentials (" + sasl.mechanism().wireName() + ")", reply));
        }
        if (reply.code() != 334) {
            return failed(new SmtpAuthenticationException("authentication refused", reply));
        }
        if (round >= MAX_SASL_ROUNDS) {
            return cancelAuth("the server sent more than " + MAX_SASL_ROUNDS + " challenges", null);
        }
        byte[] response;
        try {
            byte[] challenge = Base64.getDecoder().decode(reply.lines().get(0).strip());
            response = sasl.respond(challenge);
        } catch (IllegalArgumentException notBase64) {
            return cancelAuth("the server's challenge is not base64", null);
        } catch (SaslException e) {
            return cancelAuth("the server's challenge broke the " + sasl.mechanism().wireName() + " exchange", e);
        }
        return channel.send(responseLine(Base64.getEncoder().encodeToString(response)))
                .thenCompose(next -> authStep(sasl, next, round + 1));
    }

    /** RFC 4954 §4: "*" cancels; the server answers 501, and the connection stays usable. */
    private CompletableFuture<Void> cancelAuth(String why, Throwable cause) {
        return channel.send(responseLine("*")).handle((reply, error) -> null)
                .thenCompose(ignored -> failed(cause == null ? new SmtpAuthenticationException(why, (SmtpReply) null)
                        : new SmtpAuthenticationException(why, cause)));
    }

    /** A SASL response line: base64 (or "*"), so it can hold no CR or LF of its own. */
    private static ByteBuffer responseLine(String base64OrStar) {
        return ByteBuffer.wrap((base64OrStar + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    // ---- operations ----

    /**
     * Runs {@code operation} once every operation asked for before it has finished. The lock only
     * orders the chain: the operation (which writes) starts after it is released, through the gate,
     * also when its turn has already come.
     */
    public <T> CompletableFuture<T> serialise(Supplier<CompletableFuture<T>> operation) {
        CompletableFuture<Void> gate = new CompletableFuture<>();
        CompletableFuture<T> next;
        synchronized (operations) {
            next = lastOperation.handle((result, error) -> null)
                    .thenCompose(ignored -> gate)
                    .thenCompose(ignored -> operation.get());
            lastOperation = next;
        }
        gate.complete(null);
        return next;
    }

    public CompletableFuture<SendResult> send(Envelope envelope, BodySource body) {
        return serialise(() -> new Transaction(this, envelope, body).run());
    }

    /** NOOP or RSET: one command, one reply, returned as it is. */
    public CompletableFuture<SmtpReply> command(SmtpCommand command) {
        return serialise(() -> exchange(command));
    }

    /** QUIT, then close; completes once the connection is closed, whatever the server answered. */
    public CompletableFuture<Void> quit() {
        return serialise(() -> {
            CompletableFuture<SmtpReply> quit = channel.failure().isPresent()
                    ? CompletableFuture.completedFuture(null) : exchange(new SmtpCommand.Quit());
            return quit.handle((reply, error) -> null).thenCompose(ignored -> channel.close()).toCompletableFuture();
        });
    }

    CompletableFuture<SmtpReply> exchange(SmtpCommand command) {
        return channel.send(encode(command));
    }

    static ByteBuffer encode(SmtpCommand command) {
        return SmtpCommandEncoder.encode(command);
    }

    static <T> CompletableFuture<T> failed(Throwable cause) {
        return CompletableFuture.failedFuture(cause);
    }

    static Throwable unwrap(Throwable error) {
        while ((error instanceof java.util.concurrent.CompletionException
                || error instanceof java.util.concurrent.ExecutionException) && error.getCause() != null) {
            error = error.getCause();
        }
        return error;
    }

    private static String firstWord(SmtpReply reply) {
        String line = reply.lines().get(0).strip();
        int space = line.indexOf(' ');
        return space < 0 ? line : line.substring(0, space);
    }

    /** RFC 5321 §4.1.3: {@code [192.0.2.1]} or {@code [IPv6:2001:db8::1]}. */
    static String addressLiteral(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            String text = v6.getHostAddress();
            int zone = text.indexOf('%');
            return "[IPv6:" + (zone < 0 ? text : text.substring(0, zone)) + "]";
        }
        return "[" + address.getHostAddress() + "]";
    }
}
