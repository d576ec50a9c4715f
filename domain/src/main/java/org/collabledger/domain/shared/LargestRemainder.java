package org.collabledger.domain.shared;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one rounding rule of the ledger ({@code attribution.md} §3): split a whole {@code T} by exact
 * shares, giving each {@code floor(T·share)} and the leftover units one each to the largest fractional
 * parts, ties to the smaller id in ascending order of its canonical string. The parts sum to {@code T}.
 */
public final class LargestRemainder {

    private LargestRemainder() {
    }

    /** Splits {@code total} by {@code shares} (which must sum to exactly 1); keys keep their order. */
    public static Map<String, Long> split(long total, Map<String, Fraction> shares) {
        if (total < 0) {
            throw new IllegalArgumentException("cannot split a negative amount");
        }
        Fraction sum = shares.values().stream().reduce(Fraction.ZERO, Fraction::plus);
        if (!sum.equals(Fraction.ONE)) {
            throw new IllegalArgumentException("shares must sum to exactly 1, not " + sum);
        }
        BigInteger whole = BigInteger.valueOf(total);
        Map<String, Long> parts = new LinkedHashMap<>();
        List<Remainder> remainders = new ArrayList<>();
        long given = 0;
        for (Map.Entry<String, Fraction> share : shares.entrySet()) {
            BigInteger scaled = whole.multiply(share.getValue().numerator());
            BigInteger[] floorAndRest = scaled.divideAndRemainder(share.getValue().denominator());
            long floor = floorAndRest[0].longValueExact();
            parts.put(share.getKey(), floor);
            given += floor;
            remainders.add(new Remainder(share.getKey(),
                    new Fraction(floorAndRest[1], share.getValue().denominator())));
        }
        remainders.sort(Comparator.comparing(Remainder::fraction).reversed().thenComparing(Remainder::key));
        long left = total - given;
        for (int i = 0; i < left; i++) {
            parts.merge(remainders.get(i).key(), 1L, Long::sum);
        }
        return parts;
    }

    /** A percentage with four decimals for each share, summing to exactly {@code "100.0000"}. */
    public static Map<String, String> percentages(Map<String, Fraction> shares) {
        Map<String, String> percent = new LinkedHashMap<>();
        split(1_000_000, shares).forEach((key, units) ->
                percent.put(key, String.format(java.util.Locale.ROOT, "%d.%04d", units / 10_000, units % 10_000)));
        return percent;
    }

    private record Remainder(String key, Fraction fraction) {
    }
}
