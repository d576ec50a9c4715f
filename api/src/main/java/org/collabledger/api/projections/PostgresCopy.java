package org.collabledger.api.projections;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import org.collabledger.projections.lineage.LineageStore;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Bulk writes through PostgreSQL's {@code COPY ... FROM STDIN} on the transaction's own connection,
 * so the rows commit or roll back with the rest of the rebuild; about twice as fast as multi-row
 * inserts.
 */
final class PostgresCopy implements LineageStore.BulkWrite {

    private final DataSource dataSource;

    PostgresCopy(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean transactionalDdl() {
        return true;
    }

    /** The indexes as PostgreSQL describes them, so the schema files stay their only definition. */
    @Override
    public List<String> dropIndexes(List<String> tables) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        List<String[]> indexes =
                jdbc.query(
                        "select indexname, indexdef from pg_indexes "
                                + "where schemaname = current_schema() and tablename in ("
                                + String.join(", ", Collections.nCopies(tables.size(), "?"))
                                + ") order by indexname",
                        (rs, row) -> new String[] {rs.getString(1), rs.getString(2)},
                        tables.toArray());
        List<String> definitions = new ArrayList<>(indexes.size());
        for (String[] index : indexes) {
            jdbc.execute("drop index " + index[0]);
            definitions.add(index[1]);
        }
        return definitions;
    }

    @Override
    public void insert(String table, List<String> columns, List<Object[]> rows) {
        StringBuilder text = new StringBuilder(rows.size() * 160);
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    text.append('\t');
                }
                appendValue(text, row[i]);
            }
            text.append('\n');
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn(
                            "copy " + table + " (" + String.join(", ", columns) + ") from stdin",
                            new StringReader(text.toString()));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot copy rows into " + table, e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * COPY's text format: {@code \N} for null, and backslash escapes for the characters it treats
     * specially.
     */
    private static void appendValue(StringBuilder text, Object value) {
        if (value == null) {
            text.append("\\N");
            return;
        }
        String string = value.toString();
        if (string.indexOf('\\') < 0
                && string.indexOf('\t') < 0
                && string.indexOf('\n') < 0
                && string.indexOf('\r') < 0) {
            text.append(string);
            return;
        }
        for (int i = 0; i < string.length(); i++) {
            char c = string.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
    }
}
