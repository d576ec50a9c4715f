package org.collabledger.api.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.collabledger.api.projections.Projections;
import org.collabledger.api.support.H2Ledger;
import org.collabledger.api.support.LedgerHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The actuator, through real HTTP: probes and details on the management port with no sign-in,
 * nothing of it on the API's port or in its document, and metrics that move with what the ledger
 * does. The background sealer is off, so the seal's lag is what the test makes it. (Spring's tests
 * export no metrics unless asked to.)
 */
@AutoConfigureObservability(tracing = false)
@TestPropertySource(properties = "ledger.seal.interval=0")
class HealthAndMetricsTest extends H2Ledger {

    private static final String APP = "application=\"collaboration-ledger\"";

    @LocalManagementPort int managementPort;

    @Test
    void probesAndHealthDetailsAnswerOnTheManagementPortWithoutSignIn() {
        LedgerHttp management = LedgerHttp.on(managementPort, null);
        assertThat(managementPort).isNotEqualTo(port);
        assertThat(management.get("/actuator/health/liveness").json().path("status").asText())
                .isEqualTo("UP");
        JsonNode readiness = management.get("/actuator/health/readiness").json();
        assertThat(readiness.path("status").asText()).as(readiness.toString()).isEqualTo("UP");
        assertThat(readiness.path("components").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("readinessState", "db", "projections");

        JsonNode health = management.get("/actuator/health").json().path("components");
        assertThat(health.path("db").path("details").path("database").asText()).isEqualTo("H2");
        assertThat(health.path("projections").path("details").path("processors").fieldNames())
                .toIterable()
                .contains("lineage", "releases", "money");
        assertThat(health.path("seal").path("details").has("lagEvents")).isTrue();
    }

    @Test
    void theApiPortServesNoActuatorAndItsDocumentListsNone() {
        for (String path : new String[] {"/actuator/health", "/actuator/prometheus"}) {
            LedgerHttp.Response anonymous = artist.as(null).get(path);
            assertThat(anonymous.status()).as(path + " " + anonymous).isEqualTo(401);
            LedgerHttp.Response signedIn = auditor.get(path);
            assertThat(signedIn.status()).as(path + " " + signedIn).isEqualTo(403);
        }
        assertThat(artist.as(null).get("/v3/api-docs").json().path("paths").fieldNames())
                .toIterable()
                .noneMatch(path -> path.contains("actuator"));
    }

    @Test
    void commandsAreTimedByTypeAndOutcome() {
        String success = "outcome=\"success\"";
        String refused = "outcome=\"refused\"";
        String register = "command=\"RegisterArtist\"";
        Scrape before = Scrape.of(managementPort);

        String handle = "metered" + UUID.randomUUID().toString().substring(0, 8);
        scenario.artist(handle);
        LedgerHttp.Response taken =
                artist.post("/api/artists", Map.of("handle", handle, "displayName", "Again"));
        assertThat(taken.status()).as(taken.toString()).isEqualTo(409);

        Scrape after = Scrape.of(managementPort);
        String count = "ledger_commands_seconds_count";
        assertThat(after.value(count, APP, register, success))
                .isEqualTo(before.value(count, APP, register, success) + 1);
        assertThat(after.value(count, APP, register, refused))
                .isEqualTo(before.value(count, APP, register, refused) + 1);
        assertThat(after.value("ledger_commands_seconds_sum", APP, register, success))
                .isGreaterThan(before.value("ledger_commands_seconds_sum", APP, register, success));
        assertThat(after.samples("ledger_commands_seconds_bucket", APP, register, success))
                .as("the latency histogram: 11 buckets from 5 ms to 10 s, and the rest")
                .hasSize(12)
                .anyMatch(bucket -> bucket.contains("le=\"0.005\""))
                .anyMatch(bucket -> bucket.contains("le=\"+Inf\""));
    }

    @Test
    void theSealsLagGrowsWithEveryEventAndFallsToZeroWhenSealed() {
        seal.sealAvailable();
        eventually(() -> Scrape.of(managementPort).value("ledger_seal_lag_events", APP) == 0);
        String artistId = scenario.artist("seal" + UUID.randomUUID().toString().substring(0, 8));
        scenario.upload(artistId, "unsealed");
        eventually(() -> Scrape.of(managementPort).value("ledger_seal_lag_events", APP) >= 2);
        assertThat(Scrape.of(managementPort).value("ledger_seal_lag_seconds", APP))
                .isGreaterThanOrEqualTo(0);
        seal.sealAvailable();
        eventually(() -> Scrape.of(managementPort).value("ledger_seal_lag_events", APP) == 0);
        caughtUp();
        eventually(
                () -> {
                    Scrape scrape = Scrape.of(managementPort);
                    return scrape.value("ledger_store_head", APP) == projections.head()
                            && scrape.samples("ledger_projection_lag_events", APP).size()
                                    == Projections.READ_MODELS.size()
                            && scrape.samples("ledger_projection_lag_events", APP).stream()
                                    .allMatch(sample -> sample.endsWith(" 0.0"));
                });
        assertThat(Scrape.of(managementPort).samples("ledger_projection_lag_seconds", APP))
                .hasSize(Projections.READ_MODELS.size())
                .allMatch(sample -> sample.endsWith(" 0.0"));
    }

    @Test
    void payoutsIssuedAreCountedAndSummedPerCurrencyNeverPerArtist() {
        String usd = "currency=\"USD\"";
        Scrape before = Scrape.of(managementPort);
        String own = scenario.artist("paid" + UUID.randomUUID().toString().substring(0, 8));
        String release =
                scenario.release(
                        Map.of(
                                "title", "Metered",
                                "kind", "ALBUM",
                                "fundingModel", "BUDGET",
                                "budget", Map.of("amount", 100_000, "currency", "USD")));
        scenario.select(release, scenario.upload(own, "paid work"), 1, "music");
        scenario.publish(release);
        assertThat(
                        finance.post(
                                        "/api/releases/" + release + "/revenue",
                                        Map.of(
                                                "amount", 700,
                                                "currency", "USD",
                                                "period", "2026-H2",
                                                "sourceRef", "sales"))
                                .status())
                .isEqualTo(201);
        String allocation =
                curator.post(
                                "/api/releases/" + release + "/allocations",
                                Map.of("currency", "USD", "pool", 5_000, "reviewDays", 0))
                        .id();
        assertThat(finance.post("/api/allocations/" + allocation + "/finalize", Map.of()).status())
                .isEqualTo(200);
        String run =
                finance.post("/api/payout-runs", Map.of("currency", "USD", "threshold", 1_000))
                        .id();
        caughtUp();
        JsonNode payments = auditor.get("/api/payout-runs/" + run).json().path("payments");
        assertThat(payments).hasSize(1);

        Scrape after = Scrape.of(managementPort);
        assertThat(after.value("ledger_payouts_issued_total", APP, usd))
                .isEqualTo(before.value("ledger_payouts_issued_total", APP, usd) + 1);
        assertThat(after.value("ledger_payouts_issued_amount_total", APP, usd))
                .isEqualTo(
                        before.value("ledger_payouts_issued_amount_total", APP, usd)
                                + payments.get(0).path("amount").asLong());
        assertThat(after.lines())
                .filteredOn(line -> line.startsWith("ledger_payouts"))
                .isNotEmpty()
                .noneMatch(line -> line.contains("artist") || line.contains(own));
    }

    /** Waits for {@code condition}: the lag is read at most once a second. */
    private static void eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("in time").isLessThan(deadline);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
