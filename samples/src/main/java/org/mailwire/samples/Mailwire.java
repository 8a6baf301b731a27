package org.mailwire.samples;

import java.io.IOException;
import java.io.InputStream;
import java.util.logging.LogManager;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mailwire} command line. */
@Command(name = "mailwire",
        mixinStandardHelpOptions = true,
        versionProvider = Mailwire.Version.class,
        description = "Mail servers and clients built from the Mailwire modules.",
        subcommands = {SmtpSinkCommand.class, CommandLine.HelpCommand.class})
public final class Mailwire implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        quietJavaLogging();
        System.exit(commandLine().execute(args));
    }

    /**
     * The program owns its JVM, so it may configure java.util.logging, unless the user did with
     * {@code -Djava.util.logging.config.file}. Embedders calling {@link #commandLine()} keep theirs.
     */
    private static void quietJavaLogging() {
        if (System.getProperty("java.util.logging.config.file") != null
                || System.getProperty("java.util.logging.config.class") != null) {
            return;
        }
        try (InputStream config = Mailwire.class.getResourceAsStream("logging.properties")) {
            if (config != null) {
                LogManager.getLogManager().readConfiguration(config);
            }
        } catch (IOException e) {
            // The defaults are merely noisier: carry on.
        }
    }

    /** The command line with every subcommand, for embedding and tests: {@code execute} does not exit. */
    public static CommandLine commandLine() {
        return new CommandLine(new Mailwire());
    }

    @Override
    public void run() {
        // No subcommand given: say what there is.
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Mailwire.class.getPackage().getImplementationVersion();
            return new String[] {"mailwire " + (version == null ? "(development build)" : version)};
        }
    }
}
