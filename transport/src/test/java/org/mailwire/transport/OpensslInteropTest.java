package org.mailwire.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailwire.transport.testing.TestTls;

/**
 * OpenSSL's {@code s_client}, a TLS stack we did not write, against an implicit-TLS listener and
 * against a STARTTLS upgrade (POP3's STLS dialogue, which s_client knows). It verifies our
 * certificate chain and host name, so a wrong identity fails here too.
 */
class OpensslInteropTest {
    private static final long PROCESS_TIMEOUT_SECONDS = 30;

    @TempDir
    static Path directory;
    private static Path caFile;

    @BeforeAll
    static void requireOpenssl() throws Exception {
        boolean inCi = "true".equals(System.getenv("CI"));
        boolean present = Files.isExecutable(Path.of("/usr/bin/openssl"));
        if (inCi) {
            assertTrue(present, "CI installs the openssl CLI; it must be there");
        }
        Assumptions.assumeTrue(present, "openssl CLI not installed");
        caFile = TestTls.certificatePem(directory);
    }

    @Test
    void implicitTlsListener() throws Exception {
        try (EchoServer server = new EchoServer(config -> config.implicitTls(TestTls.SERVER))) {
            Result result = sClient(server.port(), List.of());

            assertTrue(result.stdout.contains("+OK echo ready"), result.toString());
            assertTrue(result.stdout.contains("+OK secure"), result.toString());
            assertTrue(result.stdout.contains("+OK bye"), result.toString());
            assertTrue(result.stderr.contains("Verification: OK"), result.toString());
            assertTrue(result.stderr.contains("Protocol version: TLSv1.3"), result.toString());
        }
    }

    @Test
    void startTlsUpgrade() throws Exception {
        try (EchoServer server = new EchoServer(config -> config.startTls(TestTls.SERVER))) {
            Result result = sClient(server.port(), List.of("-starttls", "pop3"));

            assertTrue(result.stdout.contains("+OK secure"), result.toString());
            assertTrue(result.stdout.contains("+OK bye"), result.toString());
            assertTrue(result.stderr.contains("Verification: OK"), result.toString());
            assertEquals(List.of("STLS", "TLS?", "QUIT"), server.shared.received);
        }
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private static Result sClient(int port, List<String> extra) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client",
                "-connect", "127.0.0.1:" + port,
                "-servername", "localhost",
                "-verify_hostname", "localhost",
                "-CAfile", caFile.toString(),
                "-verify_return_error",
                "-brief", "-crlf", "-quiet"));
        command.addAll(extra);
        Path stdout = Files.createTempFile(directory, "out", ".txt");
        Path stderr = Files.createTempFile(directory, "err", ".txt");
        Process process = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        // -quiet keeps s_client reading after stdin ends; QUIT makes the server close, which ends it.
        process.getOutputStream().write("TLS?\nQUIT\n".getBytes(StandardCharsets.US_ASCII));
        process.getOutputStream().flush();
        process.getOutputStream().close();
        if (!process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return new Result(process.waitFor(), Files.readString(stdout), Files.readString(stderr));
    }
}
