package org.collabledger.api.web.lineage;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The current public handles of artists, for labelling pictures with names people recognise; a
 * forgotten artist's reads "erased" (the directory read model, unlike the write side's catalog,
 * keeps no handle of theirs).
 */
@Component
class ArtistHandles {

    private final NamedParameterJdbcTemplate jdbc;

    ArtistHandles(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Map<String, String> of(Collection<String> artistIds) {
        Map<String, String> handles = new HashMap<>();
        if (!artistIds.isEmpty()) {
            jdbc.query(
                    "select artist_id, case when erased then 'erased' else handle end "
                            + "from directory_artist where artist_id in (:ids)",
                    Map.of("ids", new TreeSet<>(artistIds)),
                    rs -> {
                        handles.put(rs.getString(1), rs.getString(2));
                    });
        }
        return handles;
    }
}
