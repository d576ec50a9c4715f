package org.collabledger.ops.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.collabledger.api.LedgerApplication;
import org.collabledger.api.projections.CurrentAttribution;
import org.collabledger.domain.shared.Refusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The load benchmark's mix is the everyday mix issue 9 names: a real ledger acknowledges every kind
 * of step, allocations and payout runs included; the only refusals are the domain's own; the money
 * checks hold after.
 */
class WorkloadTest {

    @TempDir Path h2;

    @Test
    void aRealLedgerAcknowledgesEveryKindOfStepAndTheMoneyChecksHold() throws Exception {
        LedgerApplication.quietAxon();
        try (ConfigurableApplicationContext ledger =
                new SpringApplicationBuilder(LedgerApplication.class)
                        .run(
                                "--spring.datasource.url=jdbc:h2:file:"
                                        + h2.resolve("ledger")
                                        + ";DB_CLOSE_ON_EXIT=FALSE",
                                "--server.port=0",
                                "--ledger.demo.enabled=false",
                                "--ledger.security.dev-users=true",
                                "--ledger.security.dev-password=ledger-dev",
                                "--logging.level.root=WARN",
                                "--spring.main.banner-mode=off")) {
            CommandGateway bus = ledger.getBean(CommandGateway.class);
            Workload workload = new Workload(ledger.getBean(CurrentAttribution.class));
            Map<String, Integer> acknowledged = new TreeMap<>();
            Map<String, Integer> refused = new TreeMap<>();
            for (int i = 0; i < 2_000; i++) {
                Workload.Step step = workload.next();
                try {
                    bus.sendAndWait(step.command().get(), MetaData.with("actor", "test"));
                } catch (Refusal refusal) {
                    refused.merge(step.kind(), 1, Integer::sum);
                    continue;
                }
                step.acknowledged().accept(step.id());
                acknowledged.merge(step.kind(), 1, Integer::sum);
            }
            System.out.println("acknowledged " + acknowledged + ", refused " + refused);
            assertThat(acknowledged)
                    .containsOnlyKeys(
                            "register",
                            "upload",
                            "remix",
                            "select",
                            "open-release",
                            "publish",
                            "revenue",
                            "propose",
                            "finalize",
                            "payout");
            // One client: no proposal can find its revenue covered by another, no selection a
            // release published
            // meanwhile; only a publication of a release nothing was selected into yet is refused.
            assertThat(refused.keySet()).isSubsetOf("publish");

            int port = Integer.parseInt(ledger.getEnvironment().getProperty("local.server.port"));
            HttpResponse<String> checks =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            "http://localhost:"
                                                                    + port
                                                                    + "/api/ledger/checks"))
                                            .header("authorization", LoadBenchmark.basic("auditor"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            assertThat(checks.statusCode()).isEqualTo(200);
            JsonNode body = new ObjectMapper().readTree(checks.body());
            assertThat(body.path("ok").asBoolean()).as(checks.body()).isTrue();
            JsonNode usd = body.path("currencies").get(0);
            assertThat(usd.path("currency").asText()).isEqualTo("USD");
            assertThat(usd.path("paymentsIssued").asLong())
                    .as("payout runs paid what was finalized")
                    .isPositive();
        }
    }
}
