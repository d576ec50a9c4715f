package org.collabledger.api.catalog;

import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcUtils;

/** The database engine under the ledger, for the few statements whose dialects differ. */
public enum DatabaseKind {
    H2, POSTGRESQL;

    /** Reads the engine from the connection's metadata. */
    public static DatabaseKind of(DataSource dataSource) {
        try {
            String product = JdbcUtils.extractDatabaseMetaData(dataSource,
                    metaData -> metaData.getDatabaseProductName());
            return product != null && product.toLowerCase(java.util.Locale.ROOT).contains("postgres") ? POSTGRESQL : H2;
        } catch (org.springframework.jdbc.support.MetaDataAccessException e) {
            throw new IllegalStateException("cannot tell which database the ledger runs on", e);
        }
    }
}
