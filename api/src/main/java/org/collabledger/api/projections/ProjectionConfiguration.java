package org.collabledger.api.projections;

import java.util.List;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.collabledger.projections.attribution.AttributionQueries;
import org.collabledger.projections.lineage.LineageBulkRebuild;
import org.collabledger.projections.lineage.LineageGraph;
import org.collabledger.projections.lineage.LineageProjection;
import org.collabledger.projections.lineage.LineageQueries;
import org.collabledger.projections.lineage.LineageStore;
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
    LineageStore lineageStore(JdbcTemplate jdbc) {
        boolean postgres = org.collabledger.api.catalog.DatabaseKind.of(jdbc.getDataSource())
                == org.collabledger.api.catalog.DatabaseKind.POSTGRESQL;
        return new LineageStore(jdbc, postgres ? new PostgresCopy(jdbc.getDataSource())
                : LineageStore.batchedInserts(jdbc));
    }

    /** The graph, loaded from its tables so a restart resumes from the stored token instead of replaying. */
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

    @Bean
    LineageBulkRebuild lineageBulkRebuild(JdbcTemplate jdbc,
                                          @org.springframework.beans.factory.annotation.Qualifier("eventSerializer")
                                          org.axonframework.serialization.Serializer serializer,
                                          LineageGraph graph, LineageStore store,
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
    AttributionQueries attributionQueries(LineageGraph graph, ReleaseQueries releases) {
        return new AttributionQueries(graph, releases);
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
    ConfigurerModule projectionProcessors(ProjectionProperties properties) {
        return configurer -> {
            for (String name : List.of(LineageProjection.PROCESSING_GROUP, ReleaseProjection.PROCESSING_GROUP,
                    MoneyProjection.PROCESSING_GROUP)) {
                configurer.eventProcessing().registerTrackingEventProcessor(name, c -> c.eventStore(),
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(properties.batchSize()));
            }
        };
    }
}
