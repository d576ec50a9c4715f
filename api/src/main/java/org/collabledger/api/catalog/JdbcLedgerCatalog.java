package org.collabledger.api.catalog;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.collabledger.api.storage.StoreKind;
import org.collabledger.domain.catalog.LedgerCatalog;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The catalog port on the {@code catalog_*} tables, which {@link CatalogUpdater} writes in the same
 * transaction as the events. Row locks make the check-then-append of a cross-aggregate rule atomic:
 * a remix holds its resources' rows until it commits, so a takedown of one of them waits or is
 * seen.
 */
@Component
public class JdbcLedgerCatalog implements LedgerCatalog {

    /** Bounds the memory of {@link #knownArtists}; past it the set starts again. */
    private static final int MAX_KNOWN_ARTISTS = 200_000;

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final String shareLock;

    /**
     * Artists seen to exist. No event undoes a registration (forgetting an artist keeps the id), so
     * a yes stays a yes on every node; a no is always asked again. Saves a query on every upload.
     */
    private final Set<String> knownArtists = ConcurrentHashMap.newKeySet();

    public JdbcLedgerCatalog(JdbcTemplate jdbc, StoreKind storeKind) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        // PostgreSQL lets concurrent remixes of a popular resource share its lock; H2 only has FOR
        // UPDATE.
        this.shareLock = storeKind == StoreKind.POSTGRESQL ? "for share" : "for update";
    }

    @Override
    public boolean artistExists(String artistId) {
        if (knownArtists.contains(artistId)) {
            return true;
        }
        boolean exists =
                Boolean.TRUE.equals(
                        jdbc.queryForObject(
                                "select count(*) > 0 from catalog_artist where artist_id = ?",
                                Boolean.class,
                                artistId));
        if (exists) {
            // The row may be this transaction's own, uncommitted (a registration earlier in the
            // same request):
            // it is remembered only once it is committed.
            if (TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.registerSynchronization(
                        new TransactionSynchronization() {
                            @Override
                            public void afterCommit() {
                                remember(artistId);
                            }
                        });
            } else {
                remember(artistId);
            }
        }
        return exists;
    }

    private void remember(String artistId) {
        if (knownArtists.size() >= MAX_KNOWN_ARTISTS) {
            knownArtists.clear();
        }
        knownArtists.add(artistId);
    }

    @Override
    public Optional<String> artistByHandle(String handle) {
        return jdbc
                .queryForList(
                        "select artist_id from catalog_artist where handle = ?",
                        String.class,
                        handle)
                .stream()
                .findFirst();
    }

    @Override
    public Map<String, RecordState> lockRecords(Collection<String> recordIds) {
        if (recordIds.isEmpty()) {
            return Collections.emptyMap();
        }
        Map<String, RecordState> states = new HashMap<>();
        // Sorted ids and ORDER BY give every transaction the same lock order, so two remixes never
        // deadlock.
        named.query(
                "select record_id, creator_id, taken_down from catalog_record where record_id in (:ids) "
                        + "order by record_id "
                        + shareLock,
                Map.of("ids", new TreeSet<>(recordIds)),
                rs -> {
                    String id = rs.getString(1);
                    states.put(id, new RecordState(id, rs.getString(2), rs.getBoolean(3)));
                });
        return states;
    }

    @Override
    public void lockRecordExclusively(String recordId) {
        jdbc.queryForList(
                "select record_id from catalog_record where record_id = ? for update",
                String.class,
                recordId);
    }

    @Override
    public void lockLineage() {
        jdbc.queryForList(
                "select name from catalog_lock where name = 'lineage' for update", String.class);
    }

    @Override
    public boolean reaches(String recordId, String ancestorId) {
        // UNION (not UNION ALL) drops revisited records, so diamonds are walked once and the walk
        // ends.
        return Boolean.TRUE.equals(
                jdbc.queryForObject(
                        """
                with recursive up(id) as (
                    select cast(? as varchar(36))
                    union
                    select c.resource_id from catalog_citation c join up on c.record_id = up.id
                )
                select count(*) > 0 from up where id = ?""",
                        Boolean.class,
                        recordId,
                        ancestorId));
    }
}
