package org.collabledger.domain.shared;

import java.util.Locale;

/**
 * An amount in integer minor units of an ISO 4217 currency (cents for USD, yen for JPY). Never a
 * floating-point number.
 */
public record Money(long amount, String currency) {

    /**
     * The most minor units, either way, that any amount the ledger accepts and any total it
     * computes from amounts may reach: 2^53 − 1, the largest integer a JSON reader that holds
     * numbers as doubles (JavaScript, the ledger's own pages) keeps exact.
     *
     * <p>Why every total stays within it: each total the ledger computes or reports in a currency
     * (a balance, a statement's opening, running and closing balances, a payout run's payments, the
     * per-currency sums of the money checks) is a signed sum of some of the amounts of that
     * currency's treasury, so it is at most their sum of absolute values, which the treasury keeps
     * within this limit (counting each issued payment twice, since it may come back failed or
     * reversed without the ledger having a say). A release keeps its live revenue and its live
     * costs per currency within the limit, so its net proceeds and its pools fit as well. ISO 4217
     * has fewer than 2^10 currencies, so even the totals of all currencies added together stay
     * below 2^10 · 2^53 = 2^63, inside a {@code long}.
     */
    public static final long LIMIT = (1L << 53) - 1;

    /**
     * Refuses a code that is not three letters. Whether the ledger accepts the currency is asked
     * when a command names it ({@link #requireCurrency}), not here: an amount already stored must
     * stay readable after its currency is withdrawn.
     */
    public Money {
        currency = threeLetters(currency, "currency");
    }

    /**
     * A strictly positive amount of an accepted currency within {@link #LIMIT}; refuses any other
     * naming {@code field}.
     */
    public static Money positive(long amount, String currency, String field) {
        Refusal.require(
                amount > 0,
                ErrorCode.INVALID_MONEY,
                field,
                field + " must be a positive whole number of minor units");
        return new Money(
                requireWithinLimit(amount, field, field), requireCurrency(currency, "currency"));
    }

    /**
     * Returns {@code total} when it lies within {@link #LIMIT} either way; otherwise refuses naming
     * {@code field}, saying what the total is ({@code what}, e.g. "the treasury's turnover").
     */
    public static long requireWithinLimit(long total, String field, String what) {
        Refusal.require(
                -LIMIT <= total && total <= LIMIT,
                ErrorCode.AMOUNT_OUT_OF_RANGE,
                field,
                what
                        + " would reach "
                        + total
                        + " minor units; the ledger keeps every amount and total within ±"
                        + LIMIT);
        return total;
    }

    /**
     * Checks that {@code code} is a currency the ledger accepts (an active ISO 4217 currency meant
     * for payments, see {@link Currencies}) and returns it in upper case.
     */
    public static String requireCurrency(String code, String field) {
        String upper = threeLetters(code, field);
        if (!Currencies.minorUnits().containsKey(upper)) {
            throw new Refusal(
                    ErrorCode.UNKNOWN_CURRENCY,
                    field,
                    upper
                            + " is not a currency in use for payments"
                            + " (withdrawn, fund, metal and test codes of ISO 4217 are refused)");
        }
        return upper;
    }

    private static String threeLetters(String code, String field) {
        if (code == null || !code.matches("[A-Za-z]{3}")) {
            throw new Refusal(
                    ErrorCode.UNKNOWN_CURRENCY,
                    field,
                    field + " must be a three-letter ISO 4217 code");
        }
        return code.toUpperCase(Locale.ROOT);
    }
}
