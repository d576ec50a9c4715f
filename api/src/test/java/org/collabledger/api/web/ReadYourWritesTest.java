package org.collabledger.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.collabledger.api.support.H2Ledger;
import org.collabledger.api.support.LedgerHttp;
import org.collabledger.api.support.Scenario;
import org.collabledger.projections.lineage.LineageProjection;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * A client sees its own writes without retrying: a command's answer names the position of its last
 * event, a read given it (or given nothing, on the node that acknowledged the write) answers only
 * once the read models it answers from reflect it, and every read says which position it reflects.
 */
@TestPropertySource(properties = "ledger.reads.wait=300ms")
class ReadYourWritesTest extends H2Ledger {

    @Autowired private EventProcessingConfiguration processing;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping handlers;

    @Test
    void aCommandsAnswerNamesThePositionOfItsEvent() {
        LedgerHttp.Response registered =
                artist.post("/api/artists", Map.of("handle", handle(), "displayName", "Ryw"));
        long position = Long.parseLong(registered.header("Ledger-Position"));
        assertThat(registered.json().path("ledgerPosition").asLong()).isEqualTo(position);

        JsonNode event =
                auditor.get("/api/events?after=" + (position - 1) + "&limit=1")
                        .json()
                        .path("events")
                        .get(0);
        assertThat(event.path("position").asLong()).isEqualTo(position);
        assertThat(event.path("aggregateId").asText()).isEqualTo(registered.id());
    }

    @Test
    void everyReadRightAfterAWriteSeesIt() {
        String creator = scenario.artist(handle());
        String release =
                scenario.release(
                        Map.of(
                                "title",
                                "Ryw",
                                "kind",
                                "ALBUM",
                                "fundingModel",
                                "PROFIT_SHARE",
                                "poolRate",
                                "1/2",
                                "retention",
                                "1/2"));
        for (int i = 0; i < 20; i++) {
            LedgerHttp.Response uploaded =
                    artist.post(
                            "/api/records", Scenario.uploadBody(creator, "take " + i, List.of()));
            String record = uploaded.id();
            // Once as the answer told, once with nothing: this node acknowledged the write, so both
            // see it.
            String told = uploaded.header("Ledger-Position");
            assertThat(
                            auditor.withHeader("Ledger-Position", told)
                                    .get("/api/records/" + record)
                                    .status())
                    .isEqualTo(200);
            assertThat(auditor.get("/api/records/" + record + "/lineage").status()).isEqualTo(200);
        }
        String record = scenario.upload(creator, "selected");
        scenario.select(release, record, 1, "music");
        assertThat(auditor.get("/api/releases/" + release + "/attribution").status())
                .isEqualTo(200);
        scenario.publish(release);
        assertThat(
                        auditor.get("/api/releases/" + release)
                                .json()
                                .path("publishedAt")
                                .isMissingNode())
                .isFalse();
    }

    @Test
    void aReadStatesThePositionItReflects() {
        long written =
                Long.parseLong(
                        artist.post("/api/artists", Map.of("handle", handle(), "displayName", "R"))
                                .header("Ledger-Position"));
        for (String path :
                List.of("/api/events?after=0&limit=1", "/api/ledger/checks", "/api/me")) {
            LedgerHttp.Response read = auditor.get(path);
            assertThat(read.status()).as(path).isEqualTo(200);
            assertThat(Long.parseLong(read.header("Ledger-Position")))
                    .as(path)
                    .isGreaterThanOrEqualTo(written);
        }
    }

    @Test
    void aPositionTheReadModelsDoNotReachInTimeIsAnsweredWith503AndRetryAfter() {
        long beyond = Long.parseLong(auditor.get("/api/me").header("Ledger-Position")) + 1_000;
        for (LedgerHttp.Response late :
                List.of(
                        auditor.get("/api/ledger/checks?atLeast=" + beyond),
                        auditor.withHeader("Ledger-Position", Long.toString(beyond))
                                .get("/api/ledger/checks"))) {
            assertThat(late.status()).isEqualTo(503);
            assertThat(late.contentType()).startsWith("application/problem+json");
            assertThat(late.json().path("code").asText()).isEqualTo("position-not-reached");
            assertThat(late.header("Retry-After")).isEqualTo("1");
        }
    }

    @Test
    void aPositionThatIsNotOneIsRefused() {
        for (String bad : List.of("-1", "soon", "1e3", "99999999999999999999")) {
            LedgerHttp.Response refused = auditor.get("/api/ledger/checks?atLeast=" + bad);
            assertThat(refused.status()).as(bad).isEqualTo(422);
            assertThat(refused.json().path("field").asText()).isEqualTo("atLeast");
        }
        LedgerHttp.Response header =
                auditor.withHeader("Ledger-Position", "later").get("/api/ledger/checks");
        assertThat(header.status()).isEqualTo(422);
        assertThat(header.json().path("field").asText()).isEqualTo("Ledger-Position");
    }

    @Test
    void aRetriedCommandIsAnsweredWithAPositionAtOrAboveItsEvent() {
        LedgerHttp keyed = artist.withHeader("Idempotency-Key", "ryw-" + UUID.randomUUID());
        Map<String, Object> body = Map.of("handle", handle(), "displayName", "Once");
        LedgerHttp.Response first = keyed.post("/api/artists", body);
        LedgerHttp.Response again = keyed.post("/api/artists", body);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(Long.parseLong(again.header("Ledger-Position")))
                .isGreaterThanOrEqualTo(Long.parseLong(first.header("Ledger-Position")));
        assertThat(again.json().path("ledgerPosition").asLong())
                .isEqualTo(Long.parseLong(again.header("Ledger-Position")));
    }

    @Test
    void aReadWaitsOnlyForTheReadModelsItAnswersFrom() {
        TrackingEventProcessor lineage =
                processing
                        .eventProcessor(
                                LineageProjection.PROCESSING_GROUP, TrackingEventProcessor.class)
                        .orElseThrow();
        String creator = scenario.artist(handle());
        lineage.shutDown();
        try {
            LedgerHttp.Response uploaded =
                    artist.post("/api/records", Scenario.uploadBody(creator, "held", List.of()));
            String at = "?atLeast=" + uploaded.header("Ledger-Position");
            // The artist's profile is folded from the event store, which holds the write.
            assertThat(auditor.get("/api/artists/" + creator + at).status()).isEqualTo(200);
            assertThat(auditor.get("/api/records/" + uploaded.id() + "/events").status())
                    .isEqualTo(200);
            // The lineage read model has not seen it while its processor stands still.
            assertThat(auditor.get("/api/records/" + uploaded.id() + "/lineage" + at).status())
                    .isEqualTo(503);
        } finally {
            lineage.start();
        }
    }

    @Test
    void aReadOfTheEventStoreAlsoWaitsForAPositionTheStoreDoesNotHold() {
        String creator = scenario.artist(handle());
        long beyond = Long.parseLong(auditor.get("/api/me").header("Ledger-Position")) + 1_000;
        LedgerHttp.Response late = auditor.get("/api/artists/" + creator + "?atLeast=" + beyond);
        assertThat(late.status()).isEqualTo(503);
        assertThat(late.json().path("code").asText()).isEqualTo("position-not-reached");
    }

    @Test
    void everyReadModelARouteNamesIsOne() {
        handlers.getHandlerMethods()
                .values()
                .forEach(
                        method -> {
                            ReadsFrom reads = method.getMethodAnnotation(ReadsFrom.class);
                            if (reads == null) {
                                reads = method.getBeanType().getAnnotation(ReadsFrom.class);
                            }
                            if (reads != null) {
                                List<String> names = List.of(reads.value());
                                assertThat(projections.reached(names))
                                        .as(method.toString())
                                        .isNotNegative();
                            }
                        });
    }

    private static String handle() {
        return "ryw" + UUID.randomUUID().toString().substring(0, 8);
    }
}
