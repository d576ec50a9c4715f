package org.collabledger.api.projections;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.collabledger.api.history.EventFeed;
import org.collabledger.api.storage.StoreKind;
import org.collabledger.projections.attribution.AttributionQueries;
import org.collabledger.projections.directory.DirectoryProjection;
import org.collabledger.projections.directory.DirectoryQueries;
import org.collabledger.projections.lineage.LineageBulkRebuild;
import org.collabledger.projections.lineage.LineageGraph;
import org.collabledger.projections.lineage.LineageProjection;
import org.collabledger.projections.lineage.LineageQueries;
import org.collabledger.projections.lineage.LineageStore;
import org.collabledger.projections.money.MoneyChecks;
import org.collabledger.projections.money.MoneyProjection;
import org.collabledger.projections.money.MoneyQueries;
import org.collabledger.projections.release.ReleaseProjection;
import org.collabledger.projections.release.ReleaseQueries;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The read models: each runs in its own tracking processor with a token in the shared token store,
 * batching many events per transaction so a rebuild is not one commit per event.
 */
@Configuration(proxyBeanMethods = false)
public class ProjectionConfiguration {

    @Bean
    LineageStore lineageStore(JdbcTemplate jdbc, StoreKind storeKind) {
        return new LineageStore(
                jdbc,
                storeKind == StoreKind.POSTGRESQL
                        ? new PostgresCopy(jdbc.getDataSource())
                        : LineageStore.batchedInserts(jdbc));
    }

    /**
     * The graph, loaded from its tables so a restart resumes from the stored token instead of
     * replaying.
     */
    @Bean
    LineageGraph lineageGraph(LineageStore store) {
        LineageGraph graph = new LineageGraph();
        store.load(graph);
        return graph;
    }

    @Bean
    LineageProjection lineageProjection(LineageGraph graph, LineageStore store) {
        return new LineageProjection(graph, store);
    }

    /** Reads the JDBC event table directly, so it exists only on the JDBC engine. */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(
            name = "ledger.storage.engine",
            havingValue = "jdbc",
            matchIfMissing = true)
    LineageBulkRebuild lineageBulkRebuild(
            JdbcTemplate jdbc,
            @org.springframework.beans.factory.annotation.Qualifier("eventSerializer")
                    org.axonframework.serialization.Serializer serializer,
            LineageGraph graph,
            LineageStore store,
            org.axonframework.eventhandling.tokenstore.TokenStore tokens) {
        return new LineageBulkRebuild(jdbc, serializer, graph, store, tokens);
    }

    @Bean
    LineageQueries lineageQueries(LineageGraph graph) {
        return new LineageQueries(graph);
    }

    @Bean
    ReleaseProjection releaseProjection(JdbcTemplate jdbc) {
        return new ReleaseProjection(jdbc);
    }

    @Bean
    ReleaseQueries releaseQueries(JdbcTemplate jdbc) {
        return new ReleaseQueries(jdbc);
    }

    @Bean
    AttributionQueries attributionQueries(
            LineageGraph graph, ReleaseQueries releases, DirectoryQueries directory) {
        return new AttributionQueries(graph, releases, directory);
    }

    @Bean
    MoneyProjection moneyProjection(JdbcTemplate jdbc) {
        return new MoneyProjection(jdbc);
    }

    @Bean
    MoneyQueries moneyQueries(JdbcTemplate jdbc) {
        return new MoneyQueries(jdbc);
    }

    @Bean
    DirectoryProjection directoryProjection(JdbcTemplate jdbc) {
        return new DirectoryProjection(jdbc);
    }

    @Bean
    DirectoryQueries directoryQueries(JdbcTemplate jdbc) {
        return new DirectoryQueries(jdbc);
    }

    /**
     * The money checks, reading the stored events through the feed and the balances from the read
     * model.
     */
    @Bean
    MoneyChecks moneyChecks(EventFeed feed, MoneyQueries money) {
        return new MoneyChecks(feed::ofType, money);
    }

    /**
     * The projections' tracking processors. The lineage reads across aggregates in stream order (a
     * remix cites records of other aggregates), so it stays one segment; releases, money and the
     * directory keep each row by the events of one aggregate, so their streams may be split by
     * aggregate into segments that nodes sharing the token store claim between them.
     */
    @Bean
    ConfigurerModule projectionProcessors(ProjectionProperties properties) {
        if (properties.segmentsOf(LineageProjection.PROCESSING_GROUP) != 1) {
            throw new IllegalStateException(
                    "the lineage projection needs the whole stream in order: one segment");
        }
        return configurer -> {
            for (String name : Projections.READ_MODELS) {
                int segments = properties.segmentsOf(name);
                int threads = properties.threadsOf(name);
                if (segments < 1 || threads < 1) {
                    throw new IllegalStateException(
                            "processor " + name + " needs at least one segment and thread");
                }
                configurer
                        .eventProcessing()
                        .registerTrackingEventProcessor(
                                name,
                                c -> c.eventStore(),
                                c ->
                                        TrackingEventProcessorConfiguration.forParallelProcessing(
                                                        threads)
                                                .andInitialSegmentsCount(segments)
                                                .andBatchSize(properties.batchSize()));
            }
        };
    }
}
