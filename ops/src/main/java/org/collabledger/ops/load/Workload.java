package org.collabledger.ops.load;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.collabledger.api.projections.CurrentAttribution;
import org.collabledger.domain.allocation.AllocationCommand.FinalizeAllocation;
import org.collabledger.domain.artist.ArtistCommand.RegisterArtist;
import org.collabledger.domain.record.Citation;
import org.collabledger.domain.record.MediaType;
import org.collabledger.domain.record.RecordCommand.UploadRecord;
import org.collabledger.domain.release.Entry;
import org.collabledger.domain.release.FundingModel;
import org.collabledger.domain.release.ReleaseCommand.OpenRelease;
import org.collabledger.domain.release.ReleaseCommand.ProposeAllocation;
import org.collabledger.domain.release.ReleaseCommand.PublishRelease;
import org.collabledger.domain.release.ReleaseCommand.RecordEntry;
import org.collabledger.domain.release.ReleaseCommand.SelectContribution;
import org.collabledger.domain.release.ReleaseKind;
import org.collabledger.domain.treasury.Treasury;
import org.collabledger.domain.treasury.TreasuryCommand.RunPayout;
import org.collabledger.projections.attribution.AttributionQueries.AllocationBasis;

/**
 * The ledger's everyday mix, shared by all client threads: registrations, uploads, remixes citing
 * Zipf-popular records (the k-th oldest chosen with probability about 1/k), selections into open
 * releases, publications, revenue, allocations proposed on a published release's current
 * attribution and finalized, and payout runs. Each step is one command, given both as the command
 * (for the command bus) and as the HTTP request that sends it. Known ids are recorded only once
 * acknowledged.
 */
final class Workload {

    /**
     * One command two ways: the object for the bus, made when the step is sent (a proposal reads
     * the attribution of that moment), and the path and JSON body for HTTP. {@code acknowledged}
     * takes the id the ledger gave what the step created: {@code id} on the bus, the ledger's
     * choice over HTTP.
     */
    record Step(
            String kind,
            String id,
            Supplier<Object> command,
            String path,
            String body,
            Consumer<String> acknowledged) {}

    private final CurrentAttribution attribution;

    private final List<String> artists = new ArrayList<>();
    private final List<String> records = new ArrayList<>();
    private final List<String> open = new ArrayList<>();
    private final List<String> published = new ArrayList<>();
    private final Set<String> selected = new HashSet<>();

    /**
     * Published releases with revenue no proposal has covered yet, and proposals not finalized yet.
     */
    private final Set<String> unallocated = new LinkedHashSet<>();

    private final List<String> proposed = new ArrayList<>();
    private int finalizedSinceLastRun;

    /** A mix whose proposals read the attribution as the API does, through {@code attribution}. */
    Workload(CurrentAttribution attribution) {
        this.attribution = attribution;
    }

    /** One of the artists registered so far. */
    synchronized String someArtist() {
        return artists.get(0);
    }

    /**
     * Seeds a few artists and records before the clock starts, so every kind of step has something
     * to act on.
     */
    synchronized boolean ready() {
        return artists.size() >= 5 && records.size() >= 5 && !open.isEmpty();
    }

    synchronized Step next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (artists.size() < 5) {
            return register();
        }
        if (records.size() < 5) {
            return upload(List.of());
        }
        if (open.isEmpty()) {
            return openRelease();
        }
        // The mix: 8% registrations, 28% uploads, 38% remixes, 14% selections, 2% new releases, 2%
        // publications,
        // 4% revenue, 1.5% proposals, 1.5% finalizations, 1% payout runs. A step with nothing to
        // act on yet
        // becomes the next kind in this order that has something (a payout run only on its own
        // roll), or a
        // registration.
        int roll = random.nextInt(1000);
        if (roll < 80) {
            return register();
        } else if (roll < 360) {
            return upload(List.of());
        } else if (roll < 740) {
            int fanIn =
                    1
                            + Math.min(
                                    records.size() - 1,
                                    (int) Math.floor(Math.pow(16, random.nextDouble())) - 1);
            List<Citation> resources = new ArrayList<>();
            // Bounded: popular records come up again and again, so a wide fan-in may stop short.
            for (int attempt = 0; attempt < 4 * fanIn && resources.size() < fanIn; attempt++) {
                String resource = zipf(records, random);
                if (resources.stream().noneMatch(c -> c.resourceId().equals(resource))) {
                    resources.add(new Citation(resource, 1 + random.nextInt(3)));
                }
            }
            return upload(resources);
        } else if (roll < 880) {
            String release = open.get(random.nextInt(open.size()));
            for (int attempt = 0; attempt < 5; attempt++) {
                String record = zipf(records, random);
                if (selected.add(release + record)) {
                    return select(release, record);
                }
            }
            return upload(List.of());
        } else if (roll < 900) {
            return openRelease();
        } else if (roll < 920 && open.size() > 1) {
            return publish(open.get(0));
        } else if (roll < 960 && !published.isEmpty()) {
            return revenue(published.get(random.nextInt(published.size())));
        } else if (roll < 975 && !unallocated.isEmpty()) {
            String release = unallocated.iterator().next();
            unallocated.remove(release);
            return propose(release);
        } else if (roll < 990 && !proposed.isEmpty()) {
            return finalizeAllocation(proposed.remove(0));
        } else if (roll >= 990 && finalizedSinceLastRun > 0) {
            finalizedSinceLastRun = 0;
            return payoutRun();
        }
        return register();
    }

    /**
     * A step of exactly one event, the unit the throughput goal is stated in: an original upload,
     * or one registration in ten so uploads keep spreading over new artists.
     */
    synchronized Step nextSingleEvent() {
        return ThreadLocalRandom.current().nextInt(10) == 0 ? register() : upload(List.of());
    }

    /**
     * The k-th oldest of {@code ids} with probability about 1/k: {@code (n+1)^u} for uniform u is
     * log-uniform.
     */
    private static String zipf(List<String> ids, ThreadLocalRandom random) {
        int index = (int) Math.floor(Math.pow(ids.size() + 1, random.nextDouble())) - 1;
        return ids.get(Math.min(ids.size() - 1, index));
    }

    private Step register() {
        String id = UUID.randomUUID().toString();
        String handle = "l" + id.replace("-", "").substring(0, 20);
        return new Step(
                "register",
                id,
                () -> new RegisterArtist(id, handle, "Load " + handle),
                "/api/artists",
                json(Map.of("handle", handle, "displayName", "Load " + handle)),
                created -> add(artists, created));
    }

    private Step upload(List<Citation> resources) {
        String id = UUID.randomUUID().toString();
        String creator = artists.get(ThreadLocalRandom.current().nextInt(artists.size()));
        String title = "take " + id.substring(0, 8);
        String digest = "ab".repeat(32);
        String uri = "https://media.example/" + id;
        StringBuilder body =
                new StringBuilder(
                        "{\"creatorId\":\""
                                + creator
                                + "\",\"title\":\""
                                + title
                                + "\",\"mediaType\":\"audio\",\"contentDigest\":\""
                                + digest
                                + "\",\"contentUri\":\""
                                + uri
                                + "\"");
        if (!resources.isEmpty()) {
            body.append(",\"resources\":[");
            for (int i = 0; i < resources.size(); i++) {
                body.append(i > 0 ? "," : "")
                        .append("{\"recordId\":\"")
                        .append(resources.get(i).resourceId())
                        .append("\",\"weight\":")
                        .append(resources.get(i).weight())
                        .append('}');
            }
            body.append(']');
        }
        return new Step(
                resources.isEmpty() ? "upload" : "remix",
                id,
                () -> new UploadRecord(id, creator, title, MediaType.AUDIO, digest, uri, resources),
                "/api/records",
                body.append('}').toString(),
                created -> add(records, created));
    }

    private Step openRelease() {
        String id = UUID.randomUUID().toString();
        return new Step(
                "open-release",
                id,
                () ->
                        new OpenRelease(
                                id,
                                "Load release",
                                ReleaseKind.EPISODE,
                                FundingModel.PROFIT_SHARE,
                                "1/2",
                                null,
                                null,
                                null,
                                List.of(),
                                null),
                "/api/releases",
                json(
                        Map.of(
                                "title",
                                "Load release",
                                "kind",
                                "EPISODE",
                                "fundingModel",
                                "PROFIT_SHARE",
                                "poolRate",
                                "1/2")),
                created -> add(open, created));
    }

    private Step select(String release, String record) {
        return new Step(
                "select",
                release,
                () -> new SelectContribution(release, record, 1, "music"),
                "/api/releases/" + release + "/selections",
                json(Map.of("recordId", record, "weight", 1, "role", "music")),
                created -> {});
    }

    private Step publish(String release) {
        open.remove(release);
        return new Step(
                "publish",
                release,
                () -> new PublishRelease(release),
                "/api/releases/" + release + "/publish",
                "{}",
                created -> add(published, release));
    }

    private Step revenue(String release) {
        String entry = UUID.randomUUID().toString();
        return new Step(
                "revenue",
                entry,
                () ->
                        new RecordEntry(
                                release,
                                entry,
                                Entry.REVENUE,
                                10_000,
                                "USD",
                                "2026-H2",
                                "load-" + entry.substring(0, 8)),
                "/api/releases/" + release + "/revenue",
                json(
                        Map.of(
                                "amount",
                                10_000,
                                "currency",
                                "USD",
                                "period",
                                "2026-H2",
                                "sourceRef",
                                "load-" + entry.substring(0, 8))),
                created -> add(unallocated, release));
    }

    /** Proposed with no review window, so the mix can finalize it at once. */
    private Step propose(String release) {
        String id = UUID.randomUUID().toString();
        Supplier<Object> command =
                () -> {
                    AllocationBasis basis = attribution.basis(release).orElseThrow();
                    return new ProposeAllocation(
                            release,
                            id,
                            "USD",
                            null,
                            0,
                            basis.shares(),
                            basis.recordIds(),
                            basis.position(),
                            Instant.now());
                };
        return new Step(
                "propose",
                id,
                command,
                "/api/releases/" + release + "/allocations",
                json(Map.of("currency", "USD", "reviewDays", 0)),
                created -> add(proposed, created));
    }

    private Step finalizeAllocation(String allocation) {
        return new Step(
                "finalize",
                allocation,
                () -> new FinalizeAllocation(allocation, Instant.now()),
                "/api/allocations/" + allocation + "/finalize",
                "{}",
                created -> finalized());
    }

    /**
     * Pays every positive balance (a threshold of one minor unit), so each run pays what was
     * finalized since the one before, as a weekly run does, instead of deferring the same small
     * balances run after run.
     */
    private Step payoutRun() {
        String id = UUID.randomUUID().toString();
        return new Step(
                "payout",
                id,
                () -> new RunPayout(Treasury.idOf("USD"), id, 1L, null, null, Instant.now()),
                "/api/payout-runs",
                json(Map.of("currency", "USD", "threshold", 1)),
                created -> {});
    }

    private synchronized void add(Collection<String> ids, String id) {
        ids.add(id);
    }

    private synchronized void finalized() {
        finalizedSinceLastRun++;
    }

    private static String json(Map<String, Object> fields) {
        StringBuilder json = new StringBuilder("{");
        fields.forEach(
                (name, value) ->
                        json.append(json.length() > 1 ? "," : "")
                                .append('"')
                                .append(name)
                                .append("\":")
                                .append(value instanceof String ? "\"" + value + "\"" : value));
        return json.append('}').toString();
    }
}
