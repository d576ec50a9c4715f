package org.collabledger.domain.shared;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one rounding rule of the ledger ({@code attribution.md} §3): split a whole {@code T} by exact
 * shares, giving each {@code floor(T·share)} and the leftover units one each to the largest
 * fractional parts, ties to the smaller id in ascending order of its canonical string. The parts
 * sum to {@code T}.
 */
public final class LargestRemainder {

    private LargestRemainder() {}

    /**
     * Splits {@code total} by {@code shares} (which must sum to exactly 1); keys keep their order.
     */
    public static Map<String, Long> split(long total, Map<String, Fraction> shares) {
        // Over their least common denominator the shares become integers with the same remainders'
        // order.
        BigInteger common = BigInteger.ONE;
        for (Fraction share : shares.values()) {
            common = common.divide(common.gcd(share.denominator())).multiply(share.denominator());
        }
        Map<String, BigInteger> numerators = new LinkedHashMap<>();
        for (Map.Entry<String, Fraction> share : shares.entrySet()) {
            numerators.put(
                    share.getKey(),
                    share.getValue()
                            .numerator()
                            .multiply(common.divide(share.getValue().denominator())));
        }
        return split(total, numerators, common);
    }

    /**
     * Splits {@code total} by the shares {@code numerators[k] / denominator} (which must sum to
     * exactly 1); keys keep their order. With one denominator the remainders compare as integers.
     */
    public static Map<String, Long> split(
            long total, Map<String, BigInteger> numerators, BigInteger denominator) {
        if (total < 0) {
            throw new IllegalArgumentException("cannot split a negative amount");
        }
        BigInteger sum = numerators.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
        if (!sum.equals(denominator)) {
            throw new IllegalArgumentException(
                    "shares must sum to exactly 1, not " + new Fraction(sum, denominator));
        }
        BigInteger whole = BigInteger.valueOf(total);
        Map<String, Long> parts = new LinkedHashMap<>();
        List<Remainder> remainders = new ArrayList<>();
        long given = 0;
        for (Map.Entry<String, BigInteger> share : numerators.entrySet()) {
            if (share.getValue().signum() < 0) {
                throw new IllegalArgumentException("a share must not be negative");
            }
            BigInteger[] floorAndRest =
                    whole.multiply(share.getValue()).divideAndRemainder(denominator);
            long floor = floorAndRest[0].longValueExact();
            parts.put(share.getKey(), floor);
            given += floor;
            remainders.add(new Remainder(share.getKey(), floorAndRest[1]));
        }
        remainders.sort(
                (a, b) -> {
                    int byRest = b.rest().compareTo(a.rest());
                    return byRest != 0 ? byRest : a.key().compareTo(b.key());
                });
        long left = total - given;
        for (int i = 0; i < left; i++) {
            parts.merge(remainders.get(i).key(), 1L, Long::sum);
        }
        return parts;
    }

    /** A percentage with four decimals for each share, summing to exactly {@code "100.0000"}. */
    public static Map<String, String> percentages(Map<String, Fraction> shares) {
        return text(split(1_000_000, shares));
    }

    /** The same, for shares {@code numerators[k] / denominator}. */
    public static Map<String, String> percentages(
            Map<String, BigInteger> numerators, BigInteger denominator) {
        return text(split(1_000_000, numerators, denominator));
    }

    private static Map<String, String> text(Map<String, Long> units) {
        Map<String, String> percent = new LinkedHashMap<>();
        // "%d.%04d" by hand: String.format costs more than the whole split for a large release.
        units.forEach(
                (key, parts) -> {
                    String fraction = Long.toString(parts % 10_000);
                    percent.put(
                            key,
                            parts / 10_000
                                    + "."
                                    + "000".substring(fraction.length() - 1)
                                    + fraction);
                });
        return percent;
    }

    private record Remainder(String key, BigInteger rest) {}
}
