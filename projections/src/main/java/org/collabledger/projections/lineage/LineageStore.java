package org.collabledger.projections.lineage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.collabledger.domain.record.MediaType;
import org.collabledger.projections.lineage.LineageFact.CitationAdded;
import org.collabledger.projections.lineage.LineageFact.CitationEnded;
import org.collabledger.projections.lineage.LineageFact.RecordAdded;
import org.collabledger.projections.lineage.LineageFact.TakenDown;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The lineage read model's tables, {@code lineage_record} and {@code lineage_citation}: written in
 * the same transaction as the projection's token, and read back into a {@link LineageGraph} at
 * start so a restart does not replay the whole event stream.
 */
public class LineageStore {

    private static final int CHUNK = 10_000;
    private static final List<String> RECORD_COLUMNS =
            List.of(
                    "record_id",
                    "creator_id",
                    "title",
                    "media_type",
                    "recorded_at",
                    "taken_down_at",
                    "event_id");
    private static final List<String> CITATION_COLUMNS =
            List.of("record_id", "resource_id", "weight", "added_at", "removed_at", "event_id");

    private final JdbcTemplate jdbc;
    private final BulkWrite bulk;

    /** How a rebuild writes whole tables: the database's fastest way, where it has one. */
    public interface BulkWrite {
        /**
         * Whether index changes roll back with the transaction (PostgreSQL); only then may a
         * rebuild drop the indexes and build them at the end.
         */
        boolean transactionalDdl();

        /**
         * Drops the indexes of {@code tables} and returns the statements that build them again,
         * where index changes roll back with the transaction; elsewhere drops nothing and returns
         * none.
         */
        List<String> dropIndexes(List<String> tables);

        /**
         * Appends {@code rows} (values in {@code columns} order, nulls allowed) to {@code table}.
         */
        void insert(String table, List<String> columns, List<Object[]> rows);
    }

    /** Batched inserts, for databases with neither a bulk path nor transactional DDL (H2). */
    public static BulkWrite batchedInserts(JdbcTemplate jdbc) {
        return new BulkWrite() {
            @Override
            public boolean transactionalDdl() {
                return false;
            }

            @Override
            public List<String> dropIndexes(List<String> tables) {
                return List.of();
            }

            @Override
            public void insert(String table, List<String> columns, List<Object[]> rows) {
                jdbc.batchUpdate(
                        "insert into "
                                + table
                                + " ("
                                + String.join(", ", columns)
                                + ") values ("
                                + String.join(
                                        ", ", java.util.Collections.nCopies(columns.size(), "?"))
                                + ")",
                        rows);
            }
        };
    }

    public LineageStore(JdbcTemplate jdbc, BulkWrite bulk) {
        this.jdbc = jdbc;
        this.bulk = bulk;
    }

    /**
     * Writes {@code facts} in their order: additions in batches, each ending once the rows before
     * it are written, so it finds the row it ends.
     */
    public void write(List<LineageFact> facts) {
        List<RecordAdded> records = new ArrayList<>();
        List<CitationAdded> citations = new ArrayList<>();
        for (LineageFact fact : facts) {
            if (fact instanceof RecordAdded record) {
                records.add(record);
            } else if (fact instanceof CitationAdded citation) {
                citations.add(citation);
            } else {
                insert(records, citations);
                end(fact);
            }
        }
        insert(records, citations);
    }

    /** Inserts and forgets {@code records}, then {@code citations}, which may cite them. */
    private void insert(List<RecordAdded> records, List<CitationAdded> citations) {
        jdbc.batchUpdate(
                "insert into lineage_record (record_id, creator_id, title, media_type, recorded_at, "
                        + "event_id) values (?, ?, ?, ?, ?, ?)",
                records,
                500,
                (ps, row) -> {
                    ps.setString(1, row.record().toString());
                    ps.setString(2, row.creator().toString());
                    ps.setString(3, row.title());
                    ps.setString(4, row.mediaType().name());
                    ps.setLong(5, row.at());
                    ps.setString(6, row.eventId().toString());
                });
        jdbc.batchUpdate(
                "insert into lineage_citation (record_id, resource_id, weight, added_at, event_id) "
                        + "values (?, ?, ?, ?, ?)",
                citations,
                500,
                (ps, row) -> {
                    ps.setString(1, row.record().toString());
                    ps.setString(2, row.resource().toString());
                    ps.setInt(3, row.weight());
                    ps.setLong(4, row.at());
                    ps.setString(5, row.eventId().toString());
                });
        records.clear();
        citations.clear();
    }

    /** Ends the current row {@code fact} names; fails when there is none. */
    private void end(LineageFact fact) {
        int ended =
                fact instanceof CitationEnded citation
                        ? jdbc.update(
                                "update lineage_citation set removed_at = ? where record_id = ? and resource_id = ? "
                                        + "and removed_at is null",
                                fact.at(),
                                citation.record().toString(),
                                citation.resource().toString())
                        : jdbc.update(
                                "update lineage_record set taken_down_at = ? where record_id = ? "
                                        + "and taken_down_at is null",
                                fact.at(),
                                ((TakenDown) fact).record().toString());
        if (ended != 1) {
            throw new IllegalStateException(
                    "the lineage tables hold nothing current that " + fact + " ends");
        }
    }

    /**
     * Records that the tables hold every fact up to {@code position}. It never goes back: a node
     * following the tables reads a lower one as "rebuilt from scratch".
     */
    public void savePosition(long position) {
        if (jdbc.update(
                        "update lineage_position set position = greatest(position, ?) where id = 1",
                        position)
                == 0) {
            jdbc.update("insert into lineage_position (id, position) values (1, ?)", position);
        }
    }

    /**
     * Writes the whole graph, history included, into the (empty) tables, in batches of {@value
     * #CHUNK} rows so a million records never sit in memory twice.
     */
    public void insertAll(LineageGraph graph) {
        // Building an index once over sorted keys costs far less than a million random b-tree
        // inserts.
        List<String> indexes = bulk.dropIndexes(List.of("lineage_record", "lineage_citation"));
        insertRows(graph);
        if (!indexes.isEmpty()) {
            // Enough sort memory to build each index in one pass (PostgreSQL's default is 64 MB).
            jdbc.execute("set local maintenance_work_mem = '256MB'");
            indexes.forEach(jdbc::execute);
        }
    }

    private void insertRows(LineageGraph graph) {
        List<Object[]> rows = new ArrayList<>(CHUNK);
        for (int node = 0; node < graph.nodeCount(); node++) {
            long takenDownAt = graph.takenDownAt(node);
            rows.add(
                    new Object[] {
                        graph.id(node).toString(),
                        graph.creatorId(node),
                        graph.title(node),
                        graph.mediaType(node).name(),
                        graph.createdAt(node),
                        takenDownAt == LineageGraph.NEVER ? null : takenDownAt,
                        graph.createdBy(node).toString()
                    });
            flushIfFull(rows, "lineage_record", RECORD_COLUMNS, node + 1 == graph.nodeCount());
        }
        for (int edge = 0; edge < graph.edgeCount(); edge++) {
            long removedAt = graph.edgeRemovedAt(edge);
            rows.add(
                    new Object[] {
                        graph.id(graph.edgeRemix(edge)).toString(),
                        graph.id(graph.edgeResource(edge)).toString(),
                        graph.edgeWeight(edge),
                        graph.edgeAddedAt(edge),
                        removedAt == LineageGraph.NEVER ? null : removedAt,
                        graph.edgeEvent(edge).toString()
                    });
            flushIfFull(rows, "lineage_citation", CITATION_COLUMNS, edge + 1 == graph.edgeCount());
        }
    }

    private void flushIfFull(
            List<Object[]> rows, String table, List<String> columns, boolean last) {
        if (rows.size() == CHUNK || (last && !rows.isEmpty())) {
            bulk.insert(table, columns, rows);
            rows.clear();
        }
    }

    /** Empties the tables, for a rebuild from the first event. */
    public void clear() {
        if (bulk.transactionalDdl()) {
            // Deleting a million rows one by one took seconds of a rebuild; TRUNCATE rolls back
            // here too.
            jdbc.execute("truncate lineage_citation, lineage_record, lineage_position");
            return;
        }
        jdbc.update("delete from lineage_citation");
        jdbc.update("delete from lineage_record");
        jdbc.update("delete from lineage_position");
    }

    /**
     * Brings {@code graph} up to the tables when another node's processor wrote them: applies the
     * facts between the graph's position and the stored one, in the order {@link #load} applies
     * them, or reloads everything when the tables went back (a rebuild elsewhere). Every fact lies
     * at its event's position, and no event appears below a position already read, so the facts up
     * to the stored position are all there. Atomic for readers.
     */
    public void catchUp(LineageGraph graph) {
        graph.write(
                () -> {
                    long stored = saved();
                    long from = graph.position();
                    if (stored < from) {
                        load(graph);
                    } else if (stored > from) {
                        apply(graph, from, stored);
                        graph.advanceTo(stored);
                    }
                });
    }

    /**
     * Applies the facts that became true after {@code after} up to {@code upTo}: records, then
     * citations added, then citations ended (each ends the oldest current one of its pair), then
     * takedowns, each in position order. Nodes are numbered in upload order as the processor
     * numbers them.
     */
    private void apply(LineageGraph graph, long after, long upTo) {
        jdbc.query(
                "select record_id, creator_id, title, media_type, recorded_at, event_id from lineage_record "
                        + "where recorded_at > ? and recorded_at <= ? order by recorded_at",
                rs -> {
                    graph.apply(
                            new RecordAdded(
                                    uuid(rs, 1),
                                    uuid(rs, 2),
                                    rs.getString(3),
                                    MediaType.valueOf(rs.getString(4)),
                                    rs.getLong(5),
                                    uuid(rs, 6)));
                },
                after,
                upTo);
        jdbc.query(
                "select record_id, resource_id, weight, added_at, event_id from lineage_citation "
                        + "where added_at > ? and added_at <= ? order by added_at, record_id, resource_id",
                rs -> {
                    graph.apply(
                            new CitationAdded(
                                    uuid(rs, 1),
                                    uuid(rs, 2),
                                    rs.getInt(3),
                                    rs.getLong(4),
                                    uuid(rs, 5)));
                },
                after,
                upTo);
        jdbc.query(
                "select record_id, resource_id, removed_at from lineage_citation "
                        + "where removed_at > ? and removed_at <= ? order by removed_at, added_at",
                rs -> {
                    graph.apply(new CitationEnded(uuid(rs, 1), uuid(rs, 2), rs.getLong(3)));
                },
                after,
                upTo);
        jdbc.query(
                "select record_id, taken_down_at from lineage_record "
                        + "where taken_down_at > ? and taken_down_at <= ? order by taken_down_at",
                rs -> {
                    graph.apply(new TakenDown(uuid(rs, 1), rs.getLong(2)));
                },
                after,
                upTo);
    }

    private static UUID uuid(ResultSet rs, int column) throws SQLException {
        return UUID.fromString(rs.getString(column));
    }

    /** The position up to which the tables hold every fact, 0 before any. */
    private long saved() {
        List<Long> saved =
                jdbc.queryForList("select position from lineage_position where id = 1", Long.class);
        return saved.isEmpty() ? 0 : saved.get(0);
    }

    /**
     * Fills {@code graph} from the tables, in the order the facts happened, up to the stored
     * position read first: facts a batch commits meanwhile above it come with the next catch-up.
     */
    public void load(LineageGraph graph) {
        graph.write(
                () -> {
                    graph.clear();
                    long stored = saved();
                    apply(graph, Long.MIN_VALUE, stored);
                    graph.advanceTo(stored);
                });
    }
}
