package org.collabledger.projections.lineage;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.collabledger.domain.record.MediaType;
import org.collabledger.projections.lineage.LineageFact.CitationAdded;
import org.collabledger.projections.lineage.LineageFact.CitationEnded;
import org.collabledger.projections.lineage.LineageFact.RecordAdded;
import org.collabledger.projections.lineage.LineageFact.TakenDown;
import org.collabledger.projections.lineage.LineageQueries.Edge;
import org.collabledger.projections.lineage.LineageQueries.Node;

/**
 * Builds a lineage graph from named records at explicit ledger positions, so tests speak in names,
 * not UUIDs.
 */
final class LineageFixture {

    /** One resource a remix cites, with its weight. */
    record Cite(String resource, int weight) {}

    final LineageGraph graph = new LineageGraph();
    final LineageQueries queries = new LineageQueries(graph);

    private final Map<String, UUID> ids = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, UUID> artists = new HashMap<>();
    private long nextId = 1;

    static Cite cites(String resource, int weight) {
        return new Cite(resource, weight);
    }

    static Cite cites(String resource) {
        return new Cite(resource, 1);
    }

    /** Gives the names ascending ids in the order listed, whatever order they are uploaded in. */
    LineageFixture idsInOrder(String... recordNames) {
        for (String name : recordNames) {
            id(name);
        }
        return this;
    }

    LineageFixture upload(String name, String creator, long at) {
        UUID id = id(name);
        graph.write(
                () ->
                        graph.apply(
                                new RecordAdded(
                                        id,
                                        artist(creator),
                                        "title of " + name,
                                        MediaType.AUDIO,
                                        at,
                                        event(at))));
        return this;
    }

    LineageFixture remix(String name, String creator, long at, Cite... resources) {
        UUID id = id(name);
        graph.write(
                () -> {
                    graph.apply(
                            new RecordAdded(
                                    id,
                                    artist(creator),
                                    "title of " + name,
                                    MediaType.IMAGE,
                                    at,
                                    event(at)));
                    for (Cite cite : resources) {
                        graph.apply(
                                new CitationAdded(
                                        id, id(cite.resource()), cite.weight(), at, event(at)));
                    }
                });
        return this;
    }

    LineageFixture takeDown(String name, long at) {
        graph.write(() -> graph.apply(new TakenDown(id(name), at)));
        return this;
    }

    LineageFixture removeCitation(String remix, String resource, long at) {
        graph.write(() -> graph.apply(new CitationEnded(id(remix), id(resource), at)));
        return this;
    }

    LineageFixture addCitation(String remix, String resource, int weight, long at) {
        graph.write(
                () ->
                        graph.apply(
                                new CitationAdded(id(remix), id(resource), weight, at, event(at))));
        return this;
    }

    UUID id(String name) {
        return ids.computeIfAbsent(
                name,
                n -> {
                    UUID id = new UUID(0, nextId++);
                    names.put(id.toString(), n);
                    return id;
                });
    }

    UUID artist(String name) {
        return artists.computeIfAbsent(name, n -> new UUID(1, artists.size() + 1));
    }

    String name(String recordId) {
        String name = names.get(recordId);
        if (name == null) {
            throw new AssertionError("the answer names a record the test never made: " + recordId);
        }
        return name;
    }

    String name(Node node) {
        return name(node.recordId());
    }

    Edge edge(String resource, String remix, int weight) {
        return new Edge(id(resource).toString(), id(remix).toString(), weight);
    }

    List<String> names(List<String> recordIds) {
        return recordIds.stream().map(this::name).toList();
    }

    /**
     * A stand-in id for the event at position {@code at}: unique per position, as real event ids
     * are.
     */
    static java.util.UUID event(long at) {
        return new java.util.UUID(0xE7E7L, at);
    }
}
