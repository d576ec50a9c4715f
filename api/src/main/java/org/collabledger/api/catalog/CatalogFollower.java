package org.collabledger.api.catalog;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * With the events in KurrentDB, brings the catalog up to the log. The append cannot wait for the
 * database commit, and a commit that fails after it (or a process that dies in between) leaves
 * events the catalog lacks. This tracking processor reads the log in order and hands each event the
 * catalog takes to the {@link CatalogUpdater}, which skips it when the command's transaction noted
 * it (waiting while that transaction is still open) and writes its rows otherwise; the note is then
 * dropped. Its token is the position up to which the catalog holds every event. Not replayed: a
 * replay would write the rows of every event again.
 */
@ProcessingGroup(CatalogFollower.PROCESSING_GROUP)
@DisallowReplay
public class CatalogFollower {

    /** The tracking processor that runs the follower. */
    public static final String PROCESSING_GROUP = "catalog-follower";

    private final AnnotationEventHandlerAdapter catalog;
    private final JdbcTemplate jdbc;

    public CatalogFollower(CatalogUpdater updater, JdbcTemplate jdbc) {
        this.catalog = new AnnotationEventHandlerAdapter(updater);
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> event) throws Exception {
        if (catalog.canHandle(event)) {
            catalog.handle(event);
            jdbc.update("delete from catalog_event where event_id = ?", event.getIdentifier());
        }
    }
}
