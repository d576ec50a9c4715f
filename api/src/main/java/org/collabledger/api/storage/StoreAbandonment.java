package org.collabledger.api.storage;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.collabledger.api.projections.Abandonment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Abandoned positions of the JDBC event table. Whether the units of work that could append at the mark have
 * all ended is asked first, and only then, in a statement of its own (so it sees their commits), which of
 * the positions hold an event.
 */
public abstract class StoreAbandonment implements Abandonment {

    final JdbcTemplate jdbc;

    StoreAbandonment(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<Long> abandoned(Object mark, List<Long> positions) {
        if (positions.isEmpty() || !allEnded(mark)) {
            return Set.of();
        }
        // One range read: a token's gaps lie within Axon's gap window, and a run the seal waits at is empty.
        Set<Long> empty = new HashSet<>(positions);
        empty.removeAll(jdbc.queryForList("select global_index from domain_event_entry where global_index between ? "
                + "and ?", Long.class, Collections.min(positions), Collections.max(positions)));
        return empty;
    }

    /** True when every unit of work that could append at {@code mark} has ended. */
    abstract boolean allEnded(Object mark);

    /**
     * On PostgreSQL, which any number of ledger nodes may write to: the mark is the server's clock, and the
     * units of work are the client transactions of this database that began at or before it. A session whose
     * transaction this role may not see counts as open.
     */
    public static final class Postgres extends StoreAbandonment {

        public Postgres(JdbcTemplate jdbc) {
            super(jdbc);
        }

        @Override
        public Object mark() {
            return jdbc.queryForObject("select clock_timestamp()", OffsetDateTime.class);
        }

        @Override
        boolean allEnded(Object mark) {
            Long open = jdbc.queryForObject("select count(*) from pg_stat_activity where datname = current_database() "
                    + "and backend_type = 'client backend' and pid <> pg_backend_pid() "
                    + "and (state is null or xact_start <= ?)", Long.class, mark);
            return open != null && open == 0;
        }
    }

    /** On an embedded H2 file, which only this process writes: the units of work are its {@link AppendsInFlight}. */
    public static final class InProcess extends StoreAbandonment {

        private final AppendsInFlight appends;

        public InProcess(JdbcTemplate jdbc, AppendsInFlight appends) {
            super(jdbc);
            this.appends = appends;
        }

        @Override
        public Object mark() {
            return appends.latest();
        }

        @Override
        boolean allEnded(Object mark) {
            return appends.endedUpTo((Long) mark);
        }

        /** The appends it counts, which the JDBC engine registers. */
        AppendsInFlight appends() {
            return appends;
        }
    }
}
