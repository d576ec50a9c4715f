package org.collabledger.projections.lineage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.collabledger.domain.record.MediaType;

/**
 * The lineage questions, answered from the {@link LineageGraph} as it stood at a ledger position: a
 * record's direct resources and remixes, ancestors, descendants, every path to an ancestor, the
 * original roots and the whole family. Taken-down records are included and marked, never dropped.
 * Results are sorted (depth, then id) so equal graphs give byte-identical answers.
 */
public final class LineageQueries {

    /** The most records one answer may hold; larger families must be asked for to a depth. */
    public static final int MAX_LIMIT = 1_000_000;

    private final LineageGraph graph;

    /** Names every node afresh; shared, since it keeps nothing. */
    private final Ids direct = new Ids(new IntIntMap(1));

    public LineageQueries(LineageGraph graph) {
        this.graph = graph;
    }

    /** Which way a walk goes: toward resources (ancestors) or toward remixes (descendants). */
    public enum Direction {
        ANCESTORS,
        DESCENDANTS
    }

    /** One record in an answer; {@code depth} is its distance from the record asked about. */
    public record Node(
            String recordId,
            String title,
            MediaType mediaType,
            String creatorId,
            int depth,
            boolean takenDown,
            long recordedAt,
            Long takenDownAt) {}

    /** A citation: {@code from} is the resource, {@code to} the remix made from it. */
    public record Edge(String from, String to, int weight) {}

    /**
     * A walk's answer: the nodes reached, the citations among them, and the position it reflects.
     */
    public record Lineage(String recordId, long asOf, List<Node> nodes, List<Edge> edges) {}

    /** A record with its direct resources and remixes. */
    public record RecordView(Node record, List<Edge> resources, List<Edge> remixes, long asOf) {}

    /** Every path from a record to one ancestor, each listed from the record to the ancestor. */
    public record Paths(
            String recordId,
            String ancestorId,
            long asOf,
            List<List<String>> paths,
            boolean truncated) {}

    /**
     * A family tree: every record connected through lineage, each with its generation (0 for
     * originals).
     */
    public record Family(String recordId, long asOf, List<FamilyNode> nodes, List<Edge> edges) {}

    /** A record of a family: its undirected distance from the asked record and its generation. */
    public record FamilyNode(Node node, int generation) {}

    /** The position the graph has caught up to. */
    public long position() {
        return graph.read(graph::position);
    }

    /** The record with its direct resources and remixes, as of {@code asOf}. */
    public Optional<RecordView> record(UUID id, long asOf) {
        return graph.read(
                () -> {
                    int node = graph.node(id, asOf);
                    if (node < 0) {
                        return Optional.empty();
                    }
                    List<Edge> resources = new ArrayList<>();
                    for (int i = 0; i < graph.resourceEdgeCount(node); i++) {
                        int edge = graph.resourceEdge(node, i);
                        if (graph.edgeActive(edge, asOf)) {
                            resources.add(edge(edge, direct));
                        }
                    }
                    List<Edge> remixes = new ArrayList<>();
                    for (int i = 0; i < graph.remixEdgeCount(node); i++) {
                        int edge = graph.remixEdge(node, i);
                        if (graph.edgeActive(edge, asOf)) {
                            remixes.add(edge(edge, direct));
                        }
                    }
                    resources.sort(EDGE_ORDER);
                    remixes.sort(EDGE_ORDER);
                    return Optional.of(
                            new RecordView(node(node, 0, asOf, direct), resources, remixes, asOf));
                });
    }

    /**
     * Ancestors or descendants of {@code id} up to {@code maxDepth} generations away, at most
     * {@code limit} records.
     */
    public Optional<Lineage> walk(
            UUID id, Direction direction, int maxDepth, int limit, long asOf) {
        return graph.read(
                () -> {
                    int start = graph.node(id, asOf);
                    if (start < 0) {
                        return Optional.empty();
                    }
                    IntIntMap depths = reach(start, direction, maxDepth, limit, asOf);
                    Ids ids = new Ids(depths);
                    List<Node> nodes = nodes(depths, asOf, ids);
                    return Optional.of(
                            new Lineage(
                                    id.toString(),
                                    asOf,
                                    nodes,
                                    edges(depths, direction, asOf, ids)));
                });
    }

    /**
     * Every path from {@code id} down its resources to {@code ancestorId}, at most {@code maxPaths}
     * of them ({@code truncated} says when there were more). Empty when the ancestor is not one.
     */
    public Optional<Paths> paths(UUID id, UUID ancestorId, int maxPaths, long asOf) {
        return graph.read(
                () -> {
                    int start = graph.node(id, asOf);
                    int target = graph.node(ancestorId, asOf);
                    if (start < 0 || target < 0) {
                        return Optional.empty();
                    }
                    // Only records that lie between the two can be on a path: ancestors of start
                    // that descend from target.
                    IntIntMap above =
                            reach(start, Direction.ANCESTORS, Integer.MAX_VALUE, MAX_LIMIT, asOf);
                    IntIntMap below =
                            reach(
                                    target,
                                    Direction.DESCENDANTS,
                                    Integer.MAX_VALUE,
                                    MAX_LIMIT,
                                    asOf);
                    List<List<String>> found = new ArrayList<>();
                    boolean[] truncated = {false};
                    if (above.containsKey(target) && (start != target)) {
                        collectPaths(start, target, above, below, found, maxPaths, truncated, asOf);
                    }
                    found.sort(
                            Comparator.comparing((List<String> p) -> p.size())
                                    .thenComparing(Object::toString));
                    return Optional.of(
                            new Paths(
                                    id.toString(),
                                    ancestorId.toString(),
                                    asOf,
                                    found,
                                    truncated[0]));
                });
    }

    /**
     * The original records (no resources) that {@code id} descends from; the record itself if it is
     * one.
     */
    public Optional<List<Node>> roots(UUID id, long asOf) {
        return graph.read(
                () -> {
                    int start = graph.node(id, asOf);
                    if (start < 0) {
                        return Optional.empty();
                    }
                    IntIntMap depths =
                            reach(start, Direction.ANCESTORS, Integer.MAX_VALUE, MAX_LIMIT, asOf);
                    List<Node> roots = new ArrayList<>();
                    for (int at : order(depths)) {
                        int n = depths.keyAt(at);
                        if (activeResourceCount(n, asOf) == 0) {
                            roots.add(node(n, depths.valueAt(at), asOf, direct));
                        }
                    }
                    return Optional.of(roots);
                });
    }

    /**
     * The family of {@code id}: every record connected to it through citations in either direction,
     * up to {@code maxDepth} steps away, at most {@code limit} records.
     */
    public Optional<Family> family(UUID id, int maxDepth, int limit, long asOf) {
        return graph.read(
                () -> {
                    int start = graph.node(id, asOf);
                    if (start < 0) {
                        return Optional.empty();
                    }
                    IntIntMap depths = new IntIntMap(64);
                    depths.putIfAbsent(start, 0);
                    // Breadth-first, the map's insertion order serving as the queue (see reach).
                    for (int next = 0; next < depths.size(); next++) {
                        int node = depths.keyAt(next);
                        int depth = depths.valueAt(next);
                        if (depth >= maxDepth) {
                            continue;
                        }
                        for (int i = 0; i < graph.resourceEdgeCount(node); i++) {
                            visit(
                                    graph.resourceEdge(node, i),
                                    graph.edgeResource(graph.resourceEdge(node, i)),
                                    depth,
                                    depths,
                                    limit,
                                    asOf);
                        }
                        for (int i = 0; i < graph.remixEdgeCount(node); i++) {
                            visit(
                                    graph.remixEdge(node, i),
                                    graph.edgeRemix(graph.remixEdge(node, i)),
                                    depth,
                                    depths,
                                    limit,
                                    asOf);
                        }
                    }
                    Ids ids = new Ids(depths);
                    // Every citation inside the family, each once: as seen from its remix.
                    List<Edge> edges = edges(depths, Direction.ANCESTORS, asOf, ids);
                    IntIntMap generations = generations(depths, asOf);
                    List<FamilyNode> nodes = new ArrayList<>(depths.size());
                    for (int at : order(depths)) {
                        int n = depths.keyAt(at);
                        nodes.add(
                                new FamilyNode(
                                        node(n, depths.valueAt(at), asOf, ids),
                                        generations.get(n, 0)));
                    }
                    return Optional.of(new Family(id.toString(), asOf, nodes, edges));
                });
    }

    private void visit(int edge, int other, int depth, IntIntMap depths, int limit, long asOf) {
        if (graph.edgeActive(edge, asOf) && depths.putIfAbsent(other, depth + 1)) {
            requireWithin(depths, limit);
        }
    }

    /**
     * Breadth-first walk in one direction; the value of each reached node is its shortest distance.
     * The map's insertion order is the queue: nodes are appended as they are reached and taken in
     * that order.
     */
    private IntIntMap reach(int start, Direction direction, int maxDepth, int limit, long asOf) {
        IntIntMap depths = new IntIntMap(64);
        depths.putIfAbsent(start, 0);
        for (int next = 0; next < depths.size(); next++) {
            int node = depths.keyAt(next);
            int depth = depths.valueAt(next);
            if (depth >= maxDepth) {
                continue;
            }
            int count =
                    direction == Direction.ANCESTORS
                            ? graph.resourceEdgeCount(node)
                            : graph.remixEdgeCount(node);
            for (int i = 0; i < count; i++) {
                int edge =
                        direction == Direction.ANCESTORS
                                ? graph.resourceEdge(node, i)
                                : graph.remixEdge(node, i);
                if (!graph.edgeActive(edge, asOf)) {
                    continue;
                }
                int other =
                        direction == Direction.ANCESTORS
                                ? graph.edgeResource(edge)
                                : graph.edgeRemix(edge);
                if (depths.putIfAbsent(other, depth + 1)) {
                    requireWithin(depths, limit);
                }
            }
        }
        return depths;
    }

    /**
     * Depth-first enumeration of the paths, iterative because lineage can be thousands of
     * generations deep: {@code path} holds the nodes of the current path and {@code next} how far
     * each node's resource list has been tried.
     */
    private void collectPaths(
            int start,
            int target,
            IntIntMap above,
            IntIntMap below,
            List<List<String>> found,
            int maxPaths,
            boolean[] truncated,
            long asOf) {
        int[] path = new int[16];
        int[] next = new int[16];
        int top = 0;
        path[0] = start;
        next[0] = 0;
        while (top >= 0 && !truncated[0]) {
            int node = path[top];
            if (node == target) {
                if (found.size() == maxPaths) {
                    truncated[0] = true;
                    return;
                }
                List<String> ids = new ArrayList<>(top + 1);
                for (int i = 0; i <= top; i++) {
                    ids.add(graph.id(path[i]).toString());
                }
                found.add(ids);
                top--;
                continue;
            }
            if (next[top] == graph.resourceEdgeCount(node)) {
                top--;
                continue;
            }
            int edge = graph.resourceEdge(node, next[top]++);
            int resource = graph.edgeResource(edge);
            if (graph.edgeActive(edge, asOf)
                    && above.containsKey(resource)
                    && below.containsKey(resource)) {
                if (++top == path.length) {
                    path = Arrays.copyOf(path, top * 2);
                    next = Arrays.copyOf(next, top * 2);
                }
                path[top] = resource;
                next[top] = 0;
            }
        }
    }

    /**
     * Generation of each family node: 0 without resources, else one more than its highest resource.
     */
    private IntIntMap generations(IntIntMap family, long asOf) {
        IntIntMap generations = new IntIntMap(family.size());
        for (int i = 0; i < family.size(); i++) {
            generation(family.keyAt(i), family, generations, asOf);
        }
        return generations;
    }

    private int generation(int start, IntIntMap family, IntIntMap generations, long asOf) {
        // Iterative post-order: lineage can be thousands of generations deep, too deep for
        // recursion.
        int[] stack = new int[16];
        int top = 0;
        stack[top++] = start;
        while (top > 0) {
            int node = stack[top - 1];
            if (generations.containsKey(node)) {
                top--;
                continue;
            }
            int highest = -1;
            boolean ready = true;
            for (int i = 0; i < graph.resourceEdgeCount(node); i++) {
                int edge = graph.resourceEdge(node, i);
                int resource = graph.edgeResource(edge);
                if (!graph.edgeActive(edge, asOf) || !family.containsKey(resource)) {
                    continue;
                }
                int known = generations.get(resource, -1);
                if (known < 0) {
                    if (top == stack.length) {
                        stack = Arrays.copyOf(stack, top * 2);
                    }
                    stack[top++] = resource;
                    ready = false;
                } else {
                    highest = Math.max(highest, known);
                }
            }
            if (ready) {
                generations.putIfAbsent(node, highest + 1);
                top--;
            }
        }
        return generations.get(start, 0);
    }

    private int activeResourceCount(int node, long asOf) {
        int active = 0;
        for (int i = 0; i < graph.resourceEdgeCount(node); i++) {
            if (graph.edgeActive(graph.resourceEdge(node, i), asOf)) {
                active++;
            }
        }
        return active;
    }

    private List<Node> nodes(IntIntMap depths, long asOf, Ids ids) {
        List<Node> nodes = new ArrayList<>(depths.size());
        for (int at : order(depths)) {
            nodes.add(node(depths.keyAt(at), depths.valueAt(at), asOf, ids));
        }
        return nodes;
    }

    /**
     * The places (in insertion order) of the reached nodes, sorted by depth, then id. Ids are
     * compared as unsigned 128-bit numbers, which is the order of their canonical strings, without
     * building a string per comparison.
     */
    private int[] order(IntIntMap depths) {
        SortKey[] keys = new SortKey[depths.size()];
        for (int i = 0; i < keys.length; i++) {
            UUID id = graph.id(depths.keyAt(i));
            keys[i] =
                    new SortKey(
                            i,
                            depths.valueAt(i),
                            id.getMostSignificantBits(),
                            id.getLeastSignificantBits());
        }
        Arrays.sort(keys);
        int[] order = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            order[i] = keys[i].position();
        }
        return order;
    }

    /** A node's place in an answer: by depth, then by id as an unsigned 128-bit number. */
    private record SortKey(int position, int depth, long high, long low)
            implements Comparable<SortKey> {
        @Override
        public int compareTo(SortKey other) {
            int byDepth = Integer.compare(depth, other.depth);
            return byDepth != 0 ? byDepth : compareIds(high, low, other.high, other.low);
        }
    }

    private Node node(int node, int depth, long asOf, Ids ids) {
        boolean takenDown = graph.takenDown(node, asOf);
        return new Node(
                ids.of(node),
                graph.title(node),
                graph.mediaType(node),
                graph.creatorId(node),
                depth,
                takenDown,
                graph.createdAt(node),
                takenDown ? graph.takenDownAt(node) : null);
    }

    /**
     * The active citations between reached nodes, followed in {@code direction} from each, as edges
     * by resource id then remix id, compared as numbers (see {@link #order}); each edge's ids are
     * fetched once, not at every comparison.
     */
    private List<Edge> edges(IntIntMap reached, Direction direction, long asOf, Ids ids) {
        List<EdgeKey> keys = new ArrayList<>();
        for (int i = 0; i < reached.size(); i++) {
            int node = reached.keyAt(i);
            int count =
                    direction == Direction.ANCESTORS
                            ? graph.resourceEdgeCount(node)
                            : graph.remixEdgeCount(node);
            for (int j = 0; j < count; j++) {
                int edge =
                        direction == Direction.ANCESTORS
                                ? graph.resourceEdge(node, j)
                                : graph.remixEdge(node, j);
                int other =
                        direction == Direction.ANCESTORS
                                ? graph.edgeResource(edge)
                                : graph.edgeRemix(edge);
                if (graph.edgeActive(edge, asOf) && reached.containsKey(other)) {
                    UUID resource = graph.id(graph.edgeResource(edge));
                    UUID remix = graph.id(graph.edgeRemix(edge));
                    keys.add(
                            new EdgeKey(
                                    edge,
                                    resource.getMostSignificantBits(),
                                    resource.getLeastSignificantBits(),
                                    remix.getMostSignificantBits(),
                                    remix.getLeastSignificantBits()));
                }
            }
        }
        keys.sort(null);
        List<Edge> edges = new ArrayList<>(keys.size());
        for (EdgeKey key : keys) {
            edges.add(edge(key.edge(), ids));
        }
        return edges;
    }

    /** An edge's place in an answer: by resource id, then remix id. */
    private record EdgeKey(
            int edge, long resourceHigh, long resourceLow, long remixHigh, long remixLow)
            implements Comparable<EdgeKey> {
        @Override
        public int compareTo(EdgeKey other) {
            int byResource =
                    compareIds(resourceHigh, resourceLow, other.resourceHigh, other.resourceLow);
            return byResource != 0
                    ? byResource
                    : compareIds(remixHigh, remixLow, other.remixHigh, other.remixLow);
        }
    }

    /**
     * Two ids given as their high and low bits, compared as unsigned 128-bit numbers: their text's
     * order.
     */
    private static int compareIds(long high, long low, long otherHigh, long otherLow) {
        int byHigh = Long.compareUnsigned(high, otherHigh);
        return byHigh != 0 ? byHigh : Long.compareUnsigned(low, otherLow);
    }

    private Edge edge(int edge, Ids ids) {
        return new Edge(
                ids.of(graph.edgeResource(edge)),
                ids.of(graph.edgeRemix(edge)),
                graph.edgeWeight(edge));
    }

    /**
     * The text of each reached node's id, made once per answer: its node and every edge touching it
     * name it.
     */
    private final class Ids {
        private final IntIntMap reached;
        private final String[] text;

        Ids(IntIntMap reached) {
            this.reached = reached;
            text = new String[reached.size()];
        }

        String of(int node) {
            int at = reached.indexOf(node);
            if (at < 0) {
                return graph.id(node).toString();
            }
            if (text[at] == null) {
                text[at] = graph.id(node).toString();
            }
            return text[at];
        }
    }

    private static void requireWithin(IntIntMap reached, int limit) {
        if (reached.size() > limit) {
            throw new LineageTooLarge(limit);
        }
    }

    private static final Comparator<Edge> EDGE_ORDER =
            Comparator.comparing(Edge::from).thenComparing(Edge::to);
}
