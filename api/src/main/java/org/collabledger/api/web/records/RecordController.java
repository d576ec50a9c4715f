package org.collabledger.api.web.records;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.collabledger.api.security.ArtistAccess;
import org.collabledger.api.web.Changed;
import org.collabledger.api.web.CommandAnswer;
import org.collabledger.api.web.CommandDispatcher;
import org.collabledger.api.web.CommandDispatcher.Result;
import org.collabledger.api.web.Created;
import org.collabledger.domain.record.Citation;
import org.collabledger.domain.record.MediaType;
import org.collabledger.domain.record.RecordCommand.AddCitation;
import org.collabledger.domain.record.RecordCommand.RemoveCitation;
import org.collabledger.domain.record.RecordCommand.TakeDownRecord;
import org.collabledger.domain.record.RecordCommand.UploadRecord;
import org.collabledger.domain.shared.Text;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Uploads, remixes, takedowns and curator corrections of citations. */
@RestController
@Tag(name = "records", description = "Uploads, remixes, takedowns and citation corrections")
@RequestMapping("/api/records")
public class RecordController {

    private final CommandDispatcher commands;
    private final ArtistAccess access;

    public RecordController(CommandDispatcher commands, ArtistAccess access) {
        this.commands = commands;
        this.access = access;
    }

    /** One cited resource; the weight defaults to 1. */
    public record ResourceRef(@NotNull String recordId, Integer weight) {}

    /** Body of an upload; with non-empty {@code resources} it is a remix. */
    public record Upload(
            @NotNull String creatorId,
            @NotNull String title,
            @NotNull MediaType mediaType,
            @NotNull String contentDigest,
            @NotNull String contentUri,
            @Size(max = 64) List<@NotNull @Valid ResourceRef> resources) {}

    /** Body of a takedown. */
    public record Takedown(@NotNull String reason) {}

    /** What a citation correction does. */
    public enum CorrectionAction {
        ADD,
        REMOVE
    }

    /** Body of a curator's citation correction; {@code weight} (default 1) only for {@code ADD}. */
    public record CitationCorrection(
            @NotNull CorrectionAction action,
            @NotNull String resourceId,
            Integer weight,
            @NotNull String reason) {}

    @PostMapping
    @Operation(summary = "Upload a record, or a remix when it cites resources")
    public ResponseEntity<Created> upload(
            @Valid @RequestBody Upload body, HttpServletRequest request) {
        access.requireActsAs(body.creatorId(), "creatorId");
        List<Citation> resources =
                body.resources() == null
                        ? List.of()
                        : body.resources().stream()
                                .map(
                                        r ->
                                                new Citation(
                                                        r.recordId(),
                                                        r.weight() == null ? 1 : r.weight()))
                                .toList();
        return commands.execute(
                request,
                body,
                Created.class,
                () -> {
                    String id = commands.newId();
                    commands.send(
                            new UploadRecord(
                                    id,
                                    body.creatorId(),
                                    body.title(),
                                    body.mediaType(),
                                    body.contentDigest(),
                                    body.contentUri(),
                                    resources));
                    return Result.created(id, "/api/records/" + id);
                });
    }

    /** The answer to a takedown. */
    public record RecordTakenDown(String id, boolean takenDown, long ledgerPosition)
            implements CommandAnswer {}

    @PostMapping("/{recordId}/takedown")
    @Operation(summary = "Take a record down")
    public ResponseEntity<RecordTakenDown> takeDown(
            @PathVariable String recordId,
            @Valid @RequestBody Takedown body,
            HttpServletRequest request) {
        Text.id(recordId, "recordId");
        return commands.execute(
                request,
                body,
                RecordTakenDown.class,
                () -> {
                    commands.send(new TakeDownRecord(recordId, body.reason()));
                    return Result.ok(Map.of("id", recordId, "takenDown", true));
                });
    }

    @PostMapping("/{recordId}/citation-corrections")
    @Operation(summary = "Add or remove a citation of a record, as a curator's correction")
    public ResponseEntity<Changed> correct(
            @PathVariable String recordId,
            @Valid @RequestBody CitationCorrection body,
            HttpServletRequest request) {
        Text.id(recordId, "recordId");
        return commands.execute(
                request,
                body,
                Changed.class,
                () -> {
                    commands.send(
                            body.action() == CorrectionAction.ADD
                                    ? new AddCitation(
                                            recordId,
                                            body.resourceId(),
                                            body.weight() == null ? 1 : body.weight(),
                                            body.reason())
                                    : new RemoveCitation(
                                            recordId, body.resourceId(), body.reason()));
                    return Result.ok(Map.of("id", recordId));
                });
    }
}
