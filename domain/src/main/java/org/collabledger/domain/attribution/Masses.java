package org.collabledger.domain.attribution;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.collabledger.domain.shared.Fraction;

/**
 * Exact arithmetic for the attribution's inner loop, without a single gcd. Every denominator met
 * there is a product of a few small numbers (the selection's total weight, the retention's
 * denominator, each record's live citation weight), so a quantity is kept as a numerator over
 * {@code Π baseᵢ^eᵢ}: adding two of them takes the larger exponent of each base and scales the
 * numerators by the missing powers, which is a common multiple of both denominators, so the value
 * stays exact. Bases are primes found by trial division; a factor too large to split stays a base
 * of its own, which keeps every value exact and only makes the common denominator less than
 * minimal. Values become lowest-terms {@link Fraction}s once, at the end. One instance per
 * computation: it numbers the bases it meets.
 */
final class Masses {

    /** Trial division stops here; a cofactor left above it becomes a base itself. */
    private static final long TRIAL_LIMIT = 1_000_000;

    /** Zero, whatever the denominators. */
    static final Mass ZERO = new Mass(BigInteger.ZERO, new int[0]);

    private final List<BigInteger> bases = new ArrayList<>();

    /** Each base as a long when it is below 2³¹, else 0. */
    private final List<Long> smallBases = new ArrayList<>();

    private final Map<BigInteger, Integer> indexOf = new HashMap<>();

    /**
     * A quantity: {@code numerator / Π bases[i]^exponents[i]}, exponents missing past the end being
     * 0.
     */
    record Mass(BigInteger numerator, int[] exponents) {

        boolean isZero() {
            return numerator.signum() == 0;
        }
    }

    private final Map<BigInteger, int[]> factored = new HashMap<>();

    /**
     * The denominator {@code d} as exponents over this instance's bases (shared: callers never
     * change it).
     */
    int[] factor(BigInteger d) {
        return factored.computeIfAbsent(d, this::factorOnce);
    }

    private int[] factorOnce(BigInteger d) {
        int[] exponents = new int[0];
        if (d.bitLength() > 62) {
            return with(exponents, base(d), 1);
        }
        long n = d.longValueExact();
        for (long p = 2; p * p <= n && p <= TRIAL_LIMIT; p++) {
            while (n % p == 0) {
                exponents = with(exponents, base(BigInteger.valueOf(p)), 1);
                n /= p;
            }
        }
        return n > 1 ? with(exponents, base(BigInteger.valueOf(n)), 1) : exponents;
    }

    /** {@code numerator / denominator}. */
    Mass of(long numerator, long denominator) {
        return new Mass(BigInteger.valueOf(numerator), factor(BigInteger.valueOf(denominator)));
    }

    /** {@code m · numerator / (denominator given as exponents)}. */
    Mass times(Mass m, BigInteger numerator, int[] denominator) {
        if (m.isZero() || numerator.signum() == 0) {
            return ZERO;
        }
        return new Mass(m.numerator.multiply(numerator), product(m.exponents, denominator));
    }

    /** The exponents of the product of two denominators. */
    static int[] product(int[] a, int[] b) {
        if (b.length == 0) {
            return a;
        }
        int[] exponents = new int[Math.max(a.length, b.length)];
        for (int i = 0; i < exponents.length; i++) {
            exponents[i] = at(a, i) + at(b, i);
        }
        return exponents;
    }

    /** {@code m · factor}. */
    Mass times(Mass m, long factor) {
        return factor == 1 || m.isZero()
                ? m
                : new Mass(m.numerator.multiply(BigInteger.valueOf(factor)), m.exponents);
    }

    /** {@code a + b} over the least common denominator of the two as written. */
    Mass plus(Mass a, Mass b) {
        if (a.isZero()) {
            return b;
        }
        if (b.isZero()) {
            return a;
        }
        if (java.util.Arrays.equals(a.exponents, b.exponents)) {
            // The common case along one family: same denominator, nothing to scale.
            return new Mass(a.numerator.add(b.numerator), a.exponents);
        }
        int length = Math.max(a.exponents.length, b.exponents.length);
        int[] exponents = new int[length];
        Scale scaleA = new Scale();
        Scale scaleB = new Scale();
        for (int i = 0; i < length; i++) {
            int ea = at(a.exponents, i);
            int eb = at(b.exponents, i);
            exponents[i] = Math.max(ea, eb);
            if (ea < eb) {
                scaleA.times(i, eb - ea);
            } else if (eb < ea) {
                scaleB.times(i, ea - eb);
            }
        }
        BigInteger numerator = scaleA.apply(a.numerator).add(scaleB.apply(b.numerator));
        return new Mass(numerator, exponents);
    }

    /** The exponents of the least common denominator, as written, of {@code values}. */
    int[] commonDenominator(Iterable<Mass> values) {
        int[] common = new int[0];
        for (Mass m : values) {
            if (m.exponents.length > common.length) {
                common = java.util.Arrays.copyOf(common, m.exponents.length);
            }
            for (int i = 0; i < m.exponents.length; i++) {
                common[i] = Math.max(common[i], m.exponents[i]);
            }
        }
        return common;
    }

    /** {@code Π bases[i]^exponents[i]}. */
    BigInteger value(int[] exponents) {
        BigInteger value = BigInteger.ONE;
        for (int i = 0; i < exponents.length; i++) {
            if (exponents[i] > 0) {
                value = value.multiply(bases.get(i).pow(exponents[i]));
            }
        }
        return value;
    }

    /**
     * The numerator of {@code m} over the denominator {@code common}, which {@code m}'s must
     * divide.
     */
    BigInteger numeratorOver(Mass m, int[] common) {
        Scale missing = new Scale();
        for (int i = 0; i < common.length; i++) {
            int power = common[i] - at(m.exponents, i);
            if (power > 0) {
                missing.times(i, power);
            }
        }
        return missing.apply(m.numerator);
    }

    /** The exact value in lowest terms. */
    Fraction toFraction(Mass m) {
        if (m.isZero()) {
            return Fraction.ZERO;
        }
        return new Fraction(m.numerator, value(m.exponents));
    }

    private int base(BigInteger value) {
        return indexOf.computeIfAbsent(
                value,
                v -> {
                    bases.add(v);
                    smallBases.add(v.bitLength() < 32 ? v.longValue() : 0L);
                    return bases.size() - 1;
                });
    }

    /**
     * A product of base powers, multiplied in a long while it fits: most scalings are a few small
     * primes.
     */
    private final class Scale {
        private long small = 1;
        private BigInteger big = BigInteger.ONE;

        void times(int base, int power) {
            long value = smallBases.get(base);
            for (int k = 0; k < power; k++) {
                if (value != 0 && small <= Long.MAX_VALUE / value) {
                    small *= value;
                } else {
                    big = big.multiply(BigInteger.valueOf(small)).multiply(bases.get(base));
                    small = 1;
                }
            }
        }

        BigInteger apply(BigInteger numerator) {
            BigInteger scaled =
                    small == 1 ? numerator : numerator.multiply(BigInteger.valueOf(small));
            return big.equals(BigInteger.ONE) ? scaled : scaled.multiply(big);
        }
    }

    private static int[] with(int[] exponents, int index, int add) {
        int[] grown =
                exponents.length > index
                        ? exponents
                        : java.util.Arrays.copyOf(exponents, index + 1);
        grown[index] += add;
        return grown;
    }

    private static int at(int[] exponents, int i) {
        return i < exponents.length ? exponents[i] : 0;
    }
}
