package org.collabledger.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Money is whole minor units of an ISO 4217 currency; commands may name only the currencies in use
 * for payments.
 */
class MoneyTest {

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"US", "USDT", "U5D", "$", " USD"})
    void aCodeThatIsNotThreeLettersIsRefused(String currency) {
        assertThatThrownBy(() -> new Money(100, currency))
                .isInstanceOfSatisfying(
                        Refusal.class,
                        refusal -> {
                            assertThat(refusal.code()).isEqualTo(ErrorCode.UNKNOWN_CURRENCY);
                            assertThat(refusal.field()).isEqualTo("currency");
                        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ZZZ", "ABC", "XXX", "XAU", "XTS", "XDR", "DEM", "HRK", "BGN", "USN", "CLF", "CHE",
                "uyw"
            })
    void aCommandMayNameOnlyACurrencyInUseForPayments(String currency) {
        assertThatThrownBy(() -> Money.requireCurrency(currency, "currency"))
                .isInstanceOfSatisfying(
                        Refusal.class,
                        refusal -> {
                            assertThat(refusal.code()).isEqualTo(ErrorCode.UNKNOWN_CURRENCY);
                            assertThat(refusal.field()).isEqualTo("currency");
                        });
    }

    @Test
    void aStoredAmountStaysReadableAfterItsCurrencyIsWithdrawn() {
        assertThat(new Money(100, "dem")).isEqualTo(new Money(100, "DEM"));
    }

    @Test
    void aRefusedCurrencyNamesTheFieldAtFault() {
        assertThatThrownBy(() -> Money.requireCurrency("ZZZ", "budget.currency"))
                .isInstanceOfSatisfying(
                        Refusal.class,
                        refusal -> {
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
    void currenciesWithZeroToThreeMinorDigitsAreAccepted(String currency) {
        assertThat(Money.requireCurrency(currency.toLowerCase(Locale.ROOT), "currency"))
                .isEqualTo(currency);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void amountsArePositive(long amount) {
        assertThatThrownBy(() -> Money.positive(amount, "EUR", "amount"))
                .isInstanceOfSatisfying(
                        Refusal.class,
                        refusal -> {
                            assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_MONEY);
                            assertThat(refusal.field()).isEqualTo("amount");
                        });
    }

    @Test
    void aPositiveAmountKeepsItsMinorUnits() {
        assertThat(Money.positive(1, "jpy", "amount")).isEqualTo(new Money(1, "JPY"));
        assertThat(Money.positive(Money.LIMIT, "EUR", "amount").amount()).isEqualTo(Money.LIMIT);
    }

    @ParameterizedTest
    @ValueSource(longs = {Money.LIMIT + 1, Long.MAX_VALUE})
    void amountsBeyondTheLimitAreRefused(long amount) {
        assertThatThrownBy(() -> Money.positive(amount, "EUR", "budget.amount"))
                .isInstanceOfSatisfying(
                        Refusal.class,
                        refusal -> {
                            assertThat(refusal.code()).isEqualTo(ErrorCode.AMOUNT_OUT_OF_RANGE);
                            assertThat(refusal.field()).isEqualTo("budget.amount");
                        });
    }

    @ParameterizedTest
    @ValueSource(longs = {-Money.LIMIT - 1, Money.LIMIT + 1, Long.MIN_VALUE, Long.MAX_VALUE})
    void totalsBeyondTheLimitEitherWayAreRefused(long total) {
        assertThatThrownBy(() -> Money.requireWithinLimit(total, "amount", "the total"))
                .isInstanceOfSatisfying(
                        Refusal.class,
                        refusal ->
                                assertThat(refusal.code())
                                        .isEqualTo(ErrorCode.AMOUNT_OUT_OF_RANGE));
        assertThat(Money.requireWithinLimit(-Money.LIMIT, "amount", "the total"))
                .isEqualTo(-Money.LIMIT);
    }

    @Test
    void theLimitIsExactForJsonReadersAndTheTotalsOfEveryCurrencyTogetherFitALong() {
        assertThat((long) (double) Money.LIMIT).isEqualTo(Money.LIMIT);
        assertThat((long) (double) (Money.LIMIT + 2))
                .as("2^53 + 1 read as a double")
                .isNotEqualTo(Money.LIMIT + 2);
        long currencies = java.util.Currency.getAvailableCurrencies().size();
        assertThat(currencies).isLessThan(1 << 10);
        assertThat(Math.multiplyExact(currencies, Money.LIMIT)).isPositive();
    }

    @Test
    void aPositiveAmountStillNeedsAKnownCurrency() {
        assertThatThrownBy(() -> Money.positive(100, "ZZZ", "amount"))
                .isInstanceOfSatisfying(
                        Refusal.class,
                        refusal ->
                                assertThat(refusal.code()).isEqualTo(ErrorCode.UNKNOWN_CURRENCY));
    }
}
