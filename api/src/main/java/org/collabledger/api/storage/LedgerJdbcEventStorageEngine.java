package org.collabledger.api.storage;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.collabledger.projections.GlobalPosition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Axon's JDBC engine with three changes. It writes each event's timestamp text by hand instead of through
 * {@code DateTimeFormatter}, which took 7% of a command's time; the text is exactly Axon's
 * ({@link DateTimeUtils#formatInstant}), so stored rows, their seal and every reader stay as they were. A
 * projection whose token has gaps reads the next batch and the gaps as two index lookups joined, not as one
 * condition with OR, which H2 answers by reading the whole event table. And an event read after events above
 * it carries its own global index to the projections ({@link GlobalPosition#LATE_COMMIT}).
 */
public final class LedgerJdbcEventStorageEngine extends JdbcEventStorageEngine {

    private static final int SECONDS_PER_DAY = 86_400;

    /** Null where the database itself tells which units of work are open (PostgreSQL). */
    private final AppendsInFlight appendsInFlight;

    /** The engine {@code builder} describes. */
    public LedgerJdbcEventStorageEngine(Builder builder) {
        this(builder, null);
    }

    /** The engine {@code builder} describes, counting its units of work in {@code appendsInFlight} while they append. */
    public LedgerJdbcEventStorageEngine(Builder builder, AppendsInFlight appendsInFlight) {
        super(builder);
        this.appendsInFlight = appendsInFlight;
    }

    /**
     * Axon's append, on H2 counted as in flight from before its events take their positions until its
     * transaction ends, so a position left empty can be told abandoned ({@link StoreAbandonment.InProcess}).
     */
    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (appendsInFlight == null || events.isEmpty()) {
            super.appendEvents(events, serializer);
            return;
        }
        long number = appendsInFlight.begin();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    appendsInFlight.end(number);
                }
            });
            super.appendEvents(events, serializer);
            return;
        }
        try {
            super.appendEvents(events, serializer);
        } finally {
            appendsInFlight.end(number);
        }
    }

    @Override
    protected void writeTimestamp(PreparedStatement statement, int position, Instant timestamp) throws SQLException {
        statement.setString(position, timestampText(timestamp));
    }

    /**
     * The events after {@code globalIndex}, up to a batch, and those at the {@code gaps} that have been committed
     * since, in global order: what Axon's statement selects. Its {@code (range) OR index IN (gaps)} made H2
     * read every event on every such read, which took a third of the ledger's CPU in the load benchmark's
     * HTTP run on H2; each half alone is an index lookup on both databases. The gaps all lie below
     * {@code globalIndex}, so the halves never share a row.
     */
    @Override
    protected PreparedStatement readEventDataWithGaps(Connection connection, long globalIndex, int batchSize,
                                                      List<Long> gaps) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(gapQuery(schema(), gaps.size()));
        statement.setLong(1, globalIndex);
        statement.setLong(2, globalIndex + batchSize);
        for (int i = 0; i < gaps.size(); i++) {
            statement.setLong(i + 3, gaps.get(i));
        }
        return statement;
    }

    /**
     * Axon's tracked event, and for a late commit (an event read after events with higher global indexes,
     * because its transaction committed after theirs) the same event with its own global index added to the
     * metadata it is read with: its token stays at the highest index read, and the projections must key
     * its facts where a rebuild, reading every event in order, keys them. The stored row is not changed.
     */
    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        TrackedEventData<?> tracked = super.getTrackedEventData(resultSet, previousToken);
        long globalIndex = resultSet.getLong(schema().globalIndexColumn());
        if (tracked.trackingToken().position().orElse(globalIndex) == globalIndex) {
            return tracked;
        }
        DomainEventData<?> event = (DomainEventData<?>) tracked;
        SerializedObject<?> payload = event.getPayload();
        return new TrackedDomainEventData<>(tracked.trackingToken(), new GenericDomainEventEntry<>(event.getType(),
                event.getAggregateIdentifier(), event.getSequenceNumber(), event.getEventIdentifier(),
                event.getTimestamp(), payload.getType().getName(), payload.getType().getRevision(), payload.getData(),
                withLateCommit((byte[]) event.getMetaData().getData(), globalIndex)));
    }

    /**
     * The metadata's JSON object with {@link GlobalPosition#LATE_COMMIT} added as its last member; a row
     * without metadata (the column allows it) gets an object of that member alone.
     */
    static byte[] withLateCommit(byte[] metadata, long globalIndex) {
        String json = metadata == null ? "{}" : new String(metadata, StandardCharsets.UTF_8).strip();
        if (!json.startsWith("{") || !json.endsWith("}")) {
            throw new IllegalStateException("event metadata is not a JSON object: " + json);
        }
        String body = json.substring(1, json.length() - 1).strip();
        return ("{" + body + (body.isEmpty() ? "" : ",") + "\"" + GlobalPosition.LATE_COMMIT + "\":" + globalIndex
                + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** The SQL of {@link #readEventDataWithGaps}, for {@code gaps} gaps. */
    static String gapQuery(EventSchema schema, int gaps) {
        String select = "select " + schema.trackedEventFields() + " from " + schema.domainEventTable() + " where ";
        return select + schema.globalIndexColumn() + " > ? and " + schema.globalIndexColumn() + " <= ? union all "
                + select + schema.globalIndexColumn() + " in (" + String.join(",", Collections.nCopies(gaps, "?"))
                + ") order by " + schema.globalIndexColumn() + " asc";
    }

    /**
     * {@code 2026-11-23T18:31:56.096Z}: milliseconds, truncated, always three digits, as Axon writes it. Years
     * outside 0-9999, which Axon writes with a sign, are left to Axon.
     */
    static String timestampText(Instant timestamp) {
        long seconds = timestamp.getEpochSecond();
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            return DateTimeUtils.formatInstant(timestamp);
        }
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        byte[] text = new byte[24];
        digits(text, 0, year, 4);
        text[4] = '-';
        digits(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, secondOfDay / 3600, 2);
        text[13] = ':';
        digits(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, secondOfDay % 60, 2);
        text[19] = '.';
        digits(text, 20, timestamp.getNano() / 1_000_000, 3);
        text[23] = 'Z';
        return new String(text, StandardCharsets.US_ASCII);
    }

    private static void digits(byte[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }
}
