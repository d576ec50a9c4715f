package org.collabledger.api.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.collabledger.api.support.H2Ledger;
import org.collabledger.api.support.LedgerHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;

/**
 * The actuator, through real HTTP: probes and details on the management port with no sign-in,
 * nothing of it on the API's port or in its document.
 */
class HealthAndMetricsTest extends H2Ledger {

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
}
