package org.collabledger.projections.lineage;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.collabledger.domain.record.MediaType;
import org.collabledger.projections.lineage.LineageFact.CitationAdded;
import org.collabledger.projections.lineage.LineageFact.CitationEnded;
import org.collabledger.projections.lineage.LineageFact.RecordAdded;
import org.collabledger.projections.lineage.LineageFact.TakenDown;

/**
 * The lineage DAG in memory, with the ledger position at which every fact became true, so one graph
 * answers "as of" any past position. Records and citations are numbered densely and kept in
 * primitive arrays: a million records fit in a few hundred megabytes and a walk touches no hash
 * map.
 *
 * <p>Writers are the projection's single thread; readers take the read lock for a whole query.
 */
public final class LineageGraph {

    /** Position meaning "never" (not taken down, citation not removed). */
    public static final long NEVER = Long.MAX_VALUE;

    private static final int[] NONE = new int[0];
    private static final MediaType[] MEDIA = MediaType.values();

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    private final Map<UUID, Integer> nodeIndex = new HashMap<>();
    private UUID[] ids = new UUID[1024];
    private String[] titles = new String[1024];
    private byte[] media = new byte[1024];
    private int[] creators = new int[1024];
    private long[] createdAt = new long[1024];
    private long[] takenDownAt = new long[1024];
    private long[] createdByHigh = new long[1024];
    private long[] createdByLow = new long[1024];
    private int[][] resourceEdges = new int[1024][];
    private int[] resourceCounts = new int[1024];
    private int[][] remixEdges = new int[1024][];
    private int[] remixCounts = new int[1024];
    private int nodes;

    private final Map<UUID, Integer> artistIndex = new HashMap<>();

    /** Each artist's id as text, made once: every answer and attribution names creators by it. */
    private String[] artistIds = new String[256];

    private int artistCount;

    private int[] edgeResource = new int[1024];
    private int[] edgeRemix = new int[1024];
    private int[] edgeWeight = new int[1024];
    private long[] edgeAddedAt = new long[1024];
    private long[] edgeRemovedAt = new long[1024];
    private long[] edgeEventHigh = new long[1024];
    private long[] edgeEventLow = new long[1024];
    private int edges;

    private long position;

    /** Runs {@code query} under the read lock, so it sees no half-applied batch. */
    public <T> T read(Supplier<T> query) {
        lock.readLock().lock();
        try {
            return query.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs {@code change} under the write lock. */
    public void write(Runnable change) {
        lock.writeLock().lock();
        try {
            change.run();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The last ledger position applied to this graph. */
    public long position() {
        return position;
    }

    /** Marks every event up to {@code newPosition} as applied. */
    public void advanceTo(long newPosition) {
        position = Math.max(position, newPosition);
    }

    /** Forgets everything, for a rebuild from the first event. */
    public void clear() {
        nodeIndex.clear();
        artistIndex.clear();
        Arrays.fill(ids, 0, nodes, null);
        Arrays.fill(titles, 0, nodes, null);
        Arrays.fill(resourceEdges, 0, nodes, null);
        Arrays.fill(remixEdges, 0, nodes, null);
        Arrays.fill(artistIds, 0, artistCount, null);
        nodes = 0;
        artistCount = 0;
        edges = 0;
        position = 0;
    }

    /** Applies {@code fact}; the caller holds the write lock. */
    public void apply(LineageFact fact) {
        if (fact instanceof RecordAdded record) {
            addRecord(record);
        } else if (fact instanceof CitationAdded citation) {
            addCitation(citation);
        } else if (fact instanceof CitationEnded ended) {
            endCitation(ended);
        } else {
            takeDown((TakenDown) fact);
        }
    }

    /** Adds a record; refuses a second record with the same id. */
    private void addRecord(RecordAdded record) {
        UUID id = record.record();
        if (nodeIndex.containsKey(id)) {
            throw new IllegalStateException("lineage already has record " + id);
        }
        if (nodes == ids.length) {
            int capacity = nodes * 2;
            ids = Arrays.copyOf(ids, capacity);
            titles = Arrays.copyOf(titles, capacity);
            media = Arrays.copyOf(media, capacity);
            creators = Arrays.copyOf(creators, capacity);
            createdAt = Arrays.copyOf(createdAt, capacity);
            takenDownAt = Arrays.copyOf(takenDownAt, capacity);
            createdByHigh = Arrays.copyOf(createdByHigh, capacity);
            createdByLow = Arrays.copyOf(createdByLow, capacity);
            resourceEdges = Arrays.copyOf(resourceEdges, capacity);
            resourceCounts = Arrays.copyOf(resourceCounts, capacity);
            remixEdges = Arrays.copyOf(remixEdges, capacity);
            remixCounts = Arrays.copyOf(remixCounts, capacity);
        }
        int node = nodes++;
        ids[node] = id;
        titles[node] = record.title();
        media[node] = (byte) record.mediaType().ordinal();
        creators[node] = artist(record.creator());
        createdAt[node] = record.at();
        takenDownAt[node] = NEVER;
        createdByHigh[node] = record.eventId().getMostSignificantBits();
        createdByLow[node] = record.eventId().getLeastSignificantBits();
        resourceEdges[node] = NONE;
        resourceCounts[node] = 0;
        remixEdges[node] = NONE;
        remixCounts[node] = 0;
        nodeIndex.put(id, node);
    }

    private void addCitation(CitationAdded citation) {
        int from = require(citation.resource());
        int to = require(citation.record());
        if (edges == edgeResource.length) {
            int capacity = edges * 2;
            edgeResource = Arrays.copyOf(edgeResource, capacity);
            edgeRemix = Arrays.copyOf(edgeRemix, capacity);
            edgeWeight = Arrays.copyOf(edgeWeight, capacity);
            edgeAddedAt = Arrays.copyOf(edgeAddedAt, capacity);
            edgeRemovedAt = Arrays.copyOf(edgeRemovedAt, capacity);
            edgeEventHigh = Arrays.copyOf(edgeEventHigh, capacity);
            edgeEventLow = Arrays.copyOf(edgeEventLow, capacity);
        }
        int edge = edges++;
        edgeResource[edge] = from;
        edgeRemix[edge] = to;
        edgeWeight[edge] = citation.weight();
        edgeAddedAt[edge] = citation.at();
        edgeRemovedAt[edge] = NEVER;
        edgeEventHigh[edge] = citation.eventId().getMostSignificantBits();
        edgeEventLow[edge] = citation.eventId().getLeastSignificantBits();
        resourceEdges[to] = append(resourceEdges[to], resourceCounts[to]++, edge);
        remixEdges[from] = append(remixEdges[from], remixCounts[from]++, edge);
    }

    /** Ends the oldest current citation of the pair. */
    private void endCitation(CitationEnded ended) {
        int to = require(ended.record());
        int from = require(ended.resource());
        for (int i = 0; i < resourceCounts[to]; i++) {
            int edge = resourceEdges[to][i];
            if (edgeResource[edge] == from && edgeRemovedAt[edge] == NEVER) {
                edgeRemovedAt[edge] = ended.at();
                return;
            }
        }
        throw new IllegalStateException(
                "lineage has no current citation of " + ended.resource() + " by " + ended.record());
    }

    private void takeDown(TakenDown takenDown) {
        int node = require(takenDown.record());
        if (takenDownAt[node] != NEVER) {
            throw new IllegalStateException(
                    "record " + takenDown.record() + " is already taken down in the lineage");
        }
        takenDownAt[node] = takenDown.at();
    }

    /**
     * The citation of {@code resource} by {@code remix} added at position {@code addedAt}, else -1.
     */
    public int citation(UUID remix, UUID resource, long addedAt) {
        Integer to = nodeIndex.get(remix);
        Integer from = nodeIndex.get(resource);
        if (to == null || from == null) {
            return -1;
        }
        for (int i = 0; i < resourceCounts[to]; i++) {
            int edge = resourceEdges[to][i];
            if (edgeResource[edge] == from && edgeAddedAt[edge] == addedAt) {
                return edge;
            }
        }
        return -1;
    }

    /** The node number of {@code id} if it existed at {@code asOf}, else -1. */
    public int node(UUID id, long asOf) {
        Integer node = nodeIndex.get(id);
        return node == null || createdAt[node] > asOf ? -1 : node;
    }

    /** How many records the graph holds, at any position. */
    public int nodeCount() {
        return nodes;
    }

    /** How many citations the graph holds, current or not. */
    public int edgeCount() {
        return edges;
    }

    public UUID id(int node) {
        return ids[node];
    }

    public String title(int node) {
        return titles[node];
    }

    public MediaType mediaType(int node) {
        return MEDIA[media[node]];
    }

    /** The creator's id as text, made once per artist. */
    public String creatorId(int node) {
        return artistIds[creators[node]];
    }

    public long createdAt(int node) {
        return createdAt[node];
    }

    /** The position the record was taken down at, or {@link #NEVER}. */
    public long takenDownAt(int node) {
        return takenDownAt[node];
    }

    /** The id of the event that uploaded the record. */
    public UUID createdBy(int node) {
        return new UUID(createdByHigh[node], createdByLow[node]);
    }

    public boolean takenDown(int node, long asOf) {
        return takenDownAt[node] <= asOf;
    }

    /** How many citations, current or not, have {@code node} as the remix. */
    public int resourceEdgeCount(int node) {
        return resourceCounts[node];
    }

    /** The {@code i}-th citation in which {@code node} is the remix (one of its resources). */
    public int resourceEdge(int node, int i) {
        return resourceEdges[node][i];
    }

    /** How many citations, current or not, have {@code node} as the resource. */
    public int remixEdgeCount(int node) {
        return remixCounts[node];
    }

    /** The {@code i}-th citation in which {@code node} is the resource (one of its remixes). */
    public int remixEdge(int node, int i) {
        return remixEdges[node][i];
    }

    public boolean edgeActive(int edge, long asOf) {
        return edgeAddedAt[edge] <= asOf && edgeRemovedAt[edge] > asOf;
    }

    public int edgeResource(int edge) {
        return edgeResource[edge];
    }

    public int edgeRemix(int edge) {
        return edgeRemix[edge];
    }

    public int edgeWeight(int edge) {
        return edgeWeight[edge];
    }

    public long edgeAddedAt(int edge) {
        return edgeAddedAt[edge];
    }

    /** The position the citation was removed at, or {@link #NEVER}. */
    public long edgeRemovedAt(int edge) {
        return edgeRemovedAt[edge];
    }

    /** The id of the event that established the citation (an upload or a curator's correction). */
    public UUID edgeEvent(int edge) {
        return new UUID(edgeEventHigh[edge], edgeEventLow[edge]);
    }

    private int require(UUID id) {
        Integer node = nodeIndex.get(id);
        if (node == null) {
            throw new IllegalStateException("lineage meets unknown record " + id);
        }
        return node;
    }

    private int artist(UUID id) {
        Integer known = artistIndex.get(id);
        if (known != null) {
            return known;
        }
        if (artistCount == artistIds.length) {
            artistIds = Arrays.copyOf(artistIds, artistCount * 2);
        }
        artistIds[artistCount] = id.toString();
        artistIndex.put(id, artistCount);
        return artistCount++;
    }

    /**
     * Stores {@code value} at {@code index}, doubling the array when full (popular resources have
     * many remixes).
     */
    private static int[] append(int[] list, int index, int value) {
        int[] target =
                index < list.length ? list : Arrays.copyOf(list, Math.max(2, list.length * 2));
        target[index] = value;
        return target;
    }
}
