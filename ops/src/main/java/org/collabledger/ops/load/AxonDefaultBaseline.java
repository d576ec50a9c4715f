package org.collabledger.ops.load;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.HsqlEventTableFactory;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The "Axon with its default configuration" baseline of issue 9: Axon's own configurer with its defaults
 * (simple command bus, event-sourcing repository, JDBC event store with Axon's default table layout, no
 * interceptors, no event processors), one aggregate whose only command appends one event, on the same
 * database as the ledger. Jackson stands in for Axon's default XStream, which this build excludes.
 */
final class AxonDefaultBaseline implements AutoCloseable {

    private static final String EVENTS = "axon_default_event";
    private static final String SNAPSHOTS = "axon_default_snapshot";

    private final DataSource dataSource;
    private final Configuration configuration;

    AxonDefaultBaseline(DataSource dataSource, boolean postgres) throws SQLException {
        this.dataSource = dataSource;
        EventSchema schema = EventSchema.builder().eventTable(EVENTS).snapshotTable(SNAPSHOTS).build();
        SpringTransactionManager transactions = new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .transactionManager(transactions)
                .schema(schema)
                .snapshotSerializer(serializer)
                .eventSerializer(serializer)
                .build();
        dropTables();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            (postgres ? PostgresEventTableFactory.INSTANCE : HsqlEventTableFactory.INSTANCE)
                    .createDomainEventTable(connection, schema).execute();
            (postgres ? PostgresEventTableFactory.INSTANCE : HsqlEventTableFactory.INSTANCE)
                    .createSnapshotEventTable(connection, schema).execute();
        }
        configuration = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> serializer)
                .configureEmbeddedEventStore(c -> engine)
                .configureTransactionManager(c -> transactions)
                .configureAggregate(Item.class)
                .buildConfiguration();
        configuration.start();
    }

    /** Sends one command that creates one aggregate with one event, and waits for it to be stored. */
    void send() {
        configuration.commandGateway().sendAndWait(new CreateItem(UUID.randomUUID().toString()));
    }

    @Override
    public void close() {
        configuration.shutdown();
        dropTables();
    }

    private void dropTables() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("drop table if exists " + EVENTS);
        jdbc.execute("drop table if exists " + SNAPSHOTS);
    }

    /** The baseline's one command. */
    record CreateItem(@TargetAggregateIdentifier String id) {
    }

    /** The baseline's one event. */
    record ItemCreated(String id) {
    }

    /** The smallest event-sourced aggregate: created by one command with one event. */
    static final class Item {

        @AggregateIdentifier
        private String id;

        Item() {
        }

        @CommandHandler
        Item(CreateItem command) {
            apply(new ItemCreated(command.id()));
        }

        @EventSourcingHandler
        void on(ItemCreated event) {
            id = event.id();
        }
    }
}
