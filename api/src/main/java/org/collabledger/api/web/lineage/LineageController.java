package org.collabledger.api.web.lineage;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.collabledger.api.projections.Projections;
import org.collabledger.api.web.NotFound;
import org.collabledger.api.web.ReadsFrom;
import org.collabledger.domain.shared.ErrorCode;
import org.collabledger.domain.shared.Refusal;
import org.collabledger.domain.shared.Text;
import org.collabledger.projections.directory.DirectoryProjection;
import org.collabledger.projections.directory.DirectoryQueries;
import org.collabledger.projections.directory.DirectoryQueries.ArtistName;
import org.collabledger.projections.lineage.LineageProjection;
import org.collabledger.projections.lineage.LineageQueries;
import org.collabledger.projections.lineage.LineageQueries.Direction;
import org.collabledger.projections.lineage.LineageQueries.Family;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Remix lineage: a record with its direct resources and remixes, its ancestors and descendants,
 * paths to an ancestor, its original roots and its family tree, as JSON and as a picture. Every
 * query takes {@code asOf}, a global ledger position; without it the answer is as of everything
 * processed so far.
 */
@ReadsFrom({LineageProjection.PROCESSING_GROUP, DirectoryProjection.PROCESSING_GROUP})
@RestController
@Tag(name = "records")
@RequestMapping("/api/records/{recordId}")
public class LineageController {

    /**
     * Records in one answer unless the caller asks for more (up to {@link
     * LineageQueries#MAX_LIMIT}).
     */
    static final int DEFAULT_LIMIT = 10_000;

    /** The most records a picture shows before it asks for a depth. */
    static final int MAX_PICTURE = 400;

    private final LineageQueries lineage;
    private final Projections projections;
    private final ArtistHandles handles;
    private final DirectoryQueries directory;

    LineageController(
            LineageQueries lineage,
            Projections projections,
            ArtistHandles handles,
            DirectoryQueries directory) {
        this.lineage = lineage;
        this.projections = projections;
        this.handles = handles;
        this.directory = directory;
    }

    /** A record with its resources and remixes, and the names of its creator. */
    public record RecordAnswer(
            @JsonUnwrapped LineageQueries.RecordView view, List<ArtistName> creators) {}

    /** A walk through the lineage, and the names of every creator of a record it reached. */
    public record LineageAnswer(
            @JsonUnwrapped LineageQueries.Lineage lineage, List<ArtistName> creators) {}

    /** A family tree, and the names of every creator of a record in it. */
    public record FamilyAnswer(@JsonUnwrapped Family family, List<ArtistName> creators) {}

    @GetMapping
    @Operation(summary = "Read a record with its direct resources and remixes")
    public RecordAnswer record(
            @PathVariable String recordId, @RequestParam(required = false) Long asOf) {
        long at = asOf(asOf);
        LineageQueries.RecordView view =
                lineage.record(id(recordId), at).orElseThrow(() -> missing(recordId, asOf));
        return new RecordAnswer(view, creators(List.of(view.record())));
    }

    @GetMapping("/lineage")
    @Operation(summary = "Walk a record's ancestors or descendants")
    public LineageAnswer lineage(
            @PathVariable String recordId,
            @RequestParam(defaultValue = "ancestors") String direction,
            @RequestParam(required = false) Integer depth,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Long asOf) {
        Direction way =
                switch (direction.toLowerCase(java.util.Locale.ROOT)) {
                    case "ancestors" -> Direction.ANCESTORS;
                    case "descendants" -> Direction.DESCENDANTS;
                    default ->
                            throw new Refusal(
                                    ErrorCode.INVALID_INPUT,
                                    "direction",
                                    "direction must be ancestors or descendants");
                };
        long at = asOf(asOf);
        LineageQueries.Lineage walk =
                lineage.walk(id(recordId), way, depth(depth), limit(limit), at)
                        .orElseThrow(() -> missing(recordId, asOf));
        return new LineageAnswer(walk, creators(walk.nodes()));
    }

    @GetMapping("/family")
    @Operation(summary = "Read a record's family tree")
    public FamilyAnswer family(
            @PathVariable String recordId,
            @RequestParam(required = false) Integer depth,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Long asOf) {
        long at = asOf(asOf);
        Family family =
                lineage.family(id(recordId), depth(depth), limit(limit), at)
                        .orElseThrow(() -> missing(recordId, asOf));
        return new FamilyAnswer(
                family,
                creators(family.nodes().stream().map(LineageQueries.FamilyNode::node).toList()));
    }

    @GetMapping(value = "/family.svg", produces = "image/svg+xml")
    @Operation(summary = "Draw a record's family tree as SVG")
    public ResponseEntity<String> familyPicture(
            @PathVariable String recordId,
            @RequestParam(required = false) Integer depth,
            @RequestParam(required = false) Long asOf) {
        long at = asOf(asOf);
        UUID id = id(recordId);
        Family family;
        try {
            family =
                    lineage.family(id, depth(depth), MAX_PICTURE, at)
                            .orElseThrow(() -> missing(recordId, asOf));
        } catch (org.collabledger.projections.lineage.LineageTooLarge tooLarge) {
            throw new Refusal(
                    ErrorCode.INVALID_INPUT,
                    "depth",
                    "this family has more than "
                            + MAX_PICTURE
                            + " records, too many to draw readably; ask for /family.svg?depth=2 (or another depth)");
        }
        return ResponseEntity.ok()
                .contentType(MediaType.valueOf("image/svg+xml"))
                .body(
                        FamilyPicture.draw(
                                family,
                                handles.of(
                                        family.nodes().stream()
                                                .map(n -> n.node().creatorId())
                                                .toList())));
    }

    @GetMapping("/paths")
    @Operation(summary = "List the citation paths from a record to an ancestor")
    public LineageQueries.Paths paths(
            @PathVariable String recordId,
            @RequestParam String to,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Long asOf) {
        long at = asOf(asOf);
        UUID ancestor = UUID.fromString(Text.id(to, "to"));
        int maxPaths = limit == null ? 1000 : limit;
        Refusal.require(
                maxPaths >= 1 && maxPaths <= 100_000,
                ErrorCode.INVALID_INPUT,
                "limit",
                "limit must lie in [1, 100000]");
        return lineage.paths(id(recordId), ancestor, maxPaths, at)
                .orElseThrow(() -> missing(recordId + " or " + to, asOf));
    }

    /** A record's original roots: the ancestors that cite nothing, as of {@code asOf}. */
    public record Roots(
            String recordId,
            long asOf,
            List<LineageQueries.Node> roots,
            List<ArtistName> creators) {}

    @GetMapping("/roots")
    @Operation(summary = "List a record's original roots")
    public Roots roots(@PathVariable String recordId, @RequestParam(required = false) Long asOf) {
        long at = asOf(asOf);
        List<LineageQueries.Node> roots =
                lineage.roots(id(recordId), at).orElseThrow(() -> missing(recordId, asOf));
        return new Roots(recordId, at, roots, creators(roots));
    }

    /** The names of the creators of {@code nodes}, each once, in the order of their ids. */
    private List<ArtistName> creators(Collection<LineageQueries.Node> nodes) {
        return directory.namesById(nodes.stream().map(LineageQueries.Node::creatorId).toList());
    }

    private long asOf(Long asked) {
        return projections.asOf(asked, LineageProjection.PROCESSING_GROUP);
    }

    private static UUID id(String recordId) {
        return UUID.fromString(Text.id(recordId, "recordId"));
    }

    private static int depth(Integer depth) {
        Refusal.require(
                depth == null || depth >= 0,
                ErrorCode.INVALID_INPUT,
                "depth",
                "depth must not be negative");
        return depth == null ? Integer.MAX_VALUE : depth;
    }

    private static int limit(Integer limit) {
        Refusal.require(
                limit == null || (limit >= 1 && limit <= LineageQueries.MAX_LIMIT),
                ErrorCode.INVALID_INPUT,
                "limit",
                "limit must lie in [1, " + LineageQueries.MAX_LIMIT + "]");
        return limit == null ? DEFAULT_LIMIT : limit;
    }

    private static NotFound missing(String recordId, Long asOf) {
        return new NotFound(
                "no record " + recordId + (asOf == null ? "" : " as of position " + asOf));
    }
}
