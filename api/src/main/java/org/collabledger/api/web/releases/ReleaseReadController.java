package org.collabledger.api.web.releases;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.collabledger.api.projections.Projections;
import org.collabledger.api.web.CsvAnswer;
import org.collabledger.api.web.NotFound;
import org.collabledger.api.web.ReadsFrom;
import org.collabledger.domain.shared.Text;
import org.collabledger.projections.attribution.AttributionQueries;
import org.collabledger.projections.attribution.AttributionQueries.AttributionView;
import org.collabledger.projections.attribution.AttributionQueries.Manifest;
import org.collabledger.projections.directory.DirectoryProjection;
import org.collabledger.projections.lineage.LineageProjection;
import org.collabledger.projections.release.ReleaseProjection;
import org.collabledger.projections.release.ReleaseQueries;
import org.collabledger.projections.release.ReleaseQueries.ReleaseState;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A release, its attribution and its contributor manifest (JSON and CSV), at any past position with
 * {@code asOf}. An unpublished release answers with a preview, marked as such.
 */
@ReadsFrom({
    ReleaseProjection.PROCESSING_GROUP,
    LineageProjection.PROCESSING_GROUP,
    DirectoryProjection.PROCESSING_GROUP
})
@RestController
@Tag(name = "releases")
@RequestMapping("/api/releases/{releaseId}")
public class ReleaseReadController {

    private final ReleaseQueries releases;
    private final AttributionQueries attribution;
    private final Projections projections;

    public ReleaseReadController(
            ReleaseQueries releases, AttributionQueries attribution, Projections projections) {
        this.releases = releases;
        this.attribution = attribution;
        this.projections = projections;
    }

    @GetMapping
    @Operation(summary = "Read a release: its selections and state")
    public ReleaseState release(
            @PathVariable String releaseId, @RequestParam(required = false) Long asOf) {
        long at = asOf(asOf);
        return releases.release(Text.id(releaseId, "releaseId"), at)
                .orElseThrow(() -> missing(releaseId, asOf));
    }

    @GetMapping("/attribution")
    @Operation(summary = "Read a release's attribution: each artist's exact share")
    public AttributionView attribution(
            @PathVariable String releaseId, @RequestParam(required = false) Long asOf) {
        long at = asOf(asOf);
        return attribution
                .attribution(Text.id(releaseId, "releaseId"), at)
                .orElseThrow(() -> missing(releaseId, asOf));
    }

    @GetMapping("/manifest")
    @Operation(summary = "Read a release's contributor manifest")
    public Manifest manifest(
            @PathVariable String releaseId, @RequestParam(required = false) Long asOf) {
        long at = asOf(asOf);
        return attribution
                .manifest(Text.id(releaseId, "releaseId"), at)
                .orElseThrow(() -> missing(releaseId, asOf));
    }

    @GetMapping(value = "/manifest.csv", produces = "text/csv")
    @Operation(summary = "Download a release's contributor manifest as CSV")
    public ResponseEntity<String> manifestCsv(
            @PathVariable String releaseId, @RequestParam(required = false) Long asOf) {
        Manifest manifest = manifest(releaseId, asOf);
        List<List<Object>> rows = new ArrayList<>();
        for (var artist : manifest.artists()) {
            for (var record : artist.records()) {
                rows.add(
                        Arrays.asList(
                                artist.artistId(),
                                CsvAnswer.fraction(artist.share()),
                                artist.percent(),
                                record.recordId(),
                                CsvAnswer.text(record.title()),
                                CsvAnswer.fraction(record.credit()),
                                record.how(),
                                record.weight(),
                                CsvAnswer.text(record.role()),
                                record.depth(),
                                record.paths().stream()
                                        .map(p -> String.join(">", p))
                                        .collect(Collectors.joining(" | ")),
                                String.join(" ", record.eventIds()),
                                CsvAnswer.text(artist.artist().handle()),
                                CsvAnswer.text(artist.artist().displayName()),
                                artist.artist().status().name()));
            }
        }
        return CsvAnswer.attachment(
                "manifest-" + releaseId + ".csv",
                List.of(
                        "artist_id",
                        "artist_share",
                        "artist_percent",
                        "record_id",
                        "record_title",
                        "record_credit",
                        "how",
                        "weight",
                        "role",
                        "depth",
                        "paths",
                        "event_ids",
                        "artist_handle",
                        "artist_display_name",
                        "artist_status"),
                rows);
    }

    private long asOf(Long asked) {
        return projections.asOf(
                asked, LineageProjection.PROCESSING_GROUP, ReleaseProjection.PROCESSING_GROUP);
    }

    private static NotFound missing(String releaseId, Long asOf) {
        return new NotFound(
                "no release " + releaseId + (asOf == null ? "" : " as of position " + asOf));
    }
}
