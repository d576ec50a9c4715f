package org.collabledger.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * The one rounding rule ({@code attribution.md} §3): floors, then leftover units to the largest
 * remainders, ties by id.
 */
class LargestRemainderTest {

    @Test
    void thePartsSumToExactlyTheTotal() {
        Map<String, Fraction> thirds = shares("ana", "1/3", "ben", "1/3", "cai", "1/3");

        for (long total :
                List.of(0L, 1L, 2L, 3L, 100L, 1001L, 50_000L, 1_000_000L, 999_999_999_999L)) {
            assertThat(
                            LargestRemainder.split(total, thirds).values().stream()
                                    .mapToLong(Long::longValue)
                                    .sum())
                    .as("split of %d", total)
                    .isEqualTo(total);
        }
    }

    @Test
    void eachArtistGetsTheFloorAndTheLeftoverUnitsGoToTheLargestFractionalParts() {
        // 10 × (7/20, 9/20, 1/5) = 3.5, 4.5, 2: one leftover unit, and the remainders 1/2 tie
        // between ana and ben.
        assertThat(LargestRemainder.split(10, shares("ana", "7/20", "ben", "9/20", "cai", "1/5")))
                .containsExactly(entry("ana", 4L), entry("ben", 4L), entry("cai", 2L));
        // 7 × (1/7, 2/7, 4/7) is whole: nothing left over.
        assertThat(LargestRemainder.split(7, shares("ana", "1/7", "ben", "2/7", "cai", "4/7")))
                .containsExactly(entry("ana", 1L), entry("ben", 2L), entry("cai", 4L));
        // 100 × (1/6, 1/3, 1/2) = 16.67, 33.33, 50: the single leftover unit goes to the larger
        // remainder 2/3.
        assertThat(LargestRemainder.split(100, shares("ana", "1/6", "ben", "1/3", "cai", "1/2")))
                .containsExactly(entry("ana", 17L), entry("ben", 33L), entry("cai", 50L));
    }

    @Test
    void aLargerRemainderBeatsASmallerIdBeforeAnyTieIsBroken() {
        // 10 × (3/40, 37/40) = 0.75, 9.25: zed's remainder is larger, so zed gets the unit although
        // ann comes first.
        assertThat(LargestRemainder.split(10, shares("ann", "37/40", "zed", "3/40")))
                .containsExactly(entry("ann", 9L), entry("zed", 1L));
    }

    @Test
    void tiedRemaindersGoToTheSmallerIdWhateverTheOrderOfTheShares() {
        Map<String, Fraction> thirds = shares("cai", "1/3", "ana", "1/3", "ben", "1/3");

        assertThat(LargestRemainder.split(2, thirds))
                .containsExactly(entry("cai", 0L), entry("ana", 1L), entry("ben", 1L));
    }

    @Test
    void idsAreComparedAsTheirCanonicalStringsNotAsNumbers() {
        // "10" < "9" < "a" < "b" as strings (Ascending UTF-16 order, digits before letters).
        Map<String, Fraction> quarters = shares("9", "1/4", "b", "1/4", "10", "1/4", "a", "1/4");

        assertThat(LargestRemainder.split(3, quarters))
                .containsExactly(entry("9", 1L), entry("b", 0L), entry("10", 1L), entry("a", 1L));
    }

    @Test
    void uppercaseIdsComeBeforeLowercaseInCanonicalStringOrder() {
        assertThat(LargestRemainder.split(1, shares("ana", "1/2", "Zed", "1/2")))
                .containsExactly(entry("ana", 0L), entry("Zed", 1L));
    }

    @Test
    void thePartsComeBackInTheOrderOfTheShares() {
        assertThat(
                        LargestRemainder.split(4, shares("cai", "1/4", "ana", "1/2", "ben", "1/4"))
                                .keySet())
                .containsExactly("cai", "ana", "ben");
    }

    @Test
    void aZeroTotalGivesEveryoneZero() {
        assertThat(LargestRemainder.split(0, shares("ana", "1/3", "ben", "2/3")))
                .containsExactly(entry("ana", 0L), entry("ben", 0L));
    }

    @Test
    void aSingleShareOfOneTakesTheWholeTotal() {
        assertThat(LargestRemainder.split(12_345, shares("ana", "1")))
                .containsExactly(entry("ana", 12_345L));
    }

    @Test
    void sharesThatDoNotSumToExactlyOneAreRejected() {
        assertThatThrownBy(() -> LargestRemainder.split(100, shares("ana", "1/2", "ben", "1/3")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5/6");
        assertThatThrownBy(() -> LargestRemainder.split(100, shares("ana", "1/2", "ben", "2/3")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LargestRemainder.split(100, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LargestRemainder.percentages(shares("ana", "999999/1000000")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNegativeTotalIsRejected() {
        assertThatThrownBy(() -> LargestRemainder.split(-1, shares("ana", "1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void percentagesAreOneMillionUnitsShownWithFourDecimals() {
        assertThat(LargestRemainder.percentages(shares("ana", "1/8", "ben", "3/8", "cai", "1/2")))
                .containsExactly(
                        entry("ana", "12.5000"), entry("ben", "37.5000"), entry("cai", "50.0000"));
        assertThat(LargestRemainder.percentages(shares("ana", "1")))
                .containsExactly(entry("ana", "100.0000"));
        assertThat(
                        LargestRemainder.percentages(
                                shares(
                                        "ana",
                                        "1/1000000",
                                        "ben",
                                        "1/2000000",
                                        "cai",
                                        "1999997/2000000")))
                .containsExactly(
                        entry("ana", "0.0001"), entry("ben", "0.0001"), entry("cai", "99.9998"));
    }

    @Test
    void percentagesOfThirdsSumToExactlyOneHundred() {
        Map<String, String> percent =
                LargestRemainder.percentages(shares("ana", "1/3", "ben", "1/3", "cai", "1/3"));

        assertThat(percent)
                .containsExactly(
                        entry("ana", "33.3334"), entry("ben", "33.3333"), entry("cai", "33.3333"));
        assertThat(sumOfPercents(percent)).isEqualTo("100.0000");
    }

    @Property
    void thePartsOfAnySplitSumToTheTotalAndEachIsTheFloorOrTheCeilingOfItsExactPart(
            @ForAll("shareMaps") Map<String, Fraction> shares,
            @ForAll @LongRange(max = 1_000_000_000_000L) long total) {
        Map<String, Long> parts = LargestRemainder.split(total, shares);

        assertThat(parts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(total);
        shares.forEach(
                (id, share) -> {
                    BigInteger[] exact =
                            BigInteger.valueOf(total)
                                    .multiply(share.numerator())
                                    .divideAndRemainder(share.denominator());
                    long floor = exact[0].longValueExact();
                    assertThat(parts.get(id))
                            .as(id)
                            .isBetween(floor, exact[1].signum() == 0 ? floor : floor + 1);
                });
    }

    @Property
    void percentagesAlwaysSumToExactlyOneHundredWithFourDecimals(
            @ForAll("shareMaps") Map<String, Fraction> shares) {
        Map<String, String> percent = LargestRemainder.percentages(shares);

        assertThat(percent.values()).allMatch(p -> p.matches("(0|[1-9]\\d?|100)\\.\\d{4}"));
        assertThat(sumOfPercents(percent)).isEqualTo("100.0000");
    }

    /**
     * Between one and eight artists with random positive weights, normalised into exact shares
     * summing to 1.
     */
    @Provide
    Arbitrary<Map<String, Fraction>> shareMaps() {
        return Arbitraries.longs()
                .between(1, 1_000_000)
                .list()
                .ofMinSize(1)
                .ofMaxSize(8)
                .map(
                        weights -> {
                            long sum = weights.stream().mapToLong(Long::longValue).sum();
                            Map<String, Fraction> shares = new LinkedHashMap<>();
                            for (int i = 0; i < weights.size(); i++) {
                                shares.put(
                                        "artist-" + (char) ('h' - i),
                                        Fraction.of(weights.get(i), sum));
                            }
                            return shares;
                        });
    }

    private static Map<String, Fraction> shares(String... idsAndFractions) {
        Map<String, Fraction> shares = new LinkedHashMap<>();
        for (int i = 0; i < idsAndFractions.length; i += 2) {
            shares.put(idsAndFractions[i], Fraction.parse(idsAndFractions[i + 1], "share"));
        }
        return shares;
    }

    private static String sumOfPercents(Map<String, String> percent) {
        long units =
                percent.values().stream().mapToLong(p -> Long.parseLong(p.replace(".", ""))).sum();
        return String.format(java.util.Locale.ROOT, "%d.%04d", units / 10_000, units % 10_000);
    }
}
