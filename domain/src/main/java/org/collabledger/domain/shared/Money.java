package org.collabledger.domain.shared;

import java.util.Currency;
import java.util.Locale;

/**
 * An amount in integer minor units of an ISO 4217 currency (cents for USD, yen for JPY).
 * Never a floating-point number.
 */
public record Money(long amount, String currency) {

    /** Refuses an unknown or non-monetary currency code. */
    public Money {
        currency = requireCurrency(currency, "currency");
    }

    /** A strictly positive amount; refuses zero or negative ones naming {@code field}. */
    public static Money positive(long amount, String currency, String field) {
        Refusal.require(amount > 0, ErrorCode.INVALID_MONEY, field,
                field + " must be a positive whole number of minor units");
        return new Money(amount, currency);
    }

    /**
     * Checks that {@code code} is an ISO 4217 currency with minor units (so codes like XXX or XAU,
     * which have none, are refused) and returns it in upper case.
     */
    public static String requireCurrency(String code, String field) {
        if (code == null || !code.matches("[A-Za-z]{3}")) {
            throw new Refusal(ErrorCode.UNKNOWN_CURRENCY, field, field + " must be a three-letter ISO 4217 code");
        }
        String upper = code.toUpperCase(Locale.ROOT);
        try {
            if (Currency.getInstance(upper).getDefaultFractionDigits() < 0) {
                throw new Refusal(ErrorCode.UNKNOWN_CURRENCY, field, upper + " is not a currency with minor units");
            }
        } catch (IllegalArgumentException unknown) {
            throw new Refusal(ErrorCode.UNKNOWN_CURRENCY, field, upper + " is not an ISO 4217 currency");
        }
        return upper;
    }
}
