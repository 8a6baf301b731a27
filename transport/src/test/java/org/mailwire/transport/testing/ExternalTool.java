package org.mailwire.transport.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs a command-line peer (swaks, curl, python3, fetchmail, ...) with a bounded wait and captured output. */
public final class ExternalTool {
    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    public record Result(int exitCode, String stdout, String stderr) {
        public String all() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    private ExternalTool() {
    }

    /** Skips the test when the tool is missing, except in CI, where .ci/run installs it. */
    public static void require(String executable) {
        boolean present = Files.isExecutable(Path.of("/usr/bin", executable));
        if ("true".equals(System.getenv("CI")) && !present) {
            throw new AssertionError(executable + " must be installed in CI (.ci/run installs it)");
        }
        Assumptions.assumeTrue(present, executable + " is not installed");
    }

    public static Result run(List<String> command, String stdin, Path workDirectory) throws IOException, InterruptedException {
        return run(command, stdin, workDirectory, java.util.Map.of());
    }

    public static Result run(List<String> command, String stdin, Path workDirectory, java.util.Map<String, String> environment)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDirectory, "out", ".txt");
        Path err = Files.createTempFile(workDirectory, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Process process = builder
                .directory(workDirectory.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        try (var input = process.getOutputStream()) {
            input.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
