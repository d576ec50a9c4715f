package org.collabledger.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Money is whole minor units of a known ISO 4217 currency that has minor units. */
class MoneyTest {

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"ZZZ", "ABC", "XXX", "XAU", "XTS", "XDR", "US", "USDT", "U5D", "$", " USD"})
    void unknownCurrencyIsRefused(String currency) {
        assertThatThrownBy(() -> new Money(100, currency))
                .isInstanceOfSatisfying(Refusal.class, refusal -> {
                    assertThat(refusal.code()).isEqualTo(ErrorCode.UNKNOWN_CURRENCY);
                    assertThat(refusal.field()).isEqualTo("currency");
                });
    }

    @Test
    void aRefusedCurrencyNamesTheFieldAtFault() {
        assertThatThrownBy(() -> Money.requireCurrency("ZZZ", "budget.currency"))
                .isInstanceOfSatisfying(Refusal.class, refusal -> {
                    assertThat(refusal.code()).isEqualTo(ErrorCode.UNKNOWN_CURRENCY);
                    assertThat(refusal.field()).isEqualTo("budget.currency");
                });
    }

    @Test
    void aCurrencyCodeIsReadInUpperCase() {
        assertThat(new Money(100, "usd")).isEqualTo(new Money(100, "USD"));
        assertThat(new Money(100, "Eur").currency()).isEqualTo("EUR");
    }

    @ParameterizedTest
    @ValueSource(strings = {"JPY", "KRW", "EUR", "KWD", "BRL"})
    void currenciesWithZeroToThreeMinorDigitsAreKnown(String currency) {
        assertThat(new Money(1, currency).currency()).isEqualTo(currency);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void amountsArePositive(long amount) {
        assertThatThrownBy(() -> Money.positive(amount, "EUR", "amount"))
                .isInstanceOfSatisfying(Refusal.class, refusal -> {
                    assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_MONEY);
                    assertThat(refusal.field()).isEqualTo("amount");
                });
    }

    @Test
    void aPositiveAmountKeepsItsMinorUnits() {
        assertThat(Money.positive(1, "jpy", "amount")).isEqualTo(new Money(1, "JPY"));
        assertThat(Money.positive(Long.MAX_VALUE, "EUR", "amount").amount()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aPositiveAmountStillNeedsAKnownCurrency() {
        assertThatThrownBy(() -> Money.positive(100, "ZZZ", "amount"))
                .isInstanceOfSatisfying(Refusal.class,
                        refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.UNKNOWN_CURRENCY));
    }
}
