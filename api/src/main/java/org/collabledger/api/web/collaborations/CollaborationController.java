package org.collabledger.api.web.collaborations;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.collabledger.api.history.FoldedViews;
import org.collabledger.api.history.FoldedViews.CollaborationView;
import org.collabledger.api.security.ArtistAccess;
import org.collabledger.api.web.CommandAnswer;
import org.collabledger.api.web.CommandDispatcher;
import org.collabledger.api.web.CommandDispatcher.Result;
import org.collabledger.api.web.Created;
import org.collabledger.api.web.ReadsFrom;
import org.collabledger.domain.collaboration.CollaborationCommand.CloseCollaboration;
import org.collabledger.domain.collaboration.CollaborationCommand.OpenCollaboration;
import org.collabledger.domain.collaboration.CollaborationCommand.SubmitRecord;
import org.collabledger.domain.shared.Text;
import org.collabledger.projections.directory.DirectoryProjection;
import org.collabledger.projections.directory.DirectoryQueries;
import org.collabledger.projections.directory.DirectoryQueries.ArtistName;
import org.collabledger.projections.lineage.LineageProjection;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Opening and closing collaborations, and submitting records to them. */
@RestController
@Tag(name = "collaborations", description = "Open calls that artists submit records to")
@RequestMapping("/api/collaborations")
public class CollaborationController {

    private final CommandDispatcher commands;
    private final FoldedViews views;
    private final ArtistAccess access;
    private final DirectoryQueries directory;

    public CollaborationController(
            CommandDispatcher commands,
            FoldedViews views,
            ArtistAccess access,
            DirectoryQueries directory) {
        this.commands = commands;
        this.views = views;
        this.access = access;
        this.directory = directory;
    }

    /**
     * A collaboration, the names of its submissions' creators, and its submitted records' titles by
     * record id.
     */
    public record CollaborationAnswer(
            @JsonUnwrapped CollaborationView collaboration,
            List<ArtistName> creators,
            Map<String, String> titles) {}

    @ReadsFrom({LineageProjection.PROCESSING_GROUP, DirectoryProjection.PROCESSING_GROUP})
    @GetMapping("/{collaborationId}")
    @Operation(summary = "Read a collaboration and its submissions")
    public CollaborationAnswer collaboration(
            @PathVariable String collaborationId, @RequestParam(required = false) Long asOf) {
        CollaborationView view =
                views.collaboration(
                        Text.id(collaborationId, "collaborationId"),
                        asOf == null ? Long.MAX_VALUE : asOf);
        List<ArtistName> creators =
                directory.namesById(
                        view.submissions().stream().map(FoldedViews.Submitted::creatorId).toList());
        Map<String, String> titles =
                new TreeMap<>(
                        directory.recordTitles(
                                view.submissions().stream()
                                        .map(FoldedViews.Submitted::recordId)
                                        .toList()));
        return new CollaborationAnswer(view, creators, titles);
    }

    /**
     * Body of an open call; not named Opening, since the API document names schemas by simple name
     * and ReleaseController's Opening would take this one's place.
     */
    public record CollaborationOpening(
            @NotNull String title, @NotNull String theme, @NotNull String prompt) {}

    /** Body of a submission. */
    public record Submission(@NotNull String recordId) {}

    @PostMapping
    @Operation(operationId = "openCollaboration", summary = "Open a collaboration")
    public ResponseEntity<Created> open(
            @Valid @RequestBody CollaborationOpening body, HttpServletRequest request) {
        return commands.execute(
                request,
                body,
                Created.class,
                () -> {
                    String id = commands.newId();
                    commands.send(
                            new OpenCollaboration(id, body.title(), body.theme(), body.prompt()));
                    return Result.created(id, "/api/collaborations/" + id);
                });
    }

    /** The answer to closing a collaboration. */
    public record CollaborationClosed(String id, boolean closed, long ledgerPosition)
            implements CommandAnswer {}

    @PostMapping("/{collaborationId}/close")
    @Operation(summary = "Close a collaboration to new submissions")
    public ResponseEntity<CollaborationClosed> close(
            @PathVariable String collaborationId, HttpServletRequest request) {
        Text.id(collaborationId, "collaborationId");
        return commands.execute(
                request,
                Map.of(),
                CollaborationClosed.class,
                () -> {
                    commands.send(new CloseCollaboration(collaborationId));
                    return Result.ok(Map.of("id", collaborationId, "closed", true));
                });
    }

    @PostMapping("/{collaborationId}/submissions")
    @Operation(summary = "Submit a record to a collaboration")
    public ResponseEntity<Created> submit(
            @PathVariable String collaborationId,
            @Valid @RequestBody Submission body,
            HttpServletRequest request) {
        Text.id(collaborationId, "collaborationId");
        access.requireActsAsCreatorOf(body.recordId(), "recordId");
        return commands.execute(
                request,
                body,
                Created.class,
                () -> {
                    commands.send(new SubmitRecord(collaborationId, body.recordId()));
                    return Result.created(
                            body.recordId(),
                            "/api/collaborations/"
                                    + collaborationId
                                    + "/submissions/"
                                    + body.recordId());
                });
    }
}
