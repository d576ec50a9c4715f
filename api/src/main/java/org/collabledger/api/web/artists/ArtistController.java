package org.collabledger.api.web.artists;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.Map;
import org.collabledger.api.history.FoldedViews;
import org.collabledger.api.web.CommandDispatcher;
import org.collabledger.api.web.CommandDispatcher.Result;
import org.collabledger.api.web.ReadsFrom;
import org.collabledger.domain.artist.ArtistCommand.ChangeArtistProfile;
import org.collabledger.domain.artist.ArtistCommand.RegisterArtist;
import org.collabledger.domain.shared.Text;
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
    public ResponseEntity<Map<String, Object>> artist(
            @PathVariable String artistId, @RequestParam(required = false) Long asOf) {
        Map<String, Object> view =
                views.artist(Text.id(artistId, "artistId"), asOf == null ? Long.MAX_VALUE : asOf);
        return ResponseEntity.ok().eTag("\"" + view.get("version") + "\"").body(view);
    }

    /** Body of a registration. */
    public record Registration(@NotNull String handle, @NotNull String displayName) {}

    /** Body of a profile change; absent fields stay as they are. */
    public record ProfileChange(String handle, String displayName) {}

    @PostMapping
    public ResponseEntity<Object> register(
            @Valid @RequestBody Registration body, HttpServletRequest request) {
        return commands.execute(
                request,
                body,
                () -> {
                    String id = commands.newId();
                    commands.send(new RegisterArtist(id, body.handle(), body.displayName()));
                    return Result.created(id, "/api/artists/" + id);
                });
    }

    @PutMapping("/{artistId}/profile")
    public ResponseEntity<Object> changeProfile(
            @PathVariable String artistId,
            @Valid @RequestBody ProfileChange body,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            HttpServletRequest request) {
        Text.id(artistId, "artistId");
        Long expected = CommandDispatcher.expectedVersion(ifMatch);
        return commands.execute(
                request,
                body,
                () -> {
                    commands.send(
                            new ChangeArtistProfile(
                                    artistId, body.handle(), body.displayName(), expected));
                    return Result.ok(Map.of("id", artistId));
                });
    }
}
