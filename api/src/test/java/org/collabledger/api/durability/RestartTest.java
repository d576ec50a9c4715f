package org.collabledger.api.durability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.collabledger.api.LedgerApplication;
import org.collabledger.api.demo.DemoData;
import org.collabledger.api.projections.Projections;
import org.collabledger.api.support.LedgerHttp;
import org.collabledger.api.support.Scenario;
import org.collabledger.projections.lineage.LineageProjection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded default keeps every event across a stop and a start on the same H2 file: all events
 * are there exactly once, in the same global order, and the demo data is loaded only on first
 * start; the lineage projection answers at once from its tables instead of replaying the stream.
 */
class RestartTest {

    @TempDir Path dataDir;

    @Test
    void everyEventSurvivesARestartExactlyOnceInTheSameOrder() {
        List<JsonNode> beforeStop;
        String extraRecord;
        String familyBeforeStop;
        try (ConfigurableApplicationContext ledger = start()) {
            int port = port(ledger);
            Scenario scenario = new Scenario(port);
            String artist = scenario.artist("restart-artist");
            extraRecord = scenario.upload(artist, "survivor");
            beforeStop = allEvents(port);
            ledger.getBean(Projections.class)
                    .awaitCaughtUp(LineageProjection.PROCESSING_GROUP, Duration.ofSeconds(20));
            familyBeforeStop =
                    LedgerHttp.on(port, "auditor")
                            .get("/api/records/" + DemoData.id("record", "final") + "/family")
                            .raw()
                            .body();
        }
        assertThat(beforeStop)
                .extracting(e -> e.path("type").asText())
                .contains("release.published");

        try (ConfigurableApplicationContext ledger = start()) {
            int port = port(ledger);
            // The lineage is loaded from its tables and resumes from its stored token: no replay
            // from zero.
            Projections projections = ledger.getBean(Projections.class);
            assertThat(projections.replaying(LineageProjection.PROCESSING_GROUP)).isFalse();
            assertThat(
                            LedgerHttp.on(port, "auditor")
                                    .get(
                                            "/api/records/"
                                                    + DemoData.id("record", "final")
                                                    + "/family")
                                    .raw()
                                    .body())
                    .isEqualTo(familyBeforeStop);
            List<JsonNode> afterStart = allEvents(port);
            assertThat(afterStart).isEqualTo(beforeStop);
            assertThat(
                            new HashSet<>(
                                    afterStart.stream()
                                            .map(e -> e.path("eventId").asText())
                                            .toList()))
                    .hasSize(beforeStop.size());
            assertThat(
                            LedgerHttp.on(port, "curator")
                                    .get("/api/records/" + extraRecord + "/events")
                                    .status())
                    .isEqualTo(200);

            Scenario scenario = new Scenario(port);
            scenario.artist("after-restart");
            List<JsonNode> grown = allEvents(port);
            assertThat(grown).hasSize(beforeStop.size() + 1);
            assertThat(grown.get(grown.size() - 1).path("position").asLong())
                    .isGreaterThan(beforeStop.get(beforeStop.size() - 1).path("position").asLong());
        }
    }

    private ConfigurableApplicationContext start() {
        LedgerApplication.quietAxon();
        return new SpringApplicationBuilder(LedgerApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=jdbc:h2:file:"
                                + dataDir.resolve("ledger")
                                + ";DB_CLOSE_ON_EXIT=FALSE",
                        "--ledger.demo.enabled=true");
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    /** Every stored event, paged through the global feed as an auditor reads it. */
    static List<JsonNode> allEvents(int port) {
        LedgerHttp auditor = LedgerHttp.on(port, "auditor");
        List<JsonNode> events = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode page = auditor.get("/api/events?after=" + after + "&limit=1000").json();
            if (page.path("events").isEmpty()) {
                return events;
            }
            page.path("events").forEach(events::add);
            after = page.path("next").asLong();
        }
    }
}
