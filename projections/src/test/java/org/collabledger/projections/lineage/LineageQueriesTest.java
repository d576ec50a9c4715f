package org.collabledger.projections.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.collabledger.projections.lineage.LineageFixture.cites;
import static org.collabledger.projections.lineage.LineageQueries.Direction.ANCESTORS;
import static org.collabledger.projections.lineage.LineageQueries.Direction.DESCENDANTS;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.groups.Tuple;
import org.collabledger.projections.lineage.LineageQueries.Edge;
import org.collabledger.projections.lineage.LineageQueries.Family;
import org.collabledger.projections.lineage.LineageQueries.FamilyNode;
import org.collabledger.projections.lineage.LineageQueries.Lineage;
import org.collabledger.projections.lineage.LineageQueries.Node;
import org.collabledger.projections.lineage.LineageQueries.Paths;
import org.collabledger.projections.lineage.LineageQueries.RecordView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lineage questions over small hand-built graphs whose right answers are worked out by hand. */
class LineageQueriesTest {

    private static final int ALL = Integer.MAX_VALUE;
    private static final int MAX = LineageQueries.MAX_LIMIT;
    private static final long LATEST = 1_000;

    private LineageFixture ledger;
    private LineageQueries queries;

    @BeforeEach
    void emptyLedger() {
        ledger = new LineageFixture();
        queries = ledger.queries;
    }

    private Lineage walk(String name, LineageQueries.Direction direction, int depth, long asOf) {
        return queries.walk(ledger.id(name), direction, depth, MAX, asOf).orElseThrow();
    }

    private Family family(String name, long asOf) {
        return queries.family(ledger.id(name), ALL, MAX, asOf).orElseThrow();
    }

    private List<Tuple> namesAndDepths(List<Node> nodes) {
        return nodes.stream().map(n -> tuple(ledger.name(n), n.depth())).toList();
    }

    private List<Tuple> namesDepthsAndGenerations(Family family) {
        return family.nodes().stream()
                .map(n -> tuple(ledger.name(n.node()), n.node().depth(), n.generation()))
                .toList();
    }

    private List<List<String>> pathNames(Paths paths) {
        return paths.paths().stream().map(ledger::names).toList();
    }

    private static final int GENERATIONS = 50;
    private static final int RUNGS = 10;
    private static final int DEEP = 20_000;
    private static final long LATEST_DEEP = DEEP + 1;

    /** gen0 is an original; every later generation remixes the one before it. */
    private void givenAChainOfFiftyGenerations() {
        for (int g = 0; g <= GENERATIONS; g++) {
            ledger.id("gen" + g);
        }
        ledger.upload("gen0", "ann", 1);
        for (int g = 1; g <= GENERATIONS; g++) {
            ledger.remix("gen" + g, "ann", g + 1, cites("gen" + (g - 1)));
        }
    }

    @Test
    void ancestorsOfTheLastGenerationAreEveryEarlierOneAtItsDistance() {
        givenAChainOfFiftyGenerations();

        Lineage ancestors = walk("gen50", ANCESTORS, ALL, LATEST);

        List<Tuple> expected = new ArrayList<>();
        for (int d = 0; d <= GENERATIONS; d++) {
            expected.add(tuple("gen" + (GENERATIONS - d), d));
        }
        assertThat(namesAndDepths(ancestors.nodes())).containsExactlyElementsOf(expected);
        List<Edge> expectedEdges = new ArrayList<>();
        for (int g = 1; g <= GENERATIONS; g++) {
            expectedEdges.add(ledger.edge("gen" + (g - 1), "gen" + g, 1));
        }
        assertThat(ancestors.edges()).containsExactlyElementsOf(expectedEdges);
    }

    @Test
    void ancestorsToADepthStopThatManyGenerationsBack() {
        givenAChainOfFiftyGenerations();

        Lineage ancestors = walk("gen50", ANCESTORS, 3, LATEST);

        assertThat(namesAndDepths(ancestors.nodes()))
                .containsExactly(
                        tuple("gen50", 0), tuple("gen49", 1), tuple("gen48", 2), tuple("gen47", 3));
        assertThat(ancestors.edges())
                .containsExactly(
                        ledger.edge("gen47", "gen48", 1),
                        ledger.edge("gen48", "gen49", 1),
                        ledger.edge("gen49", "gen50", 1));
    }

    @Test
    void aWalkToDepthZeroIsTheRecordAlone() {
        givenAChainOfFiftyGenerations();

        Lineage ancestors = walk("gen50", ANCESTORS, 0, LATEST);

        assertThat(namesAndDepths(ancestors.nodes())).containsExactly(tuple("gen50", 0));
        assertThat(ancestors.edges()).isEmpty();
    }

    @Test
    void descendantsOfTheOriginalAreEveryLaterGeneration() {
        givenAChainOfFiftyGenerations();

        Lineage descendants = walk("gen0", DESCENDANTS, ALL, LATEST);

        List<Tuple> expected = new ArrayList<>();
        for (int d = 0; d <= GENERATIONS; d++) {
            expected.add(tuple("gen" + d, d));
        }
        assertThat(namesAndDepths(descendants.nodes())).containsExactlyElementsOf(expected);
        assertThat(descendants.edges()).hasSize(GENERATIONS);
    }

    @Test
    void descendantsToADepthStopThatManyGenerationsOn() {
        givenAChainOfFiftyGenerations();

        Lineage descendants = walk("gen20", DESCENDANTS, 2, LATEST);

        assertThat(namesAndDepths(descendants.nodes()))
                .containsExactly(tuple("gen20", 0), tuple("gen21", 1), tuple("gen22", 2));
        assertThat(descendants.edges())
                .containsExactly(
                        ledger.edge("gen20", "gen21", 1), ledger.edge("gen21", "gen22", 1));
    }

    @Test
    void theFamilyOfAMiddleGenerationIsTheWholeChainWithGenerationsCountedFromTheOriginal() {
        givenAChainOfFiftyGenerations();

        Family family = family("gen25", LATEST);

        List<Tuple> expected = new ArrayList<>();
        expected.add(tuple("gen25", 0, 25));
        for (int d = 1; d <= 25; d++) {
            // the earlier of the two records at each distance sorts first: gen(25-d) has the
            // smaller id
            expected.add(tuple("gen" + (25 - d), d, 25 - d));
            expected.add(tuple("gen" + (25 + d), d, 25 + d));
        }
        assertThat(namesDepthsAndGenerations(family)).containsExactlyElementsOf(expected);
        assertThat(family.edges()).hasSize(GENERATIONS);
    }

    @Test
    void theOnlyRootOfTheLastGenerationIsTheOriginal() {
        givenAChainOfFiftyGenerations();

        assertThat(namesAndDepths(queries.roots(ledger.id("gen50"), LATEST).orElseThrow()))
                .containsExactly(tuple("gen0", 50));
    }

    @Test
    void anOriginalIsItsOwnRoot() {
        givenAChainOfFiftyGenerations();

        assertThat(namesAndDepths(queries.roots(ledger.id("gen0"), LATEST).orElseThrow()))
                .containsExactly(tuple("gen0", 0));
    }

    @Test
    void theOnePathToTheOriginalPassesThroughEveryGeneration() {
        givenAChainOfFiftyGenerations();

        Paths paths =
                queries.paths(ledger.id("gen50"), ledger.id("gen0"), 10, LATEST).orElseThrow();

        List<String> expected = new ArrayList<>();
        for (int g = GENERATIONS; g >= 0; g--) {
            expected.add("gen" + g);
        }
        assertThat(pathNames(paths)).containsExactly(expected);
        assertThat(paths.truncated()).isFalse();
    }

    @Test
    void aWalkHoldingMoreRecordsThanTheLimitIsRefused() {
        givenAChainOfFiftyGenerations();

        UUID last = ledger.id("gen50");

        assertThatThrownBy(() -> queries.walk(last, ANCESTORS, ALL, GENERATIONS, LATEST))
                .isInstanceOfSatisfying(
                        LineageTooLarge.class, e -> assertThat(e.limit()).isEqualTo(GENERATIONS));
        assertThat(
                        queries.walk(last, ANCESTORS, ALL, GENERATIONS + 1, LATEST)
                                .orElseThrow()
                                .nodes())
                .hasSize(GENERATIONS + 1);
    }

    @Test
    void aWalkToADepthThatStaysWithinTheLimitIsAnswered() {
        givenAChainOfFiftyGenerations();

        assertThat(queries.walk(ledger.id("gen50"), ANCESTORS, 9, 10, LATEST).orElseThrow().nodes())
                .hasSize(10);
    }

    @Test
    void aFamilyHoldingMoreRecordsThanTheLimitIsRefused() {
        givenAChainOfFiftyGenerations();

        UUID middle = ledger.id("gen25");

        assertThatThrownBy(() -> queries.family(middle, ALL, 50, LATEST))
                .isInstanceOf(LineageTooLarge.class);
        assertThat(queries.family(middle, ALL, 51, LATEST).orElseThrow().nodes()).hasSize(51);
        assertThat(queries.family(middle, 3, 7, LATEST).orElseThrow().nodes()).hasSize(7);
    }

    @Test
    void theChainAsOfAnEarlierPositionEndsWithTheGenerationThenUploaded() {
        givenAChainOfFiftyGenerations();

        // gen g is uploaded at position g + 1
        Lineage descendants = walk("gen0", DESCENDANTS, ALL, 4);

        assertThat(namesAndDepths(descendants.nodes()))
                .containsExactly(
                        tuple("gen0", 0), tuple("gen1", 1), tuple("gen2", 2), tuple("gen3", 3));
        assertThat(queries.record(ledger.id("gen4"), 4)).isEmpty();
        assertThat(queries.record(ledger.id("gen4"), 5)).isPresent();
    }

    /** A chain far deeper than any call stack would allow a recursive walk to go. */
    private void givenAChainOfTwentyThousandGenerations() {
        ledger.upload("deep0", "ann", 1);
        for (int g = 1; g <= DEEP; g++) {
            ledger.remix("deep" + g, "ann", g + 1, cites("deep" + (g - 1)));
        }
    }

    @Test
    void walksAndFamiliesOfAChainThousandsOfGenerationsDeepAreAnswered() {
        givenAChainOfTwentyThousandGenerations();

        List<Node> ancestors = walk("deep" + DEEP, ANCESTORS, ALL, LATEST_DEEP).nodes();
        assertThat(ancestors).hasSize(DEEP + 1);
        assertThat(namesAndDepths(ancestors.subList(DEEP, DEEP + 1)))
                .containsExactly(tuple("deep0", DEEP));
        assertThat(walk("deep0", DESCENDANTS, ALL, LATEST_DEEP).nodes()).hasSize(DEEP + 1);
        assertThat(
                        namesAndDepths(
                                queries.roots(ledger.id("deep" + DEEP), LATEST_DEEP).orElseThrow()))
                .containsExactly(tuple("deep0", DEEP));
        Family family = family("deep0", LATEST_DEEP);
        FamilyNode last = family.nodes().get(DEEP);
        assertThat(ledger.name(last.node())).isEqualTo("deep" + DEEP);
        assertThat(last.generation()).isEqualTo(DEEP);
    }

    @Test
    void thePathDownAChainThousandsOfGenerationsDeepIsFound() {
        givenAChainOfTwentyThousandGenerations();

        Paths paths =
                queries.paths(ledger.id("deep" + DEEP), ledger.id("deep0"), 10, LATEST_DEEP)
                        .orElseThrow();

        assertThat(paths.paths())
                .singleElement()
                .satisfies(
                        path -> {
                            assertThat(path).hasSize(DEEP + 1);
                            assertThat(ledger.name(path.get(DEEP))).isEqualTo("deep0");
                        });
    }

    /**
     * Example B of attribution.md: final (joe) cites v1 (weight 2) and v2; v1 (kim) cites base; v2
     * (lou) cites base and poem; base (max) and poem (kim) are originals. Ids ascend base, poem,
     * v1, v2, final; uploads come in another order so sorting is not insertion order.
     */
    private void givenTheDiamondOfExampleB() {
        ledger.idsInOrder("base", "poem", "v1", "v2", "final")
                .upload("poem", "kim", 10)
                .upload("base", "max", 11)
                .remix("v2", "lou", 20, cites("poem"), cites("base"))
                .remix("v1", "kim", 21, cites("base"))
                .remix("final", "joe", 30, cites("v2", 1), cites("v1", 2));
    }

    @Test
    void ancestorsOfFinalAreBothVersionsAndBothOriginals() {
        givenTheDiamondOfExampleB();

        Lineage ancestors = walk("final", ANCESTORS, ALL, LATEST);

        assertThat(namesAndDepths(ancestors.nodes()))
                .containsExactly(
                        tuple("final", 0),
                        tuple("v1", 1),
                        tuple("v2", 1),
                        tuple("base", 2),
                        tuple("poem", 2));
        assertThat(ancestors.edges())
                .containsExactly(
                        ledger.edge("base", "v1", 1),
                        ledger.edge("base", "v2", 1),
                        ledger.edge("poem", "v2", 1),
                        ledger.edge("v1", "final", 2),
                        ledger.edge("v2", "final", 1));
        assertThat(ancestors.recordId()).isEqualTo(ledger.id("final").toString());
        assertThat(ancestors.asOf()).isEqualTo(LATEST);
    }

    @Test
    void nodesCarryTheRecordItself() {
        givenTheDiamondOfExampleB();

        Node v2 = walk("final", ANCESTORS, 1, LATEST).nodes().get(2);

        assertThat(v2.recordId()).isEqualTo(ledger.id("v2").toString());
        assertThat(v2.title()).isEqualTo("title of v2");
        assertThat(v2.mediaType()).isEqualTo(org.collabledger.domain.record.MediaType.IMAGE);
        assertThat(v2.creatorId()).isEqualTo(ledger.artist("lou").toString());
        assertThat(v2.recordedAt()).isEqualTo(20);
        assertThat(v2.takenDown()).isFalse();
        assertThat(v2.takenDownAt()).isNull();
    }

    @Test
    void descendantsOfBaseAreBothVersionsAndFinalWithoutTheOtherOriginal() {
        givenTheDiamondOfExampleB();

        Lineage descendants = walk("base", DESCENDANTS, ALL, LATEST);

        assertThat(namesAndDepths(descendants.nodes()))
                .containsExactly(
                        tuple("base", 0), tuple("v1", 1), tuple("v2", 1), tuple("final", 2));
        assertThat(descendants.edges())
                .containsExactly(
                        ledger.edge("base", "v1", 1),
                        ledger.edge("base", "v2", 1),
                        ledger.edge("v1", "final", 2),
                        ledger.edge("v2", "final", 1));
    }

    @Test
    void pathsFromFinalToBaseGoThroughEachVersion() {
        givenTheDiamondOfExampleB();

        Paths paths =
                queries.paths(ledger.id("final"), ledger.id("base"), 10, LATEST).orElseThrow();

        assertThat(pathNames(paths))
                .containsExactly(List.of("final", "v1", "base"), List.of("final", "v2", "base"));
        assertThat(paths.truncated()).isFalse();
    }

    @Test
    void theOnlyPathFromFinalToPoemGoesThroughV2() {
        givenTheDiamondOfExampleB();

        Paths paths =
                queries.paths(ledger.id("final"), ledger.id("poem"), 10, LATEST).orElseThrow();

        assertThat(pathNames(paths)).containsExactly(List.of("final", "v2", "poem"));
    }

    @Test
    void pathsToARecordThatIsNotAnAncestorAreNone() {
        givenTheDiamondOfExampleB();

        assertThat(
                        queries.paths(ledger.id("v1"), ledger.id("poem"), 10, LATEST)
                                .orElseThrow()
                                .paths())
                .isEmpty();
        assertThat(
                        queries.paths(ledger.id("base"), ledger.id("final"), 10, LATEST)
                                .orElseThrow()
                                .paths())
                .as("a descendant is not an ancestor")
                .isEmpty();
        assertThat(
                        queries.paths(ledger.id("v1"), ledger.id("v2"), 10, LATEST)
                                .orElseThrow()
                                .paths())
                .as("a sibling is not an ancestor")
                .isEmpty();
        Paths toItself =
                queries.paths(ledger.id("final"), ledger.id("final"), 10, LATEST).orElseThrow();
        assertThat(toItself.paths()).as("a record is not its own ancestor").isEmpty();
        assertThat(toItself.truncated()).isFalse();
    }

    @Test
    void rootsOfFinalAreBaseAndPoem() {
        givenTheDiamondOfExampleB();

        assertThat(namesAndDepths(queries.roots(ledger.id("final"), LATEST).orElseThrow()))
                .containsExactly(tuple("base", 2), tuple("poem", 2));
    }

    @Test
    void theFamilyOfPoemIsTheWholeDiamondWithItsGenerations() {
        givenTheDiamondOfExampleB();

        Family family = family("poem", LATEST);

        // depth: undirected distance from poem; generation: 1 + highest generation of its resources
        assertThat(namesDepthsAndGenerations(family))
                .containsExactly(
                        tuple("poem", 0, 0),
                        tuple("v2", 1, 1),
                        tuple("base", 2, 0),
                        tuple("final", 2, 2),
                        tuple("v1", 3, 1));
        assertThat(family.edges())
                .containsExactly(
                        ledger.edge("base", "v1", 1),
                        ledger.edge("base", "v2", 1),
                        ledger.edge("poem", "v2", 1),
                        ledger.edge("v1", "final", 2),
                        ledger.edge("v2", "final", 1));
    }

    @Test
    void aFamilyToADepthCountsGenerationsOnlyOverTheResourcesItHolds() {
        givenTheDiamondOfExampleB();

        Family family = queries.family(ledger.id("final"), 1, MAX, LATEST).orElseThrow();

        // base and poem lie two steps away, outside the answer, so v1 and v2 start its generations
        assertThat(namesDepthsAndGenerations(family))
                .containsExactly(tuple("final", 0, 1), tuple("v1", 1, 0), tuple("v2", 1, 0));
        assertThat(family.edges())
                .containsExactly(ledger.edge("v1", "final", 2), ledger.edge("v2", "final", 1));
        assertThat(
                        namesDepthsAndGenerations(
                                queries.family(ledger.id("poem"), 1, MAX, LATEST).orElseThrow()))
                .containsExactly(tuple("poem", 0, 0), tuple("v2", 1, 1));
    }

    @Test
    void theRecordViewListsDirectResourcesAndRemixes() {
        givenTheDiamondOfExampleB();

        RecordView v2 = queries.record(ledger.id("v2"), LATEST).orElseThrow();

        assertThat(ledger.name(v2.record())).isEqualTo("v2");
        assertThat(v2.record().depth()).isZero();
        assertThat(v2.resources())
                .containsExactly(ledger.edge("base", "v2", 1), ledger.edge("poem", "v2", 1));
        assertThat(v2.remixes()).containsExactly(ledger.edge("v2", "final", 1));
    }

    @Test
    void aRemixAndItsCitationsAreAbsentAsOfBeforeItAndPresentFromItsPositionOn() {
        givenTheDiamondOfExampleB();

        long beforeFinal = 29;
        long atFinal = 30;

        assertThat(queries.record(ledger.id("final"), beforeFinal)).isEmpty();
        assertThat(queries.walk(ledger.id("final"), ANCESTORS, ALL, MAX, beforeFinal)).isEmpty();
        Lineage before = walk("base", DESCENDANTS, ALL, beforeFinal);
        assertThat(namesAndDepths(before.nodes()))
                .containsExactly(tuple("base", 0), tuple("v1", 1), tuple("v2", 1));
        assertThat(before.edges())
                .containsExactly(ledger.edge("base", "v1", 1), ledger.edge("base", "v2", 1));
        assertThat(queries.record(ledger.id("v1"), beforeFinal).orElseThrow().remixes()).isEmpty();
        assertThat(namesDepthsAndGenerations(family("poem", beforeFinal)))
                .containsExactly(
                        tuple("poem", 0, 0),
                        tuple("v2", 1, 1),
                        tuple("base", 2, 0),
                        tuple("v1", 3, 1));

        Lineage after = walk("base", DESCENDANTS, ALL, atFinal);
        assertThat(namesAndDepths(after.nodes()))
                .containsExactly(
                        tuple("base", 0), tuple("v1", 1), tuple("v2", 1), tuple("final", 2));
        assertThat(after.edges())
                .contains(ledger.edge("v1", "final", 2), ledger.edge("v2", "final", 1));
        assertThat(queries.record(ledger.id("v1"), atFinal).orElseThrow().remixes())
                .containsExactly(ledger.edge("v1", "final", 2));
    }

    @Test
    void aRecordAsOfBeforeItWasUploadedIsNotThere() {
        givenTheDiamondOfExampleB();

        UUID v1 = ledger.id("v1");
        UUID base = ledger.id("base");
        long before = 20;

        assertThat(queries.record(v1, before)).isEmpty();
        assertThat(queries.walk(v1, DESCENDANTS, ALL, MAX, before)).isEmpty();
        assertThat(queries.family(v1, ALL, MAX, before)).isEmpty();
        assertThat(queries.roots(v1, before)).isEmpty();
        assertThat(queries.paths(v1, base, 10, before)).isEmpty();
        assertThat(queries.paths(ledger.id("final"), v1, 10, before)).isEmpty();
        assertThat(queries.record(v1, 21)).isPresent();
    }

    @Test
    void anUnknownRecordIsNotThere() {
        givenTheDiamondOfExampleB();

        UUID stranger = UUID.randomUUID();

        assertThat(queries.record(stranger, LATEST)).isEmpty();
        assertThat(queries.walk(stranger, ANCESTORS, ALL, MAX, LATEST)).isEmpty();
        assertThat(queries.family(stranger, ALL, MAX, LATEST)).isEmpty();
        assertThat(queries.roots(stranger, LATEST)).isEmpty();
        assertThat(queries.paths(ledger.id("final"), stranger, 10, LATEST)).isEmpty();
    }

    @Test
    void aCitationRemovedByACorrectionCountsUntilTheCorrectionAndNotAfter() {
        givenTheDiamondOfExampleB();

        ledger.removeCitation("final", "v1", 50);

        Lineage before = walk("final", ANCESTORS, ALL, 49);
        assertThat(namesAndDepths(before.nodes())).contains(tuple("v1", 1));
        assertThat(before.edges()).contains(ledger.edge("v1", "final", 2));
        assertThat(
                        pathNames(
                                queries.paths(ledger.id("final"), ledger.id("base"), 10, 49)
                                        .orElseThrow()))
                .hasSize(2);

        Lineage after = walk("final", ANCESTORS, ALL, 50);
        assertThat(namesAndDepths(after.nodes()))
                .containsExactly(
                        tuple("final", 0), tuple("v2", 1), tuple("base", 2), tuple("poem", 2));
        assertThat(after.edges())
                .containsExactly(
                        ledger.edge("base", "v2", 1),
                        ledger.edge("poem", "v2", 1),
                        ledger.edge("v2", "final", 1));
        assertThat(
                        pathNames(
                                queries.paths(ledger.id("final"), ledger.id("base"), 10, 50)
                                        .orElseThrow()))
                .containsExactly(List.of("final", "v2", "base"));
        assertThat(queries.record(ledger.id("v1"), 50).orElseThrow().remixes()).isEmpty();
        assertThat(queries.record(ledger.id("final"), 50).orElseThrow().resources())
                .containsExactly(ledger.edge("v2", "final", 1));
        assertThat(namesAndDepths(walk("v1", DESCENDANTS, ALL, 50).nodes()))
                .containsExactly(tuple("v1", 0));
    }

    @Test
    void aRecordWhoseOnlyCitationWasRemovedBecomesARoot() {
        givenTheDiamondOfExampleB();

        ledger.removeCitation("v1", "base", 40);

        assertThat(namesAndDepths(queries.roots(ledger.id("v1"), 39).orElseThrow()))
                .containsExactly(tuple("base", 1));
        assertThat(namesAndDepths(queries.roots(ledger.id("v1"), 40).orElseThrow()))
                .containsExactly(tuple("v1", 0));
        assertThat(namesAndDepths(queries.roots(ledger.id("final"), 40).orElseThrow()))
                .containsExactly(tuple("v1", 1), tuple("base", 2), tuple("poem", 2));
        Family family = family("v1", 40);
        assertThat(namesDepthsAndGenerations(family))
                .containsExactly(
                        tuple("v1", 0, 0),
                        tuple("final", 1, 2),
                        tuple("v2", 2, 1),
                        tuple("base", 3, 0),
                        tuple("poem", 3, 0));
        assertThat(family.edges())
                .containsExactly(
                        ledger.edge("base", "v2", 1),
                        ledger.edge("poem", "v2", 1),
                        ledger.edge("v1", "final", 2),
                        ledger.edge("v2", "final", 1));
    }

    @Test
    void aCitationAddedByACorrectionCountsFromTheCorrectionOn() {
        givenTheDiamondOfExampleB();

        ledger.addCitation("final", "poem", 3, 60);

        assertThat(walk("final", ANCESTORS, ALL, 59).edges())
                .doesNotContain(ledger.edge("poem", "final", 3));
        Lineage after = walk("final", ANCESTORS, ALL, 60);
        assertThat(namesAndDepths(after.nodes()))
                .containsExactly(
                        tuple("final", 0),
                        tuple("poem", 1),
                        tuple("v1", 1),
                        tuple("v2", 1),
                        tuple("base", 2));
        assertThat(after.edges()).contains(ledger.edge("poem", "final", 3));
        assertThat(
                        pathNames(
                                queries.paths(ledger.id("final"), ledger.id("poem"), 10, 60)
                                        .orElseThrow()))
                .containsExactly(List.of("final", "poem"), List.of("final", "v2", "poem"));
    }

    @Test
    void aCitationRemovedAndCitedAgainIsBackFromTheSecondCitationOn() {
        givenTheDiamondOfExampleB();

        ledger.removeCitation("final", "v1", 50).addCitation("final", "v1", 5, 70);

        assertThat(walk("final", ANCESTORS, 1, 49).edges()).contains(ledger.edge("v1", "final", 2));
        assertThat(namesAndDepths(walk("final", ANCESTORS, 1, 60).nodes()))
                .containsExactly(tuple("final", 0), tuple("v2", 1));
        Lineage after = walk("final", ANCESTORS, 1, 70);
        assertThat(after.edges())
                .containsExactly(ledger.edge("v1", "final", 5), ledger.edge("v2", "final", 1));
    }

    @Test
    void aTakenDownRecordStaysInTheLineageMarkedTakenDown() {
        givenTheDiamondOfExampleB();

        ledger.takeDown("v1", 40);

        Lineage ancestors = walk("final", ANCESTORS, ALL, 40);
        assertThat(ancestors.nodes())
                .extracting(ledger::name, Node::takenDown, Node::takenDownAt)
                .containsExactly(
                        tuple("final", false, null),
                        tuple("v1", true, 40L),
                        tuple("v2", false, null),
                        tuple("base", false, null),
                        tuple("poem", false, null));
        assertThat(ancestors.edges())
                .contains(ledger.edge("v1", "final", 2), ledger.edge("base", "v1", 1));
        assertThat(family("poem", 40).nodes())
                .map(FamilyNode::node)
                .filteredOn(Node::takenDown)
                .extracting(ledger::name)
                .containsExactly("v1");
        RecordView v1 = queries.record(ledger.id("v1"), 40).orElseThrow();
        assertThat(v1.record().takenDown()).isTrue();
        assertThat(v1.record().takenDownAt()).isEqualTo(40L);
        assertThat(
                        pathNames(
                                queries.paths(ledger.id("final"), ledger.id("base"), 10, 40)
                                        .orElseThrow()))
                .containsExactly(List.of("final", "v1", "base"), List.of("final", "v2", "base"));
    }

    @Test
    void aTakenDownRecordIsNotMarkedAsOfBeforeItsTakedown() {
        givenTheDiamondOfExampleB();

        ledger.takeDown("v1", 40);

        assertThat(walk("final", ANCESTORS, ALL, 39).nodes())
                .noneMatch(Node::takenDown)
                .allMatch(n -> n.takenDownAt() == null);
        assertThat(queries.record(ledger.id("v1"), 39).orElseThrow().record().takenDown())
                .isFalse();
    }

    @Test
    void aTakenDownOriginalIsStillARootMarkedTakenDown() {
        givenTheDiamondOfExampleB();

        ledger.takeDown("base", 45);

        assertThat(queries.roots(ledger.id("final"), 45).orElseThrow())
                .extracting(ledger::name, Node::takenDown, Node::takenDownAt)
                .containsExactly(tuple("base", true, 45L), tuple("poem", false, null));
        assertThat(family("poem", 45).nodes())
                .filteredOn(n -> n.node().takenDown())
                .extracting(n -> ledger.name(n.node()), FamilyNode::generation)
                .containsExactly(tuple("base", 0));
    }

    @Test
    void theDepthOfAnAncestorIsItsShortestDistanceWhileItsGenerationIsItsLongest() {
        ledger.upload("a", "ann", 1)
                .remix("b", "ann", 2, cites("a"))
                .remix("c", "ann", 3, cites("b"))
                .remix("d", "ann", 4, cites("c"), cites("a"));

        assertThat(namesAndDepths(walk("d", ANCESTORS, ALL, LATEST).nodes()))
                .containsExactly(tuple("d", 0), tuple("a", 1), tuple("c", 1), tuple("b", 2));
        assertThat(namesAndDepths(walk("a", DESCENDANTS, ALL, LATEST).nodes()))
                .containsExactly(tuple("a", 0), tuple("b", 1), tuple("d", 1), tuple("c", 2));
        assertThat(namesDepthsAndGenerations(family("a", LATEST)))
                .containsExactly(
                        tuple("a", 0, 0), tuple("b", 1, 1), tuple("d", 1, 3), tuple("c", 2, 2));
    }

    @Test
    void aFamilyReachesCousinsThroughSharedResourcesAndRemixes() {
        // x and y share resource r; y and z are both cited by w; q is unrelated
        ledger.upload("r", "ann", 1)
                .upload("z", "bob", 2)
                .upload("q", "bob", 3)
                .remix("x", "cat", 4, cites("r"))
                .remix("y", "cat", 5, cites("r"))
                .remix("w", "dan", 6, cites("y"), cites("z"));

        assertThat(namesDepthsAndGenerations(family("x", LATEST)))
                .containsExactly(
                        tuple("x", 0, 1),
                        tuple("r", 1, 0),
                        tuple("y", 2, 1),
                        tuple("w", 3, 2),
                        tuple("z", 4, 0));
        assertThat(namesDepthsAndGenerations(family("q", LATEST)))
                .containsExactly(tuple("q", 0, 0));
    }

    @Test
    void nodesSortByDepthThenIdAndEdgesByResourceThenRemixWhateverTheUploadOrder() {
        ledger.idsInOrder("o1", "o2", "m1", "m2", "m3", "m4")
                .upload("o2", "ann", 1)
                .upload("o1", "ann", 2)
                .remix("m4", "bob", 3, cites("o2"), cites("o1"))
                .remix("m3", "bob", 4, cites("o1"))
                .remix("m2", "bob", 5, cites("o2"), cites("o1"))
                .remix("m1", "bob", 6, cites("o2"));

        Lineage descendants = walk("o1", DESCENDANTS, ALL, LATEST);
        assertThat(namesAndDepths(descendants.nodes()))
                .containsExactly(tuple("o1", 0), tuple("m2", 1), tuple("m3", 1), tuple("m4", 1));
        assertThat(descendants.edges())
                .containsExactly(
                        ledger.edge("o1", "m2", 1),
                        ledger.edge("o1", "m3", 1),
                        ledger.edge("o1", "m4", 1));

        Family family = family("m4", LATEST);
        assertThat(namesDepthsAndGenerations(family))
                .containsExactly(
                        tuple("m4", 0, 1),
                        tuple("o1", 1, 0),
                        tuple("o2", 1, 0),
                        tuple("m1", 2, 1),
                        tuple("m2", 2, 1),
                        tuple("m3", 2, 1));
        assertThat(family.edges())
                .containsExactly(
                        ledger.edge("o1", "m2", 1),
                        ledger.edge("o1", "m3", 1),
                        ledger.edge("o1", "m4", 1),
                        ledger.edge("o2", "m1", 1),
                        ledger.edge("o2", "m2", 1),
                        ledger.edge("o2", "m4", 1));

        RecordView o2 = queries.record(ledger.id("o2"), LATEST).orElseThrow();
        assertThat(o2.remixes())
                .containsExactly(
                        ledger.edge("o2", "m1", 1),
                        ledger.edge("o2", "m2", 1),
                        ledger.edge("o2", "m4", 1));
    }

    @Test
    void theSameFactsGiveEqualAnswersWhateverTheGraphInstance() {
        LineageFixture other = new LineageFixture();
        for (LineageFixture f : List.of(ledger, other)) {
            f.idsInOrder("a", "b", "c", "d")
                    .upload("b", "ann", 1)
                    .upload("a", "ann", 2)
                    .remix("d", "bob", 3, cites("b"), cites("a"))
                    .remix("c", "bob", 4, cites("d"), cites("a"));
        }

        assertThat(other.queries.family(other.id("c"), ALL, MAX, LATEST))
                .isEqualTo(queries.family(ledger.id("c"), ALL, MAX, LATEST));
        assertThat(other.queries.paths(other.id("c"), other.id("a"), 10, LATEST))
                .isEqualTo(queries.paths(ledger.id("c"), ledger.id("a"), 10, LATEST));
    }

    /**
     * top0 is an original; each rung i has a_i and b_i remixing top_i, and top_(i+1) citing both:
     * 2^k paths.
     */
    private void givenALadderOfDiamonds() {
        long at = 1;
        ledger.upload("top0", "ann", at++);
        for (int i = 0; i < RUNGS; i++) {
            ledger.remix("a" + i, "bob", at++, cites("top" + i))
                    .remix("b" + i, "cat", at++, cites("top" + i))
                    .remix("top" + (i + 1), "dan", at++, cites("a" + i), cites("b" + i));
        }
    }

    /**
     * Every path from top_k down to top0, choosing a or b on each rung: worked out from the
     * ladder's shape.
     */
    private Set<List<String>> everyPath(int rungs) {
        Set<List<String>> all = new HashSet<>();
        for (int choice = 0; choice < 1 << rungs; choice++) {
            List<String> path = new ArrayList<>();
            path.add("top" + rungs);
            for (int i = rungs - 1; i >= 0; i--) {
                path.add(((choice >> i) & 1) == 0 ? "a" + i : "b" + i);
                path.add("top" + i);
            }
            all.add(path);
        }
        return all;
    }

    @Test
    void everyPathDownTheLadderIsFoundWhenTheyAllFit() {
        givenALadderOfDiamonds();

        Paths paths =
                queries.paths(ledger.id("top" + RUNGS), ledger.id("top0"), 1 << RUNGS, LATEST)
                        .orElseThrow();

        assertThat(paths.truncated()).isFalse();
        assertThat(pathNames(paths))
                .hasSize(1 << RUNGS)
                .containsExactlyInAnyOrderElementsOf(everyPath(RUNGS));
        assertThat(paths.paths().stream().map(Object::toString).toList()).isSorted();
    }

    @Test
    void pathsBeyondTheMaximumAreCutAndSaidToBeCut() {
        givenALadderOfDiamonds();

        Paths paths =
                queries.paths(ledger.id("top" + RUNGS), ledger.id("top0"), 100, LATEST)
                        .orElseThrow();

        assertThat(paths.truncated()).isTrue();
        assertThat(pathNames(paths))
                .hasSize(100)
                .doesNotHaveDuplicates()
                .isSubsetOf(everyPath(RUNGS));
    }

    @Test
    void oneFewerThanAllThePathsIsStillCut() {
        givenALadderOfDiamonds();

        Paths paths =
                queries.paths(ledger.id("top" + RUNGS), ledger.id("top0"), (1 << RUNGS) - 1, LATEST)
                        .orElseThrow();

        assertThat(paths.truncated()).isTrue();
        assertThat(paths.paths()).hasSize((1 << RUNGS) - 1);
    }

    @Test
    void pathsFromAMiddleRungReachOnlyTheRungsBelowIt() {
        givenALadderOfDiamonds();

        Paths paths =
                queries.paths(ledger.id("top3"), ledger.id("top1"), 100, LATEST).orElseThrow();

        assertThat(pathNames(paths))
                .containsExactly(
                        List.of("top3", "a2", "top2", "a1", "top1"),
                        List.of("top3", "a2", "top2", "b1", "top1"),
                        List.of("top3", "b2", "top2", "a1", "top1"),
                        List.of("top3", "b2", "top2", "b1", "top1"));
    }

    @Test
    void aPathBecomesVisibleOnlyOnceItsLastRungIsUploaded() {
        givenALadderOfDiamonds();

        // top2 is uploaded at position 7: 1 (top0) + 3 per rung
        assertThat(queries.paths(ledger.id("top2"), ledger.id("top0"), 100, 6)).isEmpty();
        assertThat(
                        queries.paths(ledger.id("top2"), ledger.id("top0"), 100, 7)
                                .orElseThrow()
                                .paths())
                .hasSize(4);
    }
}
