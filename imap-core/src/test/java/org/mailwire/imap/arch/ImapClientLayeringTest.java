package org.mailwire.imap.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The client sits on the codec and the transport; nothing below it knows it, and its internals stay its own. */
class ImapClientLayeringTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.mailwire.imap");

    @Test
    void modelAndCodecDoNotKnowTheClient() {
        noClasses().that().resideInAnyPackage("org.mailwire.imap", "org.mailwire.imap.codec..")
                .should().dependOnClassesThat().resideInAPackage("org.mailwire.imap.client..")
                .check(PRODUCTION);
    }

    @Test
    void clientInternalsAreUsedOnlyByTheClient() {
        noClasses().that().resideOutsideOfPackages("org.mailwire.imap.client..")
                .should().dependOnClassesThat().resideInAPackage("org.mailwire.imap.client.internal..")
                .check(PRODUCTION);
    }
}
