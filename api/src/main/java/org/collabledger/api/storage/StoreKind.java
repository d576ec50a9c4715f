package org.collabledger.api.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The store under the ledger, as the database itself answers (not as its URL is spelled): the one
 * place that decides the dialect, H2's serial commits and compaction on stop.
 */
public enum StoreKind {
    /**
     * H2 keeping its data in a file, however the URL names it ({@code jdbc:h2:file:}, {@code
     * jdbc:h2:./}).
     */
    H2_FILE("h2"),
    /** H2 in memory: nothing to serialize or compact. */
    H2_MEMORY("h2"),
    POSTGRESQL("postgresql");

    private final String dialect;

    StoreKind(String dialect) {
        this.dialect = dialect;
    }

    /** The SQL dialect's name, which names the store's migrations folder too. */
    public String dialect() {
        return dialect;
    }

    /**
     * Asks the database: its product, and for H2 its file, which {@code DATABASE_PATH()} gives only
     * on disk.
     */
    public static StoreKind of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            if (connection
                    .getMetaData()
                    .getDatabaseProductName()
                    .toLowerCase(Locale.ROOT)
                    .contains("postgres")) {
                return POSTGRESQL;
            }
            try (Statement statement = connection.createStatement();
                    ResultSet path = statement.executeQuery("select database_path()")) {
                return path.next() && path.getString(1) != null ? H2_FILE : H2_MEMORY;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell which database the ledger runs on", e);
        }
    }
}
