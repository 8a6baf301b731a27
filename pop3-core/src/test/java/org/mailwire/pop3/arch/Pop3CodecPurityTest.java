package org.mailwire.pop3.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.mailwire.transport.arch.CodecPurityRules;

/** ARCHITECTURE.md: the codec and the model are pure functions of bytes and values. */
class Pop3CodecPurityTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.mailwire.pop3");

    @Test
    void codecDependsOnlyOnTheJdkTheModelAndTheLineScanner() {
        CodecPurityRules.onlyPureDependencies("org.mailwire.pop3.codec..", "org.mailwire.pop3").check(PRODUCTION);
    }

    @Test
    void modelIsPure() {
        CodecPurityRules.pureCodecPackages("org.mailwire.pop3").check(PRODUCTION);
    }

    @Test
    void modelDependsOnTheJdkAlone() {
        // Stricter than the codec rule: not even the line scanner, so the model can move anywhere.
        classes().that().resideInAPackage("org.mailwire.pop3")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.mailwire.pop3")
                .because("the POP3 model is plain records over the JDK")
                .check(PRODUCTION);
    }
}
