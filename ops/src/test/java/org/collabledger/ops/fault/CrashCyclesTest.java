package org.collabledger.ops.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short budget of kill -9 cycles on each store (the runbook runs a hundred): every acknowledged
 * command survives exactly once, every unacknowledged one, retried with its Idempotency-Key, ends
 * up stored exactly once too, and the read models equal a rebuild from zero.
 */
class CrashCyclesTest {

    @Test
    void nothingAcknowledgedIsLostOrDuplicatedOnPostgres() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            CrashCycles.Outcome outcome =
                    new CrashCycles(
                                    CrashRun.jar(),
                                    CrashRun.postgres(postgres),
                                    CrashRun.freePort())
                            .run(3, 4, 7);
            System.out.println(CrashCycles.describe("PostgreSQL", outcome));
            assertThat(outcome.acknowledged()).isPositive();
            assertThat(outcome.kept()).as(CrashCycles.describe("PostgreSQL", outcome)).isTrue();
        }
    }

    @Test
    void nothingAcknowledgedIsLostOrDuplicatedOnTheEmbeddedH2File(@TempDir Path directory)
            throws Exception {
        CrashCycles.Outcome outcome =
                new CrashCycles(CrashRun.jar(), CrashRun.h2(directory), CrashRun.freePort())
                        .run(3, 4, 8);
        System.out.println(CrashCycles.describe("H2", outcome));
        assertThat(outcome.acknowledged()).isPositive();
        assertThat(outcome.kept()).as(CrashCycles.describe("H2", outcome)).isTrue();
    }
}
