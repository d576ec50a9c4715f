package org.collabledger.api.evidence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.collabledger.domain.evidence.LedgerEntry;

/**
 * Streams the rows of {@code domain_event_entry} in global order, every column as stored, on a
 * connection of its own with a fetch size, so ten million events never sit in memory at once.
 */
public final class StoredEntries {

    private static final String SELECT =
            "select global_index, event_identifier, type, aggregate_identifier, "
                    + "sequence_number, time_stamp, payload_type, payload_revision, payload, meta_data "
                    + "from domain_event_entry where global_index > ? and global_index <= ? order by global_index";

    private StoredEntries() {}

    /** Hands every entry with {@code after < position <= upTo} to {@code sink}, oldest first. */
    public static void stream(
            DataSource dataSource, long after, long upTo, Consumer<LedgerEntry> sink) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            // PostgreSQL only streams with a fetch size inside a transaction.
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(SELECT)) {
                statement.setFetchSize(2_000);
                statement.setLong(1, after);
                statement.setLong(2, upTo);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(read(rs));
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the event store", e);
        }
    }

    private static LedgerEntry read(ResultSet rs) throws SQLException {
        return new LedgerEntry(
                rs.getLong(1),
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
}
