package org.collabledger.api.storage.kurrent;

import io.kurrent.dbclient.KurrentDBClient;
import io.kurrent.dbclient.KurrentDBConnectionString;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.collabledger.api.catalog.CatalogFollower;
import org.collabledger.api.catalog.CatalogUpdater;
import org.collabledger.api.projections.ProjectionProperties;
import org.collabledger.api.storage.StorageConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The event store on KurrentDB, chosen by {@code ledger.storage.engine=kurrent}; read models,
 * tokens, the catalog (with its {@link CatalogFollower}), personal-data keys and the {@link
 * EventMirror} stay in the SQL database.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ledger.storage.engine", havingValue = "kurrent")
public class KurrentStorageConfiguration {

    @Bean(destroyMethod = "shutdown")
    KurrentDBClient kurrentWriter(KurrentProperties properties) {
        if (properties.connectionString() == null || properties.connectionString().isBlank()) {
            throw new IllegalStateException(
                    "ledger.storage.engine=kurrent needs ledger.storage.kurrent.connection-string");
        }
        return KurrentDBClient.create(
                KurrentDBConnectionString.parseOrThrow(properties.connectionString()));
    }

    /** A second client only for a different connection string (e.g. preferring followers). */
    @Bean(destroyMethod = "shutdown")
    @ConditionalOnExpression("!'${ledger.storage.kurrent.read-connection-string:}'.isBlank()")
    KurrentDBClient kurrentReader(KurrentProperties properties) {
        return KurrentDBClient.create(
                KurrentDBConnectionString.parseOrThrow(properties.readConnectionString()));
    }

    @Bean
    EventMirror eventMirror(
            JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer eventSerializer) {
        return new EventMirror(jdbc, eventSerializer);
    }

    /** The mirror runs as one tracking processor, in the global order. */
    @Bean
    ConfigurerModule eventMirrorProcessor(ProjectionProperties properties) {
        return configurer ->
                configurer
                        .eventProcessing()
                        .registerTrackingEventProcessor(
                                EventMirror.PROCESSING_GROUP,
                                c -> c.eventStore(),
                                c ->
                                        TrackingEventProcessorConfiguration
                                                .forSingleThreadedProcessing()
                                                .andBatchSize(properties.batchSize()));
    }

    @Bean
    CatalogFollower catalogFollower(CatalogUpdater updater, JdbcTemplate jdbc) {
        return new CatalogFollower(updater, jdbc);
    }

    /**
     * The catalog follower runs as one tracking processor, in the global order. It starts at the
     * head: the catalog holds every event stored before its first start, which commands wrote in
     * their transactions.
     */
    @Bean
    ConfigurerModule catalogFollowerProcessor(ProjectionProperties properties) {
        return configurer ->
                configurer
                        .eventProcessing()
                        .registerTrackingEventProcessor(
                                CatalogFollower.PROCESSING_GROUP,
                                c -> c.eventStore(),
                                c ->
                                        TrackingEventProcessorConfiguration
                                                .forSingleThreadedProcessing()
                                                .andBatchSize(properties.batchSize())
                                                .andInitialTrackingToken(
                                                        StreamableMessageSource::createHeadToken));
    }

    /**
     * The event store, its subscribers (the catalog) writing before each append ({@link
     * CatalogFirstEventStore}).
     */
    @Bean(name = "eventBus")
    @Qualifier("eventStore")
    EmbeddedEventStore eventStore(
            EventStorageEngine engine, org.axonframework.config.Configuration configuration) {
        return new CatalogFirstEventStore(
                EmbeddedEventStore.builder()
                        .storageEngine(engine)
                        .messageMonitor(
                                configuration.messageMonitor(EventStore.class, "eventStore"))
                        .spanFactory(configuration.getComponent(EventBusSpanFactory.class)));
    }

    @Bean
    EventStorageEngine eventStorageEngine(
            @Qualifier("kurrentWriter") KurrentDBClient writer,
            @Qualifier("kurrentReader") ObjectProvider<KurrentDBClient> reader,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            org.axonframework.config.Configuration configuration,
            KurrentProperties properties) {
        return KurrentEventStorageEngine.builder()
                .writer(writer)
                .reader(reader.getIfAvailable())
                .batchSize(properties.batchSize())
                .timeout(properties.timeout())
                .snapshotSerializer(StorageConfiguration.snapshotSerializer())
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .build();
    }
}
