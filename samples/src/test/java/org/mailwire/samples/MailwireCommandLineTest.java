package org.mailwire.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Parsing and refusals of the command line; nothing here starts a server. */
class MailwireCommandLineTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = Mailwire.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void smtpSinkHelpListsItsOptions() {
        assertEquals(0, run("smtp-sink", "--help"));
        for (String option : new String[] {"--port", "--bind", "--state-dir", "--cert", "--key", "--user",
                "--allow-cleartext-auth", "--max-message-size", "--report-seconds"}) {
            assertTrue(out.toString().contains(option), option + " in\n" + out);
        }
    }

    @Test
    void noSubcommandIsAUsageError() {
        assertEquals(2, run());
        assertTrue(err.toString().contains("smtp-sink"), err.toString());
    }

    @Test
    void aUserNeedsAPassword() {
        assertEquals(2, run("smtp-sink", "--port", "0", "--user", "alice"));
        assertTrue(err.toString().contains("NAME:PASSWORD"), err.toString());
    }

    @Test
    void aCertificateNeedsItsKey() {
        assertEquals(2, run("smtp-sink", "--port", "0", "--cert", "cert.pem"));
        assertTrue(err.toString().contains("--key"), err.toString());
    }

    @Test
    void cleartextAuthOnlyOnLoopback() {
        assertEquals(2, run("smtp-sink", "--port", "0", "--bind", "192.0.2.1", "--user", "a:b",
                "--allow-cleartext-auth"));
        assertTrue(err.toString().contains("loopback"), err.toString());
    }

    @Test
    void sizesTakeBinarySuffixes() {
        ByteSizeConverter sizes = new ByteSizeConverter();
        assertEquals(1048576L, sizes.convert("1048576"));
        assertEquals(512L * 1024, sizes.convert("512K"));
        assertEquals(25L * 1024 * 1024, sizes.convert("25m"));
        assertEquals(1L << 30, sizes.convert("1G"));
        assertThrows(CommandLine.TypeConversionException.class, () -> sizes.convert("ten"));
        assertThrows(CommandLine.TypeConversionException.class, () -> sizes.convert("-1"));
        assertThrows(CommandLine.TypeConversionException.class, () -> sizes.convert("99999999999999999G"));
    }

    @Test
    void passwordsStayOutOfToString() {
        UserCredential user = new UserCredential.Converter().convert("alice:se:cret");
        assertEquals("se:cret", user.password());
        assertEquals("alice:***", user.toString());
    }
}
