package org.collabledger.ops.kurrent;

import io.kurrent.dbclient.AppendToStreamOptions;
import io.kurrent.dbclient.EventData;
import io.kurrent.dbclient.KurrentDBClient;
import io.kurrent.dbclient.KurrentDBConnectionString;
import io.kurrent.dbclient.StreamState;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.collabledger.api.storage.kurrent.EventRow;
import org.collabledger.api.storage.kurrent.KurrentEvents;
import org.collabledger.api.storage.kurrent.KurrentLog;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Moves a JDBC event store into KurrentDB and proves the copy identical. {@code copy} appends the
 * events in global order, each run of consecutive events of one aggregate in one append expecting
 * the stream's revision, so KurrentDB's {@code $all} holds them in the same order; it resumes after
 * the newest ledger event already in KurrentDB, so an interrupted copy is simply run again. {@code
 * verify} reads both stores from the start and compares every event field by field and byte by
 * byte, and where it sits (its stream and revision, which loading its aggregate relies on), and
 * prints one SHA-256 over each side. Snapshots are not copied: the ledger takes new ones. Run it
 * with the ledger stopped. Exit status: 0 done and identical, 2 a difference, 1 a usage or
 * connection error.
 */
public final class KurrentMigration {

    private static final String USAGE =
            """
            usage: kurrent-migrate <command> --from JDBC_URL [--user U] [--password P] --to KURRENTDB_CONNECTION_STRING
              copy   [--batch N] [--limit N]   copy the events not yet in KurrentDB (limit: stop after N, for trials)
              verify                           compare both stores event by event
            the database may also be given as LEDGER_DB_URL, LEDGER_DB_USER, LEDGER_DB_PASSWORD""";

    private static final int PAGE = 1000;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final String COLUMNS =
            "global_index, event_identifier, type, aggregate_identifier, "
                    + "sequence_number, time_stamp, payload_type, payload_revision, payload, meta_data";

    private KurrentMigration() {}

    /** What a copy did. */
    public record Copied(long resumedAfter, long events, long appends) {}

    /** What a verification found: counts, both digests, and the first difference, if any. */
    public record Verified(
            long jdbcEvents,
            long kurrentEvents,
            String jdbcDigest,
            String kurrentDigest,
            String firstDifference) {
        /** True when both stores hold the same events in the same order. */
        public boolean identical() {
            return firstDifference == null && jdbcDigest.equals(kurrentDigest);
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        if (args.length == 0 || !options.containsKey("to") || url(options) == null) {
            System.err.println(USAGE);
            System.exit(1);
        }
        DataSource store =
                new DriverManagerDataSource(
                        url(options),
                        options.getOrDefault(
                                "user", System.getenv().getOrDefault("LEDGER_DB_USER", "")),
                        options.getOrDefault(
                                "password",
                                System.getenv().getOrDefault("LEDGER_DB_PASSWORD", "")));
        KurrentDBClient kurrent =
                KurrentDBClient.create(KurrentDBConnectionString.parseOrThrow(options.get("to")));
        int status;
        try {
            status =
                    switch (args[0]) {
                        case "copy" -> {
                            Copied copied =
                                    copy(
                                            store,
                                            kurrent,
                                            Integer.parseInt(options.getOrDefault("batch", "500")),
                                            Long.parseLong(
                                                    options.getOrDefault(
                                                            "limit",
                                                            Long.toString(Long.MAX_VALUE))),
                                            System.out);
                            System.out.printf(
                                    "copied %,d events in %,d appends, after global index %d%n",
                                    copied.events(), copied.appends(), copied.resumedAfter());
                            yield 0;
                        }
                        case "verify" -> {
                            Verified verified = verify(store, kurrent);
                            System.out.printf(
                                    "JDBC:     %,d events, sha-256 %s%nKurrentDB: %,d events, sha-256 %s%n",
                                    verified.jdbcEvents(),
                                    verified.jdbcDigest(),
                                    verified.kurrentEvents(),
                                    verified.kurrentDigest());
                            System.out.println(
                                    verified.identical()
                                            ? "IDENTICAL"
                                            : "DIFFERENT: " + verified.firstDifference());
                            yield verified.identical() ? 0 : 2;
                        }
                        default -> {
                            System.err.println(USAGE);
                            yield 1;
                        }
                    };
        } finally {
            kurrent.shutdown().get();
        }
        System.exit(status);
    }

    /**
     * Copies every JDBC event after the newest one KurrentDB already holds, at most {@code limit}
     * events, appending up to {@code batch} consecutive events of one stream at a time.
     */
    public static Copied copy(
            DataSource store, KurrentDBClient kurrent, int batch, long limit, PrintStream progress)
            throws SQLException {
        long resumeAfter = resumePoint(store, kurrent);
        long copied = 0;
        long appends = 0;
        try (Connection connection = store.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement select =
                    connection.prepareStatement(
                            "select "
                                    + COLUMNS
                                    + " from domain_event_entry where global_index > ? order by global_index")) {
                select.setFetchSize(5_000);
                select.setLong(1, resumeAfter);
                try (ResultSet rs = select.executeQuery()) {
                    List<EventRow> run = new ArrayList<>();
                    while (copied + run.size() < limit && rs.next()) {
                        EventRow row = row(rs);
                        if (!run.isEmpty()
                                && (!KurrentEvents.streamOf(row)
                                                .equals(KurrentEvents.streamOf(run.get(0)))
                                        || run.size() == batch)) {
                            append(kurrent, run);
                            copied += run.size();
                            appends++;
                            run.clear();
                            if (appends % 10_000 == 0) {
                                progress.printf("... %,d events copied%n", copied);
                            }
                        }
                        run.add(row);
                    }
                    if (!run.isEmpty()) {
                        append(kurrent, run);
                        copied += run.size();
                        appends++;
                    }
                }
            }
            connection.rollback();
        }
        return new Copied(resumeAfter, copied, appends);
    }

    /**
     * Reads both stores from their first event and compares them in order: every field of every
     * event, payload and metadata byte for byte, and the count.
     */
    public static Verified verify(DataSource store, KurrentDBClient kurrent) throws SQLException {
        MessageDigest jdbcDigest = sha256();
        MessageDigest kurrentDigest = sha256();
        long jdbcCount = 0;
        long kurrentCount = 0;
        String difference = null;
        Iterator<KurrentLog.Entry> copy = KurrentLog.forwards(kurrent, null, PAGE, TIMEOUT);
        try (Connection connection = store.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement select =
                    connection.prepareStatement(
                            "select "
                                    + COLUMNS
                                    + " from domain_event_entry order by global_index")) {
                select.setFetchSize(5_000);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        EventRow original = row(rs);
                        jdbcCount++;
                        update(
                                jdbcDigest,
                                original,
                                KurrentEvents.streamOf(original),
                                revisionOf(original));
                        if (!copy.hasNext()) {
                            difference =
                                    difference != null
                                            ? difference
                                            : "KurrentDB lacks event #"
                                                    + jdbcCount
                                                    + " (global index "
                                                    + rs.getLong(1)
                                                    + "): "
                                                    + original;
                            continue;
                        }
                        KurrentLog.Entry entry = copy.next();
                        EventRow copied = entry.row();
                        kurrentCount++;
                        update(kurrentDigest, copied, entry.streamId(), entry.revision());
                        if (difference == null
                                && (!entry.streamId().equals(KurrentEvents.streamOf(original))
                                        || entry.revision() != revisionOf(original))) {
                            difference =
                                    "event #"
                                            + jdbcCount
                                            + " (global index "
                                            + rs.getLong(1)
                                            + ") sits in "
                                            + entry.streamId()
                                            + " at revision "
                                            + entry.revision()
                                            + ", not in "
                                            + KurrentEvents.streamOf(original)
                                            + " at "
                                            + revisionOf(original);
                        }
                        if (difference == null && !original.equals(copied)) {
                            difference =
                                    "event #"
                                            + jdbcCount
                                            + " (global index "
                                            + rs.getLong(1)
                                            + ") differs: JDBC "
                                            + original
                                            + ", KurrentDB "
                                            + copied;
                        }
                    }
                }
            }
            connection.rollback();
        }
        while (copy.hasNext()) {
            KurrentLog.Entry entry = copy.next();
            EventRow extra = entry.row();
            kurrentCount++;
            update(kurrentDigest, extra, entry.streamId(), entry.revision());
            difference =
                    difference != null ? difference : "KurrentDB has an event JDBC lacks: " + extra;
        }
        return new Verified(
                jdbcCount, kurrentCount, hex(jdbcDigest), hex(kurrentDigest), difference);
    }

    /** The global index of the newest ledger event already in KurrentDB, 0 when there is none. */
    private static long resumePoint(DataSource store, KurrentDBClient kurrent) throws SQLException {
        Iterator<KurrentLog.Entry> newestFirst = KurrentLog.backwards(kurrent, PAGE, TIMEOUT);
        if (!newestFirst.hasNext()) {
            return 0;
        }
        EventRow newest = newestFirst.next().row();
        try (Connection connection = store.getConnection();
                PreparedStatement find =
                        connection.prepareStatement(
                                "select global_index from domain_event_entry where event_identifier = ?")) {
            find.setString(1, newest.eventId());
            try (ResultSet rs = find.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException(
                            "KurrentDB holds ledger event "
                                    + newest.eventId()
                                    + " which this JDBC store does not: it is not a copy of this store");
                }
                return rs.getLong(1);
            }
        }
    }

    private static void append(KurrentDBClient kurrent, List<EventRow> run) {
        EventRow first = run.get(0);
        StreamState expected = KurrentEvents.expectedBefore(first);
        List<EventData> events = run.stream().map(KurrentEvents::toEventData).toList();
        KurrentLog.await(
                kurrent.appendToStream(
                        KurrentEvents.streamOf(first),
                        AppendToStreamOptions.get().streamState(expected),
                        events.iterator()),
                TIMEOUT);
    }

    private static EventRow row(ResultSet rs) throws SQLException {
        return new EventRow(
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getLong(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getBytes(9),
                rs.getBytes(10));
    }

    /**
     * Where an event must sit in its stream for its aggregate to load: its sequence number, or 0
     * alone.
     */
    private static long revisionOf(EventRow row) {
        return row.isDomainEvent() ? row.sequence() : 0;
    }

    /**
     * Every field and the event's stream and revision, length-prefixed, so two different sequences
     * of events cannot hash alike by shifting bytes.
     */
    private static void update(MessageDigest digest, EventRow row, String stream, long revision) {
        for (String text :
                new String[] {
                    row.eventId(),
                    row.aggregateType(),
                    row.aggregateId(),
                    Long.toString(row.sequence()),
                    row.timestamp(),
                    row.payloadType(),
                    row.payloadRevision(),
                    stream,
                    Long.toString(revision)
                }) {
            field(digest, text == null ? null : text.getBytes(StandardCharsets.UTF_8));
        }
        field(digest, row.payload());
        field(digest, row.metaData());
    }

    private static void field(MessageDigest digest, byte[] bytes) {
        digest.update(ByteBuffer.allocate(4).putInt(bytes == null ? -1 : bytes.length).array());
        if (bytes != null) {
            digest.update(bytes);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String url(Map<String, String> options) {
        return options.getOrDefault("from", System.getenv("LEDGER_DB_URL"));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException(
                        "expected an option, got " + args[i] + "\n" + USAGE);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
