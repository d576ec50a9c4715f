package org.collabledger.projections.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.collabledger.projections.lineage.LineageQueries.Direction.ANCESTORS;
import static org.collabledger.projections.lineage.LineageQueries.Direction.DESCENDANTS;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.collabledger.domain.record.MediaType;
import org.collabledger.projections.lineage.LineageFact.CitationAdded;
import org.collabledger.projections.lineage.LineageFact.CitationEnded;
import org.collabledger.projections.lineage.LineageFact.RecordAdded;
import org.collabledger.projections.lineage.LineageFact.TakenDown;
import org.collabledger.projections.lineage.LineageQueries.Direction;
import org.collabledger.projections.lineage.LineageQueries.Edge;
import org.collabledger.projections.lineage.LineageQueries.Family;
import org.collabledger.projections.lineage.LineageQueries.FamilyNode;
import org.collabledger.projections.lineage.LineageQueries.Lineage;
import org.collabledger.projections.lineage.LineageQueries.Node;
import org.collabledger.projections.lineage.LineageQueries.Paths;

/**
 * Lineage answers over random remix histories agree with naive graph computations written in the
 * test.
 */
class LineageProperties {

    private static final int ALL = Integer.MAX_VALUE;
    private static final int MAX = LineageQueries.MAX_LIMIT;
    private static final long NEVER = Long.MAX_VALUE;
    private static final int MAX_PATHS = 3;

    // ---------------------------------------------------------------- properties

    @Property(tries = 500, edgeCases = EdgeCasesMode.NONE)
    void ancestorsAreEveryRecordReachableThroughResourcesAtItsShortestDistance(
            @ForAll("histories") History history,
            @ForAll @IntRange(min = 0, max = 10_000) int cut) {
        long asOf = history.positionAt(cut);
        LineageQueries queries = new LineageQueries(history.graph());

        for (int record : history.existing(asOf)) {
            Lineage answer =
                    queries.walk(history.id(record), ANCESTORS, ALL, MAX, asOf).orElseThrow();

            assertThat(history.indices(answer.nodes()))
                    .isEqualTo(history.reachable(record, ANCESTORS, asOf));
            assertThat(history.depths(answer.nodes()))
                    .isEqualTo(history.shortestDistances(record, ANCESTORS, asOf));
            assertThat(answer.nodes()).allSatisfy(n -> history.assertMarkedAsOf(n, asOf));
        }
    }

    @Property(tries = 500, edgeCases = EdgeCasesMode.NONE)
    void descendantsAreEveryRecordReachableThroughRemixesAtItsShortestDistance(
            @ForAll("histories") History history,
            @ForAll @IntRange(min = 0, max = 10_000) int cut) {
        long asOf = history.positionAt(cut);
        LineageQueries queries = new LineageQueries(history.graph());

        for (int record : history.existing(asOf)) {
            Lineage answer =
                    queries.walk(history.id(record), DESCENDANTS, ALL, MAX, asOf).orElseThrow();

            assertThat(history.indices(answer.nodes()))
                    .isEqualTo(history.reachable(record, DESCENDANTS, asOf));
            assertThat(history.depths(answer.nodes()))
                    .isEqualTo(history.shortestDistances(record, DESCENDANTS, asOf));
            assertThat(answer.nodes()).allSatisfy(n -> history.assertMarkedAsOf(n, asOf));
        }
    }

    @Property(tries = 500, edgeCases = EdgeCasesMode.NONE)
    void everyEdgeOfAnAnswerJoinsTwoOfItsRecordsAndEveryCitationAmongThemIsListed(
            @ForAll("histories") History history,
            @ForAll @IntRange(min = 0, max = 10_000) int cut,
            @ForAll @IntRange(min = 0, max = 4) int depth) {
        long asOf = history.positionAt(cut);
        LineageQueries queries = new LineageQueries(history.graph());

        for (int record : history.existing(asOf)) {
            for (Direction direction : Direction.values()) {
                for (int maxDepth : List.of(depth, ALL)) {
                    Lineage answer =
                            queries.walk(history.id(record), direction, maxDepth, MAX, asOf)
                                    .orElseThrow();
                    assertEdgesAreThoseAmong(history, answer.nodes(), answer.edges(), asOf);
                    assertSorted(answer.nodes(), answer.edges());
                    assertThat(answer.nodes()).allMatch(n -> n.depth() <= maxDepth);
                }
            }
            Family family = queries.family(history.id(record), depth, MAX, asOf).orElseThrow();
            List<Node> nodes = family.nodes().stream().map(FamilyNode::node).toList();
            assertEdgesAreThoseAmong(history, nodes, family.edges(), asOf);
            assertSorted(nodes, family.edges());
        }
    }

    @Property(tries = 500, edgeCases = EdgeCasesMode.NONE)
    void aFamilyIsTheConnectedComponentAtUndirectedDistances(
            @ForAll("histories") History history,
            @ForAll @IntRange(min = 0, max = 10_000) int cut) {
        long asOf = history.positionAt(cut);
        LineageQueries queries = new LineageQueries(history.graph());

        for (int record : history.existing(asOf)) {
            Family family = queries.family(history.id(record), ALL, MAX, asOf).orElseThrow();
            List<Node> nodes = family.nodes().stream().map(FamilyNode::node).toList();

            assertThat(history.indices(nodes)).isEqualTo(history.component(record, asOf));
            assertThat(history.depths(nodes)).isEqualTo(history.undirectedDistances(record, asOf));
            assertThat(nodes).allSatisfy(n -> history.assertMarkedAsOf(n, asOf));
        }
    }

    @Property(tries = 500, edgeCases = EdgeCasesMode.NONE)
    void inAFamilyEveryRemixIsOfALaterGenerationThanItsResources(
            @ForAll("histories") History history,
            @ForAll @IntRange(min = 0, max = 10_000) int cut) {
        long asOf = history.positionAt(cut);
        LineageQueries queries = new LineageQueries(history.graph());

        for (int record : history.existing(asOf)) {
            Family family = queries.family(history.id(record), ALL, MAX, asOf).orElseThrow();
            Map<String, Integer> generation = new HashMap<>();
            family.nodes().forEach(n -> generation.put(n.node().recordId(), n.generation()));

            assertThat(family.edges())
                    .allSatisfy(
                            e ->
                                    assertThat(generation.get(e.to()))
                                            .isGreaterThan(generation.get(e.from())));
            for (FamilyNode node : family.nodes()) {
                assertThat(node.generation())
                        .as("generation of %s", node.node().recordId())
                        .isEqualTo(
                                history.longestChainOfResources(history.index(node.node()), asOf));
            }
        }
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void pathsToAnAncestorAreEveryChainOfCitationsUpToTheMaximum(
            @ForAll("histories") History history,
            @ForAll @IntRange(min = 0, max = 10_000) int cut) {
        long asOf = history.positionAt(cut);
        LineageQueries queries = new LineageQueries(history.graph());

        for (int record : history.existing(asOf)) {
            for (int ancestor : history.existing(asOf)) {
                Paths paths =
                        queries.paths(history.id(record), history.id(ancestor), MAX_PATHS, asOf)
                                .orElseThrow();
                long count = record == ancestor ? 0 : history.countPaths(record, ancestor, asOf);

                assertThat(paths.paths())
                        .hasSize((int) Math.min(count, MAX_PATHS))
                        .doesNotHaveDuplicates();
                assertThat(paths.truncated()).isEqualTo(count > MAX_PATHS);
                for (List<String> path : paths.paths()) {
                    assertThat(path.get(0)).isEqualTo(history.id(record).toString());
                    assertThat(path.get(path.size() - 1))
                            .isEqualTo(history.id(ancestor).toString());
                    for (int i = 0; i + 1 < path.size(); i++) {
                        assertThat(history.activeCitation(path.get(i + 1), path.get(i), asOf))
                                .as("%s cites %s as of %d", path.get(i), path.get(i + 1), asOf)
                                .isTrue();
                    }
                }
            }
        }
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void answersAsOfAPositionEqualThoseOfAGraphBuiltOnlyFromTheFactsUpToIt(
            @ForAll("histories") History history,
            @ForAll @IntRange(min = 0, max = 10_000) int cut) {
        long asOf = history.positionAt(cut);
        LineageQueries everything = new LineageQueries(history.graph());
        LineageQueries upToThen = new LineageQueries(history.graphUpTo(asOf));

        for (int record = 0; record < history.size(); record++) {
            UUID id = history.id(record);
            assertThat(everything.record(id, asOf)).isEqualTo(upToThen.record(id, asOf));
            for (Direction direction : Direction.values()) {
                assertThat(everything.walk(id, direction, ALL, MAX, asOf))
                        .isEqualTo(upToThen.walk(id, direction, ALL, MAX, asOf));
                assertThat(everything.walk(id, direction, 2, MAX, asOf))
                        .isEqualTo(upToThen.walk(id, direction, 2, MAX, asOf));
            }
            assertThat(everything.family(id, ALL, MAX, asOf))
                    .isEqualTo(upToThen.family(id, ALL, MAX, asOf));
            assertThat(everything.family(id, 1, MAX, asOf))
                    .isEqualTo(upToThen.family(id, 1, MAX, asOf));
            assertThat(everything.roots(id, asOf)).isEqualTo(upToThen.roots(id, asOf));
            for (int other = 0; other < history.size(); other++) {
                assertThat(everything.paths(id, history.id(other), MAX_PATHS, asOf))
                        .isEqualTo(upToThen.paths(id, history.id(other), MAX_PATHS, asOf));
            }
        }
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void rootsAreTheAncestorsThatCiteNothing(
            @ForAll("histories") History history,
            @ForAll @IntRange(min = 0, max = 10_000) int cut) {
        long asOf = history.positionAt(cut);
        LineageQueries queries = new LineageQueries(history.graph());

        for (int record : history.existing(asOf)) {
            Set<Integer> expected = new HashSet<>();
            for (int ancestor : history.reachable(record, ANCESTORS, asOf)) {
                if (history.reachable(ancestor, ANCESTORS, asOf).equals(Set.of(ancestor))) {
                    expected.add(ancestor);
                }
            }
            assertThat(history.indices(queries.roots(history.id(record), asOf).orElseThrow()))
                    .isEqualTo(expected);
        }
    }

    private static void assertEdgesAreThoseAmong(
            History history, List<Node> nodes, List<Edge> edges, long asOf) {
        Set<String> ids = new HashSet<>();
        nodes.forEach(n -> ids.add(n.recordId()));
        assertThat(edges).allSatisfy(e -> assertThat(ids).contains(e.from(), e.to()));
        assertThat(edges)
                .containsExactlyInAnyOrderElementsOf(
                        history.citationsAmong(history.indices(nodes), asOf));
    }

    private static void assertSorted(List<Node> nodes, List<Edge> edges) {
        assertThat(nodes)
                .isSortedAccordingTo(
                        Comparator.comparingInt(Node::depth).thenComparing(Node::recordId));
        assertThat(edges)
                .isSortedAccordingTo(Comparator.comparing(Edge::from).thenComparing(Edge::to));
    }

    // ---------------------------------------------------------------- random histories

    /**
     * One random step of a history, read against the records made so far (see {@link History#of}).
     */
    record Step(int kind, List<Integer> picks, int gap) {}

    @Provide
    Arbitrary<History> histories() {
        Arbitrary<Step> step =
                Combinators.combine(
                                Arbitraries.integers().between(0, 9),
                                Arbitraries.integers().between(0, 10_000).list().ofMaxSize(8),
                                Arbitraries.integers().between(1, 3))
                        .as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(40).map(History::of);
    }

    /** A citation of the model, with the positions it held between. */
    record Citation(int resource, int remix, int weight, long addedAt, long[] removedAt) {
        boolean activeAt(long asOf) {
            return addedAt <= asOf && asOf < removedAt[0];
        }
    }

    /** A random remix history and the naive answers to lineage questions about it. */
    static final class History {

        private static final UUID CREATOR = new UUID(7, 7);

        final List<UUID> ids = new ArrayList<>();
        final Map<String, Integer> indexOf = new HashMap<>();
        final List<Long> createdAt = new ArrayList<>();
        final List<Long> takenDownAt = new ArrayList<>();
        final List<Citation> citations = new ArrayList<>();
        final List<LineageFact> facts = new ArrayList<>();
        long last;

        /**
         * Kinds 0-6 upload a record citing the picked earlier records (most picks lean to recent
         * ones, so chains grow deep), 7 takes the picked record down, 8 removes a current citation,
         * 9 adds one by correction. Citations only go to earlier, not taken-down records, as the
         * ledger requires.
         */
        static History of(List<Step> steps) {
            History h = new History();
            for (Step step : steps) {
                long at = h.last + step.gap();
                int n = h.ids.size();
                List<Integer> picks = step.picks();
                if (n == 0 || step.kind() <= 6) {
                    int record = h.upload(at);
                    Set<Integer> cited = new LinkedHashSet<>();
                    for (int pick : n == 0 ? List.<Integer>of() : picks) {
                        int resource =
                                pick % 3 == 0
                                        ? (pick / 3) % n
                                        : n - 1 - (pick / 3) % Math.min(n, 4);
                        if (!h.takenDown(resource, at)
                                && cited.add(resource)
                                && cited.size() <= 16) {
                            h.cite(record, resource, 1 + (pick / 7) % 4, at);
                        }
                    }
                } else if (step.kind() == 7 && !picks.isEmpty()) {
                    int record = picks.get(0) % n;
                    if (h.takenDownAt.get(record) == NEVER) {
                        h.takenDownAt.set(record, at);
                        h.facts.add(new TakenDown(h.ids.get(record), at));
                    }
                } else if (step.kind() == 8 && !picks.isEmpty()) {
                    List<Citation> current =
                            h.citations.stream().filter(c -> c.removedAt()[0] == NEVER).toList();
                    if (!current.isEmpty()) {
                        Citation removed = current.get(picks.get(0) % current.size());
                        removed.removedAt()[0] = at;
                        h.facts.add(
                                new CitationEnded(
                                        h.ids.get(removed.remix()),
                                        h.ids.get(removed.resource()),
                                        at));
                    }
                } else if (step.kind() == 9 && picks.size() >= 2 && n >= 2) {
                    int remix = 1 + picks.get(0) % (n - 1);
                    int resource = picks.get(1) % remix;
                    boolean alreadyCited =
                            h.citations.stream()
                                    .anyMatch(
                                            c ->
                                                    c.remix() == remix
                                                            && c.resource() == resource
                                                            && c.removedAt()[0] == NEVER);
                    if (!alreadyCited && !h.takenDown(resource, at)) {
                        h.cite(remix, resource, 1 + picks.get(1) % 4, at);
                    }
                } else {
                    continue;
                }
                h.last = at;
            }
            return h;
        }

        private int upload(long at) {
            int record = ids.size();
            // ids sort in another order than uploads, so sorting by id is not sorting by age
            UUID id = new UUID(0x5eedL, (record * 2_654_435_761L) & 0xffff_ffffL);
            ids.add(id);
            indexOf.put(id.toString(), record);
            createdAt.add(at);
            takenDownAt.add(NEVER);
            MediaType media = MediaType.values()[record % MediaType.values().length];
            facts.add(
                    new RecordAdded(
                            id, CREATOR, "r" + record, media, at, LineageFixture.event(at)));
            return record;
        }

        private void cite(int remix, int resource, int weight, long at) {
            citations.add(new Citation(resource, remix, weight, at, new long[] {NEVER}));
            facts.add(
                    new CitationAdded(
                            ids.get(remix),
                            ids.get(resource),
                            weight,
                            at,
                            LineageFixture.event(at)));
        }

        LineageGraph graph() {
            return graphUpTo(NEVER - 1);
        }

        /** A graph that has seen only the facts at or before {@code position}. */
        LineageGraph graphUpTo(long position) {
            LineageGraph graph = new LineageGraph();
            for (LineageFact fact : facts) {
                if (fact.at() > position) {
                    continue;
                }
                graph.write(
                        () -> {
                            graph.apply(fact);
                            graph.advanceTo(fact.at());
                        });
            }
            return graph;
        }

        /** Any position from before the first fact to after the last one. */
        long positionAt(int cut) {
            return cut % (last + 2);
        }

        int size() {
            return ids.size();
        }

        UUID id(int record) {
            return ids.get(record);
        }

        int index(Node node) {
            return indexOf.get(node.recordId());
        }

        boolean takenDown(int record, long asOf) {
            return takenDownAt.get(record) <= asOf;
        }

        List<Integer> existing(long asOf) {
            List<Integer> existing = new ArrayList<>();
            for (int r = 0; r < ids.size(); r++) {
                if (createdAt.get(r) <= asOf) {
                    existing.add(r);
                }
            }
            return existing;
        }

        Set<Integer> indices(List<Node> nodes) {
            Set<Integer> indices = new HashSet<>();
            for (Node node : nodes) {
                assertThat(indices.add(index(node))).as("%s listed once", node.recordId()).isTrue();
            }
            return indices;
        }

        Map<Integer, Integer> depths(List<Node> nodes) {
            Map<Integer, Integer> depths = new HashMap<>();
            nodes.forEach(n -> depths.put(index(n), n.depth()));
            return depths;
        }

        void assertMarkedAsOf(Node node, long asOf) {
            int record = index(node);
            assertThat(node.takenDown()).isEqualTo(takenDown(record, asOf));
            assertThat(node.takenDownAt())
                    .isEqualTo(takenDown(record, asOf) ? takenDownAt.get(record) : null);
            assertThat(node.recordedAt()).isEqualTo(createdAt.get(record));
        }

        private List<Citation> active(long asOf) {
            return citations.stream().filter(c -> c.activeAt(asOf)).toList();
        }

        boolean activeCitation(String resourceId, String remixId, long asOf) {
            int resource = indexOf.get(resourceId);
            int remix = indexOf.get(remixId);
            return active(asOf).stream()
                    .anyMatch(c -> c.resource() == resource && c.remix() == remix);
        }

        /**
         * The record and everything reachable from it one citation at a time, by plain recursion.
         */
        Set<Integer> reachable(int record, Direction direction, long asOf) {
            Set<Integer> seen = new HashSet<>();
            visit(record, direction, active(asOf), seen);
            return seen;
        }

        private static void visit(
                int record, Direction direction, List<Citation> active, Set<Integer> seen) {
            if (!seen.add(record)) {
                return;
            }
            for (Citation c : active) {
                if (direction == ANCESTORS && c.remix() == record) {
                    visit(c.resource(), direction, active, seen);
                } else if (direction == DESCENDANTS && c.resource() == record) {
                    visit(c.remix(), direction, active, seen);
                }
            }
        }

        /**
         * Fewest citations from the record to each reachable one, by relaxing every citation until
         * nothing changes.
         */
        Map<Integer, Integer> shortestDistances(int record, Direction direction, long asOf) {
            return relax(record, asOf, direction == ANCESTORS, direction == DESCENDANTS);
        }

        Map<Integer, Integer> undirectedDistances(int record, long asOf) {
            return relax(record, asOf, true, true);
        }

        private Map<Integer, Integer> relax(
                int record, long asOf, boolean towardResources, boolean towardRemixes) {
            Map<Integer, Integer> distance = new HashMap<>();
            distance.put(record, 0);
            boolean changed = true;
            while (changed) {
                changed = false;
                for (Citation c : active(asOf)) {
                    if (towardResources) {
                        changed |= improve(distance, c.remix(), c.resource());
                    }
                    if (towardRemixes) {
                        changed |= improve(distance, c.resource(), c.remix());
                    }
                }
            }
            return distance;
        }

        private static boolean improve(Map<Integer, Integer> distance, int known, int next) {
            Integer d = distance.get(known);
            if (d == null) {
                return false;
            }
            Integer current = distance.get(next);
            if (current == null || current > d + 1) {
                distance.put(next, d + 1);
                return true;
            }
            return false;
        }

        /** Everything linked to the record through citations in either direction. */
        Set<Integer> component(int record, long asOf) {
            Set<Integer> seen = new HashSet<>();
            List<Integer> todo = new ArrayList<>(List.of(record));
            while (!todo.isEmpty()) {
                int r = todo.remove(todo.size() - 1);
                if (seen.add(r)) {
                    for (Citation c : active(asOf)) {
                        if (c.remix() == r) {
                            todo.add(c.resource());
                        }
                        if (c.resource() == r) {
                            todo.add(c.remix());
                        }
                    }
                }
            }
            return seen;
        }

        /**
         * 0 for a record citing nothing, else one more than its highest resource (a whole family
         * holds them all).
         */
        int longestChainOfResources(int record, long asOf) {
            int longest = 0;
            for (Citation c : active(asOf)) {
                if (c.remix() == record) {
                    longest = Math.max(longest, 1 + longestChainOfResources(c.resource(), asOf));
                }
            }
            return longest;
        }

        /**
         * How many distinct chains of citations lead from the record down to the ancestor (capped,
         * they multiply).
         */
        long countPaths(int record, int ancestor, long asOf) {
            if (record == ancestor) {
                return 1;
            }
            long count = 0;
            for (Citation c : active(asOf)) {
                if (c.remix() == record) {
                    count = Math.min(1_000_000, count + countPaths(c.resource(), ancestor, asOf));
                }
            }
            return count;
        }

        List<Edge> citationsAmong(Set<Integer> records, long asOf) {
            return active(asOf).stream()
                    .filter(c -> records.contains(c.resource()) && records.contains(c.remix()))
                    .map(
                            c ->
                                    new Edge(
                                            id(c.resource()).toString(),
                                            id(c.remix()).toString(),
                                            c.weight()))
                    .toList();
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder("History[");
            for (LineageFact fact : facts) {
                text.append("\n  ").append(fact);
            }
            return text.append("\n]").toString();
        }
    }
}
