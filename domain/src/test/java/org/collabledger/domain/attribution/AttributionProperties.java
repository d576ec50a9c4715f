package org.collabledger.domain.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Disabled;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;
import org.collabledger.domain.attribution.LineageAttribution.RecordCredit;
import org.collabledger.domain.attribution.LineageAttribution.Result;
import org.collabledger.domain.attribution.LineageSource.RecordFacts;
import org.collabledger.domain.record.Citation;
import org.collabledger.domain.release.AttributionPolicy;
import org.collabledger.domain.release.Selection;
import org.collabledger.domain.shared.ErrorCode;
import org.collabledger.domain.shared.Fraction;
import org.collabledger.domain.shared.Refusal;

/**
 * Policy {@code lineage-v1} over random lineages (DAGs with takedowns), selections, retentions and
 * waivers: the money rules of house style 8 — exact sums, no dependence on order or scale — and
 * agreement with §1 read path by path.
 *
 * <p>Taken-down records follow the team's reading of §1 step 2: they leave the selection (W sums
 * the live selections) and their remixes' resources (C sums the live resources); a remix left with
 * no live resource keeps all its mass.
 */
class AttributionProperties {

    static final List<String> ARTISTS = List.of("ana", "ben", "cai", "dee", "eve");

    private static final AtomicReference<BigInteger> LARGEST_DENOMINATOR =
            new AtomicReference<>(BigInteger.ONE);
    private static final AtomicReference<String> LARGEST_DENOMINATOR_SEEN_IN =
            new AtomicReference<>("");

    // --- the model: a small lineage written as indices, so jqwik can shrink it and print it
    // readably ---

    /** A resource of a record: the index of an earlier record and the citation weight. */
    record Cite(int resource, int weight) {
        @Override
        public String toString() {
            return "r" + resource + "×" + weight;
        }
    }

    /** One record: its creator, whether it is taken down, and the earlier records it cites. */
    record Node(String creator, boolean takenDown, List<Cite> cites) {}

    /** One selection entry: the index of a record and its weight. */
    record Pick(int record, int weight) {
        @Override
        public String toString() {
            return "r" + record + "×" + weight;
        }
    }

    /**
     * A lineage, a release's selection and its policy. Record {@code i} may cite only records
     * before it.
     */
    record World(List<Node> nodes, List<Pick> selection, Fraction retention, Set<String> waived) {

        static String id(int index) {
            return "r" + index;
        }

        InMemoryLineage lineage() {
            return lineage(Optional.empty());
        }

        /**
         * The lineage, each record's resource list shuffled by {@code random} when one is given.
         */
        InMemoryLineage lineage(Optional<Random> random) {
            InMemoryLineage lineage = new InMemoryLineage();
            for (int i = 0; i < nodes.size(); i++) {
                Node node = nodes.get(i);
                List<Citation> resources =
                        new ArrayList<>(
                                node.cites().stream()
                                        .map(c -> new Citation(id(c.resource()), c.weight()))
                                        .toList());
                random.ifPresent(r -> Collections.shuffle(resources, r));
                lineage.put(
                        new RecordFacts(
                                id(i), node.creator(), node.takenDown(), List.copyOf(resources)));
            }
            return lineage;
        }

        List<Selection> selections() {
            return selection.stream()
                    .map(p -> new Selection(id(p.record()), p.weight(), "contribution"))
                    .toList();
        }

        AttributionPolicy policy() {
            return new AttributionPolicy(
                    AttributionPolicy.LINEAGE_V1, retention, List.copyOf(new TreeSet<>(waived)));
        }

        Outcome attribute() {
            return Outcome.of(
                    () -> LineageAttribution.attribute(selections(), policy(), lineage()));
        }

        World withTakenDown(int index) {
            List<Node> changed = new ArrayList<>(nodes);
            Node node = changed.get(index);
            changed.set(index, new Node(node.creator(), true, node.cites()));
            return new World(changed, selection, retention, waived);
        }

        World withWeightsTimes(int k) {
            return new World(
                    nodes,
                    selection.stream().map(p -> new Pick(p.record(), p.weight() * k)).toList(),
                    retention,
                    waived);
        }

        List<Integer> liveRecords() {
            return IntStream.range(0, nodes.size())
                    .filter(i -> !nodes.get(i).takenDown())
                    .boxed()
                    .toList();
        }

        /**
         * Reads like the lineage it stands for, so a shrunk counterexample can be worked by hand.
         */
        @Override
        public String toString() {
            StringBuilder text = new StringBuilder("\n");
            for (int i = 0; i < nodes.size(); i++) {
                Node node = nodes.get(i);
                text.append("  ").append(id(i)).append(" by ").append(node.creator());
                if (!node.cites().isEmpty()) {
                    text.append(" cites ").append(node.cites());
                }
                if (node.takenDown()) {
                    text.append(" (taken down)");
                }
                text.append('\n');
            }
            return text.append("  selection ")
                    .append(selection)
                    .append(", retention ")
                    .append(retention)
                    .append(", waived ")
                    .append(new TreeSet<>(waived))
                    .append('\n')
                    .toString();
        }
    }

    /** Either the attribution or the code it was refused with. */
    record Outcome(Result result, ErrorCode refusal) {

        static Outcome of(java.util.function.Supplier<Result> attribution) {
            try {
                return new Outcome(attribution.get(), null);
            } catch (Refusal refused) {
                return new Outcome(null, refused.code());
            }
        }

        boolean refused() {
            return refusal != null;
        }

        /** The artist's share, zero when not payable (waived or not credited). */
        Fraction shareOf(String artist) {
            return result.shares().getOrDefault(artist, Fraction.ZERO);
        }
    }

    // --- generators ---

    @Provide
    Arbitrary<World> worlds() {
        return worlds(10);
    }

    static Arbitrary<World> worlds(int maxRecords) {
        return Arbitraries.integers()
                .between(1, maxRecords)
                .flatMap(
                        n -> {
                            List<Arbitrary<Node>> nodes = new ArrayList<>();
                            for (int i = 0; i < n; i++) {
                                nodes.add(node(i));
                            }
                            Arbitrary<List<Node>> lineage =
                                    Combinators.combine(nodes).as(List::copyOf);
                            Arbitrary<List<Pick>> selection =
                                    Combinators.combine(
                                                    Arbitraries.integers().between(0, n - 1),
                                                    Arbitraries.integers().between(1, 10))
                                            .as(Pick::new)
                                            .list()
                                            .ofMinSize(1)
                                            .ofMaxSize(n)
                                            .uniqueElements(Pick::record);
                            return Combinators.combine(lineage, selection, retentions(), waivers())
                                    .as(World::new);
                        });
    }

    /**
     * Record {@code i}: a creator among a few artists, one chance in five of a takedown, up to
     * three earlier resources.
     */
    static Arbitrary<Node> node(int i) {
        Arbitrary<Boolean> takenDown = Arbitraries.frequency(Tuple.of(4, false), Tuple.of(1, true));
        Arbitrary<List<Cite>> cites =
                i == 0
                        ? Arbitraries.just(List.of())
                        : Combinators.combine(
                                        Arbitraries.integers().between(0, i - 1),
                                        Arbitraries.integers().between(1, 5))
                                .as(Cite::new)
                                .list()
                                .ofMaxSize(Math.min(i, 3))
                                .uniqueElements(Cite::resource);
        return Combinators.combine(Arbitraries.of(ARTISTS), takenDown, cites).as(Node::new);
    }

    /**
     * Mostly the default 1/2 (where shrinking goes), otherwise any n/d in (0, 1] with d ≤ 6, 1
     * included.
     */
    static Arbitrary<Fraction> retentions() {
        Arbitrary<Fraction> any =
                Arbitraries.integers()
                        .between(1, 6)
                        .flatMap(
                                d ->
                                        Arbitraries.integers()
                                                .between(1, d)
                                                .map(n -> Fraction.of(n, d)));
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(Fraction.ONE_HALF)), Tuple.of(3, any));
    }

    /** Mostly nobody waived, otherwise one or more of the artists. */
    static Arbitrary<Set<String>> waivers() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(Set.<String>of())),
                Tuple.of(2, Arbitraries.of(ARTISTS).set().ofMinSize(1).ofMaxSize(ARTISTS.size())));
    }

    // --- (a) and (b): exact sums ---

    @Property
    void theSharesSumToExactlyOneWheneverTheReleaseIsAttributed(@ForAll("worlds") World world) {
        Outcome outcome = world.attribute();
        Statistics.label("outcome")
                .collect(outcome.refused() ? outcome.refusal().name() : "attributed");
        Statistics.label("outcome").coverage(c -> c.check("attributed").percentage(p -> p >= 50));
        if (outcome.refused()) {
            return;
        }

        assertThat(
                        outcome.result().shares().values().stream()
                                .reduce(Fraction.ZERO, Fraction::plus))
                .isEqualTo(Fraction.ONE);
        assertThat(outcome.result().shares().values()).allMatch(share -> !share.equalsZero());
    }

    @Property
    void theShownPercentagesSumToExactlyOneMillionUnits(@ForAll("worlds") World world) {
        Outcome outcome = world.attribute();
        if (outcome.refused()) {
            return;
        }

        List<String> percents = outcome.result().artists().stream().map(a -> a.percent()).toList();
        assertThat(percents).allMatch(p -> p.matches("\\d{1,3}\\.\\d{4}"));
        assertThat(percents.stream().mapToLong(p -> Long.parseLong(p.replace(".", ""))).sum())
                .isEqualTo(1_000_000L);
    }

    // --- (c) and (d): independence of order and scale ---

    @Property
    void theResultDoesNotDependOnTheOrderOfTheSelectionNorOfEachRecordsResources(
            @ForAll("worlds") World world, @ForAll Random random) {
        Outcome inOrder = world.attribute();
        List<Selection> shuffledSelection = new ArrayList<>(world.selections());
        Collections.shuffle(shuffledSelection, random);
        Outcome shuffled =
                Outcome.of(
                        () ->
                                LineageAttribution.attribute(
                                        shuffledSelection,
                                        world.policy(),
                                        world.lineage(Optional.of(random))));

        assertThat(shuffled.refusal()).isEqualTo(inOrder.refusal());
        if (inOrder.refused()) {
            return;
        }
        assertThat(shuffled.result().shares()).isEqualTo(inOrder.result().shares());
        assertThat(shuffled.result().artists()).isEqualTo(inOrder.result().artists());
        assertThat(shuffled.result().records()).isEqualTo(inOrder.result().records());
        assertThat(shuffled.result().waivedCredit()).isEqualTo(inOrder.result().waivedCredit());
        assertThat(shuffled.result().prunedSelections())
                .containsExactlyInAnyOrderElementsOf(inOrder.result().prunedSelections());
    }

    @Property
    void scalingEverySelectionWeightByTheSameFactorChangesNothing(
            @ForAll("worlds") World world, @ForAll @IntRange(min = 2, max = 7) int k) {
        Outcome original = world.attribute();
        Outcome scaled = world.withWeightsTimes(k).attribute();

        assertThat(scaled.refusal()).isEqualTo(original.refusal());
        if (original.refused()) {
            return;
        }
        assertThat(scaled.result().shares()).isEqualTo(original.result().shares());
        assertThat(scaled.result().artists()).isEqualTo(original.result().artists());
        assertThat(scaled.result().waivedCredit()).isEqualTo(original.result().waivedCredit());
        assertThat(withoutSelections(scaled.result()))
                .isEqualTo(withoutSelections(original.result()));
    }

    // --- (e): takedowns ---

    /**
     * The property, written as stated. It does not hold under §1 with the team's reading of
     * takedowns: the taken-down record's mass is not destroyed but re-spread (over the live
     * selection, over its live siblings, or kept by a remix left without live resources), while the
     * part it had passed on to other artists' resources is lost to them, so its creator can win
     * back more than they lose. {@code LineageAttributionTest.TakenDownRecords} spells out one
     * lineage for each of the three routes.
     */
    @Disabled(
            "conflicts with attribution.md §1 under the team's takedown reading, not a code bug. Shrunk"
                    + " counterexample (seed -7396080909424644946): r0 by cai; r1 by ana; r2 by ana; r3 by cai cites [r1×1];"
                    + " r4 by ana (r2, r4 unused); selection [r0×1, r3×1]; retention 1/2; nobody waived; take down r3."
                    + " Before: cai = 1/2 (r0) + 1/4 (kept on r3) = 3/4, ana = 1/4 (r1 via r3). After: W = 1, r0 has mass 1,"
                    + " cai = 1. cai's share goes up from 3/4 to 1: the 1/4 r3 had passed on to ana's r1 comes back to cai")
    void anArtistsShareNeverGoesUpWhenOneOfTheirRecordsIsTakenDown(
            @ForAll("worlds") World world, @ForAll @IntRange(min = 0, max = 99) int pick) {
        List<Integer> live = world.liveRecords();
        if (live.isEmpty()) {
            return;
        }
        int index = live.get(pick % live.size());
        String artist = world.nodes().get(index).creator();
        Outcome before = world.attribute();
        Outcome after = world.withTakenDown(index).attribute();
        if (before.refused() || after.refused()) {
            return;
        }

        assertThat(after.shareOf(artist))
                .as("%s's share once r%d is taken down", artist, index)
                .isLessThanOrEqualTo(before.shareOf(artist));
    }

    /**
     * The version that does hold: when the taken-down record passes nothing on (it cites no live
     * record), its creator's share never goes up. Such a record's whole mass was its creator's
     * credit. Pruning it only moves that mass onto other records — the rest of the selection (W
     * shrinks), its live siblings in each remix that cites it (C shrinks), or a remix left with no
     * live resource — and nothing lay beyond it, so every other record's mass and kept credit can
     * only grow, by m in total. Its creator wins back at most the m they lose, and every other
     * payable artist's credit can only grow; with waiving, share = credit / (sum of payable
     * credits), which can then only fall. When the record does pass mass on, that part belonged to
     * other artists and can come back to its creator: hence the counterexample above.
     */
    @Property
    void takingDownARecordThatPassesNothingOnNeverRaisesItsCreatorsShare(
            @ForAll("worlds") World world, @ForAll @IntRange(min = 0, max = 99) int pick) {
        List<Integer> candidates =
                world.liveRecords().stream()
                        .filter(
                                i ->
                                        world.nodes().get(i).cites().stream()
                                                .allMatch(
                                                        c ->
                                                                world.nodes()
                                                                        .get(c.resource())
                                                                        .takenDown()))
                        .toList();
        if (candidates.isEmpty()) {
            return;
        }
        int index = candidates.get(pick % candidates.size());
        String artist = world.nodes().get(index).creator();
        Outcome before = world.attribute();
        Outcome after = world.withTakenDown(index).attribute();
        Statistics.label("before/after")
                .collect(
                        before.refused() ? "refused" : "attributed",
                        after.refused() ? "refused" : "attributed");
        if (before.refused() || after.refused()) {
            return;
        }

        assertThat(after.shareOf(artist))
                .as("%s's share once r%d is taken down", artist, index)
                .isLessThanOrEqualTo(before.shareOf(artist));
        // The lemma behind it: pruning such a record takes credit from no other record.
        before.result()
                .records()
                .forEach(
                        (id, credit) -> {
                            if (!id.equals(World.id(index))) {
                                assertThat(after.result().records()).containsKey(id);
                                assertThat(after.result().records().get(id).kept())
                                        .as(id)
                                        .isGreaterThanOrEqualTo(credit.kept());
                            }
                        });
    }

    @Property
    void takingDownASelectedRecordNeverRaisesTheShareOfItsCreatorWhenItCitesNothing(
            @ForAll("worlds") World world) {
        // A narrower, everyday case of the property above: the artist pulls an original straight
        // out of a release.
        Optional<Pick> original =
                world.selection().stream()
                        .filter(
                                p ->
                                        world.nodes().get(p.record()).cites().isEmpty()
                                                && !world.nodes().get(p.record()).takenDown())
                        .findFirst();
        if (original.isEmpty()) {
            return;
        }
        String artist = world.nodes().get(original.get().record()).creator();
        Outcome before = world.attribute();
        Outcome after = world.withTakenDown(original.get().record()).attribute();
        if (before.refused() || after.refused()) {
            return;
        }

        assertThat(after.shareOf(artist)).isLessThanOrEqualTo(before.shareOf(artist));
    }

    // --- agreement with §1 read path by path ---

    /**
     * An independent reading of §1: push each live selection's mass down every live path,
     * recursively, without any visiting order. The implementation walks each record once in reverse
     * topological order; both must agree exactly, refusals included.
     */
    @Property
    void agreesWithAPathByPathReadingOfTheSpec(@ForAll("worlds") World world) {
        Outcome outcome = world.attribute();
        Map<String, Fraction> credit = new TreeMap<>();
        List<Pick> live =
                world.selection().stream()
                        .filter(p -> !world.nodes().get(p.record()).takenDown())
                        .toList();
        if (live.isEmpty()) {
            assertThat(outcome.refusal()).isEqualTo(ErrorCode.NO_PAYABLE_ARTISTS);
            return;
        }
        long total = live.stream().mapToLong(Pick::weight).sum();
        live.forEach(p -> push(world, p.record(), Fraction.of(p.weight(), total), credit));
        Fraction waived =
                credit.entrySet().stream()
                        .filter(e -> world.waived().contains(e.getKey()))
                        .map(Map.Entry::getValue)
                        .reduce(Fraction.ZERO, Fraction::plus);
        if (waived.equals(Fraction.ONE)) {
            assertThat(outcome.refusal()).isEqualTo(ErrorCode.NO_PAYABLE_ARTISTS);
            return;
        }
        Map<String, Fraction> expected = new TreeMap<>();
        credit.forEach(
                (artist, c) -> {
                    if (!world.waived().contains(artist) && !c.equalsZero()) {
                        expected.put(artist, c.dividedBy(Fraction.ONE.minus(waived)));
                    }
                });

        assertThat(outcome.refusal()).isNull();
        assertThat(outcome.result().shares()).isEqualTo(expected);
        assertThat(outcome.result().waivedCredit()).isEqualTo(waived);
    }

    private static void push(World world, int index, Fraction mass, Map<String, Fraction> credit) {
        Node node = world.nodes().get(index);
        List<Cite> live =
                node.cites().stream()
                        .filter(c -> !world.nodes().get(c.resource()).takenDown())
                        .toList();
        if (live.isEmpty()) {
            credit.merge(node.creator(), mass, Fraction::plus);
            return;
        }
        credit.merge(node.creator(), world.retention().times(mass), Fraction::plus);
        long total = live.stream().mapToLong(Cite::weight).sum();
        Fraction passed = Fraction.ONE.minus(world.retention()).times(mass);
        live.forEach(
                c ->
                        push(
                                world,
                                c.resource(),
                                passed.times(Fraction.of(c.weight(), total)),
                                credit));
    }

    // --- stress: deep families ---

    /**
     * Families 50 generations deep, each record citing one to three records of the previous two
     * generations. The largest denominator met is printed after the run (to watch exact
     * arithmetic), not asserted.
     */
    @Property(tries = 30)
    void deepFamiliesStillSumToExactlyOne(@ForAll Random random) {
        int generations = 50;
        List<Node> nodes = new ArrayList<>();
        List<List<Integer>> byGeneration = new ArrayList<>();
        for (int g = 0; g < generations; g++) {
            List<Integer> generation = new ArrayList<>();
            int width = 1 + random.nextInt(3);
            for (int j = 0; j < width; j++) {
                List<Cite> cites = new ArrayList<>();
                if (g > 0) {
                    List<Integer> earlier = new ArrayList<>(byGeneration.get(g - 1));
                    if (g > 1) {
                        earlier.addAll(byGeneration.get(g - 2));
                    }
                    Collections.shuffle(earlier, random);
                    int count = 1 + random.nextInt(Math.min(3, earlier.size()));
                    for (int c = 0; c < count; c++) {
                        cites.add(new Cite(earlier.get(c), 1 + random.nextInt(5)));
                    }
                }
                generation.add(nodes.size());
                nodes.add(new Node(ARTISTS.get(random.nextInt(ARTISTS.size())), false, cites));
            }
            byGeneration.add(generation);
        }
        List<Pick> selection =
                byGeneration.get(generations - 1).stream()
                        .map(i -> new Pick(i, 1 + random.nextInt(10)))
                        .toList();
        int d = 1 + random.nextInt(6);
        Fraction retention = Fraction.of(1 + random.nextInt(d), d);
        World world = new World(nodes, selection, retention, Set.of());

        Result result = world.attribute().result();

        assertThat(result.shares().values().stream().reduce(Fraction.ZERO, Fraction::plus))
                .isEqualTo(Fraction.ONE);
        BigInteger largest = result.largestDenominator();
        Statistics.label("denominator digits").collect(largest.toString().length() / 50 * 50 + "+");
        LARGEST_DENOMINATOR.accumulateAndGet(
                largest,
                (a, b) -> {
                    if (b.compareTo(a) > 0) {
                        LARGEST_DENOMINATOR_SEEN_IN.set(
                                nodes.size() + " records, retention " + retention);
                        return b;
                    }
                    return a;
                });
    }

    @AfterContainer
    static void reportLargestDenominator() {
        BigInteger largest = LARGEST_DENOMINATOR.get();
        if (!largest.equals(BigInteger.ONE)) {
            System.out.printf(
                    "lineage-v1, 50 generations: largest denominator %d (%d digits, %d bits), in %s%n",
                    largest,
                    largest.toString().length(),
                    largest.bitLength(),
                    LARGEST_DENOMINATOR_SEEN_IN.get());
        }
    }

    /**
     * Each record's credit without its selection entry, whose weight scaling changes on purpose.
     */
    private static Map<String, List<Object>> withoutSelections(Result result) {
        Map<String, List<Object>> records = new HashMap<>();
        for (RecordCredit credit : result.records().values()) {
            records.put(
                    credit.recordId(),
                    List.of(
                            credit.creatorId(),
                            credit.mass(),
                            credit.kept(),
                            credit.depth(),
                            credit.selection() != null,
                            credit.citedBy()));
        }
        return records;
    }
}
