package org.collabledger.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Currency;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The accepted currencies are ISO 4217's currencies in use for payments, each with its minor units.
 */
class CurrenciesTest {

    @Test
    void fundMetalTestAndWithdrawnCodesAreNotAccepted() {
        assertThat(Currencies.minorUnits())
                .doesNotContainKeys(
                        "BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI", "UYW", "XAU", "XAG",
                        "XPD", "XPT", "XDR", "XSU", "XUA", "XBA", "XBB", "XBC", "XBD", "XTS", "XXX",
                        "CUC", "DEM", "FRF", "HRK", "BGN", "ANG", "VEF", "ZWL", "SLL", "MRO", "STD",
                        "BYR");
    }

    @Test
    void currenciesInUseKeepTheirMinorUnits() {
        assertThat(Currencies.minorUnits())
                .contains(
                        Map.entry("USD", 2),
                        Map.entry("EUR", 2),
                        Map.entry("JPY", 0),
                        Map.entry("KWD", 3),
                        Map.entry("XOF", 0),
                        Map.entry("XCG", 2),
                        Map.entry("VED", 2),
                        Map.entry("ZWG", 2));
    }

    @Test
    void everyCurrencyTheJdkKnowsHasTheSameMinorUnitsThere() {
        // The JDK's table lags new codes at times, so only the codes it knows are compared, and
        // there must be many.
        Map<String, Integer> jdk =
                Currency.getAvailableCurrencies().stream()
                        .filter(
                                currency ->
                                        Currencies.minorUnits()
                                                .containsKey(currency.getCurrencyCode()))
                        .collect(
                                Collectors.toMap(
                                        Currency::getCurrencyCode,
                                        Currency::getDefaultFractionDigits));
        assertThat(jdk).hasSizeGreaterThan(150);
        assertThat(Currencies.minorUnits()).containsAllEntriesOf(jdk);
    }
}
