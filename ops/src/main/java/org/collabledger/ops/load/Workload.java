package org.collabledger.ops.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.collabledger.domain.artist.ArtistCommand.RegisterArtist;
import org.collabledger.domain.record.Citation;
import org.collabledger.domain.record.MediaType;
import org.collabledger.domain.record.RecordCommand.UploadRecord;
import org.collabledger.domain.release.Entry;
import org.collabledger.domain.release.FundingModel;
import org.collabledger.domain.release.ReleaseCommand.OpenRelease;
import org.collabledger.domain.release.ReleaseCommand.PublishRelease;
import org.collabledger.domain.release.ReleaseCommand.RecordEntry;
import org.collabledger.domain.release.ReleaseCommand.SelectContribution;
import org.collabledger.domain.release.ReleaseKind;

/**
 * The ledger's everyday mix, shared by all client threads: registrations, uploads, remixes citing
 * Zipf-popular records (the k-th oldest chosen with probability about 1/k), selections into open
 * releases, publications and revenue. Each step is one command, given both as the command object (for
 * the command bus) and as the HTTP request that sends it. Known ids are recorded only once acknowledged.
 */
final class Workload {

    /**
     * One command two ways: the object for the bus, and the path and JSON body for HTTP. {@code acknowledged}
     * takes the id the ledger gave what the step created: {@code id} on the bus, the ledger's choice over HTTP.
     */
    record Step(String kind, String id, Object command, String path, String body, java.util.function.Consumer<String> acknowledged) {
    }

    private final List<String> artists = new ArrayList<>();
    private final List<String> records = new ArrayList<>();
    private final List<String> open = new ArrayList<>();
    private final List<String> published = new ArrayList<>();
    private final java.util.Set<String> selected = new java.util.HashSet<>();

    /** Seeds a few artists and records before the clock starts, so every kind of step has something to act on. */
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
        int roll = random.nextInt(100);
        if (roll < 8) {
            return register();
        } else if (roll < 38) {
            return upload(List.of());
        } else if (roll < 78) {
            int fanIn = 1 + Math.min(records.size() - 1, (int) Math.floor(Math.pow(16, random.nextDouble())) - 1);
            List<Citation> resources = new ArrayList<>();
            // Bounded: popular records come up again and again, so a wide fan-in may stop short.
            for (int attempt = 0; attempt < 4 * fanIn && resources.size() < fanIn; attempt++) {
                String resource = zipf(records, random);
                if (resources.stream().noneMatch(c -> c.resourceId().equals(resource))) {
                    resources.add(new Citation(resource, 1 + random.nextInt(3)));
                }
            }
            return upload(resources);
        } else if (roll < 92) {
            String release = open.get(random.nextInt(open.size()));
            for (int attempt = 0; attempt < 5; attempt++) {
                String record = zipf(records, random);
                if (selected.add(release + record)) {
                    return select(release, record);
                }
            }
            return upload(List.of());
        } else if (roll < 94) {
            return openRelease();
        } else if (roll < 96 && open.size() > 1) {
            return publish(open.get(0));
        } else if (!published.isEmpty()) {
            return revenue(published.get(random.nextInt(published.size())));
        }
        return register();
    }

    /**
     * A step of exactly one event, the unit the throughput goal is stated in: an original upload, or one
     * registration in ten so uploads keep spreading over new artists.
     */
    synchronized Step nextSingleEvent() {
        return ThreadLocalRandom.current().nextInt(10) == 0 ? register() : upload(List.of());
    }

    /** The k-th oldest of {@code ids} with probability about 1/k: {@code (n+1)^u} for uniform u is log-uniform. */
    private static String zipf(List<String> ids, ThreadLocalRandom random) {
        int index = (int) Math.floor(Math.pow(ids.size() + 1, random.nextDouble())) - 1;
        return ids.get(Math.min(ids.size() - 1, index));
    }

    private Step register() {
        String id = UUID.randomUUID().toString();
        String handle = "l" + id.replace("-", "").substring(0, 20);
        return new Step("register", id, new RegisterArtist(id, handle, "Load " + handle),
                "/api/artists", json(Map.of("handle", handle, "displayName", "Load " + handle)),
                created -> add(artists, created));
    }

    private Step upload(List<Citation> resources) {
        String id = UUID.randomUUID().toString();
        String creator = artists.get(ThreadLocalRandom.current().nextInt(artists.size()));
        String title = "take " + id.substring(0, 8);
        String digest = "ab".repeat(32);
        String uri = "https://media.example/" + id;
        StringBuilder body = new StringBuilder("{\"creatorId\":\"" + creator + "\",\"title\":\"" + title
                + "\",\"mediaType\":\"audio\",\"contentDigest\":\"" + digest + "\",\"contentUri\":\"" + uri + "\"");
        if (!resources.isEmpty()) {
            body.append(",\"resources\":[");
            for (int i = 0; i < resources.size(); i++) {
                body.append(i > 0 ? "," : "").append("{\"recordId\":\"").append(resources.get(i).resourceId())
                        .append("\",\"weight\":").append(resources.get(i).weight()).append('}');
            }
            body.append(']');
        }
        return new Step(resources.isEmpty() ? "upload" : "remix", id, new UploadRecord(id, creator, title, MediaType.AUDIO,
                digest, uri, resources), "/api/records", body.append('}').toString(), created -> add(records, created));
    }

    private Step openRelease() {
        String id = UUID.randomUUID().toString();
        return new Step("open-release", id, new OpenRelease(id, "Load release", ReleaseKind.EPISODE,
                FundingModel.PROFIT_SHARE, "1/2", null, null, null, List.of(), null), "/api/releases",
                json(Map.of("title", "Load release", "kind", "EPISODE", "fundingModel", "PROFIT_SHARE",
                        "poolRate", "1/2")), created -> add(open, created));
    }

    private Step select(String release, String record) {
        return new Step("select", release, new SelectContribution(release, record, 1, "music"),
                "/api/releases/" + release + "/selections",
                json(Map.of("recordId", record, "weight", 1, "role", "music")), created -> { });
    }

    private Step publish(String release) {
        open.remove(release);
        return new Step("publish", release, new PublishRelease(release), "/api/releases/" + release + "/publish", "{}",
                created -> add(published, release));
    }

    private Step revenue(String release) {
        String entry = UUID.randomUUID().toString();
        return new Step("revenue", entry, new RecordEntry(release, entry, Entry.REVENUE, 10_000, "USD", "2026-H2",
                "load-" + entry.substring(0, 8)), "/api/releases/" + release + "/revenue",
                json(Map.of("amount", 10_000, "currency", "USD", "period", "2026-H2",
                        "sourceRef", "load-" + entry.substring(0, 8))), created -> { });
    }

    private synchronized void add(List<String> ids, String id) {
        ids.add(id);
    }

    private static String json(Map<String, Object> fields) {
        StringBuilder json = new StringBuilder("{");
        fields.forEach((name, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(name)
                .append("\":").append(value instanceof String ? "\"" + value + "\"" : value));
        return json.append('}').toString();
    }
}
