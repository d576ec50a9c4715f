package org.collabledger.domain.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.collabledger.domain.shared.Fraction;

/** The gcd-free attribution arithmetic gives exactly what plain fractions give, in lowest terms. */
class MassesProperties {

    @Property
    void sumsOfScaledQuotientsEqualFractionArithmetic(
            @ForAll @Size(min = 1, max = 30)
                    List<@IntRange(min = 1, max = 5_000) Integer> denominators,
            @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 0, max = 97) Integer> numerators,
            @ForAll @LongRange(min = 1, max = 4_000_000_000_000L) long large) {
        Masses masses = new Masses();
        Masses.Mass sum = Masses.ZERO;
        Fraction expected = Fraction.ZERO;
        for (int i = 0; i < denominators.size(); i++) {
            long numerator = numerators.get(i % numerators.size());
            long denominator = denominators.get(i);
            // Alternate plain quotients with products carrying a factor too large to split by trial
            // division.
            Masses.Mass term =
                    i % 3 == 2
                            ? masses.times(
                                    masses.of(numerator, denominator),
                                    BigInteger.valueOf(i + 1),
                                    masses.factor(BigInteger.valueOf(large)))
                            : masses.times(masses.of(numerator, denominator), i + 1);
            Fraction expectedTerm =
                    i % 3 == 2
                            ? Fraction.of(numerator, denominator).times(Fraction.of(i + 1, large))
                            : Fraction.of(numerator, denominator).times(i + 1);
            sum = masses.plus(sum, term);
            expected = expected.plus(expectedTerm);
        }
        assertThat(masses.toFraction(sum)).isEqualTo(expected);
    }
}
