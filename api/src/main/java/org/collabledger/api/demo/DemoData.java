package org.collabledger.api.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.collabledger.api.history.EventFeed;
import org.collabledger.api.projections.CurrentAttribution;
import org.collabledger.api.storage.StorageConfiguration;
import org.collabledger.domain.allocation.AllocationCommand.FinalizeAllocation;
import org.collabledger.domain.artist.ArtistCommand.RegisterArtist;
import org.collabledger.domain.collaboration.CollaborationCommand.CloseCollaboration;
import org.collabledger.domain.collaboration.CollaborationCommand.OpenCollaboration;
import org.collabledger.domain.collaboration.CollaborationCommand.SubmitRecord;
import org.collabledger.domain.record.Citation;
import org.collabledger.domain.record.MediaType;
import org.collabledger.domain.record.RecordCommand.TakeDownRecord;
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
import org.collabledger.projections.attribution.AttributionQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Loads a small themed world into an empty ledger, through the same commands a client would send: a
 * collaboration, 30 artists, remix chains up to six generations deep with a diamond, a takedown, a
 * published episode with revenue, a cost, a finalized allocation and a payout run, and an
 * unpublished album. Ids are derived from names, so the README can show them.
 */
@Component
public class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final List<String> HANDLES =
            List.of(
                    "ana", "ben", "cai", "dee", "eve", "fay", "gus", "hal", "ivy", "joe", "kim",
                    "lou", "max", "ned", "ola", "pia", "quin", "rex", "sol", "tia", "uma", "vic",
                    "wes", "xia", "yan", "zoe", "host", "moss", "nia", "oto");

    private final DemoProperties properties;
    private final EventFeed feed;
    private final CommandGateway gateway;
    private final CurrentAttribution attribution;
    private final Clock clock;

    public DemoData(
            DemoProperties properties,
            EventFeed feed,
            CommandGateway gateway,
            CurrentAttribution attribution,
            Clock clock) {
        this.properties = properties;
        this.feed = feed;
        this.gateway = gateway;
        this.attribution = attribution;
        this.clock = clock;
    }

    /**
     * The id the demo gives to {@code kind} named {@code name}; stable across machines and
     * restarts.
     */
    public static String id(String kind, String name) {
        return UUID.nameUUIDFromBytes(
                        ("demo:" + kind + ":" + name).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    @EventListener(ApplicationReadyEvent.class)
    public void loadOnFirstStart() {
        if (!properties.enabled() || feed.count() > 0) {
            return;
        }
        load();
        log.info("demo data loaded: {} events", feed.count());
    }

    void load() {
        for (String handle : HANDLES) {
            send(
                    new RegisterArtist(
                            id("artist", handle),
                            handle,
                            Character.toUpperCase(handle.charAt(0)) + handle.substring(1)));
        }
        String collaboration = id("collaboration", "first-time");
        send(
                new OpenCollaboration(
                        collaboration,
                        "First Times",
                        "memory",
                        "Do you remember your first time?"));

        // Originals: sounds, drawings and texts.
        upload("draw", "dee", MediaType.IMAGE, "A bicycle, first ride");
        upload("narr", "cai", MediaType.AUDIO, "Narration: the first ride");
        upload("song", "eve", MediaType.AUDIO, "First snow (song)");
        upload("base", "max", MediaType.AUDIO, "Base loop in A minor");
        upload("poem", "kim", MediaType.TEXT, "Poem: the first letter");
        upload("sky", "fay", MediaType.IMAGE, "Sky study");
        upload("drum", "gus", MediaType.AUDIO, "Drum take 1");
        upload("tale", "hal", MediaType.TEXT, "Tiny story: the first day at school");
        upload("scan", "ivy", MediaType.IMAGE, "Scanned childhood photo");
        upload("hum", "ned", MediaType.AUDIO, "Humming in the kitchen");
        upload("bootleg", "rex", MediaType.AUDIO, "Rip of a famous record");
        for (int i = 1; i <= 8; i++) {
            upload("sketch-" + i, HANDLES.get(10 + i), MediaType.IMAGE, "Sketch " + i);
        }

        // Example A of attribution.md: film <- anim <- draw, film <- narr.
        remix("anim", "ben", MediaType.VIDEO, "Animated ride", "draw", 1);
        remix("film", "ana", MediaType.VIDEO, "The first ride (short)", "anim", 1, "narr", 1);

        // Example B: a diamond through base.
        remix("v1", "kim", MediaType.AUDIO, "Loop variation 1", "base", 1);
        remix("v2", "lou", MediaType.AUDIO, "Loop variation 2 with words", "base", 1, "poem", 1);
        remix("final", "joe", MediaType.AUDIO, "Final mix", "v1", 2, "v2", 1);

        // A chain six generations deep, each remix adding one piece.
        remix("gen-1", "pia", MediaType.AUDIO, "Hum with drums", "hum", 1, "drum", 1);
        remix(
                "gen-2",
                "quin",
                MediaType.AUDIO,
                "Hum with drums and sky",
                "gen-1",
                2,
                "sketch-1",
                1);
        remix("gen-3", "sol", MediaType.VIDEO, "Kitchen video", "gen-2", 1, "scan", 1);
        remix("gen-4", "tia", MediaType.VIDEO, "Kitchen video, recut", "gen-3", 1);
        remix("gen-5", "uma", MediaType.VIDEO, "Kitchen video with story", "gen-4", 3, "tale", 1);
        remix("gen-6", "vic", MediaType.VIDEO, "Kitchen video, final cut", "gen-5", 1, "final", 1);

        // A remix of a record that is later taken down.
        remix("mashup", "wes", MediaType.AUDIO, "Mashup", "bootleg", 1, "song", 1);
        send(new TakeDownRecord(id("record", "bootleg"), "copyright claim by the label"));

        for (String submitted : List.of("film", "song", "final", "gen-6", "tale", "mashup")) {
            send(new SubmitRecord(collaboration, id("record", submitted)));
        }
        send(new CloseCollaboration(collaboration));

        String episode = id("release", "episode-1");
        send(
                new OpenRelease(
                        episode,
                        "First Times, episode 1",
                        ReleaseKind.EPISODE,
                        FundingModel.PROFIT_SHARE,
                        "1/2",
                        null,
                        null,
                        "1/2",
                        List.of(id("artist", "host")),
                        collaboration));
        send(new SelectContribution(episode, id("record", "film"), 3, "animation"));
        send(new SelectContribution(episode, id("record", "song"), 1, "music"));
        send(new SelectContribution(episode, id("record", "gen-6"), 2, "editor"));
        send(new PublishRelease(episode));

        String album = id("release", "album-1");
        send(
                new OpenRelease(
                        album,
                        "First Times, the album",
                        ReleaseKind.ALBUM,
                        FundingModel.BUDGET,
                        null,
                        500_000L,
                        "USD",
                        null,
                        List.of(),
                        collaboration));
        send(new SelectContribution(album, id("record", "final"), 1, "music"));
        send(new SelectContribution(album, id("record", "mashup"), 1, "music"));

        // Money for the episode: sales and a cost, a finalized allocation, a payout run with
        // deferrals.
        send(
                new RecordEntry(
                        episode,
                        id("entry", "sales-1"),
                        Entry.REVENUE,
                        1_250_000,
                        "USD",
                        "2026-H2",
                        "broadcaster-report-2026-10"));
        send(
                new RecordEntry(
                        episode,
                        id("entry", "subtitles"),
                        Entry.COST,
                        50_000,
                        "USD",
                        "2026-H2",
                        "invoice-subtitles-17"));
        String allocation = id("allocation", "episode-1-2026-H2");
        var basis = basis(episode);
        send(
                new ProposeAllocation(
                        episode,
                        allocation,
                        "USD",
                        null,
                        0,
                        basis.shares(),
                        basis.recordIds(),
                        basis.position(),
                        clock.instant()));
        send(new FinalizeAllocation(allocation, clock.instant()));
        send(
                new RunPayout(
                        Treasury.idOf("USD"),
                        id("payout-run", "2026-H2"),
                        50_000L,
                        "bank-transfer",
                        "demo-batch-1",
                        clock.instant()));
    }

    /** The episode's attribution, once the read models hold everything sent so far. */
    private AttributionQueries.AllocationBasis basis(String releaseId) {
        return attribution.basis(releaseId).orElseThrow();
    }

    private void upload(String name, String creator, MediaType mediaType, String title) {
        send(
                new UploadRecord(
                        id("record", name),
                        id("artist", creator),
                        title,
                        mediaType,
                        digest(name),
                        "https://media.collabledger.example/" + name,
                        List.of()));
    }

    private void remix(
            String name, String creator, MediaType mediaType, String title, Object... resources) {
        List<Citation> citations = new ArrayList<>();
        for (int i = 0; i < resources.length; i += 2) {
            citations.add(
                    new Citation(id("record", (String) resources[i]), (Integer) resources[i + 1]));
        }
        send(
                new UploadRecord(
                        id("record", name),
                        id("artist", creator),
                        title,
                        mediaType,
                        digest(name),
                        "https://media.collabledger.example/" + name,
                        citations));
    }

    private void send(Object command) {
        gateway.sendAndWait(
                command,
                MetaData.with(StorageConfiguration.ACTOR, "system:demo-loader")
                        .and(StorageConfiguration.CORRELATION_ID, "demo-data"));
    }

    private static String digest(String name) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(
                                            ("demo content of " + name)
                                                    .getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is part of every JVM", impossible);
        }
    }
}
