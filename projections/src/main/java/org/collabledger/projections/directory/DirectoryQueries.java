package org.collabledger.projections.directory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.collabledger.domain.record.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * Finding things, and the names answers give beside ids. Every list is a keyset page in the order
 * things entered the ledger (the position of the event that created each), so a page once read
 * never changes its place as the ledger grows: the next page starts after the last position seen,
 * however many things were added meanwhile. Artists' names are current, and read as erased once the
 * artist was forgotten, whatever position an answer reflects.
 */
public class DirectoryQueries {

    /** Whether an artist's name may be shown. */
    public enum NameStatus {
        /** Registered and not forgotten: handle and display name are given. */
        ACTIVE,
        /** Forgotten: handle and display name are erased. */
        ERASED,
        /** No artist with this id is known to the directory. */
        UNKNOWN
    }

    /**
     * The public names of an artist; {@code handle} and {@code displayName} are null unless active.
     */
    public record ArtistName(String id, String handle, String displayName, NameStatus status) {}

    /** Something that was listed at the position of the event that created it. */
    public interface Listed {
        /** The position of the event that created it: the order of every list. */
        long position();
    }

    /**
     * One page of a list: its items and, when more follow, the position to continue after.
     *
     * @param next the last item's position when more items follow, otherwise null
     */
    public record Slice<T>(List<T> items, Long next) {}

    /** An artist found by handle or name. */
    public record ArtistEntry(
            String id, String handle, String displayName, NameStatus status, long position)
            implements Listed {}

    /** A record with its creator's names. */
    public record RecordEntry(
            String id,
            String title,
            MediaType mediaType,
            String creatorId,
            ArtistName creator,
            boolean takenDown,
            long position)
            implements Listed {}

    /** A collaboration (open call). */
    public record CollaborationEntry(
            String id, String title, String theme, boolean closed, long position)
            implements Listed {}

    /** A release; {@code state} is {@code OPEN} until it is published. */
    public record ReleaseEntry(
            String id,
            String title,
            String kind,
            String fundingModel,
            String state,
            String collaborationId,
            Long publishedAt,
            long position)
            implements Listed {}

    /** An allocation of a release, without its lines (they are read one allocation at a time). */
    public record AllocationEntry(
            String id,
            String releaseId,
            String releaseTitle,
            String currency,
            long pool,
            String state,
            int revision,
            long position)
            implements Listed {}

    /** A payment with its artist's names. */
    public record PaymentEntry(
            String paymentId,
            String currency,
            String runId,
            String artistId,
            long amount,
            String state,
            ArtistName artist,
            long position)
            implements Listed {}

    /** A balance below a run's threshold, carried to the next run. */
    public record Deferral(String artistId, ArtistName artist, long balance, long position) {}

    /**
     * What a payout run paid and deferred, in its currency: issued payments (whatever became of
     * them later) and deferred balances.
     */
    public record PayoutTotals(
            String currency, long payments, long paid, long deferrals, long deferred) {}

    /** A payout run: its terms and totals. */
    public record PayoutRunEntry(
            String id,
            String currency,
            long threshold,
            String rail,
            String startedAt,
            PayoutTotals totals,
            long position)
            implements Listed {}

    private static final int NAMES_PER_QUERY = 1_000;

    private static final String ARTIST_COLUMNS = "a.artist_id, a.handle, a.display_name, a.erased";

    private final JdbcTemplate jdbc;

    public DirectoryQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The names of these artists, one entry per id ({@link NameStatus#UNKNOWN} when unknown). */
    public Map<String, ArtistName> names(Collection<String> artistIds) {
        Map<String, ArtistName> names = new HashMap<>();
        List<String> ids = new ArrayList<>(new TreeSet<>(artistIds));
        for (int from = 0; from < ids.size(); from += NAMES_PER_QUERY) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + NAMES_PER_QUERY));
            jdbc.query(
                    "select a.artist_id as id, "
                            + ARTIST_COLUMNS
                            + " from directory_artist a where a.artist_id in ("
                            + placeholders(chunk.size())
                            + ")",
                    rs -> {
                        names.put(rs.getString(1), name(rs, 1));
                    },
                    chunk.toArray());
        }
        for (String id : ids) {
            names.computeIfAbsent(
                    id, unknown -> new ArtistName(unknown, null, null, NameStatus.UNKNOWN));
        }
        return names;
    }

    /** The names of one artist. */
    public ArtistName name(String artistId) {
        return names(List.of(artistId)).get(artistId);
    }

    /** The titles of these releases, for those the read model holds. */
    public Map<String, String> releaseTitles(Collection<String> releaseIds) {
        return titles("release_view", "release_id", releaseIds);
    }

    /**
     * The titles of the records {@code recordIds}, by id, in one query (an unknown id is absent).
     */
    public Map<String, String> recordTitles(Collection<String> recordIds) {
        return titles("lineage_record", "record_id", recordIds);
    }

    private Map<String, String> titles(String table, String idColumn, Collection<String> ids) {
        Map<String, String> titles = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.query(
                    "select "
                            + idColumn
                            + ", title from "
                            + table
                            + " where "
                            + idColumn
                            + " in ("
                            + placeholders(ids.size())
                            + ")",
                    rs -> {
                        titles.put(rs.getString(1), rs.getString(2));
                    },
                    ids.toArray());
        }
        return titles;
    }

    /** The names of {@code artistIds}, each once, in the order of their ids. */
    public List<ArtistName> namesById(Collection<String> artistIds) {
        return names(artistIds).values().stream()
                .sorted(java.util.Comparator.comparing(ArtistName::id))
                .toList();
    }

    /**
     * Artists whose handle is {@code handle} (when given) and whose handle or display name contains
     * {@code text} (when given, ignoring case); forgotten artists match neither.
     */
    public Slice<ArtistEntry> artists(String handle, String text, Page page) {
        Where where = new Where("a.position");
        where.add(handle != null, "a.handle = ?", handle);
        if (text != null) {
            where.add(
                    true,
                    "(lower(a.handle) like ? escape '\\' or lower(a.display_name) like ? escape '\\')",
                    contains(text),
                    contains(text));
        }
        return where.slice(
                jdbc,
                "select a.position, a.artist_id, " + ARTIST_COLUMNS + " from directory_artist a",
                page,
                (rs, row) -> {
                    ArtistName name = name(rs, 2);
                    return new ArtistEntry(
                            name.id(),
                            name.handle(),
                            name.displayName(),
                            name.status(),
                            rs.getLong(1));
                });
    }

    /**
     * Records by creator, collaboration, media type and title text (ignoring case), each when
     * given.
     */
    public Slice<RecordEntry> records(
            String creatorId,
            String collaborationId,
            MediaType mediaType,
            String title,
            Page page) {
        Where where = new Where("r.recorded_at");
        where.add(creatorId != null, "r.creator_id = ?", creatorId);
        where.add(
                collaborationId != null,
                "exists (select 1 from directory_submission s where s.record_id = r.record_id "
                        + "and s.collaboration_id = ?)",
                collaborationId);
        where.add(
                mediaType != null, "r.media_type = ?", mediaType == null ? null : mediaType.name());
        where.add(title != null, "lower(r.title) like ? escape '\\'", contains(title));
        return where.slice(
                jdbc,
                "select r.recorded_at, r.record_id, r.title, r.media_type, r.taken_down_at, r.creator_id, "
                        + ARTIST_COLUMNS
                        + " from lineage_record r left join directory_artist a on a.artist_id = r.creator_id",
                page,
                (rs, row) -> {
                    rs.getLong(5);
                    boolean takenDown = !rs.wasNull();
                    return new RecordEntry(
                            rs.getString(2),
                            rs.getString(3),
                            MediaType.valueOf(rs.getString(4)),
                            rs.getString(6),
                            name(rs, 6),
                            takenDown,
                            rs.getLong(1));
                });
    }

    /** Collaborations, open or closed when {@code closed} is given. */
    public Slice<CollaborationEntry> collaborations(Boolean closed, Page page) {
        Where where = new Where("c.position");
        where.add(closed != null, "c.closed = ?", closed);
        return where.slice(
                jdbc,
                "select c.position, c.collaboration_id, c.title, c.theme, c.closed "
                        + "from directory_collaboration c",
                page,
                (rs, row) ->
                        new CollaborationEntry(
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getBoolean(5),
                                rs.getLong(1)));
    }

    /** Releases, published or not when {@code published} is given. */
    public Slice<ReleaseEntry> releases(Boolean published, Page page) {
        Where where = new Where("v.opened_at");
        where.add(
                published != null,
                Boolean.TRUE.equals(published)
                        ? "v.published_at is not null"
                        : "v.published_at is null");
        return where.slice(
                jdbc,
                "select v.opened_at, v.release_id, v.title, v.kind, v.funding_model, v.collaboration_id, "
                        + "v.published_at from release_view v",
                page,
                (rs, row) -> {
                    long publication = rs.getLong(7);
                    Long publishedAt = rs.wasNull() ? null : publication;
                    return new ReleaseEntry(
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            publishedAt == null ? "OPEN" : "PUBLISHED",
                            rs.getString(6),
                            publishedAt,
                            rs.getLong(1));
                });
    }

    /**
     * Allocations by release and state, each when given; with {@code onlyOf}, only those in which
     * one of these artists holds a line.
     */
    public Slice<AllocationEntry> allocations(
            String releaseId, String state, Set<String> onlyOf, Page page) {
        Where where = new Where("al.position");
        where.add(releaseId != null, "al.release_id = ?", releaseId);
        where.add(state != null, "al.state = ?", state);
        where.onlyOf(
                onlyOf,
                "exists (select 1 from directory_allocation_artist x where x.allocation_id = al.allocation_id "
                        + "and x.artist_id in (%s))");
        return where.slice(
                jdbc,
                "select al.position, al.allocation_id, al.release_id, v.title, al.currency, al.pool, al.state, "
                        + "al.revision from directory_allocation al "
                        + "left join release_view v on v.release_id = al.release_id",
                page,
                (rs, row) ->
                        new AllocationEntry(
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getLong(6),
                                rs.getString(7),
                                rs.getInt(8),
                                rs.getLong(1)));
    }

    /** Payout runs, of one currency when given, each with its totals. */
    public Slice<PayoutRunEntry> payoutRuns(String currency, Page page) {
        Where where = new Where("r.position");
        where.add(currency != null, "r.currency = ?", currency);
        return where.slice(jdbc, RUN, page, DirectoryQueries::run);
    }

    /** One payout run with its totals. */
    public Optional<PayoutRunEntry> payoutRun(String runId) {
        return jdbc.query(RUN + " where r.run_id = ?", DirectoryQueries::run, runId).stream()
                .findFirst();
    }

    /** The deferrals of a run, in the order they were recorded. */
    public List<Deferral> deferrals(String runId) {
        return jdbc.query(
                "select d.position, d.balance, d.artist_id, "
                        + ARTIST_COLUMNS
                        + " from directory_deferral d left join directory_artist a on a.artist_id = d.artist_id "
                        + "where d.run_id = ? order by d.position",
                (rs, row) ->
                        new Deferral(rs.getString(3), name(rs, 3), rs.getLong(2), rs.getLong(1)),
                runId);
    }

    /** The payments of a run, by artist id as they always were. */
    public List<PaymentEntry> runPayments(String runId) {
        return jdbc.query(
                PAYMENT + " where p.run_id = ? order by p.artist_id",
                DirectoryQueries::payment,
                runId);
    }

    /** One payment with its artist's names. */
    public Optional<PaymentEntry> payment(String paymentId) {
        return jdbc
                .query(PAYMENT + " where p.payment_id = ?", DirectoryQueries::payment, paymentId)
                .stream()
                .findFirst();
    }

    /**
     * Payments by run, artist and state, each when given; with {@code onlyOf}, only those of these
     * artists.
     */
    public Slice<PaymentEntry> payments(
            String runId, String artistId, String state, Set<String> onlyOf, Page page) {
        Where where = new Where("p.position");
        where.add(runId != null, "p.run_id = ?", runId);
        where.add(artistId != null, "p.artist_id = ?", artistId);
        where.add(state != null, "p.state = ?", state);
        where.onlyOf(onlyOf, "p.artist_id in (%s)");
        return where.slice(jdbc, PAYMENT, page, DirectoryQueries::payment);
    }

    /**
     * Where a page starts and ends: after {@code after}, up to {@code asOf}, at most {@code limit}.
     */
    public record Page(long after, long asOf, int limit) {}

    private static final String RUN =
            "select r.position, r.run_id, r.currency, r.threshold, r.rail, r.started_at, "
                    + "(select count(*) from directory_payment p where p.run_id = r.run_id), "
                    + "(select coalesce(sum(p.amount), 0) from directory_payment p where p.run_id = r.run_id), "
                    + "(select count(*) from directory_deferral d where d.run_id = r.run_id), "
                    + "(select coalesce(sum(d.balance), 0) from directory_deferral d where d.run_id = r.run_id) "
                    + "from directory_payout_run r";

    private static final String PAYMENT =
            "select p.position, p.payment_id, p.currency, p.run_id, p.amount, p.state, p.artist_id, "
                    + ARTIST_COLUMNS
                    + " from directory_payment p left join directory_artist a on a.artist_id = p.artist_id";

    private static PayoutRunEntry run(ResultSet rs, int row) throws SQLException {
        return new PayoutRunEntry(
                rs.getString(2),
                rs.getString(3),
                rs.getLong(4),
                rs.getString(5),
                rs.getString(6),
                new PayoutTotals(
                        rs.getString(3),
                        rs.getLong(7),
                        // Exact: a sum beyond a long fails here instead of wrapping around.
                        rs.getBigDecimal(8).longValueExact(),
                        rs.getLong(9),
                        rs.getBigDecimal(10).longValueExact()),
                rs.getLong(1));
    }

    private static PaymentEntry payment(ResultSet rs, int row) throws SQLException {
        return new PaymentEntry(
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(7),
                rs.getLong(5),
                rs.getString(6),
                name(rs, 7),
                rs.getLong(1));
    }

    /**
     * The names from the artist columns that follow column {@code idColumn} (the id the row names,
     * whether or not the directory knows it).
     */
    private static ArtistName name(ResultSet rs, int idColumn) throws SQLException {
        String id = rs.getString(idColumn);
        if (rs.getString(idColumn + 1) == null) {
            return new ArtistName(id, null, null, NameStatus.UNKNOWN);
        }
        return rs.getBoolean(idColumn + 4)
                ? new ArtistName(id, null, null, NameStatus.ERASED)
                : new ArtistName(
                        id,
                        rs.getString(idColumn + 2),
                        rs.getString(idColumn + 3),
                        NameStatus.ACTIVE);
    }

    /** {@code %text%} for LIKE, with LIKE's own wildcards in {@code text} taken literally. */
    private static String contains(String text) {
        return text == null
                ? null
                : "%"
                        + text.toLowerCase(Locale.ROOT)
                                .replace("\\", "\\\\")
                                .replace("%", "\\%")
                                .replace("_", "\\_")
                        + "%";
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    /** The conditions of a list query, and its keyset on {@code position}. */
    private static final class Where {
        private final String position;
        private final List<String> conditions = new ArrayList<>();
        private final List<Object> arguments = new ArrayList<>();
        private boolean nothing;

        Where(String position) {
            this.position = position;
        }

        void add(boolean given, String condition, Object... values) {
            if (given) {
                conditions.add(condition);
                arguments.addAll(List.of(values));
            }
        }

        /** Only rows of these artists ({@code %s} takes their placeholders); all when null. */
        void onlyOf(Set<String> artists, String condition) {
            if (artists != null && artists.isEmpty()) {
                nothing = true;
            } else if (artists != null) {
                add(true, condition.formatted(placeholders(artists.size())), artists.toArray());
            }
        }

        <T extends Listed> Slice<T> slice(
                JdbcTemplate jdbc, String select, Page page, RowMapper<T> rows) {
            if (nothing) {
                return new Slice<>(List.of(), null);
            }
            List<Object> all = new ArrayList<>(arguments);
            all.addAll(List.of(page.after(), page.asOf(), page.limit() + 1));
            StringBuilder sql = new StringBuilder(select).append(" where ");
            conditions.forEach(condition -> sql.append(condition).append(" and "));
            sql.append(position)
                    .append(" > ? and ")
                    .append(position)
                    .append(" <= ? order by ")
                    .append(position)
                    .append(" limit ?");
            List<T> found = jdbc.query(sql.toString(), rows, all.toArray());
            if (found.size() <= page.limit()) {
                return new Slice<>(found, null);
            }
            List<T> items = found.subList(0, page.limit());
            return new Slice<>(List.copyOf(items), items.get(items.size() - 1).position());
        }
    }
}
