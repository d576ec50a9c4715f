package org.collabledger.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.collabledger.domain.testing.Samples.ALICE;
import static org.collabledger.domain.testing.Samples.BOB;
import static org.collabledger.domain.testing.Samples.CALL;
import static org.collabledger.domain.testing.Samples.CAROL;
import static org.collabledger.domain.testing.Samples.PILOT;
import static org.collabledger.domain.testing.Samples.REMIX;
import static org.collabledger.domain.testing.Samples.SONG;
import static org.collabledger.domain.testing.Samples.cite;
import static org.collabledger.domain.testing.Samples.registered;
import static org.collabledger.domain.testing.Samples.remixed;
import static org.collabledger.domain.testing.Samples.takenDown;
import static org.collabledger.domain.testing.Samples.uploaded;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.collabledger.domain.allocation.AllocationEvent;
import org.collabledger.domain.allocation.AllocationEvent.AllocationFinalized;
import org.collabledger.domain.allocation.AllocationEvent.AllocationProposed;
import org.collabledger.domain.allocation.AllocationEvent.AllocationRevised;
import org.collabledger.domain.allocation.AllocationEvent.CommentFiled;
import org.collabledger.domain.allocation.AllocationLine;
import org.collabledger.domain.allocation.Claim;
import org.collabledger.domain.artist.ArtistEvent;
import org.collabledger.domain.artist.ArtistEvent.ArtistForgotten;
import org.collabledger.domain.artist.ArtistEvent.ArtistPersonalDataChanged;
import org.collabledger.domain.artist.ArtistEvent.ArtistProfileChanged;
import org.collabledger.domain.collaboration.CollaborationEvent;
import org.collabledger.domain.collaboration.CollaborationEvent.CollaborationClosed;
import org.collabledger.domain.collaboration.CollaborationEvent.CollaborationOpened;
import org.collabledger.domain.collaboration.CollaborationEvent.RecordSubmitted;
import org.collabledger.domain.record.RecordEvent;
import org.collabledger.domain.record.RecordEvent.CitationAdded;
import org.collabledger.domain.record.RecordEvent.CitationRemoved;
import org.collabledger.domain.release.AttributionPolicy;
import org.collabledger.domain.release.Entry;
import org.collabledger.domain.release.Funding;
import org.collabledger.domain.release.FundingModel;
import org.collabledger.domain.release.ReleaseEvent;
import org.collabledger.domain.release.ReleaseEvent.ContributionSelected;
import org.collabledger.domain.release.ReleaseEvent.EntryRecorded;
import org.collabledger.domain.release.ReleaseEvent.EntryReversed;
import org.collabledger.domain.release.ReleaseEvent.PoolReserved;
import org.collabledger.domain.release.ReleaseEvent.ReleaseOpened;
import org.collabledger.domain.release.ReleaseEvent.ReleasePublished;
import org.collabledger.domain.release.ReleaseEvent.SelectionWithdrawn;
import org.collabledger.domain.release.ReleaseKind;
import org.collabledger.domain.release.Selection;
import org.collabledger.domain.shared.EventType;
import org.collabledger.domain.shared.Fraction;
import org.collabledger.domain.shared.Money;
import org.collabledger.domain.treasury.TreasuryEvent;
import org.collabledger.domain.treasury.TreasuryEvent.AdjustmentRecorded;
import org.collabledger.domain.treasury.TreasuryEvent.AllocationCredited;
import org.collabledger.domain.treasury.TreasuryEvent.PaymentFailed;
import org.collabledger.domain.treasury.TreasuryEvent.PaymentIssued;
import org.collabledger.domain.treasury.TreasuryEvent.PaymentReversed;
import org.collabledger.domain.treasury.TreasuryEvent.PaymentSettled;
import org.collabledger.domain.treasury.TreasuryEvent.PayoutDeferred;
import org.collabledger.domain.treasury.TreasuryEvent.PayoutRunStarted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every event is a record stored under a stable, unique type name, and reads back from JSON
 * unchanged.
 */
class EventJsonTest {

    private static final List<Class<?>> EVENT_FAMILIES =
            List.of(
                    ArtistEvent.class,
                    RecordEvent.class,
                    CollaborationEvent.class,
                    ReleaseEvent.class,
                    AllocationEvent.class,
                    TreasuryEvent.class);

    private static final AttributionPolicy POLICY =
            new AttributionPolicy(AttributionPolicy.LINEAGE_V1, Fraction.of(2, 3), List.of(BOB));

    private static final String ALLOCATION = "00000000-0000-0000-0000-000000000901";
    private static final String ENTRY = "00000000-0000-0000-0000-000000000801";
    private static final String RUN = "00000000-0000-0000-0000-000000000a01";
    private static final String PAYMENT = "00000000-0000-0000-0000-000000000c01";
    private static final String ADJUSTMENT = "00000000-0000-0000-0000-000000000b01";
    private static final String TREASURY = "treasury-EUR";
    private static final Instant PROPOSED_AT = Instant.parse("2026-07-01T09:00:00.123456789Z");
    private static final List<AllocationLine> LINES =
            List.of(
                    new AllocationLine(ALICE, Fraction.of(2, 3), 667),
                    new AllocationLine(CAROL, Fraction.of(1, 3), 333));

    /**
     * At least one filled-in sample of every event type; {@link #everyEventTypeHasASample} keeps it
     * complete.
     */
    private static final List<Object> SAMPLES =
            List.of(
                    registered(ALICE, "alice"),
                    new ArtistProfileChanged(ALICE, "alice.l", "Alice Liddell"),
                    new ArtistPersonalDataChanged(
                            ALICE, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
                    new ArtistForgotten(ALICE, "asked to be forgotten"),
                    uploaded(SONG, ALICE),
                    remixed(REMIX, BOB, cite(SONG, 3)),
                    takenDown(SONG),
                    new CitationAdded(REMIX, cite(SONG, 2), "the bass line is Alice's"),
                    new CitationRemoved(REMIX, SONG, "it was not"),
                    new CollaborationOpened(
                            CALL, "First times", "memory", "Do you remember your first time?"),
                    new CollaborationClosed(CALL),
                    new RecordSubmitted(CALL, SONG, ALICE),
                    new ReleaseOpened(
                            PILOT,
                            "Episode 1",
                            ReleaseKind.EPISODE,
                            new Funding(FundingModel.BUDGET, null, new Money(50_000, "EUR")),
                            POLICY,
                            CALL),
                    new ReleaseOpened(
                            PILOT,
                            "Episode 1",
                            ReleaseKind.EPISODE,
                            new Funding(FundingModel.PROFIT_SHARE, Fraction.of(3, 10), null),
                            POLICY,
                            null),
                    new ContributionSelected(PILOT, SONG, ALICE, 2, "music"),
                    new SelectionWithdrawn(PILOT, SONG, null),
                    new ReleasePublished(PILOT, List.of(new Selection(REMIX, 1, "music")), POLICY),
                    new EntryRecorded(
                            PILOT,
                            ENTRY,
                            Entry.REVENUE,
                            new Money(120_000, "EUR"),
                            "2026-H1",
                            "sales-report-7"),
                    new EntryReversed(
                            PILOT, ENTRY, Entry.COST, new Money(4_500, "EUR"), "booked twice"),
                    new PoolReserved(PILOT, ALLOCATION, "EUR", 2_001, 1_000),
                    new AllocationProposed(
                            ALLOCATION,
                            PILOT,
                            "EUR",
                            1_000,
                            LINES,
                            14,
                            PROPOSED_AT.plusSeconds(14 * 86_400),
                            42,
                            PROPOSED_AT),
                    new CommentFiled(ALLOCATION, BOB, Claim.OMITTED, "the bass line is mine"),
                    new AllocationRevised(
                            ALLOCATION,
                            1,
                            LINES,
                            PROPOSED_AT.plusSeconds(20 * 86_400),
                            43,
                            "Bob was heard"),
                    new AllocationFinalized(
                            ALLOCATION,
                            PILOT,
                            "EUR",
                            1_000,
                            LINES,
                            PROPOSED_AT.plusSeconds(21 * 86_400)),
                    new AllocationCredited(TREASURY, "EUR", ALLOCATION, PILOT, 1_000, LINES),
                    new AdjustmentRecorded(
                            TREASURY, "EUR", ADJUSTMENT, CAROL, -50, "over-credited", "event-17"),
                    new PayoutRunStarted(
                            TREASURY,
                            "EUR",
                            RUN,
                            1_000,
                            "bank-transfer",
                            PROPOSED_AT.plusSeconds(60)),
                    new PaymentIssued(
                            TREASURY,
                            "EUR",
                            RUN,
                            PAYMENT,
                            ALICE,
                            1_667,
                            "bank-transfer",
                            "H1-2026"),
                    new PayoutDeferred(TREASURY, "EUR", RUN, CAROL, 283, 1_000),
                    new PaymentSettled(TREASURY, "EUR", PAYMENT, ALICE, 1_667, "wire-77"),
                    new PaymentFailed(TREASURY, "EUR", PAYMENT, ALICE, 1_667, "account closed"),
                    new PaymentReversed(TREASURY, "EUR", PAYMENT, ALICE, 1_667, "chargeback"));

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());

    static List<Class<?>> eventTypes() {
        return EVENT_FAMILIES.stream()
                .flatMap(family -> Arrays.stream(family.getPermittedSubclasses()))
                .toList();
    }

    static List<Object> samples() {
        return SAMPLES;
    }

    @Test
    void everyEventIsARecordWithAStableTypeName() {
        assertThat(eventTypes())
                .hasSizeGreaterThanOrEqualTo(14)
                .allSatisfy(
                        type -> {
                            assertThat(type.isRecord()).as("%s is a record", type).isTrue();
                            EventType stable = type.getAnnotation(EventType.class);
                            assertThat(stable).as("%s carries @EventType", type).isNotNull();
                            String family =
                                    type.getInterfaces()[0]
                                            .getSimpleName()
                                            .replace("Event", "")
                                            .toLowerCase(Locale.ROOT);
                            assertThat(stable.name())
                                    .as("stored name of %s", type)
                                    .matches("[a-z]+\\.[a-z]+(-[a-z]+)*")
                                    .startsWith(family + ".")
                                    .doesNotContain(type.getSimpleName());
                            assertThat(stable.revision())
                                    .as("revision of %s", type)
                                    .matches("[1-9]\\d*");
                        });
    }

    @Test
    void eventTypeNamesAreUnique() {
        var namesByCount =
                eventTypes().stream()
                        .collect(
                                Collectors.groupingBy(
                                        type -> type.getAnnotation(EventType.class).name(),
                                        Collectors.counting()));

        assertThat(namesByCount)
                .allSatisfy((name, count) -> assertThat(count).as(name).isEqualTo(1L));
    }

    @Test
    void everyEventTypeHasASample() {
        assertThat(SAMPLES.stream().map(Object::getClass).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(eventTypes());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyEventSurvivesAJsonRoundTrip(Object sample) throws Exception {
        String text = json.writeValueAsString(sample);

        assertThat(json.readValue(text, sample.getClass())).isEqualTo(sample);
    }
}
