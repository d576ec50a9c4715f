package org.collabledger.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** Exact fractions behave like the non-negative rationals they stand for, whatever the numbers. */
class FractionProperties {

    private static final BigInteger HUGE = BigInteger.TEN.pow(24);

    @Provide
    Arbitrary<Fraction> fractions() {
        Arbitrary<BigInteger> numerators = Arbitraries.bigIntegers().between(BigInteger.ZERO, HUGE);
        Arbitrary<BigInteger> denominators =
                Arbitraries.bigIntegers().between(BigInteger.ONE, HUGE);
        return Combinators.combine(numerators, denominators).as(Fraction::new);
    }

    @Provide
    Arbitrary<Fraction> positiveFractions() {
        return fractions().filter(fraction -> !fraction.equalsZero());
    }

    @Property
    void theTextFormReadsBackAsTheSameFraction(@ForAll("fractions") Fraction fraction) {
        String text = fraction.toString();

        assertThat(text).matches("\\d+/[1-9]\\d*");
        assertThat(Fraction.parse(text, "share")).isEqualTo(fraction);
    }

    @Property
    void additionIsCommutative(@ForAll("fractions") Fraction a, @ForAll("fractions") Fraction b) {
        assertThat(a.plus(b)).isEqualTo(b.plus(a));
    }

    @Property
    void additionIsAssociative(
            @ForAll("fractions") Fraction a,
            @ForAll("fractions") Fraction b,
            @ForAll("fractions") Fraction c) {
        assertThat(a.plus(b).plus(c)).isEqualTo(a.plus(b.plus(c)));
    }

    @Property
    void aSumDoesNotDependOnTheOrderOfItsTerms(
            @ForAll @Size(max = 20) List<@From("fractions") Fraction> terms,
            @ForAll Random random) {
        var shuffled = new ArrayList<>(terms);
        Collections.shuffle(shuffled, random);

        assertThat(sum(shuffled)).isEqualTo(sum(terms));
    }

    @Property
    void zeroAddsNothing(@ForAll("fractions") Fraction a) {
        assertThat(a.plus(Fraction.ZERO)).isEqualTo(a);
    }

    @Property
    void subtractionUndoesAddition(
            @ForAll("fractions") Fraction a, @ForAll("fractions") Fraction b) {
        assertThat(a.plus(b).minus(b)).isEqualTo(a);
    }

    @Property
    void divisionUndoesMultiplication(
            @ForAll("fractions") Fraction a, @ForAll("positiveFractions") Fraction b) {
        assertThat(a.times(b).dividedBy(b)).isEqualTo(a);
    }

    @Property
    void aFractionIsAlwaysInLowestTermsWithAPositiveDenominator(
            @ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long numerator,
            @ForAll @LongRange(min = 1, max = 1_000_000_000_000L) long denominator,
            @ForAll boolean bothNegative) {
        long sign = bothNegative ? -1 : 1;
        Fraction fraction = Fraction.of(sign * numerator, sign * denominator);

        assertThat(fraction.denominator().signum()).isPositive();
        assertThat(fraction.numerator().gcd(fraction.denominator())).isEqualTo(BigInteger.ONE);
        assertThat(fraction.numerator().multiply(BigInteger.valueOf(denominator)))
                .as("same value as %d/%d", numerator, denominator)
                .isEqualTo(BigInteger.valueOf(numerator).multiply(fraction.denominator()));
    }

    @Property
    void equalValuesAreEqualFractions(
            @ForAll("fractions") Fraction a,
            @ForAll @LongRange(min = 1, max = 1_000_000) long factor) {
        var scaled =
                new Fraction(
                        a.numerator().multiply(BigInteger.valueOf(factor)),
                        a.denominator().multiply(BigInteger.valueOf(factor)));

        assertThat(scaled).isEqualTo(a).hasSameHashCodeAs(a);
    }

    @Property
    void compareToAgreesWithCrossMultiplication(
            @ForAll @LongRange(min = 0, max = 1_000_000) long n1,
            @ForAll @LongRange(min = 1, max = 1_000_000) long d1,
            @ForAll @LongRange(min = 0, max = 1_000_000) long n2,
            @ForAll @LongRange(min = 1, max = 1_000_000) long d2) {
        int expected = Long.signum(n1 * d2 - n2 * d1);

        assertThat(Integer.signum(Fraction.of(n1, d1).compareTo(Fraction.of(n2, d2))))
                .isEqualTo(expected);
    }

    @Property
    void compareToIsConsistentWithEquals(
            @ForAll("fractions") Fraction a, @ForAll("fractions") Fraction b) {
        assertThat(a.compareTo(b) == 0).isEqualTo(a.equals(b));
        assertThat(Integer.signum(a.compareTo(b))).isEqualTo(-Integer.signum(b.compareTo(a)));
    }

    @Property
    void notAboveOneAgreesWithComparingToOne(@ForAll("fractions") Fraction a) {
        assertThat(a.notAboveOne()).isEqualTo(a.compareTo(Fraction.ONE) <= 0);
        assertThat(a.equalsZero()).isEqualTo(a.compareTo(Fraction.ZERO) == 0);
    }

    @Property
    void onlyDigitsAndOneSlashAreReadAsAFraction(@ForAll @StringLength(max = 12) String text) {
        boolean wellFormed =
                text.strip().matches("[0-9]{1,30}(/[0-9]{1,30})?")
                        && !text.strip().matches("[0-9]+/0+");
        if (wellFormed) {
            assertThat(Fraction.parse(text, "rate")).isNotNull();
        } else {
            assertThatThrownBy(() -> Fraction.parse(text, "rate"))
                    .isInstanceOfSatisfying(
                            Refusal.class,
                            refusal -> {
                                assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_FRACTION);
                                assertThat(refusal.field()).isEqualTo("rate");
                            });
        }
    }

    @Example
    void aNegativeZeroOrDecimalTextIsNotAFraction() {
        for (String text : List.of("-1/2", "1/-2", "1/0", "0.5", "1/2/3", "½", " ", "")) {
            assertThatThrownBy(() -> Fraction.parse(text, "poolRate"))
                    .as(text)
                    .isInstanceOfSatisfying(
                            Refusal.class,
                            refusal -> {
                                assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_FRACTION);
                                assertThat(refusal.field()).isEqualTo("poolRate");
                            });
        }
    }

    @Example
    void noQuantityGoesBelowZero() {
        assertThatThrownBy(() -> Fraction.of(1, 3).minus(Fraction.ONE_HALF))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fraction.of(-1, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Fraction sum(List<Fraction> terms) {
        return terms.stream().reduce(Fraction.ZERO, Fraction::plus);
    }
}
