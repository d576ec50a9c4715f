package org.collabledger.domain.shared;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * An exact non-negative rational number, always kept in lowest terms with a positive denominator.
 * Shares, rates and retention are fractions; nothing near money or shares is ever a {@code double}.
 */
public record Fraction(BigInteger numerator, BigInteger denominator)
        implements Comparable<Fraction> {

    public static final Fraction ZERO = new Fraction(BigInteger.ZERO, BigInteger.ONE);
    public static final Fraction ONE = new Fraction(BigInteger.ONE, BigInteger.ONE);
    public static final Fraction ONE_HALF = new Fraction(BigInteger.ONE, BigInteger.TWO);

    private static final Pattern TEXT = Pattern.compile("(\\d{1,30})(?:/(\\d{1,30}))?");

    /** Normalises to lowest terms; refuses a zero denominator or a negative value. */
    public Fraction {
        if (numerator == null || denominator == null) {
            throw new IllegalArgumentException("numerator and denominator are required");
        }
        if (denominator.signum() == 0) {
            throw new IllegalArgumentException("denominator must not be zero");
        }
        if (denominator.signum() < 0) {
            numerator = numerator.negate();
            denominator = denominator.negate();
        }
        if (numerator.signum() < 0) {
            throw new IllegalArgumentException("fraction must not be negative");
        }
        BigInteger gcd = numerator.gcd(denominator);
        if (!gcd.equals(BigInteger.ONE) && gcd.signum() != 0) {
            numerator = numerator.divide(gcd);
            denominator = denominator.divide(gcd);
        }
        if (numerator.signum() == 0) {
            denominator = BigInteger.ONE;
        }
    }

    public static Fraction of(long numerator, long denominator) {
        return new Fraction(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator));
    }

    /**
     * Reads {@code "n/d"} or {@code "n"}; refuses anything else with {@link
     * ErrorCode#INVALID_FRACTION} naming {@code field}.
     */
    public static Fraction parse(String text, String field) {
        var match = text == null ? null : TEXT.matcher(text.strip());
        if (match == null || !match.matches()) {
            throw new Refusal(
                    ErrorCode.INVALID_FRACTION,
                    field,
                    field + " must be an exact fraction written \"numerator/denominator\"");
        }
        BigInteger denominator =
                match.group(2) == null ? BigInteger.ONE : new BigInteger(match.group(2));
        if (denominator.signum() == 0) {
            throw new Refusal(
                    ErrorCode.INVALID_FRACTION, field, field + " must not have a zero denominator");
        }
        return new Fraction(new BigInteger(match.group(1)), denominator);
    }

    public Fraction plus(Fraction other) {
        // Attribution adds thousands of fractions; skipping needless multiplications keeps it fast.
        if (numerator.signum() == 0) {
            return other;
        }
        if (other.numerator.signum() == 0) {
            return this;
        }
        if (denominator.equals(other.denominator)) {
            return new Fraction(numerator.add(other.numerator), denominator);
        }
        return new Fraction(
                numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)),
                denominator.multiply(other.denominator));
    }

    /** {@code this − other}; refuses to go below zero because no quantity here is negative. */
    public Fraction minus(Fraction other) {
        return new Fraction(
                numerator
                        .multiply(other.denominator)
                        .subtract(other.numerator.multiply(denominator)),
                denominator.multiply(other.denominator));
    }

    public Fraction times(Fraction other) {
        return new Fraction(
                numerator.multiply(other.numerator), denominator.multiply(other.denominator));
    }

    public Fraction times(long factor) {
        if (factor == 1) {
            return this;
        }
        return new Fraction(numerator.multiply(BigInteger.valueOf(factor)), denominator);
    }

    public Fraction dividedBy(Fraction other) {
        if (other.numerator.signum() == 0) {
            throw new ArithmeticException("division by zero");
        }
        return new Fraction(
                numerator.multiply(other.denominator), denominator.multiply(other.numerator));
    }

    public boolean equalsZero() {
        return numerator.signum() == 0;
    }

    /** True when {@code 0 ≤ this ≤ 1}. */
    public boolean notAboveOne() {
        return numerator.compareTo(denominator) <= 0;
    }

    @Override
    public int compareTo(Fraction other) {
        return numerator
                .multiply(other.denominator)
                .compareTo(other.numerator.multiply(denominator));
    }

    /** The canonical text form {@code "n/d"}, used in events and at the edge. */
    @Override
    public String toString() {
        return numerator + "/" + denominator;
    }
}
