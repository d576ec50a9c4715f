package org.collabledger.api.projections;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.collabledger.projections.lineage.LineageGraph;
import org.collabledger.projections.lineage.LineageProjection;
import org.collabledger.projections.lineage.LineageQueries;
import org.collabledger.projections.lineage.LineageStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The read models: each runs in its own tracking processor with a token in the shared token store,
 * batching many events per transaction so a rebuild is not one commit per event.
 */
@Configuration(proxyBeanMethods = false)
public class ProjectionConfiguration {

    /** Events per transaction of a projection's processor. */
    static final int BATCH_SIZE = 500;

    @Bean
    LineageStore lineageStore(JdbcTemplate jdbc) {
        return new LineageStore(jdbc);
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
    LineageQueries lineageQueries(LineageGraph graph) {
        return new LineageQueries(graph);
    }

    @Bean
    ConfigurerModule projectionProcessors() {
        return configurer -> configurer.eventProcessing()
                .registerTrackingEventProcessor(LineageProjection.PROCESSING_GROUP,
                        c -> c.eventStore(),
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(BATCH_SIZE));
    }
}
