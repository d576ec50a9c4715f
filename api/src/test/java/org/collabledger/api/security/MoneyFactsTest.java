package org.collabledger.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.collabledger.api.storage.EventTypeRegistry;
import org.collabledger.domain.allocation.AllocationLine;
import org.collabledger.domain.shared.EventType;
import org.collabledger.domain.shared.Money;
import org.junit.jupiter.api.Test;

/**
 * A new kind of event that carries money cannot reach artists' histories before it is told whose
 * money it is.
 */
class MoneyFactsTest {

    @Test
    void everyEventTypeCarryingAnAmountOrPerArtistLinesIsAMoneyFact() {
        for (Class<?> family : EventTypeRegistry.EVENT_FAMILIES) {
            for (Class<?> event : family.getPermittedSubclasses()) {
                boolean money =
                        Arrays.stream(event.getRecordComponents())
                                .anyMatch(
                                        component ->
                                                component.getType() == Money.class
                                                        || component
                                                                .getGenericType()
                                                                .getTypeName()
                                                                .equals(
                                                                        "java.util.List<"
                                                                                + AllocationLine
                                                                                        .class
                                                                                        .getName()
                                                                                + ">")
                                                        || List.of(
                                                                        "amount",
                                                                        "pool",
                                                                        "balance",
                                                                        "netCovered")
                                                                .contains(component.getName()));
                String type = event.getAnnotation(EventType.class).name();
                assertThat(!money || MoneyVisibility.MONEY_EVENTS.containsKey(type))
                        .as(type + " carries money, so MoneyVisibility must say whose it is")
                        .isTrue();
            }
        }
    }
}
