package org.collabledger.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import org.junit.jupiter.api.Test;

/** The embedded PostgreSQL server starts and answers. */
class PostgresSmokeTest {

    @Test
    void startsAndAnswers() throws Exception {
        try (var c = DriverManager.getConnection(Postgres.newDatabase(), "postgres", "postgres");
                var rs = c.createStatement().executeQuery("select version()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).contains("PostgreSQL 18");
        }
    }
}
