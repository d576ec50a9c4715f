package org.collabledger.api.web.artists;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.Map;
import org.collabledger.api.history.FoldedViews;
import org.collabledger.api.history.FoldedViews.ArtistProfile;
import org.collabledger.api.web.Changed;
import org.collabledger.api.web.CommandDispatcher;
import org.collabledger.api.web.CommandDispatcher.Result;
import org.collabledger.api.web.Created;
import org.collabledger.api.web.ReadsFrom;
import org.collabledger.domain.artist.ArtistCommand.ChangeArtistProfile;
import org.collabledger.domain.artist.ArtistCommand.RegisterArtist;
import org.collabledger.domain.shared.Text;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Registering artists and changing their public profile. */
@RestController
@Tag(name = "artists", description = "Artists: registration, public profiles, personal data")
@RequestMapping("/api/artists")
public class ArtistController {

    private final CommandDispatcher commands;
    private final FoldedViews views;

    public ArtistController(CommandDispatcher commands, FoldedViews views) {
        this.commands = commands;
        this.views = views;
    }

    /**
     * The public profile; its {@code ETag} is the artist's version, for {@code If-Match} on
     * changes.
     */
    @ReadsFrom({})
    @GetMapping("/{artistId}")
    @Operation(summary = "Read an artist's public profile")
    @ApiResponse(
            responseCode = "200",
            description = "The profile",
            useReturnTypeSchema = true,
            headers =
                    @Header(
                            name = HttpHeaders.ETAG,
                            description =
                                    "The artist's version, such as \"3\", to send back as"
                                            + " If-Match",
                            schema = @Schema(type = "string")))
    public ResponseEntity<ArtistProfile> artist(
            @PathVariable String artistId, @RequestParam(required = false) Long asOf) {
        ArtistProfile view =
                views.artist(Text.id(artistId, "artistId"), asOf == null ? Long.MAX_VALUE : asOf);
        return ResponseEntity.ok().eTag("\"" + view.version() + "\"").body(view);
    }

    /** Body of a registration. */
    public record Registration(@NotNull String handle, @NotNull String displayName) {}

    /** Body of a profile change; absent fields stay as they are. */
    public record ProfileChange(String handle, String displayName) {}

    @PostMapping
    @Operation(summary = "Register an artist")
    public ResponseEntity<Created> register(
            @Valid @RequestBody Registration body, HttpServletRequest request) {
        return commands.execute(
                request,
                body,
                Created.class,
                () -> {
                    String id = commands.newId();
                    commands.send(new RegisterArtist(id, body.handle(), body.displayName()));
                    return Result.created(id, "/api/artists/" + id);
                });
    }

    @PutMapping("/{artistId}/profile")
    @Operation(summary = "Change an artist's handle or display name")
    public ResponseEntity<Changed> changeProfile(
            @PathVariable String artistId,
            @Valid @RequestBody ProfileChange body,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            HttpServletRequest request) {
        Text.id(artistId, "artistId");
        Long expected = CommandDispatcher.expectedVersion(ifMatch);
        return commands.execute(
                request,
                body,
                Changed.class,
                () -> {
                    commands.send(
                            new ChangeArtistProfile(
                                    artistId, body.handle(), body.displayName(), expected));
                    return Result.ok(Map.of("id", artistId));
                });
    }
}
