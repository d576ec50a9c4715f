package org.collabledger.projections.attribution;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.collabledger.domain.attribution.LineageAttribution;
import org.collabledger.domain.attribution.LineageAttribution.RecordCredit;
import org.collabledger.domain.attribution.LineageAttribution.Result;
import org.collabledger.domain.attribution.LineageSource;
import org.collabledger.domain.record.Citation;
import org.collabledger.domain.release.AttributionPolicy;
import org.collabledger.domain.release.Selection;
import org.collabledger.projections.directory.DirectoryQueries;
import org.collabledger.projections.directory.DirectoryQueries.ArtistName;
import org.collabledger.projections.lineage.LineageGraph;
import org.collabledger.projections.release.ReleaseQueries;
import org.collabledger.projections.release.ReleaseQueries.ReleaseState;
import org.collabledger.projections.release.ReleaseQueries.SelectedRecord;

/**
 * Who contributed to a release and with what share, at a ledger position, computed by the policy
 * recorded on the release. Citations count as they stood when the release was published (a
 * curator's later correction affects only unpublished releases); takedowns count as of the position
 * asked.
 */
public class AttributionQueries {

    /**
     * Paths listed per credited record in a manifest; a diamond-rich lineage can have very many.
     */
    public static final int PATHS_PER_RECORD = 5;

    private final LineageGraph graph;
    private final ReleaseQueries releases;
    private final DirectoryQueries directory;

    public AttributionQueries(
            LineageGraph graph, ReleaseQueries releases, DirectoryQueries directory) {
        this.graph = graph;
        this.releases = releases;
        this.directory = directory;
    }

    /**
     * One credited artist: exact share, percentage with four decimals, records that earned credit.
     */
    public record ArtistLine(
            String artistId, String share, String percent, int records, ArtistName artist) {}

    /** The attribution of a release; {@code preview} when it was not published at {@code asOf}. */
    public record AttributionView(
            String releaseId,
            long asOf,
            boolean preview,
            Long publishedAt,
            long lineageAsOf,
            String policy,
            String retention,
            List<String> waivedArtistIds,
            List<ArtistLine> artists,
            List<String> prunedSelections,
            String title,
            List<ArtistName> waivedArtists) {}

    /**
     * How one record earned credit: selected directly, or as a resource at a depth along these
     * paths.
     */
    public record ManifestRecord(
            String recordId,
            String title,
            String credit,
            String mass,
            String how,
            Integer weight,
            String role,
            int depth,
            List<List<String>> paths,
            boolean morePaths,
            List<String> eventIds) {}

    /** One artist of the manifest with the records that earned their credit. */
    public record ManifestArtist(
            String artistId,
            String share,
            String percent,
            List<ManifestRecord> records,
            ArtistName artist) {}

    /** The contributor manifest of a release, for auditors. */
    public record Manifest(
            String releaseId,
            String title,
            long asOf,
            boolean preview,
            Long publishedAt,
            long lineageAsOf,
            String policy,
            String retention,
            List<String> waivedArtistIds,
            String waivedCredit,
            String openedEvent,
            String publishedEvent,
            List<ManifestArtist> artists,
            List<ArtistName> waivedArtists) {}

    /**
     * What an allocation is decided on: the exact shares and every record whose credit they count.
     */
    public record AllocationBasis(
            Map<String, String> shares, List<String> recordIds, long position) {}

    /**
     * The basis for allocating the release as of {@code asOf}, if the release had been opened by
     * then.
     */
    public Optional<AllocationBasis> basis(String releaseId, long asOf) {
        return compute(releaseId, asOf)
                .map(
                        c -> {
                            Map<String, String> shares = new java.util.LinkedHashMap<>();
                            c.result()
                                    .artists()
                                    .forEach(a -> shares.put(a.artistId(), a.share().toString()));
                            return new AllocationBasis(
                                    shares, List.copyOf(c.result().records().keySet()), asOf);
                        });
    }

    /** The attribution as of {@code asOf}, if the release had been opened by then. */
    public Optional<AttributionView> attribution(String releaseId, long asOf) {
        return compute(releaseId, asOf)
                .map(
                        c -> {
                            Map<String, ArtistName> names = names(c);
                            return new AttributionView(
                                    releaseId,
                                    asOf,
                                    !c.release().published(),
                                    c.release().publishedAt(),
                                    c.lineageAsOf(),
                                    c.release().policy(),
                                    c.release().retention(),
                                    c.release().waivedArtistIds(),
                                    c.result().artists().stream()
                                            .map(
                                                    a ->
                                                            new ArtistLine(
                                                                    a.artistId(),
                                                                    a.share().toString(),
                                                                    a.percent(),
                                                                    a.records(),
                                                                    names.get(a.artistId())))
                                            .toList(),
                                    c.result().prunedSelections(),
                                    c.release().title(),
                                    waived(c, names));
                        });
    }

    /** The names of every artist the computed attribution credits or waives. */
    private Map<String, ArtistName> names(Computed computed) {
        List<String> ids = new ArrayList<>(computed.release().waivedArtistIds());
        computed.result().artists().forEach(a -> ids.add(a.artistId()));
        return directory.names(ids);
    }

    private static List<ArtistName> waived(Computed computed, Map<String, ArtistName> names) {
        return computed.release().waivedArtistIds().stream().map(names::get).toList();
    }

    /** The contributor manifest as of {@code asOf}, if the release had been opened by then. */
    public Optional<Manifest> manifest(String releaseId, long asOf) {
        return compute(releaseId, asOf)
                .map(
                        c -> {
                            Map<String, ArtistName> names = names(c);
                            return graph.read(() -> manifest(c, asOf, names));
                        });
    }

    private record Computed(ReleaseState release, long lineageAsOf, Result result) {}

    /**
     * Attributes {@code selection} under {@code policy} over the lineage with citations as of
     * {@code citationsAsOf} and takedowns as of {@code takedownsAsOf}.
     */
    public Result attribute(
            List<Selection> selection,
            AttributionPolicy policy,
            long citationsAsOf,
            long takedownsAsOf) {
        return graph.read(
                () ->
                        LineageAttribution.attribute(
                                selection, policy, source(citationsAsOf, takedownsAsOf)));
    }

    private Optional<Computed> compute(String releaseId, long asOf) {
        return releases.release(releaseId, asOf)
                .map(
                        release -> {
                            long lineageAsOf = release.published() ? release.publishedAt() : asOf;
                            List<Selection> selection =
                                    release.selection().stream()
                                            .map(SelectedRecord::selection)
                                            .toList();
                            Result result =
                                    attribute(
                                            selection,
                                            release.attributionPolicy(),
                                            lineageAsOf,
                                            asOf);
                            return new Computed(release, lineageAsOf, result);
                        });
    }

    /**
     * The lineage with citations as of {@code citationsAsOf} and takedowns as of {@code
     * takedownsAsOf}.
     */
    private LineageSource source(long citationsAsOf, long takedownsAsOf) {
        // The nodes of the ids this source handed out as resources: attribution asks for each of
        // them next,
        // and a map hit costs less than parsing the id and finding its node again.
        Map<String, Integer> handedOut = new HashMap<>();
        return recordId -> {
            Integer known = handedOut.get(recordId);
            int node = known != null ? known : graph.node(UUID.fromString(recordId), citationsAsOf);
            if (node < 0) {
                return Optional.empty();
            }
            List<Citation> resources = new ArrayList<>();
            for (int i = 0; i < graph.resourceEdgeCount(node); i++) {
                int edge = graph.resourceEdge(node, i);
                if (graph.edgeActive(edge, citationsAsOf)) {
                    int resource = graph.edgeResource(edge);
                    String resourceId = graph.id(resource).toString();
                    handedOut.put(resourceId, resource);
                    resources.add(new Citation(resourceId, graph.edgeWeight(edge)));
                }
            }
            return Optional.of(
                    new LineageSource.RecordFacts(
                            recordId,
                            graph.creatorId(node),
                            graph.takenDown(node, takedownsAsOf),
                            resources));
        };
    }

    private Manifest manifest(Computed computed, long asOf, Map<String, ArtistName> names) {
        ReleaseState release = computed.release();
        Result result = computed.result();
        Map<String, RecordCredit> records = result.records();
        List<ManifestArtist> artists = new ArrayList<>();
        for (var artist : result.artists()) {
            List<ManifestRecord> lines = new ArrayList<>();
            records.values().stream()
                    .filter(r -> r.creatorId().equals(artist.artistId()) && !r.kept().equalsZero())
                    .sorted(
                            java.util.Comparator.comparing(RecordCredit::kept)
                                    .reversed()
                                    .thenComparing(RecordCredit::recordId))
                    .forEach(r -> lines.add(line(r, records, release, computed.lineageAsOf())));
            artists.add(
                    new ManifestArtist(
                            artist.artistId(),
                            artist.share().toString(),
                            artist.percent(),
                            lines,
                            names.get(artist.artistId())));
        }
        return new Manifest(
                release.releaseId(),
                release.title(),
                asOf,
                !release.published(),
                release.publishedAt(),
                computed.lineageAsOf(),
                release.policy(),
                release.retention(),
                release.waivedArtistIds(),
                result.waivedCredit().toString(),
                release.openedEvent(),
                release.publishedEvent(),
                artists,
                waived(computed, names));
    }

    private ManifestRecord line(
            RecordCredit credit,
            Map<String, RecordCredit> records,
            ReleaseState release,
            long lineageAsOf) {
        int node = graph.node(UUID.fromString(credit.recordId()), lineageAsOf);
        Set<String> events = new LinkedHashSet<>();
        events.add(graph.createdBy(node).toString());
        List<List<String>> paths = new ArrayList<>();
        boolean more =
                collectPaths(
                        credit.recordId(),
                        records,
                        new ArrayList<>(List.of(credit.recordId())),
                        paths);
        for (List<String> path : paths) {
            selectionEvent(release, path.get(0)).ifPresent(events::add);
            for (int i = 0; i + 1 < path.size(); i++) {
                events.add(citationEvent(path.get(i), path.get(i + 1), lineageAsOf));
            }
        }
        Selection selected = credit.selection();
        return new ManifestRecord(
                credit.recordId(),
                graph.title(node),
                credit.kept().toString(),
                credit.mass().toString(),
                selected != null ? "selected" : "resource",
                selected == null ? null : selected.weight(),
                selected == null ? null : selected.role(),
                credit.depth(),
                paths,
                more,
                List.copyOf(events));
    }

    /**
     * Paths from a selected record down to {@code path}'s first element, listed top-down, at most
     * {@link #PATHS_PER_RECORD}; returns true when more exist than were listed.
     */
    private static boolean collectPaths(
            String recordId,
            Map<String, RecordCredit> records,
            List<String> upward,
            List<List<String>> found) {
        RecordCredit credit = records.get(recordId);
        if (credit.selection() != null) {
            if (found.size() == PATHS_PER_RECORD) {
                return true;
            }
            List<String> path = new ArrayList<>(upward);
            java.util.Collections.reverse(path);
            found.add(path);
        }
        for (String citer : credit.citedBy()) {
            upward.add(citer);
            boolean more = collectPaths(citer, records, upward, found);
            upward.remove(upward.size() - 1);
            if (more) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> selectionEvent(ReleaseState release, String recordId) {
        return release.selection().stream()
                .filter(s -> s.selection().recordId().equals(recordId))
                .map(SelectedRecord::selectedEvent)
                .findFirst();
    }

    private String citationEvent(String remixId, String resourceId, long lineageAsOf) {
        int remix = graph.node(UUID.fromString(remixId), lineageAsOf);
        int resource = graph.node(UUID.fromString(resourceId), lineageAsOf);
        for (int i = 0; i < graph.resourceEdgeCount(remix); i++) {
            int edge = graph.resourceEdge(remix, i);
            if (graph.edgeResource(edge) == resource && graph.edgeActive(edge, lineageAsOf)) {
                return graph.edgeEvent(edge).toString();
            }
        }
        throw new IllegalStateException(
                "no citation of " + resourceId + " by " + remixId + " at " + lineageAsOf);
    }
}
