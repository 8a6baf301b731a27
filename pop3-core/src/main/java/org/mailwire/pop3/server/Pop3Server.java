package org.mailwire.pop3.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.mailwire.pop3.codec.Pop3DecoderConfig;
import org.mailwire.pop3.server.internal.Pop3Session;
import org.mailwire.tls.ServerTls;
import org.mailwire.transport.Listener;
import org.mailwire.transport.ListenerConfig;
import org.mailwire.transport.Refusal;
import org.mailwire.transport.TransportCounters;
import org.mailwire.transport.sasl.Authenticator;
import org.mailwire.transport.sasl.SaslServer;

/**
 * A POP3 server (RFC 1939) with CAPA, STLS, SASL, UTF8 and LANG (RFC 2449, 2595, 5034, 6856).
 *
 * <pre>{@code
 * InMemoryMaildropStore store = new InMemoryMaildropStore();
 * Pop3Server server = Pop3Server.builder()
 *         .port(1100)
 *         .startTls(serverTls)
 *         .authenticator(new InMemoryUsers().add("alice", "correct horse"))
 *         .maildropStore(store)
 *         .start();
 * }</pre>
 */
public final class Pop3Server implements AutoCloseable {
    private final Pop3ServerConfig config;
    private final Listener listener;
    private final ExecutorService readers;

    private Pop3Server(Pop3ServerConfig config, int readerThreads) {
        this.config = config;
        AtomicInteger count = new AtomicInteger();
        this.readers = Executors.newFixedThreadPool(readerThreads, task -> {
            Thread thread = new Thread(task, "mailwire-pop3-reader-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        SecureRandom random = new SecureRandom();
        SaslServer sasl = new SaslServer(config.authenticator(), random, serverSecret(random));
        try {
            this.listener = Listener.start(config.listener(),
                    connection -> new Pop3Session(connection, config, sasl, readers, random));
        } catch (RuntimeException e) {
            readers.shutdownNow();
            throw e;
        }
    }

    private static byte[] serverSecret(SecureRandom random) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return secret;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts a server from a finished configuration, with four message reader threads. */
    public static Pop3Server start(Pop3ServerConfig config) {
        return new Pop3Server(config, Builder.DEFAULT_READER_THREADS);
    }

    public Pop3ServerConfig config() {
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
     * Stops accepting and tells every session to end: idle sessions get {@code -ERR [SYS/TEMP]} at
     * once, a response being streamed finishes first. Nothing is deleted for a session ended this
     * way (RFC 1939 §6). Sessions left after {@code grace} are closed.
     */
    public boolean shutdown(Duration grace) {
        boolean graceful = listener.shutdown(grace);
        readers.shutdown();
        return graceful;
    }

    @Override
    public void close() {
        shutdown(Duration.ZERO);
    }

    /** Builds a server; everything has a default but the authenticator and the maildrop store. */
    public static final class Builder {
        static final int DEFAULT_READER_THREADS = 4;

        private String hostname = "localhost";
        private final ListenerConfig.Builder listener = ListenerConfig.builder()
                .refusalLine(Builder::refusal)
                .idleTimeout(Pop3Timeouts.DEFAULTS.idle().plusSeconds(60));
        private Pop3DecoderConfig limits = Pop3DecoderConfig.defaults();
        private Authenticator authenticator;
        private boolean allowCleartextAuth;
        private Duration authFailureDelay = Pop3ServerConfig.DEFAULT_AUTH_FAILURE_DELAY;
        private int maxAuthFailures = Pop3ServerConfig.DEFAULT_MAX_AUTH_FAILURES;
        private int maxBadCommands = Pop3ServerConfig.DEFAULT_MAX_BAD_COMMANDS;
        private Pop3Timeouts timeouts = Pop3Timeouts.DEFAULTS;
        private Pop3Hooks hooks = new Pop3Hooks() { };
        private MaildropStore maildropStore;
        private String expirePolicy = "NEVER";
        private Duration loginDelay = Duration.ZERO;
        private int readerThreads = DEFAULT_READER_THREADS;

        private Builder() {
        }

        private static String refusal(Refusal refusal) {
            // RFC 3206 §4: SYS/TEMP, a temporary condition; the client may try again later.
            return "-ERR [SYS/TEMP] too many connections";
        }

        public Builder hostname(String hostname) {
            this.hostname = hostname;
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

        /** Offers STLS (RFC 2595) with this identity. */
        public Builder startTls(ServerTls tls) {
            listener.startTls(tls);
            return this;
        }

        /** TLS from the first byte (RFC 8314, port 995). */
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

        public Builder limits(Pop3DecoderConfig limits) {
            this.limits = limits;
            return this;
        }

        public Builder authenticator(Authenticator authenticator) {
            this.authenticator = authenticator;
            return this;
        }

        /** Allows USER/PASS and AUTH PLAIN/LOGIN without TLS: for loopback development only. */
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

        public Builder timeouts(Pop3Timeouts timeouts) {
            this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
            // Silence longer than the idle timeout is the transport's last resort.
            listener.idleTimeout(timeouts.idle().plusSeconds(60));
            return this;
        }

        public Builder hooks(Pop3Hooks hooks) {
            this.hooks = Objects.requireNonNull(hooks, "hooks");
            return this;
        }

        public Builder maildropStore(MaildropStore store) {
            this.maildropStore = store;
            return this;
        }

        /** CAPA EXPIRE: {@code NEVER} (the default) or days. */
        public Builder expirePolicy(String policy) {
            this.expirePolicy = policy;
            return this;
        }

        /** CAPA LOGIN-DELAY, whole seconds (default 0); enforce it in {@link Pop3Hooks#onLogin}. */
        public Builder loginDelay(Duration delay) {
            this.loginDelay = delay;
            return this;
        }

        /** Threads that read message streams for RETR and TOP (default 4), off the I/O threads. */
        public Builder readerThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("readerThreads must be positive: " + threads);
            }
            this.readerThreads = threads;
            return this;
        }

        public Pop3ServerConfig config() {
            return new Pop3ServerConfig(hostname, listener.build(), limits, authenticator, allowCleartextAuth,
                    authFailureDelay, maxAuthFailures, maxBadCommands, timeouts, hooks, maildropStore,
                    expirePolicy, loginDelay);
        }

        /** Binds and starts serving. */
        public Pop3Server start() {
            return new Pop3Server(config(), readerThreads);
        }
    }
}
