package org.mailwire.transport.arch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

class LinePackagePurityTest {

    private static final String FIXTURES = "org.mailwire.transport.arch.fixture";

    @Test
    void linePackageIsPure() {
        JavaClasses production = new ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("org.mailwire.transport.line");
        assertFalse(production.isEmpty(), "the line package must be on the class path");
        CodecPurityRules.pureCodecPackages("org.mailwire.transport.line..").check(production);
    }

    @Test
    void ruleFailsOnThisPackageWhichImportsArchUnit() {
        JavaClasses tests = new ClassFileImporter().importPackages("org.mailwire.transport.arch");
        EvaluationResult result = CodecPurityRules.pureCodecPackages("org.mailwire.transport.arch")
                .evaluate(tests);
        assertTrue(result.hasViolation());
        assertTrue(result.getFailureReport().toString().contains("com.tngtech.archunit"));
    }

    @Test
    void ruleFailsOnMina() {
        assertViolation(fixture("mina"), "org.apache.mina");
    }

    @Test
    void ruleFailsOnJdkNetworking() {
        assertViolation(fixture("net"), "java.net.Socket");
    }

    @Test
    void ruleFailsOnJdkLogging() {
        assertViolation(fixture("logging"), "java.lang.System$Logger");
    }

    @Test
    void rulePassesOnAPureCodecThatUsesItsModelAndTheLineScanner() {
        ArchRule rule = CodecPurityRules.onlyPureDependencies(FIXTURES + ".pure.codec..", FIXTURES + ".pure");
        assertFalse(rule.evaluate(fixtures()).hasViolation(), () -> rule.evaluate(fixtures()).getFailureReport().toString());
    }

    @Test
    void modelPatternDoesNotAllowSiblingPackages() {
        // ".pure" alone allows the model package, not ".pure.adapter" beside the codec.
        ArchRule rule = CodecPurityRules.onlyPureDependencies(FIXTURES + ".pure.codec..", FIXTURES + ".pure");
        JavaClasses classes = fixtures();
        assertFalse(rule.evaluate(classes).hasViolation());
        ArchRule misplaced = CodecPurityRules.onlyPureDependencies(FIXTURES + ".leaky.codec..", FIXTURES + ".leaky");
        assertViolationIn(misplaced, classes, FIXTURES + ".leaky.adapter");
    }

    @Test
    void ruleFailsWhenThePatternMatchesNoClass() {
        ArchRule rule = CodecPurityRules.pureCodecPackages("org.mailwire.nosuch.codec..");
        AssertionError error = assertThrows(AssertionError.class, () -> rule.check(fixtures()),
                "a misspelt pattern must not pass silently");
        assertTrue(error.getMessage().contains("failed to check any classes"), error.getMessage());
    }

    private static JavaClasses fixtures() {
        return new ClassFileImporter().importPackages(FIXTURES);
    }

    private static ArchRule fixture(String name) {
        return CodecPurityRules.pureCodecPackages(FIXTURES + "." + name);
    }

    private static void assertViolation(ArchRule rule, String expectedTarget) {
        assertViolationIn(rule, fixtures(), expectedTarget);
    }

    private static void assertViolationIn(ArchRule rule, JavaClasses classes, String expectedTarget) {
        EvaluationResult result = rule.evaluate(classes);
        assertTrue(result.hasViolation(), "expected a violation of " + rule.getDescription());
        String report = result.getFailureReport().toString();
        assertTrue(report.contains(expectedTarget), report);
    }
}
