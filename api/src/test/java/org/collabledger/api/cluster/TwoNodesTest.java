package org.collabledger.api.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.collabledger.api.LedgerApplication;
import org.collabledger.api.projections.Projections;
import org.collabledger.api.storage.kurrent.KurrentStandIn;
import org.collabledger.api.support.LedgerHttp;
import org.collabledger.api.support.Postgres;
import org.collabledger.api.support.Scenario;
import org.collabledger.projections.lineage.LineageProjection;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two ledger nodes on one PostgreSQL database, as in the scale-out layout, the release and money
 * processors split into two segments each: the nodes claim the processors' segments between them
 * through the shared token store, and each node answers every read exactly as the other does (its
 * lineage graph following the tables the first writes, its positions read from the shared token
 * store), and when the first stops the second takes the processors over from their stored tokens
 * and goes on.
 */
class TwoNodesTest {

    private static final List<String> PROCESSORS = Projections.READ_MODELS;

    @Test
    void aSecondNodeAnswersAsTheFirstAndTakesItsProcessorsOver() {
        String database = Postgres.newDatabase();
        twoNodes(start(database, "node-a"), start(database, "node-b"));
    }

    /**
     * The same with the events in KurrentDB (the stand-in), the event mirror claimed like the
     * projections.
     */
    @Test
    void soDoNodesSharingKurrentDb() {
        String database = Postgres.newDatabase();
        try (KurrentStandIn kurrentDb = KurrentStandIn.start(5)) {
            String[] kurrent = {
                "--ledger.storage.engine=kurrent",
                "--ledger.storage.kurrent.connection-string=" + kurrentDb.connectionString()
            };
            twoNodes(start(database, "node-a", kurrent), start(database, "node-b", kurrent));
        }
    }

    private void twoNodes(
            ConfigurableApplicationContext first, ConfigurableApplicationContext second) {
        try {
            Scenario writes = new Scenario(port(first));
            String ana = writes.artist("ana-two-nodes");
            String draw = writes.upload(ana, "drawing");
            String anim = writes.remix(ana, "animation", draw, 2);
            String release =
                    writes.release(
                            Map.of(
                                    "title",
                                    "Episode",
                                    "kind",
                                    "EPISODE",
                                    "fundingModel",
                                    "PROFIT_SHARE",
                                    "poolRate",
                                    "1/2"));
            writes.select(release, anim, 3, "animation");
            writes.publish(release);
            awaitCaughtUp(first);

            assertThat(
                            first.getBean(Projections.class)
                                    .position(LineageProjection.PROCESSING_GROUP))
                    .isPositive();
            // The second node sees what the first committed, through the token store and the
            // tables.
            awaitCaughtUp(second);
            assertThat(answers(second, draw, anim, release))
                    .isEqualTo(answers(first, draw, anim, release));

            // Written through the first node after the second last looked: the second must show it
            // once it
            // holds the processors, before any lineage event of its own.
            String unseen = writes.remix(ana, "unseen remix", anim, 1);
            awaitCaughtUp(first);
            first.close();
            awaitCaughtUp(second);
            assertThat(
                            LedgerHttp.on(port(second), "auditor")
                                    .get("/api/records/" + draw + "/family")
                                    .raw()
                                    .body())
                    .contains(unseen);
            Scenario onSecond = new Scenario(port(second));
            String later = onSecond.remix(ana, "later remix", anim, 1);
            onSecond.takeDown(draw);
            awaitCaughtUp(second);
            String family =
                    LedgerHttp.on(port(second), "curator")
                            .get("/api/records/" + draw + "/family")
                            .raw()
                            .body();
            assertThat(family).contains(later).contains("\"takenDown\":true");
        } finally {
            second.close();
            first.close();
        }
    }

    private static List<String> answers(
            ConfigurableApplicationContext node, String draw, String anim, String release) {
        LedgerHttp auditor = LedgerHttp.on(port(node), "auditor");
        List<String> answers = new ArrayList<>();
        for (String path :
                List.of(
                        "/api/records/" + draw + "/family",
                        "/api/records/" + anim + "/lineage",
                        "/api/releases/" + release,
                        "/api/releases/" + release + "/attribution")) {
            LedgerHttp.Response response = auditor.get(path);
            assertThat(response.status()).as(path + ": " + response).isEqualTo(200);
            answers.add(response.raw().body());
        }
        return answers;
    }

    private static void awaitCaughtUp(ConfigurableApplicationContext node) {
        Projections projections = node.getBean(Projections.class);
        // A node that just took a processor over claims it on its next attempt (every few seconds).
        PROCESSORS.forEach(name -> projections.awaitCaughtUp(name, Duration.ofSeconds(60)));
    }

    private static int port(ConfigurableApplicationContext node) {
        return ((ServletWebServerApplicationContext) node).getWebServer().getPort();
    }

    private static ConfigurableApplicationContext start(
            String database, String nodeId, String... more) {
        // Command-line arguments, which outrank the profile's own settings.
        List<String> arguments =
                new ArrayList<>(
                        List.of(
                                "--server.port=0",
                                "--ledger.node-id=" + nodeId,
                                "--spring.datasource.url=" + database,
                                "--spring.datasource.username=postgres",
                                "--spring.datasource.password=postgres",
                                "--ledger.security.dev-users=true",
                                "--ledger.security.dev-password=ledger-dev",
                                "--axoniq.update-checker.disabled=true",
                                "--ledger.projections.segments.releases=2",
                                "--ledger.projections.segments.money=2"));
        arguments.addAll(List.of(more));
        return new SpringApplicationBuilder(LedgerApplication.class)
                .profiles("postgres")
                .run(arguments.toArray(String[]::new));
    }
}
