package org.mailwire.smtp.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.mailwire.smtp.codec.SmtpDecoderConfig;
import org.mailwire.smtp.server.internal.BufferingBodySink;
import org.mailwire.smtp.server.internal.SmtpSession;
import org.mailwire.tls.ServerTls;
import org.mailwire.transport.Listener;
import org.mailwire.transport.ListenerConfig;
import org.mailwire.transport.Refusal;
import org.mailwire.transport.TransportCounters;
import org.mailwire.transport.sasl.Authenticator;
import org.mailwire.transport.sasl.SaslServer;

/**
 * An SMTP, submission or LMTP server.
 *
 * <pre>{@code
 * SmtpServer server = SmtpServer.builder()
 *         .port(2525)
 *         .onMessage((envelope, body) -> store(envelope, body.readAllBytes()))
 *         .start();
 * }</pre>
 */
public final class SmtpServer implements AutoCloseable {
    private final SmtpServerConfig config;
    private final Listener listener;
    private final ExecutorService ownedWorkers;

    private SmtpServer(SmtpServerConfig config, ExecutorService ownedWorkers) {
        this.config = config;
        this.ownedWorkers = ownedWorkers;
        Optional<SaslServer> sasl = config.authenticator()
                .map(authenticator -> new SaslServer(authenticator, new SecureRandom(), serverSecret()));
        this.listener = Listener.start(config.listener(), connection -> new SmtpSession(connection, config, sasl));
    }

    private static byte[] serverSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return secret;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static SmtpServer start(SmtpServerConfig config) {
        return new SmtpServer(config, null);
    }

    public SmtpServerConfig config() {
        return config;
    }

    public int port() {
        return listener.port();
    }

    public InetSocketAddress localAddress() {
        return listener.localAddress();
    }

    public TransportCounters counters() {
        return listener.counters();
    }

    /**
     * Stops accepting, lets transactions in progress finish (each session then says 421 and closes)
     * until {@code grace} has passed, then closes the rest.
     */
    public boolean shutdown(Duration grace) {
        boolean graceful = listener.shutdown(grace);
        if (ownedWorkers != null) {
            ownedWorkers.shutdown();
        }
        return graceful;
    }

    @Override
    public void close() {
        shutdown(Duration.ZERO);
    }

    /** Builds a server; everything has a default but where messages go. */
    public static final class Builder {
        private String hostname = "localhost";
        private SmtpMode mode = SmtpMode.MX;
        private final ListenerConfig.Builder listener = ListenerConfig.builder()
                .refusalLine(Builder::refusal);
        private SmtpDecoderConfig limits = SmtpDecoderConfig.defaults();
        private Authenticator authenticator;
        private boolean allowCleartextAuth;
        private Duration authFailureDelay = SmtpServerConfig.DEFAULT_AUTH_FAILURE_DELAY;
        private int maxAuthFailures = SmtpServerConfig.DEFAULT_MAX_AUTH_FAILURES;
        private int maxBadCommands = SmtpServerConfig.DEFAULT_MAX_BAD_COMMANDS;
        private VrfyPolicy vrfyPolicy = VrfyPolicy.NON_COMMITTAL;
        private SmtpTimeouts timeouts = SmtpTimeouts.DEFAULTS;
        private SmtpHooks hooks = new SmtpHooks() { };
        private MessageSink messageSink;
        private MessageHandler messageHandler;
        private int workerThreads = 4;

        private Builder() {
        }

        private static String refusal(Refusal refusal) {
            // RFC 5321 §3.8: 421 tells the client to try again later.
            return "421 4.7.0 Too many connections, try again later";
        }

        public Builder hostname(String hostname) {
            this.hostname = hostname;
            return this;
        }

        public Builder mode(SmtpMode mode) {
            this.mode = mode;
            return this;
        }

        public Builder bindAddress(InetAddress address) {
            listener.bindAddress(address);
            return this;
        }

        public Builder port(int port) {
            listener.port(port);
            return this;
        }

        /** Offers STARTTLS (RFC 3207) with this identity. */
        public Builder startTls(ServerTls tls) {
            listener.startTls(tls);
            return this;
        }

        /** TLS from the first byte (RFC 8314, port 465). */
        public Builder implicitTls(ServerTls tls) {
            listener.implicitTls(tls);
            return this;
        }

        public Builder maxConnections(int total, int perAddress) {
            listener.maxConnections(total).maxConnectionsPerAddress(perAddress);
            return this;
        }

        public Builder ioProcessors(int count) {
            listener.ioProcessors(count);
            return this;
        }

        public Builder limits(SmtpDecoderConfig limits) {
            this.limits = limits;
            return this;
        }

        public Builder authenticator(Authenticator authenticator) {
            this.authenticator = authenticator;
            return this;
        }

        /** Offers PLAIN and LOGIN without TLS: for loopback development only. */
        public Builder allowCleartextAuth(boolean allow) {
            this.allowCleartextAuth = allow;
            return this;
        }

        public Builder authFailures(Duration delay, int maxFailures) {
            this.authFailureDelay = delay;
            this.maxAuthFailures = maxFailures;
            return this;
        }

        public Builder maxBadCommands(int maxBadCommands) {
            this.maxBadCommands = maxBadCommands;
            return this;
        }

        public Builder vrfy(VrfyPolicy policy) {
            this.vrfyPolicy = policy;
            return this;
        }

        public Builder timeouts(SmtpTimeouts timeouts) {
            this.timeouts = timeouts;
            // Silence longer than any protocol timeout is the transport's last resort.
            Duration longest = timeouts.command().compareTo(timeouts.dataBlock()) > 0 ? timeouts.command() : timeouts.dataBlock();
            listener.idleTimeout(longest.plusSeconds(60));
            return this;
        }

        public Builder hooks(SmtpHooks hooks) {
            this.hooks = Objects.requireNonNull(hooks, "hooks");
            return this;
        }

        /** Streams each body into a sink of your own (a store that fsyncs before it completes). */
        public Builder messageSink(MessageSink sink) {
            this.messageSink = sink;
            this.messageHandler = null;
            return this;
        }

        /** The easy path: each complete message, on a worker thread, with its body as a stream. */
        public Builder onMessage(MessageHandler handler) {
            this.messageHandler = handler;
            this.messageSink = null;
            return this;
        }

        /** Threads that run {@link #onMessage} handlers (default 4). */
        public Builder workerThreads(int threads) {
            this.workerThreads = threads;
            return this;
        }

        public SmtpServerConfig config() {
            return config(messageSink);
        }

        private SmtpServerConfig config(MessageSink sink) {
            return new SmtpServerConfig(hostname, mode, listener.build(), limits, Optional.ofNullable(authenticator),
                    allowCleartextAuth, authFailureDelay, maxAuthFailures, maxBadCommands, vrfyPolicy, timeouts,
                    hooks, sink);
        }

        /** Binds and starts serving. */
        public SmtpServer start() {
            if (messageHandler == null) {
                return new SmtpServer(config(messageSink), null);
            }
            AtomicInteger count = new AtomicInteger();
            ExecutorService workers = Executors.newFixedThreadPool(workerThreads, task -> {
                Thread thread = new Thread(task, "mailwire-smtp-worker-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            try {
                return new SmtpServer(config(BufferingBodySink.of(messageHandler, workers)), workers);
            } catch (RuntimeException e) {
                workers.shutdownNow();
                throw e;
            }
        }
    }
}
