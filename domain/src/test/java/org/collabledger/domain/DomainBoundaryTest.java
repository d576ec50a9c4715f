package org.collabledger.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaParameter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.collabledger.domain.allocation.AllocationCommand;
import org.collabledger.domain.artist.ArtistCommand;
import org.collabledger.domain.collaboration.CollaborationCommand;
import org.collabledger.domain.record.RecordCommand;
import org.collabledger.domain.release.ReleaseCommand;
import org.collabledger.domain.shared.EventType;
import org.collabledger.domain.treasury.TreasuryCommand;

/** The domain knows no framework it does not need, and its events know no framework at all. */
@AnalyzeClasses(
        packages = "org.collabledger.domain",
        importOptions = ImportOption.DoNotIncludeTests.class)
class DomainBoundaryTest {

    @ArchTest
    static final ArchRule domainDependsOnNoInfrastructure =
            noClasses()
                    .that()
                    .resideInAPackage("org.collabledger.domain..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "org.springframework..",
                            "java.sql..",
                            "javax.sql..",
                            "jakarta.persistence..",
                            "jakarta.servlet..",
                            "com.fasterxml.jackson..");

    @ArchTest
    static final ArchRule eventsCarryNoAxonAnnotations =
            classes()
                    .that()
                    .areAnnotatedWith(EventType.class)
                    .should(carryOnlyAxonAnnotations(name -> false, "no Axon annotations"));

    @ArchTest
    static final ArchRule commandsCarryOnlyAxonsRoutingAnnotation =
            classes()
                    .that()
                    .implement(ArtistCommand.class)
                    .or()
                    .implement(RecordCommand.class)
                    .or()
                    .implement(CollaborationCommand.class)
                    .or()
                    .implement(ReleaseCommand.class)
                    .or()
                    .implement(AllocationCommand.class)
                    .or()
                    .implement(TreasuryCommand.class)
                    .should(
                            carryOnlyAxonAnnotations(
                                    name ->
                                            TargetAggregateIdentifier.class.getName().equals(name)
                                                    || TargetAggregateVersion.class
                                                            .getName()
                                                            .equals(name),
                                    "no Axon annotation but @TargetAggregateIdentifier and @TargetAggregateVersion"));

    /**
     * Looks at the class, its fields, methods, constructors and their parameters (record components
     * land there).
     */
    private static ArchCondition<JavaClass> carryOnlyAxonAnnotations(
            Predicate<String> allowed, String description) {
        return new ArchCondition<>("carry " + description) {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                var found = new ArrayList<String>();
                collect(type.getAnnotations(), type.getName(), allowed, found);
                List<JavaMember> members = new ArrayList<>(type.getFields());
                members.addAll(type.getCodeUnits());
                for (JavaMember member : members) {
                    collect(member.getAnnotations(), member.getFullName(), allowed, found);
                    if (member instanceof JavaCodeUnit codeUnit) {
                        for (JavaParameter parameter : codeUnit.getParameters()) {
                            collect(
                                    parameter.getAnnotations(),
                                    parameter.getDescription(),
                                    allowed,
                                    found);
                        }
                    }
                }
                found.forEach(message -> events.add(SimpleConditionEvent.violated(type, message)));
                if (found.isEmpty()) {
                    events.add(
                            SimpleConditionEvent.satisfied(
                                    type, type.getName() + " carries " + description));
                }
            }
        };
    }

    private static void collect(
            Set<? extends JavaAnnotation<?>> annotations,
            String where,
            Predicate<String> allowed,
            List<String> found) {
        for (JavaAnnotation<?> annotation : annotations) {
            String name = annotation.getRawType().getName();
            if (name.startsWith("org.axonframework.") && !allowed.test(name)) {
                found.add(where + " is annotated with @" + name);
            }
        }
    }
}
