package org.collabledger.api.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.collabledger.api.support.Postgres;
import org.collabledger.projections.lineage.LineageProjection;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The storage contract on Axon's JDBC engine over a real PostgreSQL server, the production default.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ledger.security.dev-users=true", "ledger.security.dev-password=ledger-dev"})
@ActiveProfiles("postgres")
@Import(StorageContract.Clocks.class)
class StorageContractOnPostgresTest extends JdbcStorageContract {

    @Autowired JdbcTemplate jdbc;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Postgres.useNewDatabase(registry);
    }

    /**
     * The bulk rebuild drops the lineage indexes to load the rows; it builds every one of them
     * again.
     */
    @Test
    void aLineageRebuildLeavesTheIndexesAsTheSchemaMadeThem() {
        String ana = scenario.artist("ix-" + UUID.randomUUID().toString().substring(0, 8));
        scenario.remix(ana, "remix", scenario.upload(ana, "take"), 1);
        List<String> before = lineageIndexes();
        assertThat(before).as("the schema's lineage indexes").hasSizeGreaterThanOrEqualTo(7);

        projections.rebuild(LineageProjection.PROCESSING_GROUP);

        assertThat(lineageIndexes()).isEqualTo(before);
    }

    private List<String> lineageIndexes() {
        return jdbc.queryForList(
                "select indexdef from pg_indexes where schemaname = current_schema() "
                        + "and tablename in ('lineage_record', 'lineage_citation') order by indexname",
                String.class);
    }
}
