package org.mailwire.transport.arch;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The purity rule of ARCHITECTURE.md: a codec is a pure function of bytes, so fuzzers, tests and
 * embedders can drive it without a network, MINA, TLS or a logger. Shipped in transport's test
 * jar so every protocol module applies the same rule to its own codec:
 *
 * <pre>{@code
 * CodecPurityRules.onlyPureDependencies("org.mailwire.smtp.codec..", "org.mailwire.smtp")
 *         .check(new ClassFileImporter()
 *                 .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
 *                 .importPackages("org.mailwire.smtp"));
 * }</pre>
 *
 * <p>Package patterns are ArchUnit's: {@code "org.mailwire.smtp"} is that package alone (the
 * model, not {@code ..smtp.mina}), {@code "org.mailwire.smtp.codec.."} includes subpackages.
 * The rule fails when no class matches the codec pattern, so a misspelt pattern cannot pass.
 */
public final class CodecPurityRules {

    /** The line scanner every codec may build on. */
    public static final String LINE_PACKAGE = "org.mailwire.transport.line..";

    /**
     * Parts of the JDK a pure codec must not touch even though {@code java..} is allowed:
     * sockets, channels and files are I/O, and the logging APIs are how input (AUTH lines hold
     * secrets) ends up in logs.
     */
    public static final List<String> FORBIDDEN_JDK_PACKAGES =
            List.of("java.net..", "java.nio.channels..", "java.nio.file..", "java.util.logging..");

    /**
     * Named for the error message only: they are already outside the allowed packages, but a
     * reader of a failing build should see at once which kind of dependency crept in.
     */
    public static final List<String> FORBIDDEN_LIBRARIES =
            List.of("org.apache.mina..", "org.bouncycastle..", "org.slf4j..");

    private CodecPurityRules() {
    }

    /**
     * Classes in {@code codecPackagePattern} depend only on the JDK (minus
     * {@link #FORBIDDEN_JDK_PACKAGES} and {@code System.Logger}), on their own package tree, on
     * {@link #LINE_PACKAGE} and on {@code allowedPackagePatterns} (typically the module's model).
     */
    public static ArchRule onlyPureDependencies(String codecPackagePattern, String... allowedPackagePatterns) {
        Objects.requireNonNull(codecPackagePattern, "codecPackagePattern");
        List<String> allowed = new ArrayList<>();
        allowed.add("java..");
        allowed.add(codecPackagePattern);
        allowed.add(LINE_PACKAGE);
        allowed.addAll(List.of(allowedPackagePatterns));

        List<String> forbidden = new ArrayList<>(FORBIDDEN_JDK_PACKAGES);
        forbidden.addAll(FORBIDDEN_LIBRARIES);
        DescribedPredicate<JavaClass> pure = resideInAnyPackage(allowed.toArray(String[]::new))
                .and(DescribedPredicate.not(resideInAnyPackage(forbidden.toArray(String[]::new))))
                .and(DescribedPredicate.not(systemLogger()))
                .as("reside in %s but not in %s nor are System.Logger", allowed, forbidden);

        return classes().that().resideInAPackage(codecPackagePattern)
                .should().onlyDependOnClassesThat(pure)
                .because("codecs are pure functions of bytes (ARCHITECTURE.md): no I/O, no MINA, "
                        + "no Bouncy Castle, no logging");
    }

    /** {@link #onlyPureDependencies} with nothing allowed beyond the JDK and the line scanner. */
    public static ArchRule pureCodecPackages(String codecPackagePattern) {
        return onlyPureDependencies(codecPackagePattern);
    }

    private static DescribedPredicate<JavaClass> systemLogger() {
        return DescribedPredicate.describe("System.Logger",
                c -> c.getName().startsWith("java.lang.System$Logger"));
    }
}
