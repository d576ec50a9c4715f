package org.collabledger.api.storage;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.collabledger.domain.allocation.Allocation;
import org.collabledger.domain.artist.Artist;
import org.collabledger.domain.collaboration.Collaboration;
import org.collabledger.domain.record.Record;
import org.collabledger.domain.release.Release;
import org.collabledger.domain.treasury.MoneyCommandHandler;
import org.collabledger.domain.treasury.Treasury;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The event store wiring: Axon's JDBC engine on tables whose DDL we own (Flyway migrations, {@link
 * LedgerSchema}), so the global index is an identity column that grows by one and payloads are
 * {@code bytea} on PostgreSQL; events serialized as JSON under stable names; the aggregates; and
 * the metadata every event carries.
 */
@Configuration(proxyBeanMethods = false)
public class StorageConfiguration {

    /** Metadata key of the authenticated principal who caused a message. */
    public static final String ACTOR = "actor";

    /** Metadata key shared by every message caused by one request. */
    public static final String CORRELATION_ID = "correlationId";

    /** Metadata key naming the message that directly caused this one. */
    public static final String CAUSATION_ID = "causationId";

    @Bean
    EventTypeRegistry eventTypeRegistry() {
        return new EventTypeRegistry();
    }

    @Bean
    @Primary
    Serializer serializer(EventTypeRegistry registry) {
        return new StableNameSerializer(storageObjectMapper(), registry);
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(EventTypeRegistry registry) {
        return new StableNameSerializer(storageObjectMapper(), registry);
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer(EventTypeRegistry registry) {
        return new StableNameSerializer(storageObjectMapper(), registry);
    }

    /**
     * The mapper for stored payloads: strict on read, so a payload that no longer fits its class
     * fails loudly.
     */
    public static ObjectMapper storageObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    @Bean
    EventSchema eventSchema() {
        return ledgerEventSchema();
    }

    /**
     * Our names for Axon's event and snapshot tables and columns (the migrations in {@code
     * db/migration}).
     */
    public static EventSchema ledgerEventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    /**
     * Axon's JDBC engine as its auto-configuration would build it, but reading 1,000 events per
     * query instead of 100 (a projection rebuild is bound by round trips to the database), writing
     * timestamps without a formatter, and leaving positions to the sequencer ({@link
     * LedgerJdbcEventStorageEngine}). The default engine; {@code ledger.storage.engine=kurrent}
     * puts the events in KurrentDB instead.
     */
    @Bean
    @ConditionalOnProperty(
            name = "ledger.storage.engine",
            havingValue = "jdbc",
            matchIfMissing = true)
    EventStorageEngine eventStorageEngine(
            Serializer serializer,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            org.axonframework.config.Configuration configuration,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager,
            EventSchema eventSchema,
            EventSequencer sequencer) {
        return new LedgerJdbcEventStorageEngine(
                JdbcEventStorageEngine.builder()
                        .snapshotSerializer(snapshotSerializer())
                        .upcasterChain(configuration.upcasterChain())
                        .persistenceExceptionResolver(persistenceExceptionResolver)
                        .eventSerializer(eventSerializer)
                        .snapshotFilter(configuration.snapshotFilter())
                        .connectionProvider(connectionProvider)
                        .transactionManager(transactionManager)
                        .schema(eventSchema)
                        .batchSize(1000),
                sequencer);
    }

    /**
     * Numbers committed events on a thread of its own, asked after each commit and otherwise at the
     * sweep pace; it wakes the event store's readers (looked up late: the store needs the engine).
     */
    @Bean
    @ConditionalOnProperty(
            name = "ledger.storage.engine",
            havingValue = "jdbc",
            matchIfMissing = true)
    EventSequencer eventSequencer(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            ObjectProvider<LedgerEventStore> eventStore,
            StorageProperties properties) {
        return new EventSequencer(
                jdbc,
                transactions,
                () -> eventStore.getObject().eventsNumbered(),
                properties.sequencerSweep());
    }

    /** Axon's embedded event store as its auto-configuration builds it, woken by the sequencer. */
    @Bean(name = "eventBus")
    @Qualifier("eventStore")
    @ConditionalOnProperty(
            name = "ledger.storage.engine",
            havingValue = "jdbc",
            matchIfMissing = true)
    LedgerEventStore eventStore(
            EventStorageEngine engine, org.axonframework.config.Configuration configuration) {
        return new LedgerEventStore(
                EmbeddedEventStore.builder()
                        .storageEngine(engine)
                        .messageMonitor(
                                configuration.messageMonitor(EventStore.class, "eventStore"))
                        .spanFactory(configuration.getComponent(EventBusSpanFactory.class)));
    }

    /**
     * Snapshots hold an aggregate's private state, so their mapper reads and writes fields, not
     * getters; only the treasury is snapshotted, because its stream grows with every payment in its
     * currency.
     */
    public static Serializer snapshotSerializer() {
        ObjectMapper fields =
                storageObjectMapper()
                        .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                        .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        return JacksonSerializer.builder().objectMapper(fields).build();
    }

    /**
     * Snapshots of the treasury, taken on a background thread so a payout run does not wait for
     * them; the Spring snapshotter only knows aggregates declared as Spring beans.
     */
    @Bean
    Snapshotter snapshotter(EventStore eventStore, TransactionManager transactionManager) {
        return AggregateSnapshotter.builder()
                .eventStore(eventStore)
                .transactionManager(transactionManager)
                .executor(
                        java.util.concurrent.Executors.newSingleThreadExecutor(
                                runnable -> {
                                    Thread thread = new Thread(runnable, "treasury-snapshotter");
                                    thread.setDaemon(true);
                                    return thread;
                                }))
                .aggregateFactories(new GenericAggregateFactory<>(Treasury.class))
                .build();
    }

    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new UniqueViolationResolver();
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("time_stamp")
                .setOwnerColumn("owner")
                .build();
    }

    /**
     * Axon's JDBC token store as its auto-configuration builds it, but under this node's name when
     * {@code ledger.node-id} gives one: nodes sharing the store tell their claims apart by it
     * (Axon's default, process id and host, is the same for two nodes in one JVM), and operators
     * see it in {@code owner}.
     */
    @Bean
    TokenStore tokenStore(
            ConnectionProvider connectionProvider,
            Serializer serializer,
            TokenSchema tokenSchema,
            TokenStoreProperties tokenStoreProperties,
            @Value("${ledger.node-id:}") String nodeId) {
        JdbcTokenStore.Builder builder =
                JdbcTokenStore.builder()
                        .connectionProvider(connectionProvider)
                        .schema(tokenSchema)
                        .serializer(serializer)
                        .claimTimeout(tokenStoreProperties.getClaimTimeout());
        if (!nodeId.isBlank()) {
            builder.nodeId(nodeId);
        }
        return builder.build();
    }

    /**
     * The aggregates, each reading only events of its own type: a record id sent to a release
     * endpoint finds no release instead of replaying a record's events into a release.
     */
    @Bean
    ConfigurerModule aggregates(StorageProperties properties) {
        return configurer -> {
            for (Class<?> type :
                    List.of(
                            Artist.class,
                            Record.class,
                            Collaboration.class,
                            Release.class,
                            Allocation.class)) {
                configurer.configureAggregate(
                        AggregateConfigurer.defaultConfiguration(type)
                                .configureFilterEventsByType(c -> true));
            }
            // Cached: every money command of a currency works on its treasury, which is large to
            // load.
            configurer.configureAggregate(
                    AggregateConfigurer.defaultConfiguration(Treasury.class)
                            .configureFilterEventsByType(c -> true)
                            .configureCache(
                                    c -> new org.axonframework.common.caching.WeakReferenceCache())
                            .configureSnapshotTrigger(
                                    c ->
                                            new EventCountSnapshotTriggerDefinition(
                                                    c.snapshotter(),
                                                    properties.treasurySnapshotEvery())));
            configurer.registerCommandHandler(
                    c ->
                            new MoneyCommandHandler(
                                    c.repository(Allocation.class), c.repository(Treasury.class)));
        };
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Every event inherits the actor and correlation id of the command that caused it, and names
     * that command as its causation. The edge sets actor and correlation id; clients cannot. Only
     * commands are read: no event handler sends messages, and reading an event's metadata would
     * make every projection deserialize it for every event it tracks.
     */
    @Bean
    CorrelationDataProvider ledgerCorrelation() {
        return message -> {
            if (!(message instanceof CommandMessage)) {
                return Map.of();
            }
            Map<String, Object> data = new HashMap<>();
            Object actor = message.getMetaData().get(ACTOR);
            if (actor != null) {
                data.put(ACTOR, actor);
            }
            Object correlation = message.getMetaData().get(CORRELATION_ID);
            data.put(CORRELATION_ID, correlation != null ? correlation : message.getIdentifier());
            data.put(CAUSATION_ID, message.getIdentifier());
            return data;
        };
    }
}
