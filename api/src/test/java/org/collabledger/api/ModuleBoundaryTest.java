package org.collabledger.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module boundaries written in each module's {@code package-info.java}, checked. */
class ModuleBoundaryTest {

    private static final JavaClasses LEDGER =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("org.collabledger");

    @Test
    void domainKnowsNoFrameworkItDoesNotNeed() {
        noClasses()
                .that()
                .resideInAPackage("org.collabledger.domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "java.sql..",
                        "javax.sql..",
                        "jakarta..",
                        "javax.servlet..",
                        "com.fasterxml.jackson..",
                        "java.net.http..",
                        "org.collabledger.projections..",
                        "org.collabledger.api..")
                .check(LEDGER);
    }

    @Test
    void projectionsKnowNoHttpAndNoApplication() {
        noClasses()
                .that()
                .resideInAPackage("org.collabledger.projections..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework.web..", "jakarta.servlet..", "org.collabledger.api..")
                .allowEmptyShould(true)
                .check(LEDGER);
    }

    @Test
    void operationsOnlyObservesAndOnlyTheCommandPathCallsIt() {
        noClasses()
                .that()
                .resideInAPackage("org.collabledger.api.operations..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.collabledger.api.web..", "org.axonframework.commandhandling.gateway..")
                .check(LEDGER);
        noClasses()
                .that()
                .resideOutsideOfPackage("org.collabledger.api.operations..")
                .and()
                .doNotHaveFullyQualifiedName("org.collabledger.api.web.CommandDispatcher")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.collabledger.api.operations..")
                .check(LEDGER);
    }

    @Test
    void onlyTheKurrentEngineTalksToKurrentDb() {
        noClasses()
                .that()
                .resideOutsideOfPackages(
                        "org.collabledger.api.storage.kurrent..", "org.collabledger.ops.kurrent..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.kurrent..", "io.grpc..")
                .check(LEDGER);
    }
}
