package org.mailwire.smtp.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.mailwire.transport.arch.CodecPurityRules;

/** ARCHITECTURE.md: the codec and the model are pure functions of bytes and values. */
class SmtpCodecPurityTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.mailwire.smtp");

    @Test
    void codecDependsOnlyOnTheJdkTheModelAndTheLineScanner() {
        CodecPurityRules.onlyPureDependencies("org.mailwire.smtp.codec..", "org.mailwire.smtp").check(PRODUCTION);
    }

    @Test
    void modelIsPure() {
        CodecPurityRules.pureCodecPackages("org.mailwire.smtp").check(PRODUCTION);
    }

    @Test
    void modelDependsOnTheJdkAlone() {
        // Stricter than the codec rule: not even the line scanner, so the model can move anywhere.
        classes().that().resideInAPackage("org.mailwire.smtp")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.mailwire.smtp")
                .because("the SMTP model is plain records and enums over the JDK")
                .check(PRODUCTION);
    }
}
