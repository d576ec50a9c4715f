package org.collabledger.domain.release;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.collabledger.domain.catalog.LedgerCatalog;
import org.collabledger.domain.catalog.LedgerCatalog.RecordState;
import org.collabledger.domain.release.ReleaseCommand.OpenRelease;
import org.collabledger.domain.release.ReleaseCommand.PublishRelease;
import org.collabledger.domain.release.ReleaseCommand.SelectContribution;
import org.collabledger.domain.release.ReleaseCommand.WithdrawSelection;
import org.collabledger.domain.release.ReleaseEvent.ContributionSelected;
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

    @AggregateIdentifier
    private String releaseId;
    private AttributionPolicy policy;
    private boolean published;
    private final Map<String, Selection> selection = new LinkedHashMap<>();

    protected Release() {
    }

    @CommandHandler
    public Release(OpenRelease command, LedgerCatalog catalog) {
        String id = Text.id(command.releaseId(), "releaseId");
        String title = Text.required(command.title(), "title", 200);
        Refusal.require(command.kind() != null, ErrorCode.INVALID_INPUT, "kind", "kind is required");
        Refusal.require(command.fundingModel() != null, ErrorCode.INVALID_INPUT, "fundingModel",
                "fundingModel is required");
        String collaborationId = command.collaborationId() == null
                ? null : Text.id(command.collaborationId(), "collaborationId");
        apply(new ReleaseOpened(id, title, command.kind(), funding(command), policy(command, catalog),
                collaborationId));
    }

    @CommandHandler
    public void handle(SelectContribution command, LedgerCatalog catalog) {
        String recordId = Text.id(command.recordId(), "recordId");
        Refusal.require(command.weight() >= 1, ErrorCode.INVALID_WEIGHT, "weight", "weights are positive integers");
        String role = Text.required(command.role(), "role", 32);
        Refusal.require(ROLE.matcher(role).matches(), ErrorCode.INVALID_INPUT, "role",
                "role must be 1-32 characters of a-z, 0-9 or '-', starting with a letter (e.g. music, animation)");
        requireUnpublished();
        Refusal.require(!selection.containsKey(recordId), ErrorCode.ALREADY_SELECTED, "recordId",
                "record " + recordId + " is already selected");
        RecordState record = catalog.lockRecords(List.of(recordId)).get(recordId);
        Refusal.require(record != null, ErrorCode.UNKNOWN_RECORD, "recordId", "no record " + recordId);
        Refusal.require(!record.takenDown(), ErrorCode.RECORD_TAKEN_DOWN, "recordId",
                "record " + recordId + " is taken down and cannot be selected");
        apply(new ContributionSelected(releaseId, recordId, record.creatorId(), command.weight(), role));
    }

    @CommandHandler
    public void handle(WithdrawSelection command) {
        String recordId = Text.id(command.recordId(), "recordId");
        String reason = Text.optional(command.reason(), "reason", 1000);
        requireUnpublished();
        Refusal.require(selection.containsKey(recordId), ErrorCode.NOT_SELECTED, "recordId",
                "record " + recordId + " is not selected");
        apply(new SelectionWithdrawn(releaseId, recordId, reason));
    }

    @CommandHandler
    public void handle(PublishRelease command) {
        requireUnpublished();
        Refusal.require(!selection.isEmpty(), ErrorCode.EMPTY_SELECTION, null,
                "release " + releaseId + " has no selection to publish");
        apply(new ReleasePublished(releaseId, List.copyOf(selection.values()), policy));
    }

    @EventSourcingHandler
    void on(ReleaseOpened event) {
        releaseId = event.releaseId();
        policy = event.policy();
    }

    @EventSourcingHandler
    void on(ContributionSelected event) {
        selection.put(event.recordId(), new Selection(event.recordId(), event.weight(), event.role()));
    }

    @EventSourcingHandler
    void on(SelectionWithdrawn event) {
        selection.remove(event.recordId());
    }

    @EventSourcingHandler
    void on(ReleasePublished event) {
        published = true;
    }

    private void requireUnpublished() {
        Refusal.require(!published, ErrorCode.RELEASE_PUBLISHED, null,
                "release " + releaseId + " is published; its selection is frozen");
    }

    private static Funding funding(OpenRelease command) {
        if (command.fundingModel() == FundingModel.PROFIT_SHARE) {
            Refusal.require(command.budgetAmount() == null && command.budgetCurrency() == null,
                    ErrorCode.INVALID_FUNDING, "budget", "a PROFIT_SHARE release has a poolRate, not a budget");
            Fraction rate = command.poolRate() == null ? Fraction.ONE_HALF : Fraction.parse(command.poolRate(), "poolRate");
            Refusal.require(rate.notAboveOne(), ErrorCode.INVALID_FRACTION, "poolRate", "poolRate must lie in [0, 1]");
            return new Funding(FundingModel.PROFIT_SHARE, rate, null);
        }
        Refusal.require(command.poolRate() == null, ErrorCode.INVALID_FUNDING, "poolRate",
                "a BUDGET release has a budget, not a poolRate");
        Refusal.require(command.budgetAmount() != null, ErrorCode.INVALID_FUNDING, "budget",
                "a BUDGET release needs a budget");
        return new Funding(FundingModel.BUDGET, null,
                Money.positive(command.budgetAmount(), Money.requireCurrency(command.budgetCurrency(), "budget.currency"),
                        "budget.amount"));
    }

    private static AttributionPolicy policy(OpenRelease command, LedgerCatalog catalog) {
        Fraction retention = command.retention() == null
                ? Fraction.ONE_HALF : Fraction.parse(command.retention(), "retention");
        Refusal.require(!retention.equalsZero() && retention.notAboveOne(), ErrorCode.INVALID_FRACTION, "retention",
                "retention must lie in (0, 1]");
        List<String> waived = command.waivedArtistIds() == null ? List.of() : command.waivedArtistIds();
        var unique = new LinkedHashSet<String>();
        for (int i = 0; i < waived.size(); i++) {
            String field = "waivedArtistIds[" + i + "]";
            String artistId = Text.id(waived.get(i), field);
            Refusal.require(catalog.artistExists(artistId), ErrorCode.UNKNOWN_ARTIST, field, "no artist " + artistId);
            unique.add(artistId);
        }
        return new AttributionPolicy(AttributionPolicy.LINEAGE_V1, retention, new ArrayList<>(unique));
    }
}
