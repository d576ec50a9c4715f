package org.collabledger.api.web.releases;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.collabledger.api.history.EventFeed;
import org.collabledger.api.web.CommandAnswer;
import org.collabledger.api.web.CommandDispatcher;
import org.collabledger.api.web.CommandDispatcher.Result;
import org.collabledger.api.web.Created;
import org.collabledger.domain.release.FundingModel;
import org.collabledger.domain.release.ReleaseCommand.OpenRelease;
import org.collabledger.domain.release.ReleaseCommand.PublishRelease;
import org.collabledger.domain.release.ReleaseCommand.SelectContribution;
import org.collabledger.domain.release.ReleaseCommand.WithdrawSelection;
import org.collabledger.domain.release.ReleaseKind;
import org.collabledger.domain.shared.ErrorCode;
import org.collabledger.domain.shared.Refusal;
import org.collabledger.domain.shared.Text;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Opening releases, selecting and withdrawing contributions, publishing. */
@RestController
@Tag(
        name = "releases",
        description = "Releases: opening, selections, publishing, and what they credit")
@RequestMapping("/api/releases")
public class ReleaseController {

    private final CommandDispatcher commands;
    private final EventFeed feed;

    public ReleaseController(CommandDispatcher commands, EventFeed feed) {
        this.commands = commands;
        this.feed = feed;
    }

    /** A budget in minor units of a currency. */
    public record Budget(@NotNull Long amount, @NotNull String currency) {}

    /** Body of a release opening; rates are exact fractions written {@code "n/d"}. */
    public record ReleaseOpening(
            @NotNull String title,
            @NotNull ReleaseKind kind,
            @NotNull FundingModel fundingModel,
            String poolRate,
            @Valid Budget budget,
            String retention,
            @Size(max = 1000) List<String> waivedArtistIds,
            String collaborationId) {}

    /** Body of a selection. */
    public record SelectionRequest(
            @NotNull String recordId, @NotNull Integer weight, @NotNull String role) {}

    @PostMapping
    @Operation(operationId = "openRelease", summary = "Open a release")
    public ResponseEntity<Created> open(
            @Valid @RequestBody ReleaseOpening body, HttpServletRequest request) {
        return commands.execute(
                request,
                body,
                Created.class,
                () -> {
                    if (body.collaborationId() != null) {
                        requireCollaboration(Text.id(body.collaborationId(), "collaborationId"));
                    }
                    String id = commands.newId();
                    commands.send(
                            new OpenRelease(
                                    id,
                                    body.title(),
                                    body.kind(),
                                    body.fundingModel(),
                                    body.poolRate(),
                                    body.budget() == null ? null : body.budget().amount(),
                                    body.budget() == null ? null : body.budget().currency(),
                                    body.retention(),
                                    body.waivedArtistIds(),
                                    body.collaborationId()));
                    return Result.created(id, "/api/releases/" + id);
                });
    }

    /**
     * A release names only a collaboration the ledger holds. No event removes a collaboration and
     * stored events are never removed, so one found here before sending still exists when the
     * release is opened: this check cannot race another command.
     */
    private void requireCollaboration(String collaborationId) {
        Refusal.require(
                feed.holds(collaborationId, "Collaboration"),
                ErrorCode.UNKNOWN_COLLABORATION,
                "collaborationId",
                "no collaboration " + collaborationId);
    }

    @PostMapping("/{releaseId}/selections")
    @Operation(summary = "Select a record for a release")
    public ResponseEntity<Created> select(
            @PathVariable String releaseId,
            @Valid @RequestBody SelectionRequest body,
            HttpServletRequest request) {
        Text.id(releaseId, "releaseId");
        return commands.execute(
                request,
                body,
                Created.class,
                () -> {
                    commands.send(
                            new SelectContribution(
                                    releaseId, body.recordId(), body.weight(), body.role()));
                    return Result.created(
                            body.recordId(),
                            "/api/releases/" + releaseId + "/selections/" + body.recordId());
                });
    }

    /** The answer to withdrawing a selection: the release, and the record withdrawn. */
    public record SelectionWithdrawn(String id, String withdrawn, long ledgerPosition)
            implements CommandAnswer {}

    @DeleteMapping("/{releaseId}/selections/{recordId}")
    @Operation(summary = "Withdraw a record from a release")
    public ResponseEntity<SelectionWithdrawn> withdraw(
            @PathVariable String releaseId,
            @PathVariable String recordId,
            @RequestParam(required = false) String reason,
            HttpServletRequest request) {
        Text.id(releaseId, "releaseId");
        return commands.execute(
                request,
                Map.of("recordId", recordId, "reason", String.valueOf(reason)),
                SelectionWithdrawn.class,
                () -> {
                    commands.send(new WithdrawSelection(releaseId, recordId, reason));
                    return Result.ok(Map.of("id", releaseId, "withdrawn", recordId));
                });
    }

    /** The answer to publishing a release. */
    public record ReleasePublished(String id, boolean published, long ledgerPosition)
            implements CommandAnswer {}

    @PostMapping("/{releaseId}/publish")
    @Operation(summary = "Publish a release, fixing its attribution")
    public ResponseEntity<ReleasePublished> publish(
            @PathVariable String releaseId, HttpServletRequest request) {
        Text.id(releaseId, "releaseId");
        return commands.execute(
                request,
                Map.of(),
                ReleasePublished.class,
                () -> {
                    commands.send(new PublishRelease(releaseId));
                    return Result.ok(Map.of("id", releaseId, "published", true));
                });
    }
}
