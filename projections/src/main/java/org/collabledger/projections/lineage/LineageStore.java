package org.collabledger.projections.lineage;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.collabledger.domain.record.MediaType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The lineage read model's tables, {@code lineage_record} and {@code lineage_citation}: written in the
 * same transaction as the projection's token, and read back into a {@link LineageGraph} at start so a
 * restart does not replay the whole event stream.
 */
public class LineageStore {

    private static final int CHUNK = 10_000;
    private static final List<String> RECORD_COLUMNS = List.of("record_id", "creator_id", "title", "media_type",
            "recorded_at", "taken_down_at", "event_id");
    private static final List<String> CITATION_COLUMNS = List.of("record_id", "resource_id", "weight", "added_at",
            "removed_at", "event_id");

    private static final Logger log = LoggerFactory.getLogger(LineageStore.class);

    private final JdbcTemplate jdbc;
    private final BulkWrite bulk;

    /** How a rebuild writes whole tables: the database's fastest way, where it has one. */
    public interface BulkWrite {
        /**
         * Whether index changes roll back with the transaction (PostgreSQL); only then may a rebuild drop
         * the indexes and build them at the end.
         */
        boolean transactionalDdl();

        /**
         * Drops the indexes of {@code tables} and returns the statements that build them again, where index
         * changes roll back with the transaction; elsewhere drops nothing and returns none.
         */
        List<String> dropIndexes(List<String> tables);

        /** Appends {@code rows} (values in {@code columns} order, nulls allowed) to {@code table}. */
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
                jdbc.batchUpdate("insert into " + table + " (" + String.join(", ", columns) + ") values ("
                        + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")", rows);
            }
        };
    }

    public LineageStore(JdbcTemplate jdbc, BulkWrite bulk) {
        this.jdbc = jdbc;
        this.bulk = bulk;
    }

    /** A row of {@code lineage_record}. */
    public record RecordRow(UUID recordId, UUID creatorId, String title, MediaType mediaType, long recordedAt,
                            UUID eventId) {
    }

    /** A row of {@code lineage_citation}. */
    public record CitationRow(UUID recordId, UUID resourceId, int weight, long addedAt, UUID eventId) {
    }

    public void insertRecords(List<RecordRow> rows) {
        jdbc.batchUpdate("insert into lineage_record (record_id, creator_id, title, media_type, recorded_at, "
                        + "event_id) values (?, ?, ?, ?, ?, ?)", rows, 500, (ps, row) -> {
                    ps.setString(1, row.recordId().toString());
                    ps.setString(2, row.creatorId().toString());
                    ps.setString(3, row.title());
                    ps.setString(4, row.mediaType().name());
                    ps.setLong(5, row.recordedAt());
                    ps.setString(6, row.eventId().toString());
                });
    }

    public void insertCitations(List<CitationRow> rows) {
        jdbc.batchUpdate("insert into lineage_citation (record_id, resource_id, weight, added_at, event_id) "
                        + "values (?, ?, ?, ?, ?)",
                rows, 500, (ps, row) -> {
                    ps.setString(1, row.recordId().toString());
                    ps.setString(2, row.resourceId().toString());
                    ps.setInt(3, row.weight());
                    ps.setLong(4, row.addedAt());
                    ps.setString(5, row.eventId().toString());
                });
    }

    public void removeCitation(UUID recordId, UUID resourceId, long at) {
        int rows = jdbc.update("update lineage_citation set removed_at = ? where record_id = ? and resource_id = ? "
                + "and removed_at is null", at, recordId.toString(), resourceId.toString());
        if (rows != 1) {
            throw new IllegalStateException("lineage has no current citation of " + resourceId + " by " + recordId);
        }
    }

    public void takeDown(UUID recordId, long at) {
        int rows = jdbc.update("update lineage_record set taken_down_at = ? where record_id = ? "
                + "and taken_down_at is null", at, recordId.toString());
        if (rows != 1) {
            throw new IllegalStateException("lineage cannot take down record " + recordId);
        }
    }

    /**
     * Records that the tables hold every fact up to {@code position}, and logs {@code late}, the positions of
     * the facts just written at or below the position saved before (on the JDBC engine a transaction can
     * commit below positions already handled: a gap filled late), which a node following the tables would
     * otherwise never read ({@link #catchUp}). The position never goes back: such nodes read a lower one as
     * "rebuilt from scratch". Returns how many late positions the log holds now.
     */
    public long savePosition(long position, List<Long> late) {
        if (jdbc.update("update lineage_position set position = greatest(position, ?), late = late + ? where id = 1",
                position, late.size()) == 0) {
            jdbc.update("insert into lineage_position (id, position, late) values (1, ?, ?)", position, late.size());
        }
        // The row stays locked by the update until this transaction ends, so the numbers are this batch's.
        long logged = saved().late();
        if (!late.isEmpty()) {
            long seq = logged - late.size();
            List<Object[]> rows = new ArrayList<>(late.size());
            for (long at : late) {
                rows.add(new Object[] {++seq, at});
            }
            jdbc.batchUpdate("insert into lineage_late (seq, position) values (?, ?)", rows);
        }
        return logged;
    }

    /**
     * Writes the whole graph, history included, into the (empty) tables, in batches of {@value #CHUNK}
     * rows so a million records never sit in memory twice.
     */
    public void insertAll(LineageGraph graph) {
        // Building an index once over sorted keys costs far less than a million random b-tree inserts.
        List<String> indexes = bulk.dropIndexes(List.of("lineage_record", "lineage_citation"));
        insertRows(graph);
        if (!indexes.isEmpty()) {
            // Enough sort memory to build each index in one pass (PostgreSQL's default is 64 MB).
            jdbc.execute("set local maintenance_work_mem = '256MB'");
            indexes.forEach(jdbc::execute);
        }
    }

    private void insertRows(LineageGraph graph) {
        List<Object[]> rows = new java.util.ArrayList<>(CHUNK);
        for (int node = 0; node < graph.nodeCount(); node++) {
            long takenDownAt = graph.takenDownAt(node);
            rows.add(new Object[] {graph.id(node).toString(), graph.creatorId(node), graph.title(node),
                    graph.mediaType(node).name(), graph.createdAt(node),
                    takenDownAt == LineageGraph.NEVER ? null : takenDownAt, graph.createdBy(node).toString()});
            flushIfFull(rows, "lineage_record", RECORD_COLUMNS, node + 1 == graph.nodeCount());
        }
        for (int edge = 0; edge < graph.edgeCount(); edge++) {
            long removedAt = graph.edgeRemovedAt(edge);
            rows.add(new Object[] {graph.id(graph.edgeRemix(edge)).toString(),
                    graph.id(graph.edgeResource(edge)).toString(), graph.edgeWeight(edge), graph.edgeAddedAt(edge),
                    removedAt == LineageGraph.NEVER ? null : removedAt, graph.edgeEvent(edge).toString()});
            flushIfFull(rows, "lineage_citation", CITATION_COLUMNS, edge + 1 == graph.edgeCount());
        }
    }

    private void flushIfFull(List<Object[]> rows, String table, List<String> columns, boolean last) {
        if (rows.size() == CHUNK || (last && !rows.isEmpty())) {
            bulk.insert(table, columns, rows);
            rows.clear();
        }
    }

    /** Empties the tables, for a rebuild from the first event. */
    public void clear() {
        if (bulk.transactionalDdl()) {
            // Deleting a million rows one by one took seconds of a rebuild; TRUNCATE rolls back here too.
            jdbc.execute("truncate lineage_citation, lineage_record, lineage_position, lineage_late");
            return;
        }
        jdbc.update("delete from lineage_citation");
        jdbc.update("delete from lineage_record");
        jdbc.update("delete from lineage_position");
        jdbc.update("delete from lineage_late");
    }

    /**
     * Brings {@code graph} up to the tables when another node's processor wrote them: applies the late commits
     * logged since (below memory's position, where a range never reads; facts above may depend on them), then
     * the facts between the graph's position and the stored one, in the order {@link #load} applies them; or
     * reloads everything when the tables went back (a rebuild elsewhere) or when a fact cannot be applied.
     * The stored position is read first, so a batch committing meanwhile adds nothing that a later catch-up
     * applies again but a late commit, which is applied only where memory lacks it. Atomic for readers.
     */
    public void catchUp(LineageGraph graph) {
        graph.write(() -> {
            Saved saved = saved();
            long from = graph.position();
            if (saved.position() < from || saved.late() < graph.lateApplied()) {
                load(graph);
            } else if (saved.position() > from || saved.late() > graph.lateApplied()) {
                try {
                    apply(graph, Facts.late(graph.lateApplied(), saved.late(), from));
                    apply(graph, Facts.between(from, saved.position()));
                    graph.advanceTo(saved.position());
                    graph.lateAppliedUpTo(saved.late());
                } catch (IllegalStateException cannotApply) {
                    // A fact needs one this catch-up did not read; the graph is half-applied now, so it is
                    // read again whole.
                    log.warn("lineage catch-up from {} to {} met a fact it cannot apply ({}); reloading the graph",
                            from, saved.position(), cannotApply.getMessage());
                    load(graph);
                }
            }
        });
    }

    /**
     * Which facts an {@link #apply} reads: a condition on a fact's position column ({@code %1$s}) with its
     * arguments, and whether facts memory already holds are passed over.
     */
    private record Facts(String condition, Object[] args, boolean skipHeld) {

        /** The facts that became true after {@code after} up to {@code upTo}; memory holds none of them. */
        static Facts between(long after, long upTo) {
            return new Facts("%1$s > ? and %1$s <= ?", new Object[] {after, upTo}, false);
        }

        /**
         * The facts at the late positions logged after the first {@code afterSeq} up to {@code upToSeq} that
         * lie at or below {@code below} (those above come with the range). Memory may hold some: a range read
         * may already have applied a late commit that was logged after the stored position was read.
         */
        static Facts late(long afterSeq, long upToSeq, long below) {
            return new Facts("%1$s in (select position from lineage_late where seq > ? and seq <= ? "
                    + "and position <= ?)", new Object[] {afterSeq, upToSeq, below}, true);
        }

        /** The condition on {@code column}. */
        String on(String column) {
            return condition.formatted(column);
        }
    }

    /**
     * Applies {@code facts}: records, then citations added, then citations ended (each ends the oldest current
     * one of its pair), then takedowns, each in position order. Nodes are numbered in upload order as the
     * processor numbers them.
     */
    private void apply(LineageGraph graph, Facts facts) {
        boolean all = !facts.skipHeld();
        jdbc.query("select record_id, creator_id, title, media_type, recorded_at, event_id from lineage_record "
                + "where " + facts.on("recorded_at") + " order by recorded_at", rs -> {
                    UUID record = UUID.fromString(rs.getString(1));
                    if (all || graph.node(record, Long.MAX_VALUE) < 0) {
                        graph.addRecord(record, UUID.fromString(rs.getString(2)), rs.getString(3),
                                MediaType.valueOf(rs.getString(4)), rs.getLong(5), UUID.fromString(rs.getString(6)));
                    }
                }, facts.args());
        jdbc.query("select record_id, resource_id, weight, added_at, event_id from lineage_citation "
                + "where " + facts.on("added_at") + " order by added_at, record_id, resource_id", rs -> {
                    UUID remix = UUID.fromString(rs.getString(1));
                    UUID resource = UUID.fromString(rs.getString(2));
                    if (all || graph.citation(remix, resource, rs.getLong(4)) < 0) {
                        graph.addCitation(remix, resource, rs.getInt(3), rs.getLong(4),
                                UUID.fromString(rs.getString(5)));
                    }
                }, facts.args());
        jdbc.query("select record_id, resource_id, added_at, removed_at from lineage_citation "
                + "where " + facts.on("removed_at") + " order by removed_at, added_at", rs -> {
                    UUID remix = UUID.fromString(rs.getString(1));
                    UUID resource = UUID.fromString(rs.getString(2));
                    if (all || !ended(graph, graph.citation(remix, resource, rs.getLong(3)))) {
                        graph.removeCitation(remix, resource, rs.getLong(4));
                    }
                }, facts.args());
        jdbc.query("select record_id, taken_down_at from lineage_record where " + facts.on("taken_down_at")
                + " order by taken_down_at", rs -> {
                    UUID record = UUID.fromString(rs.getString(1));
                    if (all || !takenDown(graph, record)) {
                        graph.takeDown(record, rs.getLong(2));
                    }
                }, facts.args());
    }

    /** Whether {@code edge} is a citation memory holds as ended. */
    private static boolean ended(LineageGraph graph, int edge) {
        return edge >= 0 && graph.edgeRemovedAt(edge) != LineageGraph.NEVER;
    }

    /** Whether memory holds {@code record} as taken down. */
    private static boolean takenDown(LineageGraph graph, UUID record) {
        int node = graph.node(record, Long.MAX_VALUE);
        return node >= 0 && graph.takenDownAt(node) != LineageGraph.NEVER;
    }

    /** The stored position, and how many late positions the log holds. */
    private record Saved(long position, long late) {
    }

    private Saved saved() {
        List<Saved> saved = jdbc.query("select position, late from lineage_position where id = 1",
                (rs, row) -> new Saved(rs.getLong(1), rs.getLong(2)));
        return saved.isEmpty() ? new Saved(0, 0) : saved.get(0);
    }

    /**
     * Fills {@code graph} from the tables, in the order the facts happened, up to the stored position read
     * first: facts a batch commits meanwhile above it come with the next catch-up.
     */
    public void load(LineageGraph graph) {
        graph.write(() -> {
            graph.clear();
            Saved saved = saved();
            apply(graph, Facts.between(Long.MIN_VALUE, saved.position()));
            graph.advanceTo(saved.position());
            graph.lateAppliedUpTo(saved.late());
        });
    }
}
