package org.collabledger.api.storage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.stereotype.Component;

/**
 * On a clean stop of the ledger on an H2 file (the embedded default), rewrites the file when most
 * of it is dead space. H2 writes fresh pages for every commit and, under sustained load, does not
 * reclaim the old ones as fast as it writes: the file grew by tens of kilobytes per command (3.8 GB
 * after 80,748 single-event commands, whose live data took 53 MB), also with its retention time at
 * 0 and with a background writer ({@code WRITE_DELAY} above 0, which loses acknowledged commits on
 * kill -9). H2's own {@code SHUTDOWN COMPACT} rewrote that file in 2.2 s. It runs after every
 * processor, the web server and the sealer have stopped (they are lifecycle beans, stopped before
 * any bean is destroyed), and before the pool closes; a kill skips it and loses nothing but the
 * chance to shrink the file.
 */
@Component
public class H2Compaction implements DisposableBean {

    /** Below this share of live data in the file's chunks, stopping compacts the file. */
    static final int COMPACT_BELOW_FILL_PERCENT = 50;

    private static final Logger log = LoggerFactory.getLogger(H2Compaction.class);

    private final DataSourceProperties database;
    private final StoreKind storeKind;

    public H2Compaction(DataSourceProperties database, StoreKind storeKind) {
        this.database = database;
        this.storeKind = storeKind;
    }

    /**
     * Compacts on a connection of its own rather than one of the pool's: the shutdown closes the
     * database under every connection, and the pool, given its connection back, cleared its
     * warnings on the closed database, which H2 wrote as a stack trace to {@code ledger.trace.db}
     * on every clean stop. The pool then closes its own connections, which H2 allows quietly once
     * the database is shut.
     */
    @Override
    public void destroy() {
        if (storeKind != StoreKind.H2_FILE) {
            return;
        }
        try (Connection connection =
                DriverManager.getConnection(
                        database.determineUrl(),
                        database.determineUsername(),
                        database.determinePassword())) {
            compactIfMostlyDead(connection);
        } catch (SQLException | RuntimeException e) {
            // Stopping goes on: the file is only larger than it needs to be, every commit in it
            // is intact.
            log.warn("H2 file not compacted on stop: it could not be checked or compacted", e);
        }
    }

    /** Compacts when most of the file is dead space, which also shuts the database down. */
    private static void compactIfMostlyDead(Connection connection) throws SQLException {
        int fill;
        try (Statement statement = connection.createStatement();
                ResultSet rate =
                        statement.executeQuery(
                                "select setting_value from information_schema.settings "
                                        + "where setting_name = 'info.CHUNKS_FILL_RATE'")) {
            if (!rate.next()) {
                return;
            }
            fill = Integer.parseInt(rate.getString(1));
        }
        if (fill >= COMPACT_BELOW_FILL_PERCENT) {
            return;
        }
        long start = System.nanoTime();
        // Not closed: the shutdown closes it with the database.
        connection.createStatement().execute("shutdown compact");
        log.info(
                "H2 file compacted on stop ({}% of its chunks was live) in {} ms",
                fill, (System.nanoTime() - start) / 1_000_000);
    }
}
