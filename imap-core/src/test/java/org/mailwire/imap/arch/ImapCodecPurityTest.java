package org.mailwire.imap.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.mailwire.transport.arch.CodecPurityRules;

/** ARCHITECTURE.md: the codec and the model are pure functions of bytes and values. */
class ImapCodecPurityTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.mailwire.imap");

    @Test
    void codecDependsOnlyOnTheJdkTheModelAndTheLineScanner() {
        CodecPurityRules.onlyPureDependencies("org.mailwire.imap.codec..", "org.mailwire.imap").check(PRODUCTION);
    }

    @Test
    void modelIsPure() {
        CodecPurityRules.pureCodecPackages("org.mailwire.imap").check(PRODUCTION);
    }

    @Test
    void modelDependsOnTheJdkAlone() {
        classes().that().resideInAPackage("org.mailwire.imap")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.mailwire.imap")
                .because("the IMAP model is plain records over the JDK")
                .check(PRODUCTION);
    }
}
