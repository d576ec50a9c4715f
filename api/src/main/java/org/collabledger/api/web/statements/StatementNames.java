package org.collabledger.api.web.statements;

import java.util.Optional;
import org.collabledger.api.history.FoldedViews;
import org.collabledger.projections.release.ReleaseQueries;
import org.collabledger.projections.release.ReleaseQueries.ReleaseState;
import org.springframework.stereotype.Component;

/**
 * The names a statement shows beside its ids: the one place statements look names up, so that a
 * ledger-wide lookup can take its place.
 */
@Component
class StatementNames {

    private final FoldedViews views;
    private final ReleaseQueries releases;

    StatementNames(FoldedViews views, ReleaseQueries releases) {
        this.views = views;
        this.releases = releases;
    }

    /**
     * An artist's public names: null for an artist never registered, and none but {@code erased}
     * for a forgotten one.
     */
    record ArtistName(String handle, String displayName, boolean erased) {}

    /**
     * The artist's names as they stand now, not as of the statement's position: a forgotten artist
     * reads as erased in every statement, old ones included.
     */
    ArtistName artist(String artistId) {
        FoldedViews.ArtistProfile profile = views.artist(artistId, Long.MAX_VALUE);
        if (profile.forgotten()) {
            return new ArtistName(null, null, true);
        }
        return new ArtistName(profile.handle(), profile.displayName(), false);
    }

    /**
     * The title of a release that a money line names; the release was opened before any money moved
     * for it, so one missing at {@code asOf} is a read model out of step.
     */
    String releaseTitle(String releaseId, long asOf) {
        Optional<ReleaseState> release = releases.release(releaseId, asOf);
        return release.map(ReleaseState::title)
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "a money line names release "
                                                + releaseId
                                                + ", unknown to the release read model at position "
                                                + asOf));
    }
}
