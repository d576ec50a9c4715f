package org.collabledger.domain.attribution;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
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
 * lineage, each creator keeping the retention share of what reaches their record and passing the
 * rest to its resources by weight; taken-down records are pruned; waived artists' credit is spread
 * over the others. Exact fractions throughout; the shares sum to exactly 1.
 */
public final class LineageAttribution {

    /** Record id order, the order of every tie-break and listing. */
    private static final Comparator<Node> BY_RECORD_ID =
            (a, b) -> a.facts.recordId().compareTo(b.facts.recordId());

    private LineageAttribution() {}

    /**
     * What one record received and kept, and how it was reached. Its exact amounts are put in
     * lowest terms when first asked for: an attribution reaches thousands of records and most
     * answers show none of them.
     */
    public static final class RecordCredit {
        private final String recordId;
        private final String creatorId;
        private final int depth;
        private final Selection selection;
        private final List<String> citedBy;
        private Supplier<Fraction> massOf;
        private Supplier<Fraction> keptOf;
        private Fraction mass;
        private Fraction kept;

        public RecordCredit(
                String recordId,
                String creatorId,
                Fraction mass,
                Fraction kept,
                int depth,
                Selection selection,
                List<String> citedBy) {
            this(recordId, creatorId, () -> mass, () -> kept, depth, selection, citedBy);
        }

        RecordCredit(
                String recordId,
                String creatorId,
                Supplier<Fraction> mass,
                Supplier<Fraction> kept,
                int depth,
                Selection selection,
                List<String> citedBy) {
            this.recordId = recordId;
            this.creatorId = creatorId;
            this.massOf = mass;
            this.keptOf = kept;
            this.depth = depth;
            this.selection = selection;
            this.citedBy = citedBy;
        }

        public String recordId() {
            return recordId;
        }

        public String creatorId() {
            return creatorId;
        }

        /** What reached the record. */
        public synchronized Fraction mass() {
            if (mass == null) {
                mass = massOf.get();
                massOf = null;
            }
            return mass;
        }

        /** What its creator kept of it. */
        public synchronized Fraction kept() {
            if (kept == null) {
                kept = keptOf.get();
                keptOf = null;
            }
            return kept;
        }

        public int depth() {
            return depth;
        }

        /** The selection when the record was selected directly, else {@code null}. */
        public Selection selection() {
            return selection;
        }

        /** The records citing it that passed it mass, in id order. */
        public List<String> citedBy() {
            return citedBy;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof RecordCredit credit
                    && recordId.equals(credit.recordId)
                    && creatorId.equals(credit.creatorId)
                    && mass().equals(credit.mass())
                    && kept().equals(credit.kept())
                    && depth == credit.depth
                    && Objects.equals(selection, credit.selection)
                    && citedBy.equals(credit.citedBy);
        }

        @Override
        public int hashCode() {
            return Objects.hash(recordId, creatorId, depth);
        }

        @Override
        public String toString() {
            return "RecordCredit["
                    + recordId
                    + " by "
                    + creatorId
                    + ", mass "
                    + mass()
                    + ", kept "
                    + kept()
                    + ", depth "
                    + depth
                    + ", selection "
                    + selection
                    + ", cited by "
                    + citedBy
                    + "]";
        }
    }

    /** One artist's exact credit before waiving, share after it, and shown percentage. */
    public record ArtistShare(
            String artistId, Fraction credit, Fraction share, String percent, int records) {}

    /**
     * The whole attribution: artists by share (then id), every record the mass reached (with zero
     * credit when it passed everything on), the waived credit, and the selected records pruned as
     * taken down.
     */
    public record Result(
            List<ArtistShare> artists,
            Map<String, RecordCredit> records,
            Fraction waivedCredit,
            List<String> prunedSelections) {

        /** The payable artists' exact shares, in id order. */
        public Map<String, Fraction> shares() {
            Map<String, Fraction> shares = new TreeMap<>();
            artists.forEach(a -> shares.put(a.artistId(), a.share()));
            return shares;
        }

        /**
         * The largest denominator among the exact numbers computed, to watch for arithmetic
         * blow-up.
         */
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
     * Attributes a selection under {@code policy}. Refuses a release with no selection, and one
     * whose selected records are all taken down or whose credited artists are all waived.
     */
    public static Result attribute(
            List<Selection> selection, AttributionPolicy policy, LineageSource lineage) {
        Refusal.require(
                !selection.isEmpty(), ErrorCode.NO_SELECTION, null, "the release has no selection");
        if (!AttributionPolicy.LINEAGE_V1.equals(policy.name())) {
            throw new IllegalStateException("unknown attribution policy " + policy.name());
        }
        Fraction retention = policy.retention();
        // ρ = p/q kept, (q − p)/q passed on: the denominator q factored once for the whole
        // computation.
        Masses masses = new Masses();
        int[] retentionDenominator = masses.factor(retention.denominator());
        java.math.BigInteger passedNumerator =
                retention.denominator().subtract(retention.numerator());

        // One entry per record reached: a single lookup per step instead of one map per quantity.
        Map<String, Node> nodes = new HashMap<>();
        List<Selection> live = new ArrayList<>();
        List<String> pruned = new ArrayList<>();
        Set<String> distinct = new HashSet<>();
        for (Selection selected : selection) {
            if (!distinct.add(selected.recordId())) {
                throw new IllegalArgumentException(
                        "record " + selected.recordId() + " is selected twice");
            }
            if (node(selected.recordId(), lineage, nodes).facts.takenDown()) {
                pruned.add(selected.recordId());
            } else {
                live.add(selected);
            }
        }
        Refusal.require(
                !live.isEmpty(),
                ErrorCode.NO_PAYABLE_ARTISTS,
                null,
                "every selected record is taken down; the release has no payable artists");

        // The pruned sub-lineage: live records reachable from the selection through live resources.
        ArrayDeque<Node> queue = new ArrayDeque<>();
        long totalWeight = live.stream().mapToLong(Selection::weight).sum();
        for (Selection selected : live) {
            Node start = nodes.get(selected.recordId());
            start.depth = 0;
            start.selection = selected;
            start.mass = masses.of(selected.weight(), totalWeight);
            queue.add(start);
        }
        List<Node> reached = new ArrayList<>();
        while (!queue.isEmpty()) {
            Node node = queue.poll();
            reached.add(node);
            node.live = new ArrayList<>(node.facts.resources().size());
            for (Citation citation : node.facts.resources()) {
                Node resource = node(citation.resourceId(), lineage, nodes);
                if (resource.facts.takenDown()) {
                    continue;
                }
                node.live.add(citation);
                node.liveWeight += citation.weight();
                resource.citedBy.add(node.facts.recordId());
                resource.pendingCiters++;
                if (resource.depth < 0) {
                    resource.depth = node.depth + 1;
                    queue.add(resource);
                }
            }
        }

        // Every record after every record that cites it (Kahn's order over the citing relation).
        ArrayDeque<Node> ready = new ArrayDeque<>();
        reached.stream().filter(n -> n.pendingCiters == 0).sorted(BY_RECORD_ID).forEach(ready::add);
        // Unordered: shares are ordered and rounded later by value and id, never by arrival.
        Map<String, Masses.Mass> creditMass = new HashMap<>();
        // The denominator q·C of (1 − ρ)/C, per live citation weight C.
        Map<Long, int[]> passedDenominators = new HashMap<>();
        int visited = 0;
        while (!ready.isEmpty()) {
            Node node = ready.poll();
            visited++;
            Masses.Mass m = node.mass;
            node.kept =
                    node.live.isEmpty()
                            ? m
                            : masses.times(m, retention.numerator(), retentionDenominator);
            creditMass.merge(node.facts.creatorId(), node.kept, masses::plus);
            // (1 − ρ)·m/C once per record; each resource then takes its weight's multiple of it.
            Masses.Mass perWeight =
                    node.live.isEmpty()
                            ? Masses.ZERO
                            : masses.times(
                                    m,
                                    passedNumerator,
                                    passedDenominators.computeIfAbsent(
                                            node.liveWeight,
                                            c ->
                                                    Masses.product(
                                                            retentionDenominator,
                                                            masses.factor(BigInteger.valueOf(c)))));
            for (Citation citation : node.live) {
                Node resource = nodes.get(citation.resourceId());
                resource.mass =
                        masses.plus(resource.mass, masses.times(perWeight, citation.weight()));
                if (--resource.pendingCiters == 0) {
                    ready.add(resource);
                }
            }
        }
        if (visited != reached.size()) {
            throw new IllegalStateException("the lineage under this release has a cycle");
        }

        // All credits over one denominator D: shares are then N/(D − waived), compared and rounded
        // as integers.
        int[] common = masses.commonDenominator(creditMass.values());
        BigInteger whole = masses.value(common);
        Set<String> waived = new HashSet<>(policy.waivedArtistIds());
        Map<String, BigInteger> credit = new LinkedHashMap<>();
        BigInteger waivedNumerator = BigInteger.ZERO;
        for (Map.Entry<String, Masses.Mass> entry : creditMass.entrySet()) {
            BigInteger numerator = masses.numeratorOver(entry.getValue(), common);
            credit.put(entry.getKey(), numerator);
            if (waived.contains(entry.getKey())) {
                waivedNumerator = waivedNumerator.add(numerator);
            }
        }
        BigInteger payable = whole.subtract(waivedNumerator);
        Refusal.require(
                payable.signum() != 0,
                ErrorCode.NO_PAYABLE_ARTISTS,
                null,
                "every credited artist is waived; the release has no payable artists");
        Map<String, BigInteger> shares = new LinkedHashMap<>();
        credit.forEach(
                (artist, c) -> {
                    if (!waived.contains(artist) && c.signum() != 0) {
                        shares.put(artist, c);
                    }
                });
        Map<String, String> percent = LargestRemainder.percentages(shares, payable);
        Map<String, Integer> recordsPerArtist = new HashMap<>();
        // In record id order, as a map built once from the sorted nodes rather than by tree
        // inserts.
        reached.sort(BY_RECORD_ID);
        Map<String, RecordCredit> records = new LinkedHashMap<>(reached.size() * 2);
        for (Node node : reached) {
            if (!node.kept.isZero()) {
                recordsPerArtist.merge(node.facts.creatorId(), 1, Integer::sum);
            }
            Masses.Mass mass = node.mass;
            Masses.Mass kept = node.kept;
            records.put(
                    node.facts.recordId(),
                    new RecordCredit(
                            node.facts.recordId(),
                            node.facts.creatorId(),
                            () -> masses.toFraction(mass),
                            () -> masses.toFraction(kept),
                            node.depth,
                            node.selection,
                            sorted(node.citedBy)));
        }
        List<Map.Entry<String, BigInteger>> byShare = new ArrayList<>(shares.entrySet());
        byShare.sort(
                Map.Entry.<String, BigInteger>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()));
        List<ArtistShare> artists = new ArrayList<>();
        for (Map.Entry<String, BigInteger> share : byShare) {
            String artist = share.getKey();
            Fraction credited = new Fraction(share.getValue(), whole);
            // With nobody waived the share is the credit itself: one reduction instead of two.
            Fraction payableShare =
                    payable.equals(whole) ? credited : new Fraction(share.getValue(), payable);
            artists.add(
                    new ArtistShare(
                            artist,
                            credited,
                            payableShare,
                            percent.get(artist),
                            recordsPerArtist.getOrDefault(artist, 0)));
        }
        return new Result(artists, records, new Fraction(waivedNumerator, whole), pruned);
    }

    private static List<String> sorted(List<String> ids) {
        if (ids.size() < 2) {
            return List.copyOf(ids);
        }
        String[] copy = ids.toArray(String[]::new);
        java.util.Arrays.sort(copy);
        return List.of(copy);
    }

    /** What the computation knows and accumulates about one record. */
    private static final class Node {
        final RecordFacts facts;
        final List<String> citedBy = new ArrayList<>(2);
        List<Citation> live;
        long liveWeight;
        int pendingCiters;
        int depth = -1;
        Selection selection;
        Masses.Mass mass = Masses.ZERO;
        Masses.Mass kept;

        Node(RecordFacts facts) {
            this.facts = facts;
        }
    }

    private static Node node(String id, LineageSource lineage, Map<String, Node> nodes) {
        Node known = nodes.get(id);
        if (known == null) {
            known =
                    new Node(
                            lineage.record(id)
                                    .orElseThrow(
                                            () ->
                                                    new IllegalStateException(
                                                            "attribution meets record "
                                                                    + id
                                                                    + " that the lineage does not know")));
            nodes.put(id, known);
        }
        return known;
    }
}
