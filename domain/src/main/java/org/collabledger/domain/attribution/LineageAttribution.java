package org.collabledger.domain.attribution;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.collabledger.domain.attribution.LineageSource.RecordFacts;
import org.collabledger.domain.record.Citation;
import org.collabledger.domain.release.AttributionPolicy;
import org.collabledger.domain.release.Selection;
import org.collabledger.domain.shared.ErrorCode;
import org.collabledger.domain.shared.Fraction;
import org.collabledger.domain.shared.LargestRemainder;
import org.collabledger.domain.shared.Refusal;

/**
 * Policy {@code lineage-v1} ({@code attribution.md} §1): each selected record's mass flows down the
 * lineage, each creator keeping the retention share of what reaches their record and passing the rest
 * to its resources by weight; taken-down records are pruned; waived artists' credit is spread over the
 * others. Exact fractions throughout; the shares sum to exactly 1.
 */
public final class LineageAttribution {

    private LineageAttribution() {
    }

    /** What one record received and kept, and how it was reached. */
    public record RecordCredit(String recordId, String creatorId, Fraction mass, Fraction kept, int depth,
                               Selection selection, List<String> citedBy) {
    }

    /** One artist's exact credit before waiving, share after it, and shown percentage. */
    public record ArtistShare(String artistId, Fraction credit, Fraction share, String percent, int records) {
    }

    /**
     * The whole attribution: artists by share (then id), every record the mass reached (with zero credit
     * when it passed everything on), the waived credit, and the selected records pruned as taken down.
     */
    public record Result(List<ArtistShare> artists, Map<String, RecordCredit> records, Fraction waivedCredit,
                         List<String> prunedSelections) {

        /** The payable artists' exact shares, in id order. */
        public Map<String, Fraction> shares() {
            Map<String, Fraction> shares = new TreeMap<>();
            artists.forEach(a -> shares.put(a.artistId(), a.share()));
            return shares;
        }

        /** The largest denominator among the exact numbers computed, to watch for arithmetic blow-up. */
        public java.math.BigInteger largestDenominator() {
            java.math.BigInteger largest = java.math.BigInteger.ONE;
            for (RecordCredit credit : records.values()) {
                largest = largest.max(credit.mass().denominator()).max(credit.kept().denominator());
            }
            for (ArtistShare artist : artists) {
                largest = largest.max(artist.share().denominator());
            }
            return largest;
        }
    }

    /**
     * Attributes a selection under {@code policy}. Refuses a release with no selection, and one whose
     * selected records are all taken down or whose credited artists are all waived.
     */
    public static Result attribute(List<Selection> selection, AttributionPolicy policy, LineageSource lineage) {
        Refusal.require(!selection.isEmpty(), ErrorCode.NO_SELECTION, null, "the release has no selection");
        if (!AttributionPolicy.LINEAGE_V1.equals(policy.name())) {
            throw new IllegalStateException("unknown attribution policy " + policy.name());
        }
        Fraction retention = policy.retention();
        Fraction passed = Fraction.ONE.minus(retention);

        Map<String, RecordFacts> facts = new HashMap<>();
        List<Selection> live = new ArrayList<>();
        List<String> pruned = new ArrayList<>();
        Set<String> distinct = new HashSet<>();
        for (Selection selected : selection) {
            if (!distinct.add(selected.recordId())) {
                throw new IllegalArgumentException("record " + selected.recordId() + " is selected twice");
            }
            RecordFacts record = facts(selected.recordId(), lineage, facts);
            if (record.takenDown()) {
                pruned.add(selected.recordId());
            } else {
                live.add(selected);
            }
        }
        Refusal.require(!live.isEmpty(), ErrorCode.NO_PAYABLE_ARTISTS, null,
                "every selected record is taken down; the release has no payable artists");

        // The pruned sub-lineage: live records reachable from the selection through live resources.
        Map<String, List<Citation>> liveResources = new HashMap<>();
        Map<String, Integer> depth = new HashMap<>();
        Map<String, List<String>> citedBy = new HashMap<>();
        ArrayDeque<String> queue = new ArrayDeque<>();
        for (Selection selected : live) {
            depth.put(selected.recordId(), 0);
            queue.add(selected.recordId());
        }
        while (!queue.isEmpty()) {
            String id = queue.poll();
            List<Citation> resources = new ArrayList<>();
            for (Citation citation : facts(id, lineage, facts).resources()) {
                if (!facts(citation.resourceId(), lineage, facts).takenDown()) {
                    resources.add(citation);
                    citedBy.computeIfAbsent(citation.resourceId(), k -> new ArrayList<>()).add(id);
                    if (!depth.containsKey(citation.resourceId())) {
                        depth.put(citation.resourceId(), depth.get(id) + 1);
                        queue.add(citation.resourceId());
                    }
                }
            }
            liveResources.put(id, resources);
        }

        // Every record after every record that cites it (Kahn's order over the citing relation).
        Map<String, Integer> citers = new HashMap<>();
        liveResources.keySet().forEach(id -> citers.put(id, citedBy.getOrDefault(id, List.of()).size()));
        Map<String, Fraction> mass = new HashMap<>();
        long totalWeight = live.stream().mapToLong(Selection::weight).sum();
        for (Selection selected : live) {
            mass.put(selected.recordId(), Fraction.of(selected.weight(), totalWeight));
        }
        ArrayDeque<String> ready = new ArrayDeque<>();
        citers.entrySet().stream().filter(e -> e.getValue() == 0).map(Map.Entry::getKey).sorted().forEach(ready::add);
        Map<String, Fraction> kept = new HashMap<>();
        Map<String, Fraction> credit = new TreeMap<>();
        int visited = 0;
        while (!ready.isEmpty()) {
            String id = ready.poll();
            visited++;
            Fraction m = mass.getOrDefault(id, Fraction.ZERO);
            List<Citation> resources = liveResources.get(id);
            Fraction keeps = resources.isEmpty() ? m : retention.times(m);
            kept.put(id, keeps);
            credit.merge(facts.get(id).creatorId(), keeps, Fraction::plus);
            long totalCitation = resources.stream().mapToLong(Citation::weight).sum();
            // (1 − ρ)·m/C once per record; each resource then takes its weight's multiple of it.
            Fraction perWeight = resources.isEmpty() ? Fraction.ZERO
                    : passed.times(m).times(Fraction.of(1, totalCitation));
            for (Citation citation : resources) {
                Fraction flow = perWeight.times(citation.weight());
                mass.merge(citation.resourceId(), flow, Fraction::plus);
                if (citers.merge(citation.resourceId(), -1, Integer::sum) == 0) {
                    ready.add(citation.resourceId());
                }
            }
        }
        if (visited != liveResources.size()) {
            throw new IllegalStateException("the lineage under this release has a cycle");
        }

        Set<String> waived = new HashSet<>(policy.waivedArtistIds());
        Fraction waivedCredit = credit.entrySet().stream().filter(e -> waived.contains(e.getKey()))
                .map(Map.Entry::getValue).reduce(Fraction.ZERO, Fraction::plus);
        Fraction payable = Fraction.ONE.minus(waivedCredit);
        Refusal.require(!payable.equalsZero(), ErrorCode.NO_PAYABLE_ARTISTS, null,
                "every credited artist is waived; the release has no payable artists");
        Map<String, Fraction> shares = new LinkedHashMap<>();
        credit.forEach((artist, c) -> {
            if (!waived.contains(artist) && !c.equalsZero()) {
                shares.put(artist, c.dividedBy(payable));
            }
        });
        Map<String, String> percent = LargestRemainder.percentages(shares);
        Map<String, Integer> recordsPerArtist = new HashMap<>();
        kept.forEach((id, k) -> {
            if (!k.equalsZero()) {
                recordsPerArtist.merge(facts.get(id).creatorId(), 1, Integer::sum);
            }
        });
        List<ArtistShare> artists = new ArrayList<>();
        shares.forEach((artist, share) -> artists.add(new ArtistShare(artist, credit.get(artist), share,
                percent.get(artist), recordsPerArtist.getOrDefault(artist, 0))));
        artists.sort(Comparator.comparing(ArtistShare::share).reversed().thenComparing(ArtistShare::artistId));

        Map<String, Selection> selectedBy = new HashMap<>();
        live.forEach(s -> selectedBy.put(s.recordId(), s));
        Map<String, RecordCredit> records = new TreeMap<>();
        kept.forEach((id, k) -> records.put(id, new RecordCredit(id, facts.get(id).creatorId(),
                mass.getOrDefault(id, Fraction.ZERO), k, depth.get(id), selectedBy.get(id),
                citedBy.getOrDefault(id, List.of()).stream().sorted().toList())));
        return new Result(artists, records, waivedCredit, pruned);
    }

    private static RecordFacts facts(String id, LineageSource lineage, Map<String, RecordFacts> cache) {
        RecordFacts known = cache.get(id);
        if (known == null) {
            known = lineage.record(id).orElseThrow(() ->
                    new IllegalStateException("attribution meets record " + id + " that the lineage does not know"));
            cache.put(id, known);
        }
        return known;
    }
}
