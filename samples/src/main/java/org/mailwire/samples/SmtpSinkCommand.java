package org.mailwire.samples;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mailwire smtp-sink}: runs an {@link SmtpSink} until the process is stopped. */
@Command(name = "smtp-sink",
        mixinStandardHelpOptions = true,
        versionProvider = Mailwire.Version.class,
        description = {
            "An SMTP server that accepts every message, counts it and discards it.",
            "It offers STARTTLS with a self-signed certificate kept in the state directory (or the "
                    + "--cert/--key given), and AUTH PLAIN/LOGIN when --user is given.",
            "Prints one line when listening, the counters every --report-seconds, and once more on exit (Ctrl-C)."
        })
final class SmtpSinkCommand implements Callable<Integer> {
    /** How long transactions in progress may take to finish once asked to stop. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", defaultValue = "" + SmtpSinkOptions.DEFAULT_PORT,
            description = "Port to listen on, 0 for any free port (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    private InetAddress bind;

    @Option(names = "--hostname", defaultValue = "localhost",
            description = "Name in the greeting, the EHLO reply and a new certificate (default: ${DEFAULT-VALUE}).")
    private String hostname;

    @Option(names = "--state-dir", defaultValue = SmtpSinkOptions.DEFAULT_STATE_DIRECTORY, paramLabel = "DIR",
            description = "Where the self-signed certificate is kept across restarts (default: ./${DEFAULT-VALUE}).")
    private Path stateDirectory;

    @ArgGroup(exclusive = false)
    private PemFiles pem;

    @Option(names = "--user", paramLabel = "NAME:PASSWORD", converter = UserCredential.Converter.class,
            description = "Enables AUTH for this user; repeatable. Visible to other local users in the process list: "
                    + "for test accounts only.")
    private List<UserCredential> users = new ArrayList<>();

    @Option(names = "--allow-cleartext-auth",
            description = "Offer AUTH before STARTTLS (loopback addresses only).")
    private boolean allowCleartextAuth;

    @Option(names = "--max-message-size", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "Largest message accepted and advertised with SIZE, e.g. 10485760 or 10M (default: 25M).")
    private Long maxMessageSize;

    @Option(names = "--report-seconds", paramLabel = "SECONDS",
            description = "Print the counters at this interval.")
    private Integer reportSeconds;

    static final class PemFiles {
        @Option(names = "--cert", required = true, paramLabel = "PEM",
                description = "Certificate chain (leaf first) to serve instead of the self-signed one.")
        Path certificate;

        @Option(names = "--key", required = true, paramLabel = "PEM", description = "Private key of --cert.")
        Path privateKey;
    }

    /** The options as an {@link SmtpSinkOptions}; refuses inconsistent ones with a usage error. */
    SmtpSinkOptions options() {
        SmtpSinkOptions.Builder builder = SmtpSinkOptions.builder()
                .bindAddress(bind)
                .port(port)
                .hostname(hostname)
                .stateDirectory(stateDirectory)
                .allowCleartextAuth(allowCleartextAuth);
        if (pem != null) {
            builder.pem(pem.certificate, pem.privateKey);
        }
        users.forEach(user -> builder.user(user.name(), user.password()));
        if (maxMessageSize != null) {
            builder.maxMessageSize(maxMessageSize);
        }
        if (reportSeconds != null && reportSeconds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--report-seconds must be at least 1");
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    @Override
    public Integer call() throws Exception {
        SmtpSinkOptions options = options();
        PrintWriter out = spec.commandLine().getOut();
        SmtpSink sink = SmtpSink.start(options);
        out.println("smtp-sink listening on " + sink.localAddress().getAddress().getHostAddress()
                + " port " + sink.port()
                + " (STARTTLS certificate " + sink.certificateFile() + ", SHA-256 " + sink.certificateFingerprint()
                + (options.users().isEmpty() ? "; no AUTH" : "; AUTH for " + options.users().size() + " user(s)")
                + ")");
        out.flush();

        ScheduledExecutorService reporter = null;
        if (reportSeconds != null) {
            reporter = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "smtp-sink-report");
                thread.setDaemon(true);
                return thread;
            });
            reporter.scheduleAtFixedRate(() -> report(out, sink, "smtp-sink"),
                    reportSeconds, reportSeconds, TimeUnit.SECONDS);
        }

        CountDownLatch stopped = new CountDownLatch(1);
        ScheduledExecutorService stopReporter = reporter;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (stopReporter != null) {
                stopReporter.shutdownNow();
            }
            sink.shutdown(SHUTDOWN_GRACE);
            report(out, sink, "smtp-sink stopped");
            stopped.countDown();
        }, "smtp-sink-shutdown"));
        stopped.await();
        return 0;
    }

    private static void report(PrintWriter out, SmtpSink sink, String prefix) {
        synchronized (out) {
            out.println(prefix + ": " + sink.counters().line());
            out.flush();
        }
    }
}
