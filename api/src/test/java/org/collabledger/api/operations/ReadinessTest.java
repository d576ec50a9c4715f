package org.collabledger.api.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.collabledger.api.LedgerApplication;
import org.collabledger.api.support.LedgerHttp;
import org.collabledger.projections.money.MoneyProjection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A node that starts on a store holding events a projection has not read is alive but not ready,
 * and says which projection lags by how much, until that projection has read everything the store
 * held at start. The store is the upgrade fixture's (107 events), with the money read model emptied
 * and its token removed, as a rebuild by hand does; the money processor is held at its first event
 * until the test lets it go.
 */
class ReadinessTest {

    private static final CountDownLatch MONEY_GOES_ON = new CountDownLatch(1);

    @TempDir Path dataDir;

    @Test
    void notReadyUntilTheProjectionsHaveReadWhatTheStoreHeldAtStart() throws IOException {
        LedgerApplication.quietAxon();
        try (ConfigurableApplicationContext ledger =
                new SpringApplicationBuilder(LedgerApplication.class, HeldMoney.class)
                        .run(
                                "--server.port=0",
                                "--spring.datasource.url=" + storeWithMoneyUnread(),
                                "--ledger.demo.enabled=false")) {
            try {
                LedgerHttp probe =
                        LedgerHttp.on(
                                Integer.parseInt(
                                        ledger.getEnvironment()
                                                .getProperty("local.management.port")),
                                null);
                LedgerHttp.Response readiness = probe.get("/actuator/health/readiness");
                assertThat(readiness.status()).as(readiness.toString()).isEqualTo(503);
                assertThat(readiness.json().path("status").asText()).isEqualTo("DOWN");
                JsonNode projections = readiness.json().path("components").path("projections");
                assertThat(projections.path("status").asText()).isEqualTo("DOWN");
                assertThat(projections.path("details").path("startHead").asLong()).isEqualTo(113);
                JsonNode money = projections.path("details").path("processors").path("money");
                assertThat(money.path("lagEvents").asLong()).isPositive();
                assertThat(money.path("lagSeconds").asDouble()).isPositive();
                assertThat(
                                projections
                                        .path("details")
                                        .path("processors")
                                        .path("lineage")
                                        .path("lagEvents")
                                        .asLong())
                        .isZero();
                assertThat(probe.get("/actuator/health/liveness").status()).isEqualTo(200);
                assertThat(
                                probe.get("/actuator/prometheus")
                                        .raw()
                                        .body()
                                        .lines()
                                        .filter(
                                                line ->
                                                        line.startsWith(
                                                                        "ledger_projection_lag_events{")
                                                                && line.contains(
                                                                        "projection=\"money\""))
                                        .map(line -> line.substring(line.lastIndexOf(' ') + 1))
                                        .map(Double::parseDouble))
                        .singleElement()
                        .isEqualTo(money.path("lagEvents").asDouble());

                MONEY_GOES_ON.countDown();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (readiness.status() != 200) {
                    assertThat(System.nanoTime()).as("ready in time").isLessThan(deadline);
                    readiness = probe.get("/actuator/health/readiness");
                }
                assertThat(readiness.json().path("status").asText()).isEqualTo("UP");
                assertThat(
                                readiness
                                        .json()
                                        .at(
                                                "/components/projections/details/processors/money/lagEvents")
                                        .asLong())
                        .isZero();
            } finally {
                MONEY_GOES_ON.countDown();
            }
        }
    }

    /**
     * Holds the money processor at its first event until the test lets it go. Not a component: the
     * ledger's scan of its package must not find it for other tests.
     */
    static class HeldMoney {
        @Bean
        ConfigurerModule holdMoney() {
            MessageHandlerInterceptor<EventMessage<?>> held =
                    (unitOfWork, chain) -> {
                        MONEY_GOES_ON.await();
                        return chain.proceed();
                    };
            return configurer ->
                    configurer
                            .eventProcessing()
                            .registerHandlerInterceptor(
                                    MoneyProjection.PROCESSING_GROUP, c -> held);
        }
    }

    /** The fixture's store as an H2 file, its money read model emptied and its token gone. */
    private String storeWithMoneyUnread() throws IOException {
        Path script = dataDir.resolve("ledger.sql");
        try (InputStream in =
                getClass().getResourceAsStream("/fixtures/store-92d4264/ledger.sql")) {
            Files.copy(in, script);
        }
        String url = "jdbc:h2:file:" + dataDir.resolve("ledger") + ";DB_CLOSE_ON_EXIT=FALSE";
        SingleConnectionDataSource store = new SingleConnectionDataSource(url, "sa", "", true);
        try {
            JdbcTemplate jdbc = new JdbcTemplate(store);
            jdbc.execute("runscript from '" + script + "'");
            jdbc.update("delete from money_line");
            jdbc.update("delete from money_payment");
            jdbc.update("delete from token_entry where processor_name = 'money'");
        } finally {
            store.destroy();
        }
        return url;
    }
}
