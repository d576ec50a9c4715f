package org.collabledger.domain.release;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.collabledger.domain.allocation.Allocation;
import org.collabledger.domain.catalog.LedgerCatalog;
import org.collabledger.domain.catalog.LedgerCatalog.RecordState;
import org.collabledger.domain.release.ReleaseCommand.OpenRelease;
import org.collabledger.domain.release.ReleaseCommand.ProposeAllocation;
import org.collabledger.domain.release.ReleaseCommand.PublishRelease;
import org.collabledger.domain.release.ReleaseCommand.RecordEntry;
import org.collabledger.domain.release.ReleaseCommand.ReverseEntry;
import org.collabledger.domain.release.ReleaseCommand.SelectContribution;
import org.collabledger.domain.release.ReleaseCommand.WithdrawSelection;
import org.collabledger.domain.release.ReleaseEvent.ContributionSelected;
import org.collabledger.domain.release.ReleaseEvent.EntryRecorded;
import org.collabledger.domain.release.ReleaseEvent.EntryReversed;
import org.collabledger.domain.release.ReleaseEvent.PoolReserved;
import org.collabledger.domain.release.ReleaseEvent.ReleaseOpened;
import org.collabledger.domain.release.ReleaseEvent.ReleasePublished;
import org.collabledger.domain.release.ReleaseEvent.SelectionWithdrawn;
import org.collabledger.domain.shared.ErrorCode;
import org.collabledger.domain.shared.Fraction;
import org.collabledger.domain.shared.Money;
import org.collabledger.domain.shared.Refusal;
import org.collabledger.domain.shared.Text;

/** A production (episode, book, album, film) and the contributions selected into it. */
public class Release {

    private static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    private static final Pattern PERIOD = Pattern.compile("\\d{4}(-(0[1-9]|1[0-2]|H[12]|Q[1-4]))?");

    @AggregateIdentifier private String releaseId;
    private AttributionPolicy policy;
    private Funding funding;
    private boolean published;
    private final Map<String, Selection> selection = new LinkedHashMap<>();

    /** Every money entry by id, reversed ones included (see {@code reversedEntries}). */
    private final Map<String, EntryRecorded> entries = new HashMap<>();

    private final Set<String> reversedEntries = new HashSet<>();

    /** Per currency: net proceeds already covered by allocations, and budget already reserved. */
    private final Map<String, Long> netCovered = new HashMap<>();

    private final Map<String, Long> poolsReserved = new HashMap<>();

    protected Release() {}

    @CommandHandler
    public Release(OpenRelease command, LedgerCatalog catalog) {
        String id = Text.id(command.releaseId(), "releaseId");
        String title = Text.required(command.title(), "title", 200);
        Refusal.require(
                command.kind() != null, ErrorCode.INVALID_INPUT, "kind", "kind is required");
        Refusal.require(
                command.fundingModel() != null,
                ErrorCode.INVALID_INPUT,
                "fundingModel",
                "fundingModel is required");
        String collaborationId =
                command.collaborationId() == null
                        ? null
                        : Text.id(command.collaborationId(), "collaborationId");
        apply(
                new ReleaseOpened(
                        id,
                        title,
                        command.kind(),
                        funding(command),
                        policy(command, catalog),
                        collaborationId));
    }

    @CommandHandler
    public void handle(SelectContribution command, LedgerCatalog catalog) {
        String recordId = Text.id(command.recordId(), "recordId");
        Refusal.require(
                command.weight() >= 1,
                ErrorCode.INVALID_WEIGHT,
                "weight",
                "weights are positive integers");
        String role = Text.required(command.role(), "role", 32);
        Refusal.require(
                ROLE.matcher(role).matches(),
                ErrorCode.INVALID_INPUT,
                "role",
                "role must be 1-32 characters of a-z, 0-9 or '-', starting with a letter (e.g. music, animation)");
        requireUnpublished();
        Refusal.require(
                !selection.containsKey(recordId),
                ErrorCode.ALREADY_SELECTED,
                "recordId",
                "record " + recordId + " is already selected");
        RecordState record = catalog.lockRecords(List.of(recordId)).get(recordId);
        Refusal.require(
                record != null, ErrorCode.UNKNOWN_RECORD, "recordId", "no record " + recordId);
        Refusal.require(
                !record.takenDown(),
                ErrorCode.RECORD_TAKEN_DOWN,
                "recordId",
                "record " + recordId + " is taken down and cannot be selected");
        apply(
                new ContributionSelected(
                        releaseId, recordId, record.creatorId(), command.weight(), role));
    }

    @CommandHandler
    public void handle(WithdrawSelection command) {
        String recordId = Text.id(command.recordId(), "recordId");
        String reason = Text.optionalParagraph(command.reason(), "reason", 1000);
        requireUnpublished();
        Refusal.require(
                selection.containsKey(recordId),
                ErrorCode.NOT_SELECTED,
                "recordId",
                "record " + recordId + " is not selected");
        apply(new SelectionWithdrawn(releaseId, recordId, reason));
    }

    @CommandHandler
    public void handle(PublishRelease command) {
        requireUnpublished();
        Refusal.require(
                !selection.isEmpty(),
                ErrorCode.EMPTY_SELECTION,
                null,
                "release " + releaseId + " has no selection to publish");
        apply(new ReleasePublished(releaseId, List.copyOf(selection.values()), policy));
    }

    @CommandHandler
    public void handle(RecordEntry command) {
        String entryId = Text.id(command.entryId(), "entryId");
        Refusal.require(
                command.entry() != null,
                ErrorCode.INVALID_INPUT,
                "entry",
                "entry kind is required");
        Money amount =
                Money.positive(
                        command.amount(),
                        Money.requireCurrency(command.currency(), "currency"),
                        "amount");
        String period = Text.required(command.period(), "period", 7);
        Refusal.require(
                PERIOD.matcher(period).matches(),
                ErrorCode.INVALID_INPUT,
                "period",
                "period must be a year, a month, a quarter or a half-year: 2026, 2026-03, 2026-Q1 or 2026-H1");
        String sourceRef = Text.required(command.sourceRef(), "sourceRef", 200);
        Refusal.require(
                !entries.containsKey(entryId),
                ErrorCode.INVALID_INPUT,
                "entryId",
                "entry id " + entryId + " is already used");
        Money.requireWithinLimit(
                liveEntries(amount.currency())
                        .filter(e -> e.entry() == command.entry())
                        .mapToLong(e -> e.amount().amount())
                        .reduce(amount.amount(), Math::addExact),
                "amount",
                "the release's live "
                        + command.entry().name().toLowerCase(Locale.ROOT)
                        + " in "
                        + amount.currency());
        Refusal.require(
                published,
                ErrorCode.RELEASE_NOT_PUBLISHED,
                null,
                "release "
                        + releaseId
                        + " is not published; it has no "
                        + command.entry().name().toLowerCase()
                        + " yet");
        boolean duplicate =
                liveEntries(amount.currency())
                        .anyMatch(
                                e ->
                                        e.entry() == command.entry()
                                                && e.sourceRef().equals(sourceRef));
        Refusal.require(
                !duplicate,
                ErrorCode.DUPLICATE_SOURCE,
                "sourceRef",
                "an entry from source "
                        + sourceRef
                        + " is already recorded; reverse it first to correct it");
        apply(new EntryRecorded(releaseId, entryId, command.entry(), amount, period, sourceRef));
    }

    @CommandHandler
    public void handle(ReverseEntry command) {
        String entryId = Text.id(command.entryId(), "entryId");
        String reason = Text.required(command.reason(), "reason", 1000);
        EntryRecorded entry = entries.get(entryId);
        Refusal.require(
                entry != null,
                ErrorCode.UNKNOWN_ENTRY,
                "entryId",
                "release " + releaseId + " has no entry " + entryId);
        Refusal.require(
                !reversedEntries.contains(entryId),
                ErrorCode.ALREADY_REVERSED,
                "entryId",
                "entry " + entryId + " is already reversed");
        apply(new EntryReversed(releaseId, entryId, entry.entry(), entry.amount(), reason));
    }

    @CommandHandler
    public String handle(ProposeAllocation command, LedgerCatalog catalog) throws Exception {
        String allocationId = Text.id(command.allocationId(), "allocationId");
        String currency = Money.requireCurrency(command.currency(), "currency");
        Refusal.require(
                published,
                ErrorCode.RELEASE_NOT_PUBLISHED,
                null,
                "release " + releaseId + " is not published; its attribution is only a preview");
        long netCovering;
        long pool;
        if (funding.model() == FundingModel.PROFIT_SHARE) {
            Refusal.require(
                    command.pool() == null,
                    ErrorCode.INVALID_FUNDING,
                    "pool",
                    "a PROFIT_SHARE release computes its pool from net proceeds; do not name one");
            // Exact: each kind's live total is within Money.LIMIT (RecordEntry refuses more), so
            // their difference is.
            long net =
                    liveEntries(currency)
                            .mapToLong(
                                    e ->
                                            e.entry() == Entry.REVENUE
                                                    ? e.amount().amount()
                                                    : -e.amount().amount())
                            .reduce(0, Math::addExact);
            long covered = netCovered.getOrDefault(currency, 0L);
            netCovering = net <= covered ? 0 : net - covered;
            // floor(new · p): the remainder of a minor unit stays with the company.
            pool =
                    java.math.BigInteger.valueOf(netCovering)
                            .multiply(funding.poolRate().numerator())
                            .divide(funding.poolRate().denominator())
                            .longValueExact();
        } else {
            Refusal.require(
                    command.pool() != null,
                    ErrorCode.INVALID_FUNDING,
                    "pool",
                    "a BUDGET release's allocation names its pool");
            Refusal.require(
                    currency.equals(funding.budget().currency()),
                    ErrorCode.INVALID_FUNDING,
                    "currency",
                    "the budget is in " + funding.budget().currency());
            Refusal.require(
                    command.pool() >= 0,
                    ErrorCode.INVALID_MONEY,
                    "pool",
                    "pool must be a positive whole number of minor units");
            netCovering = 0;
            pool = command.pool();
            long reserved = poolsReserved.getOrDefault(currency, 0L);
            Refusal.require(
                    pool <= funding.budget().amount() - reserved,
                    ErrorCode.BUDGET_EXCEEDED,
                    "pool",
                    "the budget has "
                            + (funding.budget().amount() - reserved)
                            + " minor units left, not "
                            + pool);
        }
        Refusal.require(
                pool > 0,
                ErrorCode.ZERO_POOL,
                "pool",
                "the pool would be 0: there are no net proceeds in "
                        + currency
                        + " left to allocate");
        int reviewDays = command.reviewDays() == null ? 14 : command.reviewDays();
        // Everything the new allocation would refuse is checked before the reservation is applied.
        Allocation.requireReviewDays(reviewDays);
        var lines = Allocation.split(pool, command.shares());
        Allocation.requireStillLive(command.creditedRecordIds(), catalog);
        apply(new PoolReserved(releaseId, allocationId, currency, netCovering, pool));
        AggregateLifecycle.createNew(
                Allocation.class,
                () ->
                        new Allocation(
                                allocationId,
                                releaseId,
                                currency,
                                pool,
                                lines,
                                reviewDays,
                                command.attributionPosition(),
                                command.at()));
        return allocationId;
    }

    @EventSourcingHandler
    void on(ReleaseOpened event) {
        releaseId = event.releaseId();
        policy = event.policy();
        funding = event.funding();
    }

    @EventSourcingHandler
    void on(EntryRecorded event) {
        entries.put(event.entryId(), event);
    }

    @EventSourcingHandler
    void on(EntryReversed event) {
        reversedEntries.add(event.entryId());
    }

    @EventSourcingHandler
    void on(PoolReserved event) {
        netCovered.merge(event.currency(), event.netCovered(), Long::sum);
        poolsReserved.merge(event.currency(), event.pool(), Long::sum);
    }

    @EventSourcingHandler
    void on(ContributionSelected event) {
        selection.put(
                event.recordId(), new Selection(event.recordId(), event.weight(), event.role()));
    }

    @EventSourcingHandler
    void on(SelectionWithdrawn event) {
        selection.remove(event.recordId());
    }

    @EventSourcingHandler
    void on(ReleasePublished event) {
        published = true;
    }

    /** The entries in {@code currency} that still count: not reversed. */
    private java.util.stream.Stream<EntryRecorded> liveEntries(String currency) {
        return entries.values().stream()
                .filter(
                        e ->
                                e.amount().currency().equals(currency)
                                        && !reversedEntries.contains(e.entryId()));
    }

    private void requireUnpublished() {
        Refusal.require(
                !published,
                ErrorCode.RELEASE_PUBLISHED,
                null,
                "release " + releaseId + " is published; its selection is frozen");
    }

    private static Funding funding(OpenRelease command) {
        if (command.fundingModel() == FundingModel.PROFIT_SHARE) {
            Refusal.require(
                    command.budgetAmount() == null && command.budgetCurrency() == null,
                    ErrorCode.INVALID_FUNDING,
                    "budget",
                    "a PROFIT_SHARE release has a poolRate, not a budget");
            Fraction rate =
                    command.poolRate() == null
                            ? Fraction.ONE_HALF
                            : Fraction.parse(command.poolRate(), "poolRate");
            Refusal.require(
                    rate.notAboveOne(),
                    ErrorCode.INVALID_FRACTION,
                    "poolRate",
                    "poolRate must lie in [0, 1]");
            return new Funding(FundingModel.PROFIT_SHARE, rate, null);
        }
        Refusal.require(
                command.poolRate() == null,
                ErrorCode.INVALID_FUNDING,
                "poolRate",
                "a BUDGET release has a budget, not a poolRate");
        Refusal.require(
                command.budgetAmount() != null,
                ErrorCode.INVALID_FUNDING,
                "budget",
                "a BUDGET release needs a budget");
        return new Funding(
                FundingModel.BUDGET,
                null,
                Money.positive(
                        command.budgetAmount(),
                        Money.requireCurrency(command.budgetCurrency(), "budget.currency"),
                        "budget.amount"));
    }

    private static AttributionPolicy policy(OpenRelease command, LedgerCatalog catalog) {
        Fraction retention =
                command.retention() == null
                        ? Fraction.ONE_HALF
                        : Fraction.parse(command.retention(), "retention");
        Refusal.require(
                !retention.equalsZero() && retention.notAboveOne(),
                ErrorCode.INVALID_FRACTION,
                "retention",
                "retention must lie in (0, 1]");
        List<String> waived =
                command.waivedArtistIds() == null ? List.of() : command.waivedArtistIds();
        var unique = new LinkedHashSet<String>();
        for (int i = 0; i < waived.size(); i++) {
            String field = "waivedArtistIds[" + i + "]";
            String artistId = Text.id(waived.get(i), field);
            Refusal.require(
                    catalog.artistExists(artistId),
                    ErrorCode.UNKNOWN_ARTIST,
                    field,
                    "no artist " + artistId);
            unique.add(artistId);
        }
        return new AttributionPolicy(
                AttributionPolicy.LINEAGE_V1, retention, new ArrayList<>(unique));
    }
}
