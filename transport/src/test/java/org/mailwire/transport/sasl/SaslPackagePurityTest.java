package org.mailwire.transport.sasl;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.mailwire.transport.arch.CodecPurityRules;

/**
 * The SASL package is as pure as a codec: JDK only (plus {@code javax.crypto} for HMAC), no I/O,
 * no MINA, no Bouncy Castle, no logging, so a fuzzer drives it directly and no secret can reach
 * a log from here (SECURITY.md row 16).
 */
class SaslPackagePurityTest {

    @Test
    void saslPackageIsPure() {
        JavaClasses production = new ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("org.mailwire.transport.sasl");
        assertFalse(production.isEmpty(), "the sasl package must be on the class path");
        CodecPurityRules.onlyPureDependencies("org.mailwire.transport.sasl..", "javax.crypto..").check(production);
    }
}
