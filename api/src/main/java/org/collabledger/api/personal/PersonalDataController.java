package org.collabledger.api.personal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.collabledger.api.history.EventFeed;
import org.collabledger.api.personal.PersonalDataVault.PersonalData;
import org.collabledger.api.security.ArtistAccess;
import org.collabledger.api.web.Changed;
import org.collabledger.api.web.CommandAnswer;
import org.collabledger.api.web.CommandDispatcher;
import org.collabledger.api.web.CommandDispatcher.Result;
import org.collabledger.api.web.ReadsFrom;
import org.collabledger.domain.artist.ArtistCommand.ChangePersonalData;
import org.collabledger.domain.artist.ArtistCommand.ForgetArtist;
import org.collabledger.domain.shared.ErrorCode;
import org.collabledger.domain.shared.Refusal;
import org.collabledger.domain.shared.Text;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * An artist's personal data: recorded encrypted in the artist's events, read back decrypted by the
 * artist and finance, and forgotten by deleting the artist's key.
 */
@RestController
@Tag(name = "artists")
public class PersonalDataController {

    private static final Pattern EMAIL =
            Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,189}\\.[^@\\s]{2,63}");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private final CommandDispatcher commands;
    private final PersonalDataVault vault;
    private final EventFeed feed;
    private final ArtistAccess access;

    public PersonalDataController(
            CommandDispatcher commands,
            PersonalDataVault vault,
            EventFeed feed,
            ArtistAccess access) {
        this.commands = commands;
        this.vault = vault;
        this.feed = feed;
        this.access = access;
    }

    /** Body of a personal data change: every field, as a payout needs them all. */
    public record PersonalDataBody(
            @NotNull String legalName,
            @NotNull String email,
            @NotNull String payoutDetails,
            @NotNull String taxCountry) {}

    /** Body of a request to be forgotten. */
    public record ForgetBody(@NotNull String reason) {}

    @PutMapping("/api/artists/{artistId}/personal-data")
    @Operation(summary = "Record an artist's personal data, encrypted")
    public ResponseEntity<Changed> change(
            @PathVariable String artistId,
            @Valid @RequestBody PersonalDataBody body,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            HttpServletRequest request) {
        Text.id(artistId, "artistId");
        access.requireMayHandlePersonalDataOf(artistId);
        PersonalData data = validated(body);
        Long expected = CommandDispatcher.expectedVersion(ifMatch);
        // A refused command (an unknown or forgotten artist) leaves no key behind: on the JDBC
        // engine the key
        // is written in the command's transaction, on KurrentDB it is dropped again here.
        return commands.execute(
                request,
                body,
                Changed.class,
                () -> {
                    PersonalDataVault.Sealed sealed = vault.encrypt(artistId, data);
                    try {
                        commands.send(
                                new ChangePersonalData(artistId, sealed.ciphertext(), expected));
                    } catch (RuntimeException refused) {
                        vault.dropNewKey(artistId, sealed);
                        throw refused;
                    }
                    return Result.ok(Map.of("id", artistId));
                });
    }

    /**
     * An artist's personal data as read back: {@code status} is {@code on-file}, {@code none} or
     * {@code erased}, and the fields are there only while it is on file.
     */
    public record PersonalDataView(
            String artistId,
            @Schema(allowableValues = {"on-file", "none", "erased"}) String status,
            String legalName,
            String email,
            String payoutDetails,
            String taxCountry) {}

    @ReadsFrom({})
    @GetMapping("/api/artists/{artistId}/personal-data")
    @Operation(summary = "Read an artist's personal data, decrypted")
    public PersonalDataView read(@PathVariable String artistId) {
        Text.id(artistId, "artistId");
        access.requireMayHandlePersonalDataOf(artistId);
        String ciphertext = null;
        boolean forgotten = false;
        for (EventFeed.StoredEvent event : feed.ofAggregate(artistId, "Artist", Long.MAX_VALUE)) {
            switch (event.type()) {
                case "artist.personal-data-changed" ->
                        ciphertext = event.payload().path("ciphertext").asText();
                case "artist.forgotten" -> forgotten = true;
                default -> {
                    // the public profile's events carry no personal data
                }
            }
        }
        // A forgotten artist reads as erased even if a key outlived the event (see
        // PersonalDataVault#forget).
        Optional<PersonalData> data =
                ciphertext == null || forgotten
                        ? Optional.empty()
                        : vault.decrypt(artistId, ciphertext);
        return new PersonalDataView(
                artistId,
                data.isPresent() ? "on-file" : forgotten ? "erased" : "none",
                data.map(PersonalData::legalName).orElse(null),
                data.map(PersonalData::email).orElse(null),
                data.map(PersonalData::payoutDetails).orElse(null),
                data.map(PersonalData::taxCountry).orElse(null));
    }

    /** The answer to forgetting an artist: its personal data now reads as {@code erased}. */
    public record ArtistForgotten(String id, String status, long ledgerPosition)
            implements CommandAnswer {}

    @PostMapping("/api/artists/{artistId}/forget")
    @Operation(summary = "Forget an artist's personal data by deleting its key")
    public ResponseEntity<ArtistForgotten> forget(
            @PathVariable String artistId,
            @Valid @RequestBody ForgetBody body,
            HttpServletRequest request) {
        Text.id(artistId, "artistId");
        access.requireMayHandlePersonalDataOf(artistId);
        return commands.execute(
                request,
                body,
                ArtistForgotten.class,
                () -> {
                    // The key goes only once the forgetting is recorded: a refused command must
                    // leave the data readable.
                    commands.send(new ForgetArtist(artistId, body.reason()));
                    vault.forget(artistId);
                    return Result.ok(Map.of("id", artistId, "status", "erased"));
                });
    }

    private static PersonalData validated(PersonalDataBody body) {
        String email = Text.required(body.email(), "email", 254);
        Refusal.require(
                EMAIL.matcher(email).matches(),
                ErrorCode.INVALID_INPUT,
                "email",
                "email must look like name@example.org");
        String country = Text.required(body.taxCountry(), "taxCountry", 2);
        Refusal.require(
                COUNTRIES.contains(country),
                ErrorCode.INVALID_INPUT,
                "taxCountry",
                "taxCountry must be an ISO 3166-1 alpha-2 code such as DE or BR");
        return new PersonalData(
                Text.required(body.legalName(), "legalName", 200),
                email,
                Text.required(body.payoutDetails(), "payoutDetails", 500),
                country);
    }
}
