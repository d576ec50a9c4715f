package org.collabledger.ops.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * The load benchmark's CPU figures: work done by the PostgreSQL server shows on the server's side,
 * even once the backend that did it has ended, and not on this process's; work done here shows on
 * this process's side and not on the server's; H2 has no server side.
 */
class CpuMeterTest {

    private static final long MILLISECOND = 1_000_000L;

    @Test
    void separatesTheServersCpuFromThisProcesss() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            CpuMeter meter = CpuMeter.of(postgres.getPostgresDatabase());
            CpuMeter.Sample before = meter.sample();
            assertThat(before.server()).as("the server is measured").isNotNegative();
            long backend;
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute(
                        "select count(*) from generate_series(1, 5000000) a, generate_series(1, 2) b");
                ResultSet pid = statement.executeQuery("select pg_backend_pid()");
                pid.next();
                backend = pid.getLong(1);
            }
            // The backend that did the work has ended: its time counts through the postmaster's
            // reaped children.
            long deadline = System.nanoTime() + 10_000 * MILLISECOND;
            while (ProcessHandle.of(backend).isPresent() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(ProcessHandle.of(backend)).isEmpty();
            CpuMeter.Sample afterQuery = meter.sample();
            assertThat(afterQuery.server() - before.server()).isGreaterThan(200 * MILLISECOND);

            spinHere(300 * MILLISECOND);
            CpuMeter.Sample afterSpin = meter.sample();
            assertThat(afterSpin.process() - afterQuery.process())
                    .isGreaterThanOrEqualTo(300 * MILLISECOND);
            assertThat(afterSpin.server() - afterQuery.server()).isLessThan(100 * MILLISECOND);
        }
    }

    @Test
    void anEmbeddedH2HasNoServerFigure() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:cpu-meter");
        CpuMeter meter = CpuMeter.of(h2);

        assertThat(meter.sample().server()).isNegative();
        assertThat(meter.sample().process()).isPositive();
    }

    /**
     * Burns {@code nanos} of this thread's CPU time: asking for it is itself the work, and cannot
     * be skipped.
     */
    private static void spinHere(long nanos) {
        var threads = ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + nanos;
        while (threads.getCurrentThreadCpuTime() < until) {
            Thread.onSpinWait();
        }
    }
}
